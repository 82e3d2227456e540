import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ReferenceMode } from '../../helpers/reference';
import { type EarlierToken, type ErrorText, findListedToken } from '../../helpers/tokenLookup';
import { apiRequest } from '../../transport';
import { settle } from '../writeCall';

/** Generate Token after a refused reference or a lost answer: the token list's requests, and the errors. */

/** The one `order/showtokens` answer of a run: many items may need it, at the same time. */
const tokenListByRun = new WeakMap<object, Promise<IDataObject>>();

/**
 * The token bought earlier with `reference`; undefined when neither list has it. Rejects with the
 * transport's error when the list cannot be read.
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
	return findListedToken(await list, reference);
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
	const listed = await settle(findEarlierToken(context, reference, itemIndex));
	if (listed.failure) return { failure: listed.failure };
	const found = listed.value;
	if (!found) return {};
	const reviewed = await settle(
		apiRequest.call(context, 'order/review', { order_token: found.orderToken }, { itemIndex }),
	);
	if (!reviewed.failure) return { found: { ...found, review: reviewed.value } };
	return mode === 'custom' ? { failure: reviewed.failure } : { found };
}

/**
 * The n8n error of a text. `from`: the API error it follows (its HTTP code, and with
 * `keepResponse` the error body it carried).
 */
export function tokenError(
	context: IExecuteFunctions,
	text: ErrorText,
	itemIndex: number,
	from?: NodeApiError,
	keepResponse = false,
): NodeApiError {
	const errorResponse = keepResponse
		? ((from as unknown as { errorResponse?: JsonObject }).errorResponse ?? {})
		: {};
	return new NodeApiError(context.getNode(), errorResponse, {
		...text,
		...(from ? { httpCode: from.httpCode ?? undefined } : {}),
		itemIndex,
	});
}
