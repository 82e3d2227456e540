// Switchable faults: canned replies that imitate what goes wrong between a client and the API,
// and a seeded random mode that injects them into a share of the answers.
import { READ_CALLS } from '../../nodes/Servertastic/transport/calls';
import { seededRandom } from '../support/random';
import type { CannedReply } from './server';

/** Every fault the simulator can inject. */
export const FAULT_KINDS = [
	'http500',
	'http502',
	'http503',
	'http429',
	'http429RetryAfter',
	'timeout',
	'resetMidBody',
	'malformedJson',
	'htmlPage',
	'xmlBody',
	'emptyBody',
	'errorWith200',
	'slow',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Faults after which a changing call may have taken effect: the answer was lost or garbled on its
 * way back. A 429 and an `error` body are refusals, so they always come before any effect; a slow
 * answer always comes after the (slow) effect.
 */
export const FAULTS_THAT_MAY_FOLLOW_THE_EFFECT: readonly FaultKind[] = [
	'http500',
	'http502',
	'http503',
	'timeout',
	'resetMidBody',
	'malformedJson',
	'htmlPage',
	'xmlBody',
	'emptyBody',
];

export interface FaultOptions {
	/** The call takes effect first and the fault hits its answer. Ignored by 429 and errorWith200 (never), slow (always). */
	afterEffect?: boolean;
	/** Delay of the `slow` kind; default 200 ms. The call takes effect after the delay. */
	slowMs?: number;
	/** Retry-After of `http429RetryAfter`, in seconds; default 1. */
	retryAfterSeconds?: number;
}

export interface FaultSettings {
	/** Share of the answers (0 to 1) that get a fault. */
	rate: number;
	/** The kinds to draw from, equally likely; default every kind. */
	kinds?: readonly FaultKind[];
	/** Seed of the generator: the same seed and the same request order give the same faults. Default 1. */
	seed?: number;
	/** Only these calls ('order/place'...); default every API call. */
	calls?: readonly string[];
	/** Share (0 to 1) of the faults on changing calls that hit after the call took effect; default 0.5. */
	afterEffectShare?: number;
	/** As in FaultOptions. */
	slowMs?: number;
	retryAfterSeconds?: number;
}

export interface InjectedFault {
	/** Index of the request in `simulator.requests`. */
	requestIndex: number;
	call: string;
	kind: FaultKind;
	/** Whether the call took effect before the fault hit its answer. */
	afterEffect: boolean;
}

const HTML_PAGE =
	'<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Something went wrong</h1>' +
	'<p>The server encountered an error and could not complete your request.</p></body></html>\n';

const XML_BODY =
	'<?xml version="1.0" encoding="UTF-8"?>\n<response><error><code>-10</code>' +
	'<message>XML responses are not simulated: use the .json path</message></error></response>\n';

/** A reply for one fault kind, to give to `respondOnce` or to inject at random. */
export function faultReply(kind: FaultKind, options: FaultOptions = {}): CannedReply {
	const afterEffect =
		options.afterEffect === true && FAULTS_THAT_MAY_FOLLOW_THE_EFFECT.includes(kind);
	const process = afterEffect || undefined;
	switch (kind) {
		case 'http500':
			return { status: 500, body: 'Internal Server Error', contentType: 'text/plain', process };
		case 'http502':
			return {
				status: 502,
				body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
				contentType: 'text/html',
				process,
			};
		case 'http503':
			return { status: 503, body: { message: 'Service Unavailable' }, process };
		case 'http429':
			return { status: 429, body: { message: 'Too Many Requests' } };
		case 'http429RetryAfter':
			return {
				status: 429,
				body: { message: 'Too Many Requests' },
				headers: { 'Retry-After': String(options.retryAfterSeconds ?? 1) },
			};
		case 'timeout':
			return { status: 200, body: '', hang: true, process };
		case 'resetMidBody':
			// After the effect: half of the real answer, then the reset.
			return afterEffect
				? { status: 200, process: true, resetMidBody: true }
				: {
						status: 200,
						body: { success: 'Request completed', detail: 'x'.repeat(200) },
						resetMidBody: true,
					};
		case 'malformedJson':
			return afterEffect
				? { status: 200, process: true, halfBody: true }
				: {
						status: 200,
						body: '{"success":"Request completed","reseller_order_id":"ST1',
						contentType: 'application/json',
					};
		case 'htmlPage':
			return { status: 200, body: HTML_PAGE, contentType: 'text/html; charset=utf-8', process };
		case 'xmlBody':
			return { status: 400, body: XML_BODY, contentType: 'text/xml', process };
		case 'emptyBody':
			return { status: 200, body: '', process };
		case 'errorWith200':
			return {
				status: 200,
				body: { error: { code: -503, message: 'The service is temporarily unavailable' } },
			};
		case 'slow':
			return { status: 200, process: true, delayMs: options.slowMs ?? 200 };
	}
}

/** The calls that change nothing (the table of calls): a fault on them never follows an effect. */
export const READ_ONLY_CALLS: readonly string[] = READ_CALLS;

/**
 * Draws the faults of `settings.faults`, one decision per request in arrival order. A new
 * settings object (or a new seed) starts the generator again.
 */
export class FaultInjector {
	private source?: FaultSettings;
	private seed?: number;
	private random: () => number = Math.random;

	decide(
		faults: FaultSettings | undefined | null,
		call: string,
	): { kind: FaultKind; afterEffect: boolean; reply: CannedReply } | undefined {
		if (!faults || !(faults.rate > 0)) return undefined;
		if (faults.calls && !faults.calls.includes(call)) return undefined;
		if (faults !== this.source || faults.seed !== this.seed) {
			this.source = faults;
			this.seed = faults.seed;
			this.random = seededRandom(faults.seed ?? 1);
		}
		// Always three draws, so one decision does not shift the ones after it.
		const [hit, pick, after] = [this.random(), this.random(), this.random()];
		if (hit >= faults.rate) return undefined;
		const kinds = faults.kinds?.length ? faults.kinds : FAULT_KINDS;
		const kind = kinds[Math.min(kinds.length - 1, Math.floor(pick * kinds.length))];
		const changing = !READ_ONLY_CALLS.includes(call);
		const afterEffect =
			kind === 'slow' ||
			(changing &&
				FAULTS_THAT_MAY_FOLLOW_THE_EFFECT.includes(kind) &&
				after < (faults.afterEffectShare ?? 0.5));
		const reply = faultReply(kind, {
			afterEffect,
			slowMs: faults.slowMs,
			retryAfterSeconds: faults.retryAfterSeconds,
		});
		return { kind, afterEffect, reply };
	}
}
