import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { parseCsr } from '../helpers/csr';
import { asList } from '../helpers/normalise';
import { textOf } from '../helpers/output';
import { orderTokenProblem } from '../helpers/validation/text';
import { listedTokens } from '../helpers/tokenList';
import { isLocatorValue } from '../helpers/locator';
import { apiRequest } from '../transport';

/**
 * The From List modes of the resource locators. A list that cannot be made yet (no CSR, a token
 * from an expression) is empty, never an error: the field's hint says what it waits for.
 */

/** A field's value as the editor holds it now: '' when empty or an expression it left unresolved. */
function fixedText(value: unknown): string {
	const text = isLocatorValue(value) ? value.value : value;
	if (typeof text !== 'string' || text.trim().startsWith('=')) return '';
	return text.trim();
}

function current(context: ILoadOptionsFunctions, name: string): string {
	return fixedText(context.getCurrentNodeParameter(name));
}

const matches = (filter: string | undefined, ...texts: Array<string | null>): boolean =>
	!filter?.trim() ||
	texts.some((text) => text?.toLowerCase().includes(filter.trim().toLowerCase()));

const bareDomain = (name: string): string => name.trim().replace(/^\*\./, '').toLowerCase();

/** The CSR's domain; '' for a CSR that cannot be read (Place names the problem when it runs). */
function csrDomain(csrText: string): string {
	try {
		const csr = parseCsr(csrText);
		return bareDomain(csr.commonName ?? csr.subjectAltNames[0] ?? '');
	} catch {
		return '';
	}
}

/** The order's domain from its review, for the operations that act on a placed order. */
async function orderDomain(context: ILoadOptionsFunctions): Promise<string> {
	const token = current(context, 'orderToken');
	if (!token || orderTokenProblem(token)) return '';
	const review = await apiRequest.call(context, 'order/review', { order_token: token });
	return bareDomain(textOf(review.domain_name) ?? '');
}

/**
 * Whose approver addresses: Place's CSR (or its Domain Name when Servertastic makes the key pair);
 * Reissue's new CSR, else the order's domain; the order's domain for the other operations.
 */
async function approverDomain(context: ILoadOptionsFunctions): Promise<string> {
	const operation = context.getCurrentNodeParameter('operation');
	if (operation === 'place') {
		if (context.getCurrentNodeParameter('csrSource') === 'generate')
			return bareDomain(current(context, 'domainName'));
		const csr = current(context, 'csr');
		return csr ? csrDomain(csr) : '';
	}
	const csr = operation === 'reissue' ? current(context, 'csr') : '';
	return csr ? csrDomain(csr) : await orderDomain(context);
}

/** `approver_email[]{email}` (api2.md "approverlist"); one address may come as a bare object. */
export async function searchApproverEmails(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const domain = await approverDomain(this);
	if (!domain) return { results: [] };
	const response = await apiRequest.call(this, 'order/approverlist', { domain_name: domain });
	const results = asList(response.approver_email)
		.map((entry) =>
			typeof entry === 'string' ? entry : String((entry as IDataObject)?.email ?? ''),
		)
		.filter((email) => email.includes('@') && matches(filter, email))
		.map((email) => ({ name: email, value: email }));
	return { results };
}

/** showtokens names no product (api2.md); a product is shown only where an answer carries one. */
function productOf(entry: IDataObject): string | null {
	return (
		(
			textOf(entry.product_name) ??
			textOf(entry.st_product_code) ??
			textOf(entry.product_code)
		)?.trim() || null
	);
}

async function tokenResults(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	which: 'all' | 'unused' | 'used',
) {
	const answer = await apiRequest.call(context, 'order/showtokens', {});
	const tokens = [
		...(which === 'used' ? [] : listedTokens(answer.unused_tokens, false)),
		...(which === 'unused' ? [] : listedTokens(answer.used_tokens, true)),
	];
	const results: INodeListSearchItems[] = [];
	for (const token of tokens) {
		const product = productOf(token.entry);
		if (!matches(filter, token.reference, product, token.orderToken)) continue;
		const parts = [token.reference ?? 'No reference', product, token.used ? 'used' : null];
		// The end of the token tells apart tokens bought with no reference.
		const name = `${parts.filter(Boolean).join(' · ')} (…${token.orderToken.slice(-6)})`;
		results.push({ name, value: token.orderToken });
	}
	return { results };
}

/** Every token of the account, unused first (`order/showtokens`). */
export async function searchOrderTokens(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await tokenResults(this, filter, 'all');
}

/** The tokens no order was placed with yet: the ones Place can use. */
export async function searchUnusedOrderTokens(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await tokenResults(this, filter, 'unused');
}

/** The tokens an order was placed with: a renewal's Previous Order Token is one of them. */
export async function searchUsedOrderTokens(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await tokenResults(this, filter, 'used');
}

/** The account's products as "name (code, level)", sorted by name, for Generate Token. */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await apiRequest.call(this, 'product/listproducts', { product_group: 'All' });
	const text = (value: unknown) => textOf(value)?.trim() ?? '';
	const results = asList(response.products)
		.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as IDataObject) : {}))
		.filter((product) => text(product.st_product_code) !== '')
		.map((product) => {
			const code = text(product.st_product_code);
			const details = [code, text(product.product_validation)].filter(Boolean).join(', ');
			return { name: `${text(product.product_name) || code} (${details})`, value: code };
		})
		.filter((option) => matches(filter, option.name))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
