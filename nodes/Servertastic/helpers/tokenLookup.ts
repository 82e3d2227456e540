import type { IDataObject } from 'n8n-workflow';

import { textOf } from './output';
import type { ReferenceMode } from './reference';
import { type EarlierToken, listedTokens } from './tokenList';

/**
 * Generate Token after a refused reference or a lost answer, without the requests: finding the
 * reference in a showtokens answer, the output items, and every error text of those paths.
 */

export type { EarlierToken };

/** How the item's token came about: bought now, found from before, or found after a lost answer. */
export type Generation = 'generated' | 'existing' | 'confirmedAfterUncertainAnswer';

/** What an error says; the operation makes the n8n error of it. */
export interface ErrorText {
	message: string;
	description: string;
}

interface ApiFailure {
	message: string;
	description?: string | null;
}

/** The token bought with `reference`, from the unused then the used list of a showtokens answer. */
export function findListedToken(answer: IDataObject, reference: string): EarlierToken | undefined {
	const found = [
		...listedTokens(answer.unused_tokens, false),
		...listedTokens(answer.used_tokens, true),
	].find((listed) => listed.reference === reference);
	return found ? { entry: found.entry, orderToken: found.orderToken, used: found.used } : undefined;
}

/** The API's words for a reference it has seen before (its exact text is not documented). */
export function isReusedReference(error: ApiFailure): boolean {
	const message = error.message;
	return (
		/reference/i.test(message) &&
		/already|duplicate|exist|in use|been used|not unique|taken/i.test(message)
	);
}

/** The transport quotes the start of an unreadable answer; from generatetoken that may hold the token. */
export function withoutQuotedAnswer(description: string | null | undefined): string {
	return (description ?? '').replace(
		/(it began|The body held no error message):[\s\S]*$/i,
		'Its text is not shown: it may hold the order token.',
	);
}

function tokenExists(mode: ReferenceMode, reference: string): string {
	return mode === 'derived'
		? `A token for this item already exists (reseller reference ${reference})`
		: `A token with the reseller reference ${reference} already exists`;
}

/** The reference was refused as used; `lookup` says what the token list showed, when it was read. */
export function reusedReferenceText(
	failure: ApiFailure,
	mode: ReferenceMode,
	reference: string,
	itemIndex: number,
	lookup?: string,
): ErrorText {
	const apiSaid = `${failure.message}${failure.description ? ` (${failure.description.replace(/\.$/, '')})` : ''}.`;
	const why =
		mode === 'derived'
			? 'The reference is derived from the input item and the product, so running the same item again cannot buy a second token.'
			: 'A reference can buy only one token.';
	const another =
		mode === 'derived'
			? ' To buy another token for the same data on purpose, set Reseller Reference to Custom with a new value.'
			: ' To buy another token, give a new reference.';
	const find =
		lookup ??
		`Find the existing token with Order → Get Many Tokens (reseller reference ${reference}).`;
	return {
		message: `${tokenExists(mode, reference)} [item ${itemIndex}]`,
		description: `${apiSaid} ${why} ${find}${another}`,
	};
}

/** The `lookup` sentences of reusedReferenceText. */
export const lookupSaid = {
	notListed: (reference: string): string =>
		`The lookup in Order → Get Many Tokens found no token with the reseller reference ${reference} (Servertastic may not list it).`,
	otherProduct: (otherProduct: string, asked: string): string =>
		`The token bought with it is for ${otherProduct}, not ${asked}, so it is not returned.`,
};

/** The reference was refused as used, and the token list (or the token's review) could not be read. */
export function lookupFailedText(
	mode: ReferenceMode,
	reference: string,
	lookupFailure: ApiFailure,
	itemIndex: number,
): ErrorText {
	return {
		message: `${tokenExists(mode, reference)} and could not be looked up: ${lookupFailure.message} [item ${itemIndex}]`,
		description: `Servertastic refused the reseller reference ${reference} as used before, and reading order/showtokens to find its token (or the token's review, to check its product) failed. Nothing was bought. Run the workflow again to pick the token up, or find it with Order → Get Many Tokens.`,
	};
}

/** What is known after a lost generatetoken answer, when the lookup did not find the token. */
export interface UncertainFacts {
	mode: ReferenceMode;
	reference: string;
	productCode: string;
	ifReferenceUsed: 'returnExisting' | 'error';
	lookupFailure?: ApiFailure;
	otherProduct?: string;
}

/** A lost generatetoken answer that the token list does not settle. */
export function uncertainTokenText(failure: ApiFailure, facts: UncertainFacts): ErrorText {
	const said = withoutQuotedAnswer(failure.description);
	if (facts.mode === 'random') {
		return {
			message: failure.message,
			description:
				`${said} The token may have been generated all the same. With a random reference, running it again may buy a second token: look in Order → Get Many Tokens first.`.trim(),
		};
	}
	const { reference, lookupFailure, otherProduct } = facts;
	const checked = lookupFailure
		? `Looking for it in order/showtokens failed too (${lookupFailure.message}).`
		: otherProduct
			? `Order → Get Many Tokens lists the reseller reference ${reference} for ${otherProduct}, not ${facts.productCode}.`
			: `Order → Get Many Tokens listed no token with the reseller reference ${reference} when looked up.`;
	const rerun =
		facts.ifReferenceUsed === 'returnExisting'
			? 'and the re-run returns the token if it exists'
			: 'or look for it in Order → Get Many Tokens';
	return {
		message: failure.message,
		description:
			`${said} The token may have been generated all the same. ${checked} Running this item again is safe: Servertastic refuses a second token for the reference ${reference}, ${rerun}.`.trim(),
	};
}

/** generatetoken answered without an order token. */
export function noTokenText(reference: string): ErrorText {
	return {
		message: 'Servertastic did not return an order token',
		description: `The answer to order/generatetoken held no "order_token". Look in Order → Get Many Tokens for the reseller reference ${reference} before trying again.`,
	};
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
export function generatedTokenOutput(
	orderToken: string,
	params: Record<string, string>,
	response: IDataObject,
): IDataObject {
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

export function earlierTokenOutput(
	found: EarlierToken,
	params: Record<string, string>,
	generation: Generation,
): IDataObject {
	const message =
		generation === 'existing'
			? 'The reference was used before: this is the token bought with it'
			: 'The answer was lost; the token list shows the token was generated';
	const facts: TokenFacts = {
		message,
		resellerOrderId:
			textOf(found.review?.reseller_order_id) ?? textOf(found.entry.reseller_order_id),
		reviewUrl: textOf(found.entry.review_url),
		productCode: textOf(found.review?.st_product_code)?.trim() || null,
		orderStatus: textOf(found.review?.order_status)?.trim() || textOf(found.entry.order_status),
		tokenUsed: found.used,
	};
	return tokenOutput(found.orderToken, params, generation, facts, found.entry);
}

/** A found token must be for the product asked for: a custom reference may have bought another one. */
export function productMismatch(
	found: EarlierToken,
	params: Record<string, string>,
): string | undefined {
	// showtokens entries carry no product (api2.md): the token's review does.
	const listed = (
		textOf(found.review?.st_product_code) ?? textOf(found.entry.st_product_code)
	)?.trim();
	if (!listed || listed.toLowerCase() === params.st_product_code.toLowerCase()) return undefined;
	return listed;
}
