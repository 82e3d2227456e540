import type { IDataObject } from 'n8n-workflow';

import { tidyOrder } from '../../Servertastic/helpers/orderReview';
import type { ListedOrder } from './listedOrders';
import type { TriggerEvent } from './state';

/** The items the trigger emits: one shape for every event. Pure. */

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
