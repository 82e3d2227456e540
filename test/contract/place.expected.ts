// What Place, Generate Token and Get Product Fields must output for each documented fixture, read
// straight from the documented answer (the `documented` reading), without the node's code. The
// contract suite serves every other reading and expects the same.
import type { IDataObject } from 'n8n-workflow';

import { csrFixture } from '../fixtures/csrs';
import { fixture } from '.';

export const TOKEN = 'tok_contract_0001';
export const CSR = csrFixture('rsa2048').trim();
export const COMMON_NAME = 'www.example.com';

const record = (value: unknown): IDataObject =>
	typeof value === 'object' && value !== null ? (value as IDataObject) : {};
const text = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;
/** A documented repeated element: "" for none, a list (or, for required_if, one text). */
const texts = (value: unknown): string[] =>
	Array.isArray(value)
		? value.map(String)
		: value === '' || value === undefined
			? []
			: [String(value)];

/** Get Product Fields' tidy reading of a documented productfields answer. */
export function productFieldsOf(caseName?: string): {
	productCode: string;
	productName: string;
	fields: IDataObject[];
} {
	const [productCode, productName, ...entries] = fixture(
		'order/productfields',
		caseName,
	) as unknown[];
	const fields = entries.flatMap((entry) =>
		Object.entries(record(entry)).map(([name, definition]) => {
			const spec = record(definition);
			return {
				name,
				required: spec.required === '1',
				inputType: text(spec.input_type),
				options: texts(spec.options),
				requiredIf: texts(spec.required_if),
			};
		}),
	);
	return { productCode: String(productCode), productName: String(productName), fields };
}

/** Place's output for a review that shows the order placed (Check Order First: nothing sent). */
export function alreadyPlacedOf(review: IDataObject): IDataObject {
	const method = text(review.dv_auth_method) ?? 'DNS';
	const dnsValue = text(review.dns_string) ?? text(review.dv_auth_dns_string);
	return {
		orderToken: TOKEN,
		placement: 'alreadyPlaced',
		status: text(review.order_status),
		resellerOrderId: text(review.reseller_order_id),
		inviteUrl: text(review.invite_url),
		message: 'The order was already placed; nothing was sent',
		commonName: COMMON_NAME,
		domains: [COMMON_NAME],
		validationMethod: method,
		dnsRecordValue: method === 'DNS' ? dnsValue : null,
		csrSource: 'paste',
		csr: CSR,
		privateKey: null,
		privateKeyNotice: null,
	};
}

export type PlaceCase = 'csr-supplied' | 'dns' | 'file' | 'key-generated' | 'smartertools';

/** The node parameters each documented place answer goes with. */
export function placeParameters(caseName: PlaceCase): IDataObject {
	if (caseName === 'key-generated') {
		const organisation = {
			orgName: 'Example Ltd',
			orgDivision: 'IT',
			orgCity: 'London',
			orgRegion: 'Greater London',
			orgCountry: 'GB',
		};
		return { csrSource: 'generate', domainName: COMMON_NAME, dvAuthMethod: 'DNS', ...organisation };
	}
	if (caseName === 'csr-supplied')
		return { csr: CSR, dvAuthMethod: 'EMAIL', approverEmail: 'admin@example.com' };
	return { csr: CSR, dvAuthMethod: caseName === 'file' ? 'FILE' : 'DNS' };
}

/** Place's output for a documented place answer, field by field. */
export function placedOf(caseName: PlaceCase): IDataObject {
	const answer = record(fixture('order/place', caseName));
	const generated = caseName === 'key-generated';
	const method = String(placeParameters(caseName).dvAuthMethod);
	const dns = text(answer.dns_string);
	const contents = text(answer.file_contents);
	const path = '/.well-known/pki-validation/fileauth.txt';
	return {
		orderToken: TOKEN,
		placement: 'placed',
		status: 'Order Placed',
		resellerOrderId: text(answer.reseller_order_id),
		inviteUrl: text(answer.invite_url),
		message: text(answer.success),
		commonName: COMMON_NAME,
		domains: [COMMON_NAME],
		validation: {
			method,
			approverEmail: method === 'EMAIL' ? 'admin@example.com' : null,
			dnsRecord: method === 'DNS' && dns ? { name: COMMON_NAME, type: 'TXT', value: dns } : null,
			file:
				method === 'FILE' && contents
					? { name: 'fileauth.txt', path, url: `http://${COMMON_NAME}${path}`, contents }
					: null,
		},
		csrSource: generated ? 'generate' : 'paste',
		csr: generated ? text(answer.csr) : CSR,
		privateKey: generated ? text(answer.private_key) : null,
	};
}

/** Generate Token's output for a documented generatetoken answer. */
export function generatedOf(caseName: string, reference: string): IDataObject {
	const answer = record(fixture('order/generatetoken', caseName));
	return {
		orderToken: text(answer.order_token),
		success: true,
		message: text(answer.success),
		resellerOrderId: text(answer.reseller_order_id),
		reviewUrl: text(answer.review_url),
		resellerReference: reference,
		productCode: text(answer.product_code) ?? 'RapidSSL-12',
		generation: 'generated',
		orderStatus: null,
		tokenUsed: false,
	};
}

/** Every token of a documented showtokens answer, with the list it is in. */
export function listedTokensOf(
	caseName?: string,
): Array<{ token: string; reference: string; used: boolean }> {
	const answer = record(fixture('order/showtokens', caseName));
	const entries = (list: unknown, used: boolean) =>
		(Array.isArray(record(list).order_token)
			? (record(list).order_token as IDataObject[])
			: []
		).map((entry) => ({
			token: String(entry.token),
			reference: String(entry.reseller_unique_reference),
			used,
		}));
	return [...entries(answer.unused_tokens, false), ...entries(answer.used_tokens, true)];
}
