import type { IDataObject } from 'n8n-workflow';

import { parseApiDate } from '../../Servertastic/helpers/apiDates';
import { tidyOrder } from '../../Servertastic/helpers/orderReview';
import { certificateFacts } from './certificate';
import type { Candidate } from './modifiedPoll';
import type { TriggerEvent } from './state';

/** Whether a possible event of the modified poll fires, from the facts of the order's record. Pure. */

/**
 * A completed order the trigger has never seen counts as newly issued unless its certificate is
 * older than the baseline by more than this (CAs backdate the start of validity, Sectigo to midnight).
 */
export const UNKNOWN_ORDER_MARGIN_HOURS = 48;
/** How long a completed order whose record has no certificate yet is retried before it fires without one. */
export const MISSING_CERTIFICATE_GRACE_MINUTES = 30;

const HOUR_MS = 3600 * 1000;

/** What an order's record (or review) says, as far as deciding an event goes. */
export interface ReviewFacts {
	status: string | null;
	hasCertificate: boolean;
	certificateId: string | null;
	/** ISO 8601 start of the certificate's validity, when readable. */
	notBefore: string | null;
}

export function reviewFactsOf(record: IDataObject): ReviewFacts {
	const tidy = tidyOrder(record);
	const certificate = certificateFacts(tidy.certificate as string | null);
	return {
		status: tidy.status as string | null,
		hasCertificate: certificate !== null,
		certificateId: certificate?.id ?? null,
		notBefore: certificate?.notBefore ?? null,
	};
}

export type Decision = 'fire' | 'skip' | 'defer';

function isoOf(text: string | null): string | null {
	return parseApiDate(text)?.toISOString() ?? null;
}

/** A certificate that started well before the baseline: an old order touched again, not news. */
function issuedBeforeBaseline(facts: ReviewFacts, baselineAt: string | null): boolean {
	const baseline = parseApiDate(baselineAt);
	if (!facts.notBefore || !baseline) return false;
	return Date.parse(facts.notBefore) < baseline.getTime() - UNKNOWN_ORDER_MARGIN_HOURS * HOUR_MS;
}

function withinGrace(modified: string | null, now: Date): boolean {
	const changed = parseApiDate(modified);
	return (
		changed !== null &&
		now.getTime() - changed.getTime() < MISSING_CERTIFICATE_GRACE_MINUTES * 60_000
	);
}

/**
 * Fire, skip, or leave for the next poll (the record is Completed but its certificate is not there
 * yet: the data is synced with the CA every five minutes). `now` is the answer's data_accuracy when it gave one.
 */
export function decideModifiedEvent(
	event: TriggerEvent,
	candidate: Candidate,
	facts: ReviewFacts,
	context: { baselineAt: string | null; now: Date },
): Decision {
	const { order, previous } = candidate;
	if (event === 'orderStatusChanged') {
		if (
			!previous &&
			order.status === 'Completed' &&
			issuedBeforeBaseline(facts, context.baselineAt)
		)
			return 'skip';
		return 'fire';
	}
	if (facts.status !== 'Completed' || !facts.hasCertificate) {
		// Completed without a certificate: it may follow at the next sync.
		if (withinGrace(order.modified, context.now)) return 'defer';
		return facts.status === 'Completed' ? 'fire' : 'skip';
	}
	if (!previous) return issuedBeforeBaseline(facts, context.baselineAt) ? 'skip' : 'fire';
	if (previous.status !== 'Completed') return 'fire';
	// Completed before and changed again: news only if the certificate is another one (a reissue).
	if (previous.certificateId)
		return facts.certificateId !== previous.certificateId ? 'fire' : 'skip';
	const seenAt = isoOf(previous.modified);
	return facts.notBefore && seenAt && facts.notBefore > seenAt ? 'fire' : 'skip';
}

export interface CandidateOutcome {
	candidate: Candidate;
	decision: Decision;
	certificateId: string | null;
}
