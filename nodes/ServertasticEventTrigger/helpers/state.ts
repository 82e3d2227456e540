import type { IDataObject } from 'n8n-workflow';

import { normaliseApiDate } from '../../Servertastic/helpers/apiDates';

/**
 * What the trigger remembers between polls, kept in the workflow's static data (n8n saves it with the
 * workflow, so it survives restarts). Pure: no n8n calls here.
 */

export type TriggerEvent = 'certificateIssued' | 'orderStatusChanged' | 'certificateExpiring';

export const TRIGGER_EVENTS: readonly TriggerEvent[] = [
	'certificateIssued',
	'orderStatusChanged',
	'certificateExpiring',
];

/**
 * The static data key; the layout under it has a version so a change can start afresh. Version 2
 * knows orders by reseller_order_id (version 1 by order token, which the answers do not carry).
 */
export const STATE_KEY = 'servertasticTrigger';
export const STATE_VERSION = 2;

/** Orders whose last-known status is kept (least recently changed ones are forgotten first). */
export const MAX_REMEMBERED_ORDERS = 5000;
/** Keys of events already fired, kept while they can still come back in an answer. */
export const MAX_FIRED_KEYS = 5000;

export interface OrderMemory {
	status: string;
	/** The order's latest modification time when it was last seen (API format), null when it had none. */
	modified: string | null;
	/** Identifies the last certificate seen for the order, when one was fetched. */
	certificateId: string | null;
}

export interface TriggerState {
	/** The event the state below was built for; another event starts a new baseline. */
	event: TriggerEvent | null;
	/** `YYYY-MM-DD HH:MM:SS` (GMT): modifications up to here have been handled (modifiedorders events). */
	cursor: string | null;
	/** When the first poll took its baseline (API format); null = no baseline yet. */
	baselineAt: string | null;
	/** reseller_order_id → last-known state; insertion order = least recently changed first. */
	orders: Map<string, OrderMemory>;
	/** event key → the date that ages it out (modified date, or expiry date for expiring events). */
	fired: Map<string, string>;
	/**
	 * The latest modified date of an order the memory forgot (it keeps MAX_REMEMBERED_ORDERS); null
	 * when it forgot none. An order the overlap brings back unknown may be one of those, not news.
	 */
	forgottenUpTo: string | null;
}

export function emptyState(): TriggerState {
	return {
		event: null,
		cursor: null,
		baselineAt: null,
		orders: new Map(),
		fired: new Map(),
		forgottenUpTo: null,
	};
}

export function cloneState(state: TriggerState): TriggerState {
	return {
		event: state.event,
		cursor: state.cursor,
		baselineAt: state.baselineAt,
		orders: new Map([...state.orders].map(([id, memory]) => [id, { ...memory }])),
		fired: new Map(state.fired),
		forgottenUpTo: state.forgottenUpTo,
	};
}

/** True when the state was built for this event (otherwise the poll takes a new baseline). */
export function hasBaseline(state: TriggerState, event: TriggerEvent): boolean {
	if (state.event !== event || !state.baselineAt) return false;
	return event === 'certificateExpiring' || state.cursor !== null;
}

/**
 * Records an order as most recently changed and forgets the least recently changed beyond `cap`.
 * Gives the latest modified date among the orders it forgot (null when it forgot none or they had none).
 */
export function remember(
	orders: Map<string, OrderMemory>,
	id: string,
	memory: OrderMemory,
	cap = MAX_REMEMBERED_ORDERS,
): string | null {
	orders.delete(id);
	orders.set(id, memory);
	let forgotten: string | null = null;
	for (const [oldest, old] of orders) {
		if (orders.size <= cap) break;
		orders.delete(oldest);
		if (old.modified && (!forgotten || old.modified > forgotten)) forgotten = old.modified;
	}
	return forgotten;
}

/** Drops fired keys dated before `keepFrom` (they cannot come back) and the oldest beyond `cap`. */
export function pruneFired(
	fired: Map<string, string>,
	keepFrom: string | null,
	cap = MAX_FIRED_KEYS,
): void {
	if (keepFrom) {
		for (const [key, date] of fired) {
			if (date !== '' && date < keepFrom) fired.delete(key);
		}
	}
	for (const oldest of fired.keys()) {
		if (fired.size <= cap) break;
		fired.delete(oldest);
	}
}

const isText = (value: unknown): value is string => typeof value === 'string';
const textOrNull = (value: unknown): string | null =>
	isText(value) && value !== '' ? value : null;

/**
 * Reads the state from the node's static data. Anything malformed (hand-edited, another version)
 * reads as "no state", which means a new baseline: never a replay.
 */
export function readState(staticData: IDataObject): TriggerState {
	const state = emptyState();
	const stored = staticData[STATE_KEY] as IDataObject | undefined;
	if (!stored || typeof stored !== 'object' || stored.version !== STATE_VERSION) return state;
	state.event = TRIGGER_EVENTS.includes(stored.event as TriggerEvent)
		? (stored.event as TriggerEvent)
		: null;
	state.cursor = normaliseApiDate(stored.cursor);
	state.baselineAt = normaliseApiDate(stored.baselineAt);
	state.forgottenUpTo = normaliseApiDate(stored.forgottenUpTo);
	if (Array.isArray(stored.orders)) {
		for (const entry of stored.orders as unknown[]) {
			if (!Array.isArray(entry) || !isText(entry[0]) || !isText(entry[1])) continue;
			state.orders.set(entry[0], {
				status: entry[1],
				modified: textOrNull(entry[2]),
				certificateId: textOrNull(entry[3]),
			});
		}
	}
	if (Array.isArray(stored.fired)) {
		for (const entry of stored.fired as unknown[]) {
			if (Array.isArray(entry) && isText(entry[0]) && isText(entry[1]))
				state.fired.set(entry[0], entry[1]);
		}
	}
	if (!state.event) return emptyState();
	return state;
}

/** Writes the state as plain JSON (lists of short lists keep the saved workflow small). */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData[STATE_KEY] = {
		version: STATE_VERSION,
		event: state.event,
		cursor: state.cursor,
		baselineAt: state.baselineAt,
		forgottenUpTo: state.forgottenUpTo,
		orders: [...state.orders].map(([id, memory]) => [
			id,
			memory.status,
			memory.modified ?? '',
			memory.certificateId ?? '',
		]),
		fired: [...state.fired],
	};
}
