import { apiDate, laterApiDate, shiftApiDate } from '../../Servertastic/helpers/apiDates';
import {
	byDateThenId,
	eventKey,
	keyDate,
	MAX_EVENTS_PER_POLL,
	type ListedOrder,
} from './listedOrders';
import type { CandidateOutcome, Decision } from './modifiedDecision';
import {
	emptyState,
	cloneState,
	pruneFired,
	remember,
	type OrderMemory,
	type TriggerEvent,
	type TriggerState,
} from './state';

/**
 * Certificate Issued and Order Status Changed: one `modifiedorders` answer per poll. Its baseline,
 * which orders may be events, and the state (cursor, memory) after the poll. Pure.
 */

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

const DAY_MS = 24 * 3600 * 1000;

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
		const forgotten = remember(state.orders, order.id, {
			status: order.status ?? '',
			modified: order.modified,
			certificateId: null,
		});
		state.forgottenUpTo = laterApiDate(state.forgottenUpTo, forgotten);
	}
	const latest = orders.length ? orders[orders.length - 1].modified : null;
	state.cursor = timestamp ?? latest ?? queriedFrom;
	// data_accuracy dates the data, not the poll (it may be far back when little changed): the
	// baseline is the later of it and this poll's time.
	state.baselineAt = laterApiDate(laterApiDate(timestamp, latest), apiDate(now));
	return state;
}

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

/**
 * An unknown order the memory may have dropped: changed no later than the cursor (an earlier answer
 * brought it: data_accuracy is "the time to send as the next date", api2.md) and no later than the
 * latest order forgotten. Only when more orders changed within the overlap than the memory keeps;
 * without this, each would fire again as news. An unknown order past either date is still news. At
 * the cursor's own second (one-second dates) a change made after the answer cannot be told from a
 * forgotten one; only when the memory overflowed up to that second is it taken as seen.
 */
function wasForgotten(state: TriggerState, order: ListedOrder): boolean {
	const { cursor, forgottenUpTo } = state;
	return (
		!!order.modified &&
		!!cursor &&
		!!forgottenUpTo &&
		order.modified <= cursor &&
		order.modified <= forgottenUpTo
	);
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
		if (previous && previous.status === order.status && previous.modified === order.modified)
			continue;
		if (!previous && wasForgotten(state, order)) {
			plan.settled.push({ order, previous });
			continue;
		}
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

/** The cursor after an answer: its data_accuracy, never backwards; unchanged while anything waits. */
export function nextCursor(
	previous: string | null,
	timestamp: string | null,
	orders: ListedOrder[],
	anythingWaits: boolean,
): string | null {
	if (anythingWaits) return previous;
	const latestModified = orders.reduce<string | null>(
		(latest, order) => laterApiDate(latest, order.modified),
		null,
	);
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
	const record = ({ order, previous }: Candidate, certificateId: string | null) => {
		const forgotten = remember(next.orders, order.id, {
			status: order.status ?? '',
			modified: order.modified,
			certificateId: certificateId ?? previous?.certificateId ?? null,
		});
		next.forgottenUpTo = laterApiDate(next.forgottenUpTo, forgotten);
	};
	const done = [
		...poll.plan.settled.map((candidate) => ({
			candidate,
			decision: 'skip' as Decision,
			certificateId: null,
		})),
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
