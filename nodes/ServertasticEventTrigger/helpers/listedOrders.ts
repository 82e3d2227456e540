import type { IDataObject } from 'n8n-workflow';

import { normaliseApiDate } from '../../Servertastic/helpers/apiDates';
import { entriesOf } from '../../Servertastic/helpers/normalise';
import { latestModificationOf } from '../../Servertastic/helpers/orderReview';
import { textOf } from '../../Servertastic/helpers/output';
import type { TriggerEvent } from './state';

/**
 * The orders of a `modifiedorders` or `expiring` answer as the trigger reads them, and the keys that
 * make an event fire at most once. Pure.
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

/** Events per poll at most; the rest follow in the next polls. */
export const MAX_EVENTS_PER_POLL = 100;

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

function listedOrder(record: IDataObject): ListedOrder | null {
	const id = textOf(record.reseller_order_id)?.trim();
	if (!id) return null;
	return {
		id,
		status: textOf(record.order_status)?.trim() ?? null,
		modified: latestModificationOf(record),
		expiryDate: normaliseApiDate(record.expiry_date),
		record,
	};
}

function ordersOf(answer: IDataObject): ListedOrder[] {
	return entriesOf(answer.orders, 'order')
		.map(listedOrder)
		.filter((order): order is ListedOrder => order !== null);
}

export const byDateThenId =
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
export function keyDate(event: TriggerEvent, order: ListedOrder): string {
	return (event === 'certificateExpiring' ? order.expiryDate : order.modified) ?? '';
}
