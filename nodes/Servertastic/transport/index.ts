import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { API_CALLS, callPath, isReadCall, type ServertasticCall } from './calls';
import { ServertasticApiError } from './errors';
import { type HttpAnswer, judgeAnswer, networkFailure } from './response';
import { settle } from './settle';

/**
 * The only place this package talks HTTP. Every call goes through n8n's credential pipeline; a read
 * (transport/calls.ts) is sent again after a failure that may pass, every other call exactly once.
 */

export type { ServertasticCall, ServertasticService } from './calls';
export { isReadCall } from './calls';
export { isUncertainOutcome, ServertasticApiError } from './errors';

export interface ApiRequestOptions {
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

/** Backoff for reads: exponential with full jitter, Retry-After honoured. Tests shorten the delays. */
export const retryPolicy = {
	attempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 60_000,
};

interface CredentialFacts {
	secrets: string[];
	timeoutMs: number;
}
/** A cache, one entry per execution context: the credential is read once, not once per call. */
const credentialFactsByContext = new WeakMap<object, Promise<CredentialFacts>>();

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
 * ServertasticApiError for an `error` body (whatever the HTTP status), HTTP 400 and above, a
 * non-JSON body, a top-level list, or no answer. Only reads are sent again; a call that may place or
 * pay for an order is sent once.
 */
export async function apiRequest(
	this: ApiContext,
	call: ServertasticCall,
	params: Record<string, string>,
	options: ApiRequestOptions = {},
): Promise<IDataObject> {
	return (await apiRequestJson.call(this, call, params, {
		...options,
		acceptList: false,
	})) as IDataObject;
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
		const outcome = await settle<IDataObject | unknown[], ServertasticApiError>(
			sendOnce.call(this, call, params, { ...options, timeout }, secrets),
		);
		if (!outcome.failure) return outcome.value;
		const { failure } = outcome;
		if (!failure.retryable || attempt >= attempts) {
			if (attempt === 1) throw failure;
			throw new ServertasticApiError(
				this.getNode(),
				{},
				{
					message: `${failure.message} (gave up after ${attempt} attempts)`,
					description: failure.description ?? undefined,
					httpCode: failure.httpCode ?? undefined,
					itemIndex: options.itemIndex,
				},
			);
		}
		const backoff = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempt - 1));
		const jittered = Math.round(Math.random() * backoff);
		await sleep(Math.min(failure.retryAfterMs ?? jittered, retryPolicy.maxRetryAfterMs));
	}
}

/** The request n8n's helper sends: the method from the table of calls, the parameters as form or query. */
function buildRequest(
	call: ServertasticCall,
	params: Record<string, string>,
	timeout: number,
): IHttpRequestOptions {
	const { method } = API_CALLS[call];
	const request: IHttpRequestOptions = {
		method,
		url: callPath(call),
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
	return request;
}

interface FailOptions {
	message: string;
	description: string;
	httpCode?: number;
	apiError?: JsonObject;
	uncertain?: boolean;
	/** Set when a read may be sent again; `afterMs` from Retry-After. */
	retry?: { afterMs?: number };
}

async function sendOnce(
	this: ApiContext,
	call: ServertasticCall,
	params: Record<string, string>,
	options: ApiRequestOptions,
	secrets: string[],
): Promise<IDataObject | unknown[]> {
	const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
	// Every text that leaves here is redacted: the key and the order token never reach an error.
	const fail = ({
		message,
		description,
		httpCode,
		apiError,
		uncertain = false,
		retry,
	}: FailOptions) => {
		const apiMessage = (apiError?.error as JsonObject | undefined)?.message;
		if (typeof apiMessage === 'string')
			(apiError!.error as JsonObject).message = redact(apiMessage, secrets);
		return new ServertasticApiError(this.getNode(), apiError ?? {}, {
			message: redact(message, secrets),
			description: redact(description, secrets),
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex: options.itemIndex,
			uncertain,
			retryable: retry !== undefined,
			retryAfterMs: retry?.afterMs,
		});
	};

	let response: HttpAnswer;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			buildRequest(call, params, timeout),
		)) as HttpAnswer;
	} catch (error) {
		// n8n's own error carries the request (and so the key) in its cause: build a clean one.
		const { reason, uncertain } = networkFailure(error, timeout);
		throw fail({
			message: `Servertastic could not be reached for ${call}: ${reason}`,
			description:
				'Nothing was received from the API. Check the base URL in the credential and the network.',
			uncertain,
			retry: {},
		});
	}

	const judged = judgeAnswer(call, response, options.acceptList === true);
	if ('answer' in judged) return judged.answer;
	throw fail(judged.fault);
}
