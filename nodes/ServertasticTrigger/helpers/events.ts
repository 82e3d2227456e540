import type { IDataObject } from 'n8n-workflow';

import { entriesOf } from '../../Servertastic/helpers/normalise';
import { apiDate, tidyOrder } from '../../Servertastic/helpers/orderReview';
import { textOf } from '../../Servertastic/helpers/output';
import { certificateFacts } from './certificate';
import {
	cloneState,
	emptyState,
	laterApiDate,
	normaliseApiDate,
	parseApiDate,
	pruneFired,
	remember,
	shiftApiDate,
	type OrderMemory,
	type TriggerEvent,
	type TriggerState,
} from './state';

/**
 * Event detection, cursor and de-duplication for the Servertastic Trigger. Pure: the poll feeds in
 * API answers and gets back what to fetch, what to fire and the next state.
 */

/** `order_status` values (api2.md "Possible order_status values"), sorted for the editor. */
export const ORDER_STATUSES = [
	'Awaiting Customer Verification',
	'Awaiting Provider Approval',
	'Cancelled',
	'Completed',
	'Order Placed',
	'Queued',
	'Roll Back',
	'Servertastic Review',
] as const;

export const EVENT_NAMES: Record<TriggerEvent, string> = {
	certificateIssued: 'Certificate Issued',
	orderStatusChanged: 'Order Status Changed',
	certificateExpiring: 'Certificate Expiring',
};

/**
 * Each poll asks for modifications since the cursor minus this much: the API's dates have
 * one-second resolution, it filters strictly after `date`, and its data is refreshed from the CA
 * every few minutes. Orders seen again in the overlap are recognised and skipped.
 */
export const OVERLAP_SECONDS = 300;
/** The first poll learns the status of orders changed this recently, so later changes have a known previous status. */
export const BASELINE_LOOKBACK_DAYS = 30;
/** How far back Fetch Test Event looks for a real order to show. */
export const MANUAL_LOOKBACK_DAYS = 400;
/** Events per poll at most; the rest follow in the next polls. */
export const MAX_EVENTS_PER_POLL = 100;
/**
 * A completed order the trigger has never seen counts as newly issued unless its certificate is
 * older than the baseline by more than this (CAs backdate the start of validity, Sectigo to midnight).
 */
export const UNKNOWN_ORDER_MARGIN_HOURS = 48;
/** How long a completed order whose record has no certificate yet is retried before it fires without one. */
export const MISSING_CERTIFICATE_GRACE_MINUTES = 30;

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * One record of a `modifiedorders` or `expiring` answer (`orders.order`, api2.md). Neither carries an
 * order token: an order is known by its `reseller_order_id`.
 */
export interface ListedOrder {
	id: string;
	status: string | null;
	/** The latest `modifications.modification[].timestamp` (API format), null without one. */
	modified: string | null;
	/** expiry_date in API format, null when absent. */
	expiryDate: string | null;
	/** The record as it came: a modifiedorders record is review-like and is the event's data. */
	record: IDataObject;
}

function latestModification(record: IDataObject): string | null {
	return entriesOf(record.modifications, 'modification').reduce<string | null>(
		(latest, modification) => laterApiDate(latest, normaliseApiDate(modification.timestamp)),
		null,
	);
}

function listedOrder(record: IDataObject): ListedOrder | null {
	const id = textOf(record.reseller_order_id)?.trim();
	if (!id) return null;
	return {
		id,
		status: textOf(record.order_status)?.trim() ?? null,
		modified: latestModification(record),
		expiryDate: normaliseApiDate(record.expiry_date),
		record,
	};
}

function ordersOf(answer: IDataObject): ListedOrder[] {
	return entriesOf(answer.orders, 'order')
		.map(listedOrder)
		.filter((order): order is ListedOrder => order !== null);
}

const byDateThenId =
	(date: (order: ListedOrder) => string | null) =>
	(a: ListedOrder, b: ListedOrder): number => {
		const left = date(a) ?? '';
		const right = date(b) ?? '';
		if (left !== right) return left < right ? -1 : 1;
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	};

/** The orders of a `modifiedorders` answer, oldest change first; records without an id or status are dropped. */
export function modifiedOrdersOf(answer: IDataObject): ListedOrder[] {
	return ordersOf(answer)
		.filter((order) => order.status !== null)
		.sort(byDateThenId((order) => order.modified));
}

/** The orders of an `expiring` answer, soonest expiry first. */
export function expiringOrdersOf(answer: IDataObject): ListedOrder[] {
	return ordersOf(answer).sort(byDateThenId((order) => order.expiryDate));
}

/**
 * `data_accuracy` of a `modifiedorders` answer: the time (GMT) of the last modification the answer
 * covers, which api2.md says to send as the next `date`. Null when it is not a date.
 */
export function dataAccuracyOf(answer: IDataObject): string | null {
	return normaliseApiDate(answer.data_accuracy);
}

/** Identifies one event: it fires at most once. */
export function eventKey(event: TriggerEvent, order: ListedOrder): string {
	if (event === 'certificateExpiring') return `${event}|${order.id}|${order.expiryDate ?? ''}`;
	return `${event}|${order.id}|${order.status ?? ''}|${order.modified ?? ''}`;
}

/** The date after which an event key can no longer come back, so it may be forgotten. */
function keyDate(event: TriggerEvent, order: ListedOrder): string {
	return (event === 'certificateExpiring' ? order.expiryDate : order.modified) ?? '';
}

// ---------------------------------------------------------------------------------------------
// Baselines
// ---------------------------------------------------------------------------------------------

/**
 * First poll (or the Event was changed): remember the orders changed lately and start the cursor
 * at the answer's data_accuracy. Nothing fires.
 */
export function baselineModified(
	event: TriggerEvent,
	orders: ListedOrder[],
	timestamp: string | null,
	queriedFrom: string,
	now: Date,
): TriggerState {
	const state = emptyState();
	state.event = event;
	for (const order of orders) {
		remember(state.orders, order.id, { status: order.status ?? '', modified: order.modified, certificateId: null });
	}
	const latest = orders.length ? orders[orders.length - 1].modified : null;
	state.cursor = timestamp ?? latest ?? queriedFrom;
	// data_accuracy dates the data, not the poll (it may be far back when little changed): the
	// baseline is the later of it and this poll's time.
	state.baselineAt = laterApiDate(laterApiDate(timestamp, latest), apiDate(now));
	return state;
}

/** First poll of Certificate Expiring: what is in the window now counts as announced. */
export function baselineExpiring(orders: ListedOrder[], now: Date): TriggerState {
	const state = emptyState();
	state.event = 'certificateExpiring';
	state.baselineAt = apiDate(now);
	for (const order of orders) state.fired.set(eventKey(state.event, order), keyDate(state.event, order));
	pruneFired(state.fired, null);
	return state;
}

/** True when the state was built for this event (otherwise the poll takes a new baseline). */
export function hasBaseline(state: TriggerState, event: TriggerEvent): boolean {
	if (state.event !== event || !state.baselineAt) return false;
	return event === 'certificateExpiring' || state.cursor !== null;
}

// ---------------------------------------------------------------------------------------------
// Certificate Issued and Order Status Changed (one modifiedorders answer per poll)
// ---------------------------------------------------------------------------------------------

export interface Candidate {
	order: ListedOrder;
	/** What the trigger knew of the order before this answer; null when it had not seen it. */
	previous: OrderMemory | null;
}

export interface ModifiedPlan {
	/** Possible events: each needs `decideModifiedEvent` on the facts of its record. */
	candidates: Candidate[];
	/** Changes that are not events: remembered as they are. */
	settled: Candidate[];
	/** Possible events beyond this poll's share: left, unrecorded, for the next poll. */
	deferred: Candidate[];
}

/** Sorts the orders of one answer into possible events, non-events and ones left for later. */
export function planModifiedPoll(
	state: TriggerState,
	orders: ListedOrder[],
	event: TriggerEvent,
	statuses: readonly string[],
	maxCandidates = MAX_EVENTS_PER_POLL,
): ModifiedPlan {
	const plan: ModifiedPlan = { candidates: [], settled: [], deferred: [] };
	for (const order of orders) {
		const previous = state.orders.get(order.id) ?? null;
		// Seen in this very state already (the overlap brings it back): nothing new.
		if (previous && previous.status === order.status && previous.modified === order.modified) continue;
		const wanted =
			event === 'certificateIssued'
				? order.status === 'Completed'
				: (!previous || previous.status !== order.status) &&
					(statuses.length === 0 || statuses.includes(order.status ?? ''));
		if (!wanted || state.fired.has(eventKey(event, order))) {
			plan.settled.push({ order, previous });
		} else if (plan.candidates.length < maxCandidates) {
			plan.candidates.push({ order, previous });
		} else {
			plan.deferred.push({ order, previous });
		}
	}
	return plan;
}

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
	return changed !== null && now.getTime() - changed.getTime() < MISSING_CERTIFICATE_GRACE_MINUTES * 60_000;
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
		if (!previous && order.status === 'Completed' && issuedBeforeBaseline(facts, context.baselineAt)) return 'skip';
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
	if (previous.certificateId) return facts.certificateId !== previous.certificateId ? 'fire' : 'skip';
	const seenAt = isoOf(previous.modified);
	return facts.notBefore && seenAt && facts.notBefore > seenAt ? 'fire' : 'skip';
}

export interface CandidateOutcome {
	candidate: Candidate;
	decision: Decision;
	certificateId: string | null;
}

/** The cursor after an answer: its data_accuracy, never backwards; unchanged while anything waits. */
export function nextCursor(
	previous: string | null,
	timestamp: string | null,
	orders: ListedOrder[],
	anythingWaits: boolean,
): string | null {
	if (anythingWaits) return previous;
	const latestModified = orders.reduce<string | null>((latest, order) => laterApiDate(latest, order.modified), null);
	return laterApiDate(previous, timestamp ?? latestModified);
}

/** The state after a poll whose events were all built. */
export function commitModifiedPoll(
	state: TriggerState,
	poll: {
		event: TriggerEvent;
		orders: ListedOrder[];
		plan: ModifiedPlan;
		outcomes: CandidateOutcome[];
		timestamp: string | null;
	},
): TriggerState {
	const next = cloneState(state);
	const record = ({ order, previous }: Candidate, certificateId: string | null) =>
		remember(next.orders, order.id, {
			status: order.status ?? '',
			modified: order.modified,
			certificateId: certificateId ?? previous?.certificateId ?? null,
		});
	const done = [
		...poll.plan.settled.map((candidate) => ({ candidate, decision: 'skip' as Decision, certificateId: null })),
		...poll.outcomes,
	].sort((a, b) => byDateThenId((order) => order.modified)(a.candidate.order, b.candidate.order));
	let waiting = poll.plan.deferred.length > 0;
	for (const { candidate, decision, certificateId } of done) {
		if (decision === 'defer') {
			waiting = true;
			continue;
		}
		record(candidate, certificateId);
		if (decision === 'fire') {
			next.fired.set(eventKey(poll.event, candidate.order), keyDate(poll.event, candidate.order));
		}
	}
	next.cursor = nextCursor(state.cursor, poll.timestamp, poll.orders, waiting);
	pruneFired(next.fired, next.cursor ? shiftApiDate(next.cursor, -OVERLAP_SECONDS) : null);
	return next;
}

/** The `date` to send: the cursor minus the overlap. */
export function modifiedSince(state: TriggerState): string {
	return shiftApiDate(state.cursor ?? apiDate(new Date(0)), -OVERLAP_SECONDS);
}

export function baselineSince(now: Date): string {
	return apiDate(new Date(now.getTime() - BASELINE_LOOKBACK_DAYS * DAY_MS));
}

export function manualSince(now: Date): string {
	return apiDate(new Date(now.getTime() - MANUAL_LOOKBACK_DAYS * DAY_MS));
}

// ---------------------------------------------------------------------------------------------
// Certificate Expiring (one expiring answer per poll)
// ---------------------------------------------------------------------------------------------

/** Orders in the window not announced yet for their expiry date, soonest first; the rest wait. */
export function planExpiringPoll(
	state: TriggerState,
	orders: ListedOrder[],
	maxCandidates = MAX_EVENTS_PER_POLL,
): { candidates: ListedOrder[]; deferred: ListedOrder[] } {
	const fresh = orders.filter((order) => !state.fired.has(eventKey('certificateExpiring', order)));
	return { candidates: fresh.slice(0, maxCandidates), deferred: fresh.slice(maxCandidates) };
}

/** Records the announced orders; keys of expiry dates more than a day past are forgotten. */
export function commitExpiringPoll(state: TriggerState, announced: ListedOrder[], now: Date): TriggerState {
	const next = cloneState(state);
	for (const order of announced) {
		next.fired.set(eventKey('certificateExpiring', order), keyDate('certificateExpiring', order));
	}
	pruneFired(next.fired, apiDate(new Date(now.getTime() - DAY_MS)));
	return next;
}

// ---------------------------------------------------------------------------------------------
// Output items
// ---------------------------------------------------------------------------------------------

/** Days until `expiryDate` from `now`, rounded up; null without a date. The API sends no days remaining. */
export function daysUntil(expiryDate: string | null, now: Date): number | null {
	const expiry = parseApiDate(expiryDate);
	return expiry ? Math.ceil((expiry.getTime() - now.getTime()) / DAY_MS) : null;
}

/**
 * One event item: the same keys for every event, null where a key does not apply. The data is the
 * order's record from modifiedorders or expiring; `orderToken` is null, as neither answer carries
 * one: the order is known by `resellerOrderId` (and by `resellerReference`, when the record has it,
 * which Get Many Tokens lists beside each token).
 */
export function eventItem(
	event: TriggerEvent,
	record: IDataObject,
	extra: { previousStatus: string | null; daysRemaining: number | null; isSample?: boolean },
): IDataObject {
	return {
		event,
		isSample: extra.isSample === true,
		previousStatus: extra.previousStatus,
		daysRemaining: extra.daysRemaining,
		...tidyOrder(record),
		response: record,
	};
}

/** The order Fetch Test Event shows: the latest matching change, or the soonest expiry. */
export function pickManualOrder(
	event: TriggerEvent,
	orders: ListedOrder[],
	statuses: readonly string[],
): ListedOrder | null {
	if (event === 'certificateExpiring') return orders[0] ?? null;
	const matching = orders.filter((order) =>
		event === 'certificateIssued'
			? order.status === 'Completed'
			: statuses.length === 0 || statuses.includes(order.status ?? ''),
	);
	return matching[matching.length - 1] ?? null;
}
