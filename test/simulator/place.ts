// productfields, place and reissue: one field list (products.ts) answers productfields and checks place.
import { ApiError, ErrorCode, badState, invalid, missing } from './errors';
import { approverEmails, isDomain, stripWildcard } from './domains';
import {
	DV_AUTH_METHODS,
	HASHING_ALGORITHMS,
	orderCost,
	productFields,
	productLabel,
} from './products';
import type { Product, ProductField } from './products';
import { isPlaceable } from './state';
import type { Contact, OrderState } from './state';
import { EMAIL, given, inviteUrl, param, required, requireOrder } from './context';
import type { CallContext, Handler } from './context';
import { makeCsr } from './x509';

const FILE_METHODS = ['FILE', 'SFILE'];

/** options / required_if: "" for none, else a list (the fixture's reading of DOC api2.md:293, 417, 428-509). */
const repeated = (values: string[] | undefined): string | string[] =>
	values?.length ? [...values] : '';

// shape: test/contract/fixtures/order/productfields.json (DOC api2.md:310-510; STC classes/STOrderManager.php:226-246).
// Documented reading: options and required_if are lists, even of one; none is "".
export const productfieldsAnswer: Handler = (ctx) => {
	const order = requireOrder(ctx);
	const product = ctx.account.product(order);
	return [
		product.code,
		productLabel(product),
		...productFields(product, order.sanCount).map((field) => ({
			[field.name]: {
				required: field.required ? '1' : '',
				input_type: field.input_type,
				options: repeated(field.options),
				required_if: repeated(field.required_if),
			},
		})),
	];
};

/** Does this `required_if` hold? Every condition must (DOC api2.md:295; AND for a list is a guess). */
function requiredIf(ctx: CallContext, conditions: string[]): boolean {
	return conditions.every((c) => (c.startsWith('!') ? !given(ctx, c.slice(1)) : given(ctx, c)));
}

/** Presence and format rules of one field, as productfields describes it. */
function checkField(ctx: CallContext, field: ProductField): void {
	const value = param(ctx, field.name);
	if (value === undefined) {
		// approver_email_address: required in productfields, but place needs it only for EMAIL (seed).
		const needed = field.name === 'approver_email_address' ? false : field.required;
		if (needed || (field.required_if && requiredIf(ctx, field.required_if)))
			throw missing(field.name);
		return;
	}
	// dv_auth_method gets dedicated messages below.
	if (field.options && field.name !== 'dv_auth_method' && !field.options.includes(value)) {
		throw invalid(`${field.name} must be one of: ${field.options.join(', ')}`);
	}
	if (field.input_type === 'email' && !EMAIL.test(value))
		throw invalid(`${field.name} must be a valid email address`);
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
	if (product.wildcard && !wildcard)
		throw invalid(`${product.code} needs a wildcard common name such as *.${name}`);
	if (!product.wildcard && wildcard)
		throw invalid(`${product.code} is not a wildcard product: ${name} cannot be ordered`);
	return name;
}

function checkMethod(method: string, product: Product, names: string[]): void {
	if (!DV_AUTH_METHODS.includes(method))
		throw invalid(`dv_auth_method must be one of: ${DV_AUTH_METHODS.join(', ')}`);
	if (
		FILE_METHODS.includes(method) &&
		(product.wildcard || names.some((n) => n.startsWith('*.')))
	) {
		throw invalid(
			`${method} validation is not available for wildcard certificates: use EMAIL or DNS`,
		);
	}
}

export function checkApprover(approver: string | undefined, domain: string): string {
	if (!approver) throw missing('approver_email_address');
	if (!approverEmails(domain).includes(approver.toLowerCase())) {
		throw invalid(
			`approver_email_address ${approver} is not in the approver list for ${stripWildcard(domain)}`,
		);
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

/** A key pair and CSR as the API makes them: from domain_name, the organisation and the admin email (DOC api2.md:168). */
function generate(ctx: CallContext, domain: string): { csr: string; privateKey: string } {
	return makeCsr(domain, [], {
		organisation: param(ctx, 'org_name'),
		unit: param(ctx, 'org_division'),
		locality: param(ctx, 'org_address_city'),
		region: param(ctx, 'org_address_region'),
		country: param(ctx, 'org_address_country'),
		email: param(ctx, 'admin_contact_email'),
	});
}

/** file_contents / dns_string "If generated by API" (DOC api2.md:202-203). */
function dcvAnswer(order: OrderState): Record<string, string> {
	if (order.dnsString) return { dns_string: order.dnsString };
	if (order.fileContents) return { file_contents: order.fileContents };
	return {};
}

// shape: test/contract/fixtures/order/place.csr-supplied.json, .key-generated.json, .dns.json, .file.json
// (DOC api2.md:192-205; STC www/review.php:110-163)
export const place: Handler = (ctx) => {
	const { account } = ctx;
	const order = requireOrder(ctx);
	const csr = param(ctx, 'csr');
	// DOC api2.md:165: a CSR only by POST.
	if (csr && ctx.method !== 'POST')
		throw new ApiError(ErrorCode.PostRequired, 'A csr must be sent by POST');
	if (order.status === 'Cancelled') throw badState('Order has been cancelled');
	// No source shows this refusal: its code and text are guesses.
	if (!isPlaceable(order))
		throw badState('This order token has already been used to place an order');
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
	for (const san of sans)
		if (!isDomain(san)) throw invalid(`san_domains: ${san} is not a valid domain name`);
	checkMethod(method, product, [domain, ...sans]);
	const approver =
		method === 'EMAIL' ? checkApprover(param(ctx, 'approver_email_address'), domain) : undefined;
	const previous = param(ctx, 'previous_order_token');
	if (previous && !account.orders.has(previous))
		throw invalid('previous_order_token does not match an order');
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
	order.approverNotifiedAt = approver ? account.now() : undefined;
	order.hashingAlgorithm = param(ctx, 'hashing_algorithm');
	order.intermediateCa = param(ctx, 'intermediate_ca');
	order.techContact = pick(ctx.params, 'tech_contact_');
	order.adminContact = pick(ctx.params, 'admin_contact_');
	order.organisation = pick(ctx.params, 'org_');
	// Returned once and never stored (DOC api2.md:168): the simulator keeps it only for assertions.
	const generated = csr ? undefined : generate(ctx, domain);
	order.csr = csr ?? generated!.csr;
	order.privateKey = generated?.privateKey;
	account.setDcv(order);
	order.pointsSpent = cost;
	order.orderPoints = cost;
	account.adjust(-cost, `Order ${order.resellerOrderId} placed (${product.code})`, order);
	order.placedAt = account.now();
	order.placements += 1;
	// The status stays Order Placed: review lags the CA (DOC api2.md:513).
	account.setStatus(order, 'Order Placed');
	if (approver) account.touch(order, 'Approver Email Sent');
	return {
		success: 'Order placed',
		reseller_order_id: order.resellerOrderId,
		invite_url: inviteUrl(ctx, order),
		...(generated ? { csr: generated.csr, private_key: generated.privateKey } : {}),
		...dcvAnswer(order),
	};
};

// shape: test/contract/fixtures/order/reissue.json (DOC api2.md:861-885)
export const reissue: Handler = (ctx) => {
	const { account } = ctx;
	// DOC api2.md:863: "a POST only API call".
	if (ctx.method !== 'POST')
		throw new ApiError(ErrorCode.PostRequired, 'reissue must be sent by POST');
	const order = requireOrder(ctx);
	if (order.status !== 'Completed')
		throw badState(`Only completed orders can be reissued (status is ${order.status})`);
	const product = account.product(order);
	const csr = param(ctx, 'csr');
	const domain = csr ? commonName(ctx, product, csr) : (order.domainName ?? '');
	const method = param(ctx, 'dv_auth_method') ?? order.dvAuthMethod ?? 'EMAIL';
	checkMethod(method, product, [domain, ...order.sanDomains]);
	const approver =
		method === 'EMAIL'
			? checkApprover(param(ctx, 'approver_email_address') ?? order.approverEmail, domain)
			: undefined;
	const hashing = param(ctx, 'hashing_algorithm');
	if (hashing && !HASHING_ALGORITHMS.includes(hashing)) {
		throw invalid(`hashing_algorithm must be one of: ${HASHING_ALGORITHMS.join(', ')}`);
	}

	// "with simply the order_token ... the result will include a private key" (api2.md:865).
	const generated = csr ? undefined : makeCsr(domain);
	order.csr = csr ?? generated!.csr;
	order.privateKey = generated?.privateKey;
	order.domainName = domain;
	order.dvAuthMethod = method;
	order.approverEmail = approver;
	if (hashing) order.hashingAlgorithm = hashing;
	account.setDcv(order);
	account.setStatus(order, 'Awaiting Customer Verification');
	// DOC shows every key; those that do not apply are "". The success text is a guess (DOC's is empty).
	return {
		dns_string: order.dnsString ?? '',
		dns_name: order.dnsName ?? '',
		file_name: order.fileName ?? '',
		file_contents: order.fileContents ?? '',
		csr: order.csr,
		private_key: generated?.privateKey ?? '',
		success: 'Order reissued',
	};
};
