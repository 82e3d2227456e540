/**
 * The one table of Servertastic API calls (../shared/servertastic-api.md; test/contract/fixtures).
 * The transport takes each call's method and whether it may be sent again from here, the credential
 * whether the account's API key goes with it, the test simulator all three. No n8n imports: the
 * credential and the simulator read it too.
 */

export type HttpMethod = 'GET' | 'POST';

export interface CallFacts {
	method: HttpMethod;
	/** Changes nothing: safe to send again after a failure. Every other call is sent exactly once. */
	read: boolean;
	/** Authorised by the account's API key; every other call by its order_token alone, without the key. */
	takesKey: boolean;
}

const read = (takesKey: boolean): CallFacts => ({ method: 'GET', read: true, takesKey });
const change = (takesKey: boolean, method: HttpMethod = 'GET'): CallFacts => ({
	method,
	read: false,
	takesKey,
});

export const API_CALLS = {
	'order/generatetoken': change(true),
	'order/productfields': read(false),
	// POST: the CSR and the contact fields are too long for a query string.
	'order/place': change(false, 'POST'),
	'order/review': read(false),
	'order/reissue': change(false, 'POST'),
	'order/cancel': change(false),
	'order/resendemail': change(false),
	'order/changeapproveremail': change(false),
	'order/approverlist': read(false),
	'order/changeauthmethod': change(false),
	'order/pollauth': change(false),
	'order/advanceorder': change(false),
	'order/modifiedorders': read(true),
	'order/expiring': read(true),
	'order/showtokens': read(true),
	'account/review': read(true),
	'account/pointsaudit': read(true),
	'account/addtestpoints': change(true),
	'account/emptytestpoints': change(true),
	'account/regenerateapikey': change(true),
	'product/listproducts': read(true),
} as const satisfies Record<string, CallFacts>;

export type ServertasticCall = keyof typeof API_CALLS;
export type ServertasticService = ServertasticCall extends `${infer Service}/${string}`
	? Service
	: never;

/** The services whose every call takes the key, for a call the table does not know. */
const KEYED_SERVICES = new Set<string>(['account', 'product']);

export function callFacts(call: string): CallFacts | undefined {
	return Object.prototype.hasOwnProperty.call(API_CALLS, call)
		? API_CALLS[call as ServertasticCall]
		: undefined;
}

export function isReadCall(call: string): boolean {
	return callFacts(call)?.read === true;
}

export function callNeedsApiKey(call: string): boolean {
	return callFacts(call)?.takesKey ?? KEYED_SERVICES.has(call.split('/')[0]);
}

/** `order/place` → `/order/place.json`, the path every call is sent to. */
export function callPath(call: ServertasticCall): string {
	return `/${call}.json`;
}

/** `/order/place.json` → `order/place`; undefined for anything that is not an API call path. */
export function apiCallOfUrl(url: string): string | undefined {
	const match = /^\/?([a-z]+)\/([a-z]+)(?:\.json)?(?:\?|$)/i.exec(url);
	return match ? `${match[1].toLowerCase()}/${match[2].toLowerCase()}` : undefined;
}

export const READ_CALLS: readonly ServertasticCall[] = (
	Object.keys(API_CALLS) as ServertasticCall[]
).filter((call) => API_CALLS[call].read);
