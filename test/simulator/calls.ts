// One handler per API call: read parameters, apply the rules, shape the answer like the real API.
// Handlers throw ApiError; the server turns that into the `{"error":{...}}` body.
import { randomBytes } from 'node:crypto';
import { ApiError, ErrorCode, badState, invalid, missing } from './errors';
import { approverEmails, isDomain, stripWildcard } from './domains';
import { DV_AUTH_METHODS, PRODUCTS, findProduct, orderCost, productFields } from './products';
import type { Product, ProductField } from './products';
import { PENDING_STATUSES, UNUSED_STATUSES, formatDate } from './state';
import type { Account, Contact, OrderState } from './state';
import type { FaultSettings } from './faults';
import { makeCsr } from './x509';

export interface SimulatorSettings {
	/** Send error bodies with HTTP 200, as the real API sometimes does. */
	errorsWithHttp200: boolean;
	/** `approverlist` answers one address as a bare object: `approver_email: {email}`. */
	approverListSingle: boolean;
	/** XML-to-JSON style lists everywhere: one element arrives as an object, none as "". */
	xmlStyleLists: boolean;
	/** Milliseconds every answer waits before it is handled (benchmarks: a distant API). */
	latencyMs: number;
	/** Random faults in a share of the answers (faults.ts); undefined for none. */
	faults?: FaultSettings;
}

export interface CallContext {
	account: Account;
	params: Record<string, string>;
	method: string;
	baseUrl: string;
	settings: SimulatorSettings;
	csrCommonName: (csr: string) => string | undefined;
}

type Reply = Record<string, unknown>;
type Handler = (ctx: CallContext) => Reply;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FILE_METHODS = ['FILE', 'SFILE'];
const DAY_MS = 24 * 3600 * 1000;

function param(ctx: CallContext, name: string): string | undefined {
	const value = ctx.params[name]?.trim();
	return value ? value : undefined;
}

function required(ctx: CallContext, name: string): string {
	const value = param(ctx, name);
	if (value === undefined) throw missing(name);
	return value;
}

/** Checkbox semantics: present and not a spelled-out false. */
function given(ctx: CallContext, name: string): boolean {
	const value = param(ctx, name);
	return value !== undefined && !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function wholeNumber(ctx: CallContext, name: string, fallback: number): number {
	const value = param(ctx, name);
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value)) throw invalid(`${name} must be a whole number`);
	return Number(value);
}

function list<T>(ctx: CallContext, items: T[]): T[] | T | '' {
	if (!ctx.settings.xmlStyleLists) return items;
	if (items.length === 0) return '';
	return items.length === 1 ? items[0] : items;
}

function requireApiKey(ctx: CallContext): void {
	const key = required(ctx, 'api_key');
	if (key !== ctx.account.apiKey) throw new ApiError(ErrorCode.InvalidApiKey, 'Invalid api_key', 401);
}

function requireOrder(ctx: CallContext): OrderState {
	const order = ctx.account.orders.get(required(ctx, 'order_token'));
	if (!order) throw new ApiError(ErrorCode.InvalidOrderToken, 'Invalid order_token');
	return order;
}

function requirePending(order: OrderState, what: string): void {
	if (!PENDING_STATUSES.includes(order.status)) {
		throw badState(`${what} is not possible for an order with status ${order.status}`);
	}
}

const reviewUrl = (ctx: CallContext, order: OrderState): string => `${ctx.baseUrl}/review/${order.orderToken}`;
const inviteUrl = (ctx: CallContext, order: OrderState): string => `${ctx.baseUrl}/invite/${order.orderToken}`;

/** Presence and format rules of one `productfields` entry. */
function checkField(ctx: CallContext, field: ProductField): void {
	const value = param(ctx, field.name);
	if (value === undefined) {
		if (field.required) throw missing(field.name);
		if (field.required_if) {
			const negated = field.required_if.startsWith('!');
			const other = given(ctx, field.required_if.replace(/^!/, ''));
			if (negated ? !other : other) throw missing(field.name);
		}
		return;
	}
	// dv_auth_method gets dedicated messages in `place`.
	if (field.options && field.name !== 'dv_auth_method' && !field.options.includes(value)) {
		throw invalid(`${field.name} must be one of: ${field.options.join(', ')}`);
	}
	if (field.input_type === 'email' && !EMAIL.test(value)) throw invalid(`${field.name} must be a valid email address`);
	if (field.name.endsWith('_country') && !/^[A-Za-z]{2}$/.test(value)) {
		throw invalid(`${field.name} must be a two-letter ISO 3166 country code`);
	}
}

/** The order's common name from the CSR (or domain_name when the API makes the key pair). */
function commonName(ctx: CallContext, product: Product, csr: string | undefined): string {
	let name: string;
	if (csr) {
		const cn = ctx.csrCommonName(csr);
		if (!cn) throw invalid('Unable to read the common name from the csr');
		name = cn.toLowerCase();
	} else {
		name = required(ctx, 'domain_name').toLowerCase();
	}
	if (!isDomain(name)) throw invalid(`${name} is not a valid domain name`);
	const wildcard = name.startsWith('*.');
	if (product.wildcard && !wildcard) throw invalid(`${product.code} needs a wildcard common name such as *.${name}`);
	if (!product.wildcard && wildcard) throw invalid(`${product.code} is not a wildcard product: ${name} cannot be ordered`);
	return name;
}

function checkMethod(method: string, product: Product, names: string[]): void {
	if (!DV_AUTH_METHODS.includes(method)) throw invalid(`dv_auth_method must be one of: ${DV_AUTH_METHODS.join(', ')}`);
	if (FILE_METHODS.includes(method) && (product.wildcard || names.some((n) => n.startsWith('*.')))) {
		throw invalid(`${method} validation is not available for wildcard certificates: use EMAIL or DNS`);
	}
}

function checkApprover(approver: string | undefined, domain: string): string {
	if (!approver) throw missing('approver_email_address');
	if (!approverEmails(domain).includes(approver.toLowerCase())) {
		throw invalid(`approver_email_address ${approver} is not in the approver list for ${stripWildcard(domain)}`);
	}
	return approver.toLowerCase();
}

function pick(params: Record<string, string>, prefix: string): Contact | undefined {
	const out: Contact = {};
	for (const [key, value] of Object.entries(params)) {
		if (key.startsWith(prefix) && value.trim()) out[key.slice(prefix.length)] = value.trim();
	}
	return Object.keys(out).length ? out : undefined;
}

function dcvReply(order: OrderState): Reply {
	if (order.dnsName) {
		return { dv_auth_dns_name: order.dnsName, dv_auth_dns_type: order.dnsType, dns_string: order.dnsString };
	}
	if (order.fileName) return { file_name: order.fileName, file_contents: order.fileContents };
	return {};
}

const place: Handler = (ctx) => {
	const { account } = ctx;
	const order = requireOrder(ctx);
	const csr = param(ctx, 'csr');
	// The real API reads a CSR only from a POST body: query strings mangle '+' and run too long.
	if (csr && ctx.method !== 'POST') throw new ApiError(ErrorCode.PostRequired, 'A csr must be sent by POST');
	if (order.status === 'Cancelled') throw badState('Order has been cancelled');
	if (!UNUSED_STATUSES.includes(order.status)) {
		throw badState(`Order token has already been used: order status is ${order.status}`);
	}
	const product = account.product(order);
	for (const field of productFields(product, order.sanCount)) checkField(ctx, field);

	const method = required(ctx, 'dv_auth_method');
	const domain = commonName(ctx, product, csr);
	const sans = (param(ctx, 'san_domains') ?? '')
		.split(/[\s,]+/)
		.map((s) => s.toLowerCase())
		.filter(Boolean);
	if (sans.length > order.sanCount) {
		throw invalid(`san_domains lists ${sans.length} names but this order allows ${order.sanCount}`);
	}
	for (const san of sans) if (!isDomain(san)) throw invalid(`san_domains: ${san} is not a valid domain name`);
	checkMethod(method, product, [domain, ...sans]);
	const approver = method === 'EMAIL' ? checkApprover(param(ctx, 'approver_email_address'), domain) : undefined;
	const previous = param(ctx, 'previous_order_token');
	if (previous && !account.orders.has(previous)) throw invalid('previous_order_token does not match an order');
	const cost = orderCost(product, order.sanCount);
	if (account.balance < cost) {
		throw new ApiError(
			ErrorCode.InsufficientPoints,
			`Insufficient points: this order needs ${cost} points and the balance is ${account.balance}`,
		);
	}

	order.placeParams = { ...ctx.params };
	order.domainName = domain;
	order.sanDomains = sans;
	order.excludeAddon = given(ctx, 'exclude_addon');
	order.dvAuthMethod = method;
	order.approverEmail = approver;
	order.intermediateCa = param(ctx, 'intermediate_ca');
	order.techContact = pick(ctx.params, 'tech_contact_');
	order.adminContact = pick(ctx.params, 'admin_contact_');
	order.organisation = product.validation === 'DV' ? undefined : pick(ctx.params, 'org_');
	let generated: { csr: string; privateKey: string } | undefined;
	if (csr) {
		order.csr = csr;
	} else {
		generated = makeCsr(domain);
		order.csr = generated.csr;
		order.privateKey = generated.privateKey;
	}
	account.setDcv(order);
	order.pointsSpent = cost;
	account.adjust(-cost, `Order ${order.resellerOrderId} placed (${product.code})`, order);
	order.placedAt = account.now();
	order.placements += 1;
	account.setStatus(order, 'Order Placed');
	return {
		success: 'Order placed',
		reseller_order_id: order.resellerOrderId,
		invite_url: inviteUrl(ctx, order),
		...(generated ? { csr: generated.csr, private_key: generated.privateKey } : {}),
		...dcvReply(order),
	};
};

const reissue: Handler = (ctx) => {
	const { account } = ctx;
	if (ctx.method !== 'POST') throw new ApiError(ErrorCode.PostRequired, 'reissue must be sent by POST');
	const order = requireOrder(ctx);
	if (order.status !== 'Completed') throw badState(`Only completed orders can be reissued (status is ${order.status})`);
	const product = account.product(order);
	const csr = param(ctx, 'csr');
	const domain = csr ? commonName(ctx, product, csr) : (order.domainName ?? '');
	const method = param(ctx, 'dv_auth_method') ?? order.dvAuthMethod ?? 'EMAIL';
	checkMethod(method, product, [domain, ...order.sanDomains]);
	const approver =
		method === 'EMAIL'
			? checkApprover(param(ctx, 'approver_email_address') ?? order.approverEmail, domain)
			: undefined;

	let generated: { csr: string; privateKey: string } | undefined;
	if (csr) {
		order.csr = csr;
		order.privateKey = undefined;
	} else {
		generated = makeCsr(domain);
		order.csr = generated.csr;
		order.privateKey = generated.privateKey;
	}
	order.domainName = domain;
	order.dvAuthMethod = method;
	order.approverEmail = approver;
	account.setDcv(order);
	account.setStatus(order, 'Awaiting Customer Verification');
	return {
		success: 'Reissue requested',
		reseller_order_id: order.resellerOrderId,
		csr: order.csr,
		...(generated ? { private_key: generated.privateKey } : {}),
		...dcvReply(order),
	};
};

function review(ctx: CallContext): Reply {
	const order = requireOrder(ctx);
	const product = ctx.account.product(order);
	const placed = !UNUSED_STATUSES.includes(order.status) && order.placedAt !== undefined;
	// Empty values as the real XML-to-JSON conversion gives them: "" for text, {} for groups.
	return {
		success: 'Order details retrieved',
		order_token: order.orderToken,
		reseller_order_id: order.resellerOrderId,
		reseller_unique_reference: order.resellerUniqueReference,
		order_status: order.status,
		st_product_code: order.productCode,
		product_name: product.name,
		product_validation: product.validation,
		end_customer_email: order.endCustomerEmail,
		order_date: formatDate(order.createdAt),
		modified_date: formatDate(order.modifiedAt),
		domain_name: order.domainName ?? '',
		san_count: order.sanCount,
		server_count: order.serverCount,
		san_domains: order.sanDomains.join(','),
		approver_email_address: order.approverEmail ?? '',
		dv_auth_method: order.dvAuthMethod ?? '',
		dv_auth_dns_name: order.dnsName ?? '',
		dv_auth_dns_type: order.dnsType ?? '',
		dv_auth_dns_string: order.dnsString ?? '',
		dv_auth_file_name: order.fileName ?? '',
		dv_auth_file_contents: order.fileContents ?? '',
		invite_url: placed ? inviteUrl(ctx, order) : '',
		admin_contact: order.adminContact ?? {},
		tech_contact: order.techContact ?? {},
		organisation_info: order.organisation ?? {},
		csr: order.csr ?? '',
		certificate: order.certificate ?? '',
		ca_certs: order.caCerts ? { certificate_info: list(ctx, order.caCerts) } : {},
		pkcs7: order.pkcs7 ?? '',
		expiry_date: order.expiryDate ? formatDate(order.expiryDate) : '',
		modifications: {
			modification: list(
				ctx,
				order.modifications.map((m) => ({ date: formatDate(m.date), description: m.description })),
			),
		},
	};
}

function orderSummary(order: OrderState): Reply {
	return {
		order_token: order.orderToken,
		reseller_order_id: order.resellerOrderId,
		reseller_unique_reference: order.resellerUniqueReference,
		st_product_code: order.productCode,
		order_status: order.status,
		domain_name: order.domainName ?? '',
		modified_date: formatDate(order.modifiedAt),
	};
}

export const CALLS: Record<string, Handler> = {
	'order/generatetoken': (ctx) => {
		requireApiKey(ctx);
		const code = required(ctx, 'st_product_code');
		const product = findProduct(code);
		if (!product) throw invalid(`Invalid st_product_code ${code}`);
		const email = required(ctx, 'end_customer_email');
		if (!EMAIL.test(email)) throw invalid('end_customer_email must be a valid email address');
		const reference = required(ctx, 'reseller_unique_reference');
		const order = ctx.account.createToken({
			productCode: product.code,
			sanCount: wholeNumber(ctx, 'san_count', 0),
			serverCount: wholeNumber(ctx, 'server_count', 1),
			email,
			reference,
		});
		return {
			success: 'Order token generated',
			order_token: order.orderToken,
			reseller_order_id: order.resellerOrderId,
			review_url: reviewUrl(ctx, order),
		};
	},

	'order/productfields': (ctx) => {
		const order = requireOrder(ctx);
		return {
			success: 'Product fields retrieved',
			st_product_code: order.productCode,
			fields: list(ctx, productFields(ctx.account.product(order), order.sanCount)),
		};
	},

	'order/place': place,
	'order/review': review,

	'order/cancel': (ctx) => {
		const order = requireOrder(ctx);
		const refunded = ctx.account.cancel(order);
		return { success: 'Order cancelled', reseller_order_id: order.resellerOrderId, points_refunded: refunded };
	},

	'order/resendemail': (ctx) => {
		const order = requireOrder(ctx);
		const type = required(ctx, 'email_type');
		let to: string;
		if (type === 'Approver') {
			requirePending(order, 'Resending the approver email');
			if (order.dvAuthMethod !== 'EMAIL' || !order.approverEmail) {
				throw badState('This order is not validated by email: there is no approver email to resend');
			}
			to = order.approverEmail;
		} else if (type === 'Fulfillment') {
			if (order.status !== 'Completed') throw badState('The fulfillment email is only sent for completed orders');
			to = order.techContact?.email ?? order.endCustomerEmail;
		} else {
			throw invalid('email_type must be one of: Approver, Fulfillment');
		}
		ctx.account.touch(order, `${type} email resent`);
		return { success: `${type} email resent`, email_sent_to: { email: to } };
	},

	'order/changeapproveremail': (ctx) => {
		const order = requireOrder(ctx);
		requirePending(order, 'Changing the approver email');
		order.approverEmail = checkApprover(required(ctx, 'email'), order.domainName ?? '');
		ctx.account.touch(order, `Approver email changed to ${order.approverEmail}`);
		return { success: 'Approver email changed', approver_email_address: order.approverEmail };
	},

	'order/approverlist': (ctx) => {
		const domain = required(ctx, 'domain_name');
		if (!isDomain(domain)) throw invalid(`${domain} is not a valid domain name`);
		const emails = approverEmails(domain).map((email) => ({ email }));
		return {
			success: 'Approver list retrieved',
			approver_email: ctx.settings.approverListSingle ? emails[0] : list(ctx, emails),
		};
	},

	'order/changeauthmethod': (ctx) => {
		const order = requireOrder(ctx);
		requirePending(order, 'Changing the validation method');
		if (order.dvAuthMethod === 'EMAIL') throw badState('This order already uses EMAIL validation');
		const domain = order.domainName ?? '';
		order.approverEmail = checkApprover(param(ctx, 'approver_email_address') ?? approverEmails(domain)[0], domain);
		order.dvAuthMethod = 'EMAIL';
		ctx.account.setDcv(order);
		ctx.account.touch(order, 'Validation method changed to EMAIL');
		return { success: 'Validation method changed to EMAIL', approver_email_address: order.approverEmail };
	},

	'order/pollauth': (ctx) => {
		const order = requireOrder(ctx);
		requirePending(order, 'Polling validation');
		if (order.dvAuthMethod === 'EMAIL') throw badState('This order is validated by EMAIL: there is nothing to poll');
		ctx.account.touch(order, 'Validation check requested');
		return { success: 'Validation check requested', order_status: order.status };
	},

	'order/reissue': reissue,

	'order/advanceorder': (ctx) => {
		const order = requireOrder(ctx);
		const status = ctx.account.advance(order);
		return { success: `Order advanced to ${status}`, order_status: status };
	},

	'order/modifiedorders': (ctx) => {
		requireApiKey(ctx);
		const date = required(ctx, 'date');
		const since = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(date) ? Date.parse(date.replace(' ', 'T') + 'Z') : NaN;
		if (Number.isNaN(since)) throw invalid('date must be YYYY-MM-DD HH:MM:SS (GMT)');
		const orders = [...ctx.account.orders.values()]
			.filter((o) => o.modifiedAt.getTime() > since)
			.sort((a, b) => a.modifiedAt.getTime() - b.modifiedAt.getTime());
		return {
			success: 'Modified orders retrieved',
			timestamp: formatDate(ctx.account.now()),
			orders: list(ctx, orders.map(orderSummary)),
		};
	},

	'order/expiring': (ctx) => {
		requireApiKey(ctx);
		const days = wholeNumber(ctx, 'days', 60);
		const now = ctx.account.now().getTime();
		const orders = [...ctx.account.orders.values()].filter(
			(o) =>
				o.status === 'Completed' &&
				o.expiryDate !== undefined &&
				o.expiryDate.getTime() >= now &&
				o.expiryDate.getTime() <= now + days * DAY_MS,
		);
		return {
			success: 'Expiring orders retrieved',
			orders: list(
				ctx,
				orders.map((o) => ({
					...orderSummary(o),
					expiry_date: formatDate(o.expiryDate!),
					days_remaining: Math.ceil((o.expiryDate!.getTime() - now) / DAY_MS),
				})),
			),
		};
	},

	'order/showtokens': (ctx) => {
		requireApiKey(ctx);
		const all = [...ctx.account.orders.values()];
		const token = (o: OrderState): Reply => ({ ...orderSummary(o), date_created: formatDate(o.createdAt) });
		return {
			success: 'Tokens retrieved',
			unused_tokens: list(ctx, all.filter((o) => UNUSED_STATUSES.includes(o.status)).map(token)),
			used_tokens: list(ctx, all.filter((o) => !UNUSED_STATUSES.includes(o.status)).map(token)),
		};
	},

	'account/review': (ctx) => {
		requireApiKey(ctx);
		const all = [...ctx.account.orders.values()];
		return {
			success: 'Account details retrieved',
			purchased_points: ctx.account.balance,
			active_orders: all.filter((o) => PENDING_STATUSES.includes(o.status)).length,
			completed_orders: all.filter((o) => o.status === 'Completed').length,
		};
	},

	'account/pointsaudit': (ctx) => {
		requireApiKey(ctx);
		return {
			success: 'Points audit retrieved',
			purchased_points: ctx.account.balance,
			points_audit: list(
				ctx,
				ctx.account.audit.map((a) => ({
					date: formatDate(a.date),
					points: a.points,
					balance: a.balance,
					description: a.description,
					reseller_order_id: a.resellerOrderId ?? '',
				})),
			),
		};
	},

	'account/addtestpoints': (ctx) => {
		requireApiKey(ctx);
		required(ctx, 'points');
		const points = wholeNumber(ctx, 'points', 0);
		if (points < 1) throw invalid('points must be at least 1');
		ctx.account.adjust(points, 'Test points added');
		return { success: `${points} test points added`, purchased_points: ctx.account.balance };
	},

	'account/emptytestpoints': (ctx) => {
		requireApiKey(ctx);
		ctx.account.adjust(-ctx.account.balance, 'Test points emptied');
		return { success: 'Test points emptied', purchased_points: ctx.account.balance };
	},

	'account/regenerateapikey': (ctx) => {
		requireApiKey(ctx);
		ctx.account.apiKey = `st-sim-${randomBytes(12).toString('hex')}`;
		return { success: 'API key regenerated', api_key: ctx.account.apiKey };
	},

	'product/listproducts': (ctx) => {
		requireApiKey(ctx);
		const group = param(ctx, 'product_group') ?? 'All';
		// Every product in this catalogue is an SSL certificate, so both groups list the same set.
		if (!['ssl', 'all'].includes(group.toLowerCase())) throw invalid('product_group must be one of: SSL, All');
		return {
			success: 'Products retrieved',
			products: list(
				ctx,
				PRODUCTS.map((x) => ({
					st_product_code: x.code,
					product_name: x.name,
					product_validation: x.validation,
					min_san_count: x.minSanCount,
					max_san_count: x.maxSanCount,
					max_server_count: x.maxServerCount,
					points: x.points,
					san_points: x.sanPoints,
				})),
			),
		};
	},
};
