import type { IDataObject } from 'n8n-workflow';

import { apiDate, laterApiDate, normaliseApiDate } from './apiDates';
import { dcvInstructions } from './dcv';
import { entriesOf, isoDate, numberOrNull, objectOf } from './normalise';
import { textOf } from './output';
import { DV_AUTH_METHODS, type DvAuthMethod } from './placeOrderFields';
import { placementState } from './placementState';

// The review answer as documented (api2.md "review", the SSL example) and as Servertastic's own
// client reads it (STOrderManager::reviewToken copies every key; www/review.php shows them).
// `modifiedorders` records carry the same fields, without an order token.

export { isoDate };
export { apiDate };

/** Every text in a value, however deep (a list, or an XML-style `{ domain: [...] }`). */
function textsIn(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (typeof value === 'number') return [String(value)];
	if (Array.isArray(value)) return value.flatMap(textsIn);
	if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsIn);
	return [];
}

/**
 * The SANs: `additional_sans` (api2.md review; text, shown as is by www/review.php:699) separated by
 * commas or spaces, or a list; `san_domains` (the place parameter's name) is read as well.
 */
export function sanDomainsOf(review: IDataObject): string[] {
	const names = textsIn([review.additional_sans, review.san_domains])
		.flatMap((text) => text.split(/[\s,;]+/))
		.map((name) => name.trim())
		.filter(Boolean);
	return [...new Set(names)];
}

/**
 * The text fields of one group of an answer ({} or "" when empty), by output key: `names` maps
 * each key to the API's field name. Absent or empty fields are null.
 */
export function textFieldsOf(value: unknown, names: Record<string, string>): IDataObject {
	const group = objectOf(value);
	return Object.fromEntries(
		Object.entries(names).map(([key, field]) => [key, textOf(group[field])]),
	);
}

const CONTACT_FIELDS = {
	title: 'title',
	firstName: 'first_name',
	lastName: 'last_name',
	phone: 'phone',
	email: 'email',
};

/** `organisation_info{name, division, address{city, region, country}}` as one flat object. */
function organisationOf(value: unknown): IDataObject {
	return {
		...textFieldsOf(value, { name: 'name', division: 'division' }),
		...textFieldsOf(objectOf(value).address, {
			city: 'city',
			region: 'region',
			country: 'country',
		}),
	};
}

/** `modifications.modification` (one or several), oldest first as the API lists them. */
export function modificationsOf(review: IDataObject): IDataObject[] {
	return entriesOf(review.modifications, 'modification').map((entry) => ({
		timestamp: isoDate(entry.timestamp),
		eventId: textOf(entry.event_id),
		eventName: textOf(entry.event_name),
	}));
}

/**
 * The latest `modifications.modification[].timestamp` (API format), null without a readable one:
 * the trigger keeps it as it is, the tidy output shows it as ISO 8601 (`modifiedDate`).
 */
export function latestModificationOf(review: IDataObject): string | null {
	return entriesOf(review.modifications, 'modification').reduce<string | null>(
		(latest, modification) => laterApiDate(latest, normaliseApiDate(modification.timestamp)),
		null,
	);
}

/** The time of the latest modification (ISO 8601), null without one. */
export function lastModifiedOf(review: IDataObject): string | null {
	return isoDate(latestModificationOf(review));
}

function caCertificates(review: IDataObject, type: string): string[] {
	return entriesOf(review.ca_certs, 'certificate_info')
		.filter((entry) => (textOf(entry.type) ?? '').trim().toUpperCase() === type)
		.map((entry) => textOf(entry.certificate))
		.filter((pem): pem is string => pem !== null);
}

function reissuedCertificatesOf(review: IDataObject): IDataObject[] {
	return entriesOf(review.reissued_certificates, 'certificate_info').map((entry) => ({
		hash: textOf(entry.hash),
		encryption: textOf(entry.encryption),
		certificate: textOf(entry.certificate),
	}));
}

/** SmarterTools orders: `order_licenses.license{product_name, license_key}` (api2.md review). */
function licensesOf(review: IDataObject): IDataObject[] {
	return entriesOf(review.order_licenses, 'license').map((entry) => ({
		productName: textOf(entry.product_name),
		licenseKey: textOf(entry.license_key),
	}));
}

/**
 * An order as `review` (or a `modifiedorders` record) describes it, with the same keys every time;
 * the raw answer is kept by callers. The review carries no order token: `orderToken` is the one the
 * caller asked with, null when there is none (modifiedorders).
 */
export function tidyOrder(review: IDataObject, orderToken: string | null = null): IDataObject {
	const status = textOf(review.order_status)?.trim() ?? null;
	const domain = textOf(review.domain_name);
	const method = textOf(review.dv_auth_method)?.trim().toUpperCase() as DvAuthMethod | undefined;
	const certificate = textOf(review.certificate);
	const intermediates = caCertificates(review, 'INTERMEDIATE');
	const roots = caCertificates(review, 'ROOT');
	const approverEmail = textOf(review.approver_email_address);
	const modifications = modificationsOf(review);
	return {
		orderToken,
		resellerOrderId: textOf(review.reseller_order_id),
		// Not in the documented review; Servertastic's client shows it from there (order_review.php:70).
		resellerReference: textOf(review.reseller_unique_reference),
		providerOrderId: textOf(review.provider_order_id),
		status,
		statusInfo: textOf(review.order_state_further_info),
		isPlaced: placementState(review) === 'placed',
		isIssued: status === 'Completed' && certificate !== null,
		productCode: textOf(review.st_product_code),
		domain,
		sanDomains: sanDomainsOf(review),
		sanCount: numberOrNull(review.san_count),
		serverCount: numberOrNull(review.server_count),
		inviteUrl: textOf(review.invite_url),
		endCustomerEmail: textOf(review.end_customer_email),
		organisation: organisationOf(review.organisation_info),
		adminContact: textFieldsOf(review.admin_contact, CONTACT_FIELDS),
		techContact: textFieldsOf(review.tech_contact, CONTACT_FIELDS),
		approverEmail,
		approverNotifiedDate: isoDate(review.approver_notified_date),
		validation:
			method && DV_AUTH_METHODS.includes(method) && domain
				? dcvInstructions(method, domain, review, approverEmail)
				: null,
		certificate,
		// Intermediates first, as a web server wants them after the certificate.
		chain: intermediates.length ? intermediates.join('\n') : null,
		intermediateCertificates: intermediates,
		rootCertificate: roots[0] ?? null,
		reissuedCertificates: reissuedCertificatesOf(review),
		pkcs7: textOf(review.pkcs7),
		expiryDate: isoDate(review.expiry_date),
		// expiring and account/review records carry order_date; review does not.
		orderDate: isoDate(review.order_date),
		modifiedDate: lastModifiedOf(review),
		modifications,
		licenses: licensesOf(review),
	};
}

/** tidyOrder's keys, in its order: what Order → Get (and Get Many Modified) can select. */
export const ORDER_KEYS: readonly string[] = Object.keys(tidyOrder({}));
