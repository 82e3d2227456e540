// One handler per API call of the table of calls (nodes/Servertastic/transport/calls.ts): read
// parameters, apply the rules, answer in the documented shape. The server checks the API key first
// for the calls the table says take it.
// Handlers throw ApiError; the server turns that into the `{"error":{...}}` body. Each answer names its
// fixture (test/contract/fixtures) and the source lines it follows; README.md lists what is guessed.
import { randomBytes } from 'node:crypto';
import type { ServertasticCall } from '../../nodes/Servertastic/transport/calls';
import { badState, invalid } from './errors';
import { approverEmails, isDomain } from './domains';
import { PRODUCTS, findProduct } from './products';
import { FILE_METHODS } from './fileCheck';
import { formatDate, isPending, isPlaceable } from './state';
import type { OrderState } from './state';
import {
	EMAIL,
	param,
	required,
	requireOrder,
	requirePending,
	reviewUrl,
	wholeNumber,
} from './context';
import type { Handler } from './context';
import { checkApprover, place, productfieldsAnswer, reissue } from './place';
import { container, modifiedRecord, reviewAnswer, shortRecord, tokenEntry } from './records';

export type { CallContext, Handler, Reply, SimulatorSettings } from './context';

const DAY_MS = 24 * 3600 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** "[order reference]" (DOC api2.md:633, 900): the reseller order id, as the fixtures read it (a guess). */
const reference = (order: OrderState): string => order.resellerOrderId;

const HANDLERS = {
	// shape: test/contract/fixtures/order/generatetoken.token-generated.json and .review-url.json: DOC shows
	// two answers (api2.md:827-832 and 146-151); this one carries the keys of both.
	'order/generatetoken': (ctx) => {
		const code = required(ctx, 'st_product_code');
		const product = findProduct(code);
		if (!product) throw invalid(`Invalid st_product_code ${code}`);
		const email = required(ctx, 'end_customer_email');
		if (!EMAIL.test(email)) throw invalid('end_customer_email must be a valid email address');
		const order = ctx.account.createToken({
			productCode: product.code,
			sanCount: wholeNumber(ctx, 'san_count', 0),
			serverCount: wholeNumber(ctx, 'server_count', 1),
			email,
			reference: required(ctx, 'reseller_unique_reference'),
		});
		return {
			success: 'Order token generated',
			order_token: order.orderToken,
			product_code: order.productCode,
			reseller_order_id: order.resellerOrderId,
			review_url: reviewUrl(ctx, order),
		};
	},

	'order/productfields': productfieldsAnswer,
	'order/place': place,
	'order/review': (ctx) => reviewAnswer(ctx, requireOrder(ctx)),
	'order/reissue': reissue,

	// shape: test/contract/fixtures/order/cancel.json (DOC api2.md:629-634)
	'order/cancel': (ctx) => {
		const order = requireOrder(ctx);
		ctx.account.cancel(order);
		return { success: `Order cancelled - ${reference(order)}` };
	},

	// shape: test/contract/fixtures/order/resendemail.json (DOC api2.md:644-655)
	'order/resendemail': (ctx) => {
		const order = requireOrder(ctx);
		const type = required(ctx, 'email_type');
		const sentTo = { approver_email: '', admin_contact_email: '', tech_contact_email: '' };
		if (type === 'Approver') {
			requirePending(order, 'Resending the approver email');
			if (order.dvAuthMethod !== 'EMAIL' || !order.approverEmail) {
				throw badState(
					'This order is not validated by email: there is no approver email to resend',
				);
			}
			sentTo.approver_email = order.approverEmail;
			order.approverNotifiedAt = ctx.account.now();
		} else if (type === 'Fulfillment') {
			if (order.status !== 'Completed')
				throw badState('The fulfillment email is only sent for completed orders');
			// Which addresses get the certificate is a guess: both contacts.
			sentTo.admin_contact_email = order.adminContact?.email ?? '';
			sentTo.tech_contact_email = order.techContact?.email ?? order.endCustomerEmail;
		} else {
			throw invalid('email_type must be one of: Approver, Fulfillment');
		}
		ctx.account.touch(order, `${type} Email Resent`);
		return { success: 'Email resent', type, email_sent_to: sentTo };
	},

	// shape: test/contract/fixtures/order/changeapproveremail.json (DOC api2.md:661-668)
	'order/changeapproveremail': (ctx) => {
		const order = requireOrder(ctx);
		requirePending(order, 'Changing the approver email');
		order.approverEmail = checkApprover(required(ctx, 'email'), order.domainName ?? '');
		order.approverNotifiedAt = ctx.account.now();
		ctx.account.touch(order, 'Approver Email Changed');
		return { success: 'Change Approver Email Reset' };
	},

	// shape: test/contract/fixtures/order/approverlist.json (DOC api2.md:776-782)
	'order/approverlist': (ctx) => {
		const domain = required(ctx, 'domain_name');
		if (!isDomain(domain)) throw invalid(`${domain} is not a valid domain name`);
		const emails = approverEmails(domain).map((email) => ({ email }));
		// The old approverListSingle switch: only the first address, as a bare object.
		return {
			success: 'ApproverList',
			approver_email: ctx.settings.approverListSingle ? emails[0] : emails,
		};
	},

	// shape: test/contract/fixtures/order/changeauthmethod.json (DOC api2.md:790-797)
	'order/changeauthmethod': (ctx) => {
		const order = requireOrder(ctx);
		requirePending(order, 'Changing the validation method');
		if (order.dvAuthMethod === 'EMAIL') throw badState('This order already uses EMAIL validation');
		const domain = order.domainName ?? '';
		// STC sends the address as email_address (classes/STOrderManager.php:365-372); DOC names none.
		const asked = param(ctx, 'email_address') ?? param(ctx, 'approver_email_address');
		order.approverEmail = checkApprover(asked ?? approverEmails(domain)[0], domain);
		order.approverNotifiedAt = ctx.account.now();
		order.dvAuthMethod = 'EMAIL';
		ctx.account.setDcv(order);
		ctx.account.touch(order, 'DV Auth Method Updated');
		return { success: 'DV Auth Method Updated' };
	},

	// shape: test/contract/fixtures/order/pollauth.json, pollauth.no-status.json (DOC api2.md:809-813)
	'order/pollauth': (ctx) => {
		const order = requireOrder(ctx);
		requirePending(order, 'Polling validation');
		if (order.dvAuthMethod === 'EMAIL')
			throw badState('This order is validated by EMAIL: there is nothing to poll');
		ctx.account.touch(order, 'Order Polled');
		// `status` "If FILE Auth"; its values are not documented: 'Pending' and 'Validated' are guesses.
		// With settings.fileValidation the server fetched the file just before this call (fileCheck.ts).
		const file = FILE_METHODS.includes(order.dvAuthMethod ?? '');
		return {
			success: 'Order Polled',
			...(file ? { status: order.fileValidatedAt ? 'Validated' : 'Pending' } : {}),
		};
	},

	// shape: test/contract/fixtures/order/advanceorder.json (DOC api2.md:895-902)
	'order/advanceorder': (ctx) => {
		const order = requireOrder(ctx);
		if (
			ctx.settings.fileValidation &&
			FILE_METHODS.includes(order.dvAuthMethod ?? '') &&
			isPending(order)
		) {
			// The real file check decides: a push before the file is there leaves the order waiting.
			if (order.fileValidatedAt) {
				ctx.account.issue(order);
				ctx.account.setStatus(order, 'Completed');
			}
		} else {
			ctx.account.advance(order);
		}
		return {
			success: `Order was pushed. Please wait up to 3 minutes for the status to update - ${reference(order)}`,
		};
	},

	// shape: test/contract/fixtures/order/modifiedorders.json, .one-order.json, .none.json (DOC api2.md:679-735)
	'order/modifiedorders': (ctx) => {
		const date = required(ctx, 'date');
		const since = DATE.test(date) ? Date.parse(date.replace(' ', 'T') + 'Z') : NaN;
		if (Number.isNaN(since)) throw invalid('date must be YYYY-MM-DD HH:MM:SS (GMT)');
		const orders = [...ctx.account.orders.values()]
			.filter((o) => o.modifiedAt.getTime() > since)
			.sort((a, b) => a.modifiedAt.getTime() - b.modifiedAt.getTime());
		// The last modification in the returned data; with none, the date asked for (a guess).
		const last = orders.at(-1)?.modifiedAt;
		return {
			success: 'Modified Orders',
			orders: container(
				'order',
				orders.map((o) => modifiedRecord(ctx, o)),
			),
			data_accuracy: last ? formatDate(last) : date,
		};
	},

	// shape: test/contract/fixtures/order/expiring.json, .one-order.json, .none.json (DOC api2.md:737-764)
	'order/expiring': (ctx) => {
		const days = wholeNumber(ctx, 'days', 60);
		const now = ctx.account.now().getTime();
		const issued = [...ctx.account.orders.values()].filter(
			(o) => o.status === 'Completed' && o.expiryDate,
		);
		// "If the domain has had the same product purchased for it that expires after the original the
		// record won't be returned" (api2.md:739).
		const renewed = (o: OrderState): boolean =>
			issued.some(
				(p) =>
					p !== o &&
					p.productCode === o.productCode &&
					p.domainName === o.domainName &&
					p.expiryDate! > o.expiryDate!,
			);
		const orders = issued.filter(
			(o) =>
				o.expiryDate!.getTime() >= now &&
				o.expiryDate!.getTime() <= now + days * DAY_MS &&
				!renewed(o),
		);
		return { success: 'Expiring Orders', orders: container('order', orders.map(shortRecord)) };
	},

	// shape: test/contract/fixtures/order/showtokens.json, .one-each.json, .none-used.json (DOC api2.md:844-859)
	'order/showtokens': (ctx) => {
		const all = [...ctx.account.orders.values()];
		return {
			success: 'Order tokens',
			unused_tokens: container('order_token', all.filter(isPlaceable).map(tokenEntry)),
			used_tokens: container('order_token', all.filter((o) => !isPlaceable(o)).map(tokenEntry)),
		};
	},

	// shape: test/contract/fixtures/account/review.json, .one-each.json, .no-orders.json (DOC api2.md:930-958)
	'account/review': (ctx) => {
		const all = [...ctx.account.orders.values()];
		// "each order ... that is not Complete or Cancelled" (api2.md:924): unplaced tokens too.
		const active = all.filter((o) => o.status !== 'Completed' && o.status !== 'Cancelled');
		return {
			success: 'Reseller Overview',
			purchased_points: ctx.account.balance,
			active_orders: container('active_order', active.map(shortRecord)),
			completed_orders: container(
				'completed_order',
				all.filter((o) => o.status === 'Completed').map(shortRecord),
			),
		};
	},

	// shape: test/contract/fixtures/account/pointsaudit.json, .one-record.json (DOC api2.md:968-983)
	'account/pointsaudit': (ctx) => {
		return {
			success: 'PointsAudit',
			record: ctx.account.audit.map((a) => ({
				Timestamp: formatDate(a.date),
				PointsAdjustment: a.points,
				NewPointsTotal: a.balance,
				Description: a.description,
				OrderDate: a.order ? formatDate(a.order.placedAt ?? a.order.createdAt) : '',
				OrderReference: a.order ? reference(a.order) : '',
				OrderToken: a.order?.orderToken ?? '',
				Notes: '',
			})),
		};
	},

	// shape: test/contract/fixtures/account/addtestpoints.json (DOC api2.md:994-1000)
	'account/addtestpoints': (ctx) => {
		required(ctx, 'points');
		const points = wholeNumber(ctx, 'points', 0);
		if (points < 1) throw invalid('points must be at least 1');
		ctx.account.adjust(points, 'Test points added');
		return { success: 'Points total updated', new_total: ctx.account.balance };
	},

	// shape: test/contract/fixtures/account/emptytestpoints.json (DOC api2.md:1010-1016)
	'account/emptytestpoints': (ctx) => {
		ctx.account.adjust(-ctx.account.balance, 'Test points emptied');
		return { success: 'Points total updated', new_total: ctx.account.balance };
	},

	// shape: test/contract/fixtures/account/regenerateapikey.json (DOC api2.md:914-920)
	'account/regenerateapikey': (ctx) => {
		ctx.account.apiKey = `st-sim-${randomBytes(12).toString('hex')}`;
		return { success: 'API Key reset', api_key: ctx.account.apiKey };
	},

	// shape: test/contract/fixtures/product/listproducts.json, .one-product.json (DOC api2.md:1029-1045)
	'product/listproducts': (ctx) => {
		const group = (param(ctx, 'product_group') ?? 'All').toLowerCase();
		// DOC api2.md:1026. Every product here is an SSL certificate: SmarterTools lists none.
		if (!['ssl', 'smartertools', 'all'].includes(group)) {
			throw invalid('product_group must be one of: SSL, SmarterTools, All');
		}
		const products = group === 'smartertools' ? [] : PRODUCTS;
		// One <products> element per product: none at all when the group is empty (a guess).
		const entries = products.map((x) => ({
			st_product_code: x.code,
			product_name: x.name,
			html_description: `<p>${x.name}</p>`,
			max_server_count: x.maxServerCount,
			min_san_count: x.minSanCount,
			max_san_count: x.maxSanCount,
			product_validation: x.validation,
			base_san_points: x.sanPoints,
			product_points: x.points,
		}));
		return { success: 'Product list', ...(entries.length ? { products: entries } : {}) };
	},
} satisfies Record<ServertasticCall, Handler>;

/** Every call of the table has its handler (checked by the compiler); looked up by the path asked for. */
export const CALLS: Readonly<Record<string, Handler>> = HANDLERS;
