import { apiDate } from '../../Servertastic/helpers/apiDates';
import { eventKey, keyDate, MAX_EVENTS_PER_POLL, type ListedOrder } from './listedOrders';
import { cloneState, emptyState, pruneFired, type TriggerState } from './state';

/** Certificate Expiring: one `expiring` answer per poll, its baseline and what it announces. Pure. */

const DAY_MS = 24 * 3600 * 1000;

/** First poll of Certificate Expiring: what is in the window now counts as announced. */
export function baselineExpiring(orders: ListedOrder[], now: Date): TriggerState {
	const state = emptyState();
	state.event = 'certificateExpiring';
	state.baselineAt = apiDate(now);
	for (const order of orders)
		state.fired.set(eventKey(state.event, order), keyDate(state.event, order));
	pruneFired(state.fired, null);
	return state;
}

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
export function commitExpiringPoll(
	state: TriggerState,
	announced: ListedOrder[],
	now: Date,
): TriggerState {
	const next = cloneState(state);
	for (const order of announced) {
		next.fired.set(eventKey('certificateExpiring', order), keyDate('certificateExpiring', order));
	}
	pruneFired(next.fired, apiDate(new Date(now.getTime() - DAY_MS)));
	return next;
}
