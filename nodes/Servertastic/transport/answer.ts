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
export function networkFailure(error: unknown, timeout: number): { reason: string; uncertain: boolean } {
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
	const short = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 3)}...` : text);
	return secret ? `${short(shown, 76)} [the rest is not shown: it may hold a key]`.trim() : short(shown, 120);
}

/** An API message never carries a key or CSR on: any PEM block in it is replaced. */
export function withoutPem(text: string): string {
	return text.replace(/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, '[PEM block not shown]');
}

function isErrorAnswer(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as IDataObject).error !== undefined;
}

/**
 * Judges one HTTP answer. An `error` body (whatever the HTTP status), HTTP 400 and above, an empty or
 * non-JSON body are faults. A top-level JSON list is an answer only when `acceptList` is set
 * (productfields answers with one); a list whose first entry is an `error` object is still an error.
 */
export function judgeAnswer(call: string, response: HttpAnswer, acceptList: boolean): Judged {
	const status = response.statusCode ?? 0;
	const rawBody = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	const contentType = String(response.headers?.['content-type'] ?? 'unknown');
	// Without an API error body nobody says the call was refused: it may have taken effect.
	const uncertain = status === 0 || status >= 500;
	const overloaded = status === 429 || status >= 500;
	const retry = { afterMs: retryAfterMs(response.headers?.['retry-after'], Date.now()) };
	const fault = (value: AnswerFault): Judged => ({ fault: value });
	if (status === 429) {
		return fault({
			message: `Servertastic is limiting requests (${call}, HTTP 429)`,
			description: 'Too many requests were sent; try again later or lower the Concurrency option.',
			httpCode: status,
			uncertain: false,
			retry,
		});
	}
	if (!rawBody.trim()) {
		return fault({
			message: `Servertastic sent an empty answer to ${call} (HTTP ${status})`,
			description: 'The API answered without a body.',
			httpCode: status,
			uncertain: true,
			retry,
		});
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody);
	} catch {
		return fault({
			message: `Servertastic sent an answer to ${call} that is not JSON (HTTP ${status}, ${contentType})`,
			description: `It began: ${quotable(rawBody)}`,
			httpCode: status,
			uncertain: true,
			retry,
		});
	}
	const listed = Array.isArray(parsed) && acceptList;
	const errorAnswer = Array.isArray(parsed) ? (isErrorAnswer(parsed[0]) ? parsed[0] : undefined) : parsed;
	if (isErrorAnswer(errorAnswer)) {
		const apiError = (typeof errorAnswer.error === 'object' && errorAnswer.error !== null
			? errorAnswer.error
			: { message: errorAnswer.error }) as IDataObject;
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
	if (parsed === null || typeof parsed !== 'object' || (Array.isArray(parsed) && !listed)) {
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
			uncertain,
			retry: overloaded ? retry : undefined,
		});
	}
	return { answer: parsed as IDataObject | unknown[] };
}
