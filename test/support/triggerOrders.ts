import type { ListedOrder } from '../../nodes/ServertasticEventTrigger/helpers/listedOrders';

// The listed order and the clock the trigger helper suites share.

export const order = (
	id: string,
	status: string,
	modified: string | null,
	extra: Partial<ListedOrder> = {},
): ListedOrder => ({
	id,
	status,
	modified,
	expiryDate: null,
	record: {},
	...extra,
});

export const NOW = new Date('2026-05-01T12:00:00Z');
