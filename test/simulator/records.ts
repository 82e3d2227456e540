// The order records the answers are built from, in the documented reading of the fixtures: a repeated
// element is a list (even of one), an empty one leaves its container "" (shape.ts turns numbers into
// text and applies the other readings).
import { formatDate } from './state';
import type { Account, Contact, OrderState } from './state';
import type { CallContext } from './context';
import { inviteUrl } from './context';

type Rec = Record<string, unknown>;

const date = (d: Date | undefined): string => (d ? formatDate(d) : '');

/** `<parent><key>…</key>…</parent>`: `{ key: [...] }`, or "" when the parent is empty. */
export const container = (key: string, items: unknown[]): Rec | '' =>
	items.length ? { [key]: items } : '';

/** DOC api2.md:548-561: the five documented keys, "" while unknown. */
function contact(c: Contact | undefined): Rec {
	return {
		title: c?.title ?? '',
		first_name: c?.first_name ?? '',
		last_name: c?.last_name ?? '',
		phone: c?.phone ?? '',
		email: c?.email ?? '',
	};
}

/** DOC api2.md:537-545. Other org_* values place took are kept, not shown: no source shows their keys. */
function organisationInfo(o: Contact | undefined): Rec {
	return {
		name: o?.name ?? '',
		division: o?.division ?? '',
		address: {
			city: o?.address_city ?? '',
			region: o?.address_region ?? '',
			country: o?.address_country ?? '',
		},
	};
}

/** DOC api2.md:534: server_count "Only shows if relevant to product" (the Symantec, now DigiCert, products). */
const showsServerCount = (account: Account, order: OrderState): boolean =>
	account.product(order).brand === 'DigiCert';

/**
 * The part review and modifiedorders share (DOC api2.md:526-569 and 686-731), without order_token.
 * A fresh token: `Order Placed` with everything place writes empty.
 */
export function orderRecord(ctx: CallContext, order: OrderState): Rec {
	const placed = order.placedAt !== undefined;
	return {
		reseller_order_id: order.resellerOrderId,
		provider_order_id: order.providerOrderId ?? '',
		st_product_code: order.productCode,
		order_status: order.status,
		order_state_further_info: '',
		domain_name: order.domainName ?? '',
		san_count: order.sanCount,
		// DOC shows one element: the SANs as one comma-separated text (as place takes san_domains).
		additional_sans: order.sanDomains.join(','),
		...(showsServerCount(ctx.account, order) ? { server_count: order.serverCount } : {}),
		invite_url: placed ? inviteUrl(ctx, order) : '',
		end_customer_email: order.endCustomerEmail,
		organisation_info: organisationInfo(order.organisation),
		approver_notified_date: date(order.approverNotifiedAt),
		approver_email_address: order.approverEmail ?? '',
		admin_contact: contact(order.adminContact),
		tech_contact: contact(order.techContact),
		modifications: container(
			'modification',
			order.modifications.map((m) => ({
				timestamp: formatDate(m.date),
				event_id: m.eventId,
				event_name: m.eventName,
			})),
		),
		certificate: order.certificate ?? '',
		expiry_date: date(order.expiryDate),
	};
}

/** The DCV keys STC reads from the review (www/review.php:365,457-466,561-568); not in DOC. After place only. */
function dcvKeys(order: OrderState): Rec {
	if (order.placedAt === undefined) return {};
	return {
		dv_auth_method: order.dvAuthMethod ?? '',
		dv_auth_dns_type: order.dnsType ?? '',
		dv_auth_dns_name: order.dnsName ?? '',
		dv_auth_dns_string: order.dnsString ?? '',
		dv_auth_file_name: order.fileName ?? '',
		dv_auth_file_contents: order.fileContents ?? '',
	};
}

// shape: test/contract/fixtures/order/review.fresh-token.json, .placed-status-order-placed.json,
// .placed-dns.json, .placed-awaiting-email.json, .completed.json, .ov.json, .additional-sans.json
// (DOC api2.md:523-584; dv_auth_* STC www/review.php:365-568; pkcs7 STC www/review.php:721-725)
export function reviewAnswer(ctx: CallContext, order: OrderState): Rec {
	return {
		success: 'Review Order',
		...orderRecord(ctx, order),
		// "shown if multiple certs have been reissued" (api2.md:570): every certificate, oldest first.
		...(order.issued.length > 1
			? { reissued_certificates: { certificate_info: order.issued.map((c) => ({ ...c })) } }
			: {}),
		// "shown if CA certs are present" (api2.md:577).
		...(order.caCerts
			? { ca_certs: { certificate_info: order.caCerts.map((c) => ({ ...c })) } }
			: {}),
		...dcvKeys(order),
		// STC prints pkcs7 only when it is set (review.php:721): present once issued.
		...(order.pkcs7 ? { pkcs7: order.pkcs7 } : {}),
	};
}

/** A modifiedorders record: the review's DOC part; provider_order_id "*or" truste_account_id (api2.md:687-688). */
export function modifiedRecord(ctx: CallContext, order: OrderState): Rec {
	const { provider_order_id, ...rest } = orderRecord(ctx, order);
	return {
		reseller_order_id: rest.reseller_order_id,
		provider_order_id,
		truste_account_id: '',
		...rest,
	};
}

/** The short record of expiring and account/review (DOC api2.md:754-762, 937-956). */
export function shortRecord(order: OrderState): Rec {
	return {
		reseller_order_id: order.resellerOrderId,
		order_status: order.status,
		order_date: formatDate(order.placedAt ?? order.createdAt),
		domain_name: order.domainName ?? '',
		order_points: order.orderPoints,
		expiry_date: date(order.expiryDate),
		st_product_code: order.productCode,
	};
}

/** One showtokens entry (DOC api2.md:848-851). */
export const tokenEntry = (order: OrderState): Rec => ({
	token: order.orderToken,
	reseller_unique_reference: order.resellerUniqueReference,
});
