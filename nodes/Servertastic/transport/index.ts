import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { type HttpAnswer, judgeAnswer, networkFailure } from './answer';

/** The only place this package talks HTTP. Every call goes through n8n's credential pipeline. */

export type ServertasticService = 'order' | 'account' | 'product';
export type ServertasticCall = `${ServertasticService}/${string}`;

export interface ApiRequestOptions {
	method?: 'GET' | 'POST';
	itemIndex?: number;
	/** Milliseconds before the call is abandoned. */
	timeout?: number;
	/** Attempts for a read call (calls that change something are always sent once). */
	maxAttempts?: number;
	/** Accept a top-level JSON list as the answer (productfields answers with one); used by apiRequestJson. */
	acceptList?: boolean;
}

type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'servertasticApi';
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Calls that only read: safe to send again after a failure. Everything else is sent exactly once. */
const READ_CALLS = new Set<string>([
	'order/review',
	'order/productfields',
	'order/approverlist',
	'order/modifiedorders',
	'order/expiring',
	'order/showtokens',
	'account/review',
	'account/pointsaudit',
	'product/listproducts',
]);

export function isReadCall(call: string): boolean {
	return READ_CALLS.has(call);
}

/** Backoff for reads: exponential with full jitter, Retry-After honoured. Tests shorten the delays. */
export const retryPolicy = {
	attempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 60_000,
};

const retryable = new WeakMap<object, { afterMs?: number }>();

interface CredentialFacts {
	secrets: string[];
	timeoutMs: number;
}
const credentialFactsByContext = new WeakMap<object, Promise<CredentialFacts>>();
const uncertainOutcomes = new WeakSet<object>();

/**
 * True for an error after which the call may or may not have taken effect: no answer in time, a
 * connection reset, a server error without an API error body. A caller that places or pays for
 * something must check the order's state before deciding anything.
 */
export function isUncertainOutcome(error: unknown): boolean {
	return typeof error === 'object' && error !== null && uncertainOutcomes.has(error);
}

/** What the transport needs of the credential (never the key itself, beyond redacting it): read once per execution. */
async function credentialFactsOf(context: ApiContext): Promise<CredentialFacts> {
	let facts = credentialFactsByContext.get(context);
	if (!facts) {
		facts = context
			.getCredentials(CREDENTIAL_TYPE)
			.then((credentials) => {
				const seconds = Number(credentials.timeoutSeconds);
				return {
					secrets: [String(credentials.apiKey ?? '')].filter((secret) => secret.length >= 4),
					timeoutMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS,
				};
			})
			.catch(() => ({ secrets: [], timeoutMs: DEFAULT_TIMEOUT_MS }));
		credentialFactsByContext.set(context, facts);
	}
	return await facts;
}

export function redact(text: string, secrets: string[]): string {
	let safe = text;
	for (const secret of secrets) {
		if (!secret) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			safe = safe.split(form).join('***');
		}
	}
	return safe;
}

/**
 * Calls `/{service}/{call}.json` and returns the parsed answer, a JSON object. Fails with a
 * NodeApiError for an `error` body (whatever the HTTP status), HTTP 400 and above, a non-JSON body,
 * a top-level list, or no answer. Only reads are sent again; a call that may place or pay for an
 * order is sent once.
 */
export async function apiRequest(
	this: ApiContext,
	call: ServertasticCall,
	params: Record<string, string>,
	options: ApiRequestOptions = {},
): Promise<IDataObject> {
	return (await apiRequestJson.call(this, call, params, { ...options, acceptList: false })) as IDataObject;
}

/** As apiRequest; with `acceptList`, a top-level JSON list is an answer too (the same error checks apply). */
export async function apiRequestJson(
	this: ApiContext,
	call: ServertasticCall,
	params: Record<string, string>,
	options: ApiRequestOptions = {},
): Promise<IDataObject | unknown[]> {
	const facts = await credentialFactsOf(this);
	const secrets = [...facts.secrets, params.order_token].filter(Boolean) as string[];
	const timeout = options.timeout ?? facts.timeoutMs;
	const attempts = isReadCall(call) ? Math.max(1, options.maxAttempts ?? retryPolicy.attempts) : 1;
	for (let attempt = 1; ; attempt++) {
		const outcome = await sendOnce
			.call(this, call, params, { ...options, timeout }, secrets)
			.then(
				(answer) => ({ answer, failure: undefined }),
				(failure: NodeApiError) => ({ answer: undefined, failure }),
			);
		if (!outcome.failure) return outcome.answer;
		const retry = retryable.get(outcome.failure);
		if (!retry || attempt >= attempts) {
			if (attempt === 1) throw outcome.failure;
			throw new NodeApiError(this.getNode(), {}, {
				message: `${outcome.failure.message} (gave up after ${attempt} attempts)`,
				description: outcome.failure.description ?? undefined,
				httpCode: outcome.failure.httpCode ?? undefined,
				itemIndex: options.itemIndex,
			});
		}
		const backoff = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempt - 1));
		const jittered = Math.round(Math.random() * backoff);
		await sleep(Math.min(retry.afterMs ?? jittered, retryPolicy.maxRetryAfterMs));
	}
}

async function sendOnce(
	this: ApiContext,
	call: ServertasticCall,
	params: Record<string, string>,
	options: ApiRequestOptions,
	secrets: string[],
): Promise<IDataObject | unknown[]> {
	const method = options.method ?? 'GET';
	const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
	const request: IHttpRequestOptions = {
		method,
		url: `/${call}.json`,
		headers: { Accept: 'application/json' },
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
	};
	if (method === 'POST') {
		request.body = new URLSearchParams(params).toString();
		request.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
	} else {
		request.qs = params;
	}

	const fail = (
		message: string,
		description: string,
		httpCode?: number,
		apiError?: JsonObject,
		uncertain = false,
		retry?: { afterMs?: number },
	) => {
		const apiMessage = (apiError?.error as JsonObject | undefined)?.message;
		if (typeof apiMessage === 'string') (apiError!.error as JsonObject).message = redact(apiMessage, secrets);
		const error = new NodeApiError(this.getNode(), apiError ?? {}, {
			message: redact(message, secrets),
			description: redact(description, secrets),
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex: options.itemIndex,
		});
		if (uncertain) uncertainOutcomes.add(error);
		if (retry) retryable.set(error, retry);
		return error;
	};

	let response: HttpAnswer;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as typeof response;
	} catch (error) {
		// n8n's own error carries the request (and so the key) in its cause: build a clean one.
		const { reason, uncertain } = networkFailure(error, timeout);
		throw fail(
			`Servertastic could not be reached for ${call}: ${reason}`,
			'Nothing was received from the API. Check the base URL in the credential and the network.',
			undefined,
			undefined,
			uncertain,
			{},
		);
	}

	const judged = judgeAnswer(call, response, options.acceptList === true);
	if ('answer' in judged) return judged.answer;
	const { fault } = judged;
	throw fail(fault.message, fault.description, fault.httpCode, fault.apiError, fault.uncertain, fault.retry);
}
