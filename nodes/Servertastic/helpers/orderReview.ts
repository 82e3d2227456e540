import type { IDataObject } from 'n8n-workflow';

import { asList } from './normalise';
import { dcvInstructions, textOf } from './output';
import { DV_AUTH_METHODS, type DvAuthMethod } from './placeOrderFields';

/** Statuses in which the token has not been used to place an order (Roll Back: placing failed, place again). */
export const UNPLACED_STATUSES = ['Order Generated', 'Roll Back'];

/** `YYYY-MM-DD HH:MM:SS` (GMT, as the API writes dates) → ISO 8601; anything else is kept as it came. */
export function isoDate(value: unknown): string | null {
	const text = textOf(value);
	if (!text) return null;
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text.trim());
	return match ? `${match[1]}T${match[2]}Z` : text;
}

/** The API's date format, for calls that take a date (modifiedorders). */
export function apiDate(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

function certificatesOfType(review: IDataObject, type: string): string[] {
	const caCerts = (review.ca_certs ?? {}) as IDataObject;
	return asList(caCerts.certificate_info)
		.filter((entry) => String((entry as IDataObject)?.type ?? '').toUpperCase() === type)
		.map((entry) => textOf((entry as IDataObject).certificate))
		.filter((pem): pem is string => pem !== null);
}

/** An order as `review` describes it, with the same keys every time; the raw answer is kept by callers. */
export function tidyOrder(review: IDataObject): IDataObject {
	const status = textOf(review.order_status);
	const domain = textOf(review.domain_name);
	const method = textOf(review.dv_auth_method)?.toUpperCase() as DvAuthMethod | undefined;
	const certificate = textOf(review.certificate);
	const intermediates = certificatesOfType(review, 'INTERMEDIATE');
	const roots = certificatesOfType(review, 'ROOT');
	const sanText = textOf(review.san_domains);
	return {
		orderToken: textOf(review.order_token),
		resellerOrderId: textOf(review.reseller_order_id),
		status,
		isPlaced: status !== null && !UNPLACED_STATUSES.includes(status),
		isIssued: status === 'Completed' && certificate !== null,
		productCode: textOf(review.st_product_code),
		domain,
		sanDomains: sanText ? sanText.split(',').map((name) => name.trim()).filter(Boolean) : [],
		validation:
			method && DV_AUTH_METHODS.includes(method) && domain
				? dcvInstructions(method, domain, review, textOf(review.approver_email_address))
				: null,
		certificate,
		// Intermediates first, as a web server wants them after the certificate.
		chain: intermediates.length ? intermediates.join('\n') : null,
		intermediateCertificates: intermediates,
		rootCertificate: roots[0] ?? null,
		pkcs7: textOf(review.pkcs7),
		expiryDate: isoDate(review.expiry_date),
		orderDate: isoDate(review.order_date),
		modifiedDate: isoDate(review.modified_date),
	};
}
