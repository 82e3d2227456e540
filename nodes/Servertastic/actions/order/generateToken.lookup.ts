import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import { type EarlierToken, listedTokens } from '../../helpers/tokenList';
import { apiRequest } from '../../transport';
import type { ReferenceMode } from './generateToken.reference';

/** Generate Token after a refused reference or a lost answer: the token list decides; the output items. */

export type { EarlierToken };

/** How the item's token came about: bought now, found from before, or found after a lost answer. */
export type Generation = 'generated' | 'existing' | 'confirmedAfterUncertainAnswer';

/** The one `order/showtokens` answer of a run: many items may need it, at the same time. */
const tokenListByRun = new WeakMap<object, Promise<IDataObject>>();

/**
 * The token bought earlier with `reference`, from the unused then the used list; undefined when
 * neither lists it. Rejects with the transport's error when the list cannot be read.
 */
async function findEarlierToken(
	context: IExecuteFunctions,
	reference: string,
	itemIndex: number,
): Promise<EarlierToken | undefined> {
	let list = tokenListByRun.get(context);
	if (!list) {
		// A read: the transport retries it. The credential adds api_key.
		list = apiRequest.call(context, 'order/showtokens', {}, { itemIndex });
		tokenListByRun.set(context, list);
	}
	const answer = await list;
	const found = [...listedTokens(answer.unused_tokens, false), ...listedTokens(answer.used_tokens, true)].find(
		(listed) => listed.reference === reference,
	);
	return found ? { entry: found.entry, orderToken: found.orderToken, used: found.used } : undefined;
}

/**
 * Looks the reference up, then reviews the token found for its product, status and order id.
 * `failure` is set when the list cannot be read, or (for a custom reference, which may have bought
 * another product) when the review cannot: a token is never returned unchecked. A derived reference
 * holds the product code, so its token is returned without the review's facts if that fails.
 */
export async function lookUp(
	context: IExecuteFunctions,
	reference: string,
	itemIndex: number,
	mode: ReferenceMode,
): Promise<{ found?: EarlierToken; failure?: NodeApiError }> {
	const listed = await findEarlierToken(context, reference, itemIndex).then(
		(found) => ({ found }),
		(failure: NodeApiError) => ({ failure, found: undefined }),
	);
	if (!listed.found) return listed;
	const { found } = listed;
	return await apiRequest.call(context, 'order/review', { order_token: found.orderToken }, { itemIndex }).then(
		(review) => ({ found: { ...found, review } }),
		(failure: NodeApiError) => (mode === 'custom' ? { failure } : { found }),
	);
}

/** The API's words for a reference it has seen before (its exact text is not documented). */
export function isReusedReference(error: NodeApiError): boolean {
	const message = error.message;
	return /reference/i.test(message) && /already|duplicate|exist|in use|been used|not unique|taken/i.test(message);
}

/** The transport quotes the start of an unreadable answer; from generatetoken that may hold the token. */
export function withoutQuotedAnswer(description: string | null | undefined): string {
	return (description ?? '').replace(
		/(it began|The body held no error message):[\s\S]*$/i,
		'Its text is not shown: it may hold the order token.',
	);
}

export function reusedReferenceError(
	context: IExecuteFunctions,
	failure: NodeApiError,
	mode: ReferenceMode,
	reference: string,
	itemIndex: number,
	lookup?: string,
): NodeApiError {
	const apiSaid = `${failure.message}${failure.description ? ` (${failure.description.replace(/\.$/, '')})` : ''}.`;
	const why =
		mode === 'derived'
			? 'The reference is derived from the input item and the product, so running the same item again cannot buy a second token.'
			: 'A reference can buy only one token.';
	const another =
		mode === 'derived'
			? ' To buy another token for the same data on purpose, set Reseller Reference to Custom with a new value.'
			: ' To buy another token, give a new reference.';
	const find = lookup ?? `Find the existing token with Order → Get Many Tokens (reseller reference ${reference}).`;
	const errorResponse = (failure as unknown as { errorResponse?: JsonObject }).errorResponse ?? {};
	return new NodeApiError(context.getNode(), errorResponse, {
		message:
			mode === 'derived'
				? `A token for this item already exists (reseller reference ${reference}) [item ${itemIndex}]`
				: `A token with the reseller reference ${reference} already exists [item ${itemIndex}]`,
		description: `${apiSaid} ${why} ${find}${another}`,
		httpCode: failure.httpCode ?? undefined,
		itemIndex,
	});
}

/** What one output item says beyond the token; every key is there every time (null when unknown). */
export interface TokenFacts {
	message: string | null;
	resellerOrderId: string | null;
	reviewUrl: string | null;
	/** The answer's own product_code (api2.md's generateToken section), else the product asked for. */
	productCode: string | null;
	orderStatus: string | null;
	/** Listed under used_tokens (an order was placed with it); false for a token bought now. */
	tokenUsed: boolean;
}

/** The same keys for a bought and a found token; `response` is the answer or the list entry as it came. */
export function tokenOutput(
	orderToken: string,
	params: Record<string, string>,
	generation: Generation,
	facts: TokenFacts,
	response: IDataObject,
): IDataObject {
	return {
		orderToken,
		success: true,
		message: facts.message,
		resellerOrderId: facts.resellerOrderId,
		reviewUrl: facts.reviewUrl,
		resellerReference: params.reseller_unique_reference,
		productCode: facts.productCode ?? params.st_product_code,
		generation,
		orderStatus: facts.orderStatus,
		tokenUsed: facts.tokenUsed,
		response,
	};
}

/** The generatetoken answer in both documented forms: with reseller_order_id and review_url, or with product_code. */
export function generatedTokenOutput(orderToken: string, params: Record<string, string>, response: IDataObject): IDataObject {
	const facts: TokenFacts = {
		message: textOf(response.success),
		resellerOrderId: textOf(response.reseller_order_id),
		reviewUrl: textOf(response.review_url),
		productCode: textOf(response.product_code)?.trim() || null,
		orderStatus: null,
		tokenUsed: false,
	};
	return tokenOutput(orderToken, params, 'generated', facts, response);
}

export function earlierTokenOutput(found: EarlierToken, params: Record<string, string>, generation: Generation): IDataObject {
	const message =
		generation === 'existing'
			? 'The reference was used before: this is the token bought with it'
			: 'The answer was lost; the token list shows the token was generated';
	const facts: TokenFacts = {
		message,
		resellerOrderId: textOf(found.review?.reseller_order_id) ?? textOf(found.entry.reseller_order_id),
		reviewUrl: textOf(found.entry.review_url),
		productCode: textOf(found.review?.st_product_code)?.trim() || null,
		orderStatus: textOf(found.review?.order_status)?.trim() || textOf(found.entry.order_status),
		tokenUsed: found.used,
	};
	return tokenOutput(found.orderToken, params, generation, facts, found.entry);
}

/** A found token must be for the product asked for: a custom reference may have bought another one. */
export function productMismatch(found: EarlierToken, params: Record<string, string>): string | undefined {
	// showtokens entries carry no product (api2.md): the token's review does.
	const listed = (textOf(found.review?.st_product_code) ?? textOf(found.entry.st_product_code))?.trim();
	if (!listed || listed.toLowerCase() === params.st_product_code.toLowerCase()) return undefined;
	return listed;
}
