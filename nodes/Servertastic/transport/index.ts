import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

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

function retryAfterMs(value: unknown, now: number): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const seconds = Number(value.trim());
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

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

/** Why no answer came, and whether the request may have reached the API all the same. */
function networkFailure(error: unknown, timeout: number): { reason: string; uncertain: boolean } {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
			return { reason: `no answer within ${Math.round(timeout / 1000)} s`, uncertain: true };
		}
		if (code === 'ECONNREFUSED') return { reason: 'the connection was refused', uncertain: false };
		if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
			return { reason: 'the host name could not be resolved', uncertain: false };
		}
		if (code === 'ECONNRESET' || code === 'EPIPE') return { reason: 'the connection was reset', uncertain: true };
		if (code === 'ERR_BAD_RESPONSE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNABORTED_BODY') {
			return { reason: 'the connection broke off during the answer', uncertain: true };
		}
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return { reason: code, uncertain: true };
	}
	return { reason: 'the request failed before an answer arrived', uncertain: true };
}

function shortText(body: string): string {
	const text = body
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Calls `/{service}/{call}.json` and returns the parsed answer. Fails with a NodeApiError for an
 * `error` body (whatever the HTTP status), a non-JSON body, or no answer; never retries, since a
 * call may place or pay for an order.
 */
export async function apiRequest(
	this: ApiContext,
	call: ServertasticCall,
	params: Record<string, string>,
	options: ApiRequestOptions = {},
): Promise<IDataObject> {
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
): Promise<IDataObject> {
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

	let response: { statusCode?: number; headers?: IDataObject; body?: unknown };
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

	const status = response.statusCode ?? 0;
	const rawBody =
		typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	const contentType = String(response.headers?.['content-type'] ?? 'unknown');
	// Without an API error body nobody says the call was refused: it may have taken effect.
	const uncertain = status === 0 || status >= 500;
	const overloaded = status === 429 || status >= 500;
	const retry = { afterMs: retryAfterMs(response.headers?.['retry-after'], Date.now()) };
	if (status === 429) {
		throw fail(
			`Servertastic is limiting requests (${call}, HTTP 429)`,
			'Too many requests were sent; try again later or lower the Concurrency option.',
			status,
			undefined,
			false,
			retry,
		);
	}
	if (!rawBody.trim()) {
		throw fail(
			`Servertastic sent an empty answer to ${call} (HTTP ${status})`,
			'The API answered without a body.',
			status,
			undefined,
			true,
			retry,
		);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody);
	} catch {
		throw fail(
			`Servertastic sent an answer to ${call} that is not JSON (HTTP ${status}, ${contentType})`,
			`It began: ${shortText(rawBody)}`,
			status,
			undefined,
			true,
			retry,
		);
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw fail(
			`Servertastic sent an unexpected answer to ${call} (HTTP ${status})`,
			`Expected a JSON object; it began: ${shortText(rawBody)}`,
			status,
			undefined,
			true,
			retry,
		);
	}
	const answer = parsed as IDataObject;
	if (answer.error !== undefined) {
		const apiError = (typeof answer.error === 'object' && answer.error !== null
			? answer.error
			: { message: answer.error }) as IDataObject;
		const apiMessage = String(apiError.message ?? 'unknown error');
		const code = apiError.code === undefined ? '' : ` ${String(apiError.code)}`;
		throw fail(
			`Servertastic refused ${call}: ${apiMessage}`,
			`The API answered with error${code} (HTTP ${status}).`,
			status,
			{ error: { code: apiError.code ?? null, message: redact(apiMessage, secrets) } } as JsonObject,
			false,
			overloaded ? retry : undefined,
		);
	}
	if (status >= 400) {
		throw fail(
			`Servertastic answered ${call} with HTTP ${status}`,
			`The body held no error message: ${shortText(rawBody)}`,
			status,
			undefined,
			uncertain,
			overloaded ? retry : undefined,
		);
	}
	return answer;
}
