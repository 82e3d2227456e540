import type { IDataObject, JsonObject } from 'n8n-workflow';

/** How one HTTP exchange with the API is judged: an answer, or what went wrong and whether to retry. */

export interface HttpAnswer {
	statusCode?: number;
	headers?: IDataObject;
	body?: unknown;
}

/** Why a call failed, before it becomes a NodeApiError (the transport redacts and builds it). */
export interface AnswerFault {
	message: string;
	description: string;
	httpCode?: number;
	apiError?: JsonObject;
	/** The call may have taken effect all the same. */
	uncertain: boolean;
	/** Set when a read may be sent again; `afterMs` from Retry-After. */
	retry?: { afterMs?: number };
}

export type Judged = { answer: IDataObject | unknown[] } | { fault: AnswerFault };

export function retryAfterMs(value: unknown, now: number): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const seconds = Number(value.trim());
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Why no answer came, and whether the request may have reached the API all the same. */
export function networkFailure(
	error: unknown,
	timeout: number,
): { reason: string; uncertain: boolean } {
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
		if (code === 'ECONNRESET' || code === 'EPIPE')
			return { reason: 'the connection was reset', uncertain: true };
		if (
			code === 'ERR_BAD_RESPONSE' ||
			code === 'ERR_STREAM_PREMATURE_CLOSE' ||
			code === 'ECONNABORTED_BODY'
		) {
			return { reason: 'the connection broke off during the answer', uncertain: true };
		}
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code))
			return { reason: code, uncertain: true };
	}
	return { reason: 'the request failed before an answer arrived', uncertain: true };
}

/** Where quoting an answer must stop: a key, a CSR or a certificate may follow (place and reissue return keys). */
const SECRET_MATERIAL = /-----BEGIN|private_?key|privatekey/i;

/** The start of an unreadable body, for an error message: tags stripped, short, never key material. */
export function quotable(body: string): string {
	const secret = SECRET_MATERIAL.exec(body);
	const shown = (secret ? body.slice(0, secret.index) : body)
		.replace(/<[^>]*$/, '')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const short = (text: string, length: number) =>
		text.length > length ? `${text.slice(0, length - 3)}...` : text;
	return secret
		? `${short(shown, 76)} [the rest is not shown: it may hold a key]`.trim()
		: short(shown, 120);
}

/** An API message never carries a key or CSR on: any PEM block in it is replaced. */
export function withoutPem(text: string): string {
	return text.replace(
		/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g,
		'[PEM block not shown]',
	);
}

function isErrorAnswer(value: unknown): value is IDataObject {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		(value as IDataObject).error !== undefined
	);
}

/** What one exchange says before its body is read: the status, and the retry facts that go with it. */
interface Exchange {
	call: string;
	status: number;
	rawBody: string;
	retry: { afterMs?: number };
	/** 429 or a server error: a read may be sent again even after an API error body. */
	overloaded: boolean;
}

const fault = (value: AnswerFault): Judged => ({ fault: value });

/**
 * Judges one HTTP answer, a pure function of the call and the exchange. An `error` body (whatever
 * the HTTP status), HTTP 400 and above, an empty or non-JSON body are faults. A top-level JSON list
 * is an answer only when `acceptList` is set (productfields answers with one); a list whose first
 * entry is an `error` object is still an error.
 */
export function judgeAnswer(call: string, response: HttpAnswer, acceptList: boolean): Judged {
	const status = response.statusCode ?? 0;
	const exchange: Exchange = {
		call,
		status,
		rawBody:
			typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''),
		retry: { afterMs: retryAfterMs(response.headers?.['retry-after'], Date.now()) },
		overloaded: status === 429 || status >= 500,
	};
	if (status === 429) {
		return fault({
			message: `Servertastic is limiting requests (${call}, HTTP 429)`,
			description: 'Too many requests were sent; try again later or lower the Concurrency option.',
			httpCode: status,
			uncertain: false,
			retry: exchange.retry,
		});
	}
	const parsed = parseBody(exchange, String(response.headers?.['content-type'] ?? 'unknown'));
	if ('fault' in parsed) return parsed;
	return judgeParsed(exchange, parsed.answer, acceptList);
}

/** The body as JSON, or the fault of an empty or unreadable one (either may follow an effect). */
function parseBody(
	exchange: Exchange,
	contentType: string,
): { answer: unknown } | { fault: AnswerFault } {
	const { call, status, rawBody, retry } = exchange;
	if (!rawBody.trim()) {
		return fault({
			message: `Servertastic sent an empty answer to ${call} (HTTP ${status})`,
			description: 'The API answered without a body.',
			httpCode: status,
			uncertain: true,
			retry,
		}) as { fault: AnswerFault };
	}
	try {
		return { answer: JSON.parse(rawBody) as unknown };
	} catch {
		return fault({
			message: `Servertastic sent an answer to ${call} that is not JSON (HTTP ${status}, ${contentType})`,
			description: `It began: ${quotable(rawBody)}`,
			httpCode: status,
			uncertain: true,
			retry,
		}) as { fault: AnswerFault };
	}
}

/** A JSON body: the API's error, an unexpected shape, a bare HTTP error, or the answer. */
function judgeParsed(exchange: Exchange, parsed: unknown, acceptList: boolean): Judged {
	const { call, status, rawBody, retry, overloaded } = exchange;
	const errorAnswer = Array.isArray(parsed)
		? isErrorAnswer(parsed[0])
			? parsed[0]
			: undefined
		: parsed;
	if (isErrorAnswer(errorAnswer)) return apiErrorFault(exchange, errorAnswer);
	if (parsed === null || typeof parsed !== 'object' || (Array.isArray(parsed) && !acceptList)) {
		return fault({
			message: `Servertastic sent an unexpected answer to ${call} (HTTP ${status})`,
			description: `Expected a JSON object; it began: ${quotable(rawBody)}`,
			httpCode: status,
			uncertain: true,
			retry,
		});
	}
	if (status >= 400) {
		return fault({
			message: `Servertastic answered ${call} with HTTP ${status}`,
			description: `The body held no error message: ${quotable(rawBody)}`,
			httpCode: status,
			// Without an API error body nobody says the call was refused: it may have taken effect.
			uncertain: status >= 500,
			retry: overloaded ? retry : undefined,
		});
	}
	return { answer: parsed as IDataObject | unknown[] };
}

/** The API said no: a definite refusal, sent again only when the server was overloaded. */
function apiErrorFault(exchange: Exchange, errorAnswer: IDataObject): Judged {
	const { call, status, retry, overloaded } = exchange;
	const apiError = (
		typeof errorAnswer.error === 'object' && errorAnswer.error !== null
			? errorAnswer.error
			: { message: errorAnswer.error }
	) as IDataObject;
	const apiMessage = withoutPem(String(apiError.message ?? 'unknown error'));
	const code = apiError.code === undefined ? '' : ` ${String(apiError.code)}`;
	return fault({
		message: `Servertastic refused ${call}: ${apiMessage}`,
		description: `The API answered with error${code} (HTTP ${status}).`,
		httpCode: status,
		apiError: { error: { code: apiError.code ?? null, message: apiMessage } } as JsonObject,
		uncertain: false,
		retry: overloaded ? retry : undefined,
	});
}
