import type { ListedOrder } from '../../../../nodes/ServertasticEventTrigger/helpers/listedOrders';
import {
	baselineModified,
	commitModifiedPoll,
	planModifiedPoll,
} from '../../../../nodes/ServertasticEventTrigger/helpers/modifiedPoll';
import {
	MAX_REMEMBERED_ORDERS,
	readState,
	type TriggerEvent,
	type TriggerState,
	writeState,
} from '../../../../nodes/ServertasticEventTrigger/helpers/state';

// More orders changed within the overlap than the memory keeps: the overlap brings the forgotten ones
// back unknown, and each must not fire again as news.

const order = (id: string, status: string, modified: string): ListedOrder => ({
	id,
	status,
	modified,
	expiryDate: null,
	record: {},
});
const NOW = new Date('2026-05-01T12:00:00Z');

/** `count` orders changed between 10:00:00 and 10:03:59, oldest first. */
function changedOrders(count: number, status: string): ListedOrder[] {
	return Array.from({ length: count }, (_, n) => {
		const seconds = Math.floor((n * 240) / count);
		const time = `10:0${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
		return order(`o${n}`, status, `2026-05-01 ${time}`);
	});
}

/** One poll whose every candidate fires, as the trigger commits it. */
function firedPoll(
	state: TriggerState,
	event: TriggerEvent,
	orders: ListedOrder[],
	timestamp: string,
): TriggerState {
	const plan = planModifiedPoll(state, orders, event, [], orders.length);
	return commitModifiedPoll(state, {
		event,
		orders,
		plan,
		outcomes: plan.candidates.map((candidate) => ({
			candidate,
			decision: 'fire',
			certificateId: null,
		})),
		timestamp,
	});
}

describe('more changes within the overlap than the trigger remembers', () => {
	const count = MAX_REMEMBERED_ORDERS + 1000;

	it.each<TriggerEvent>(['orderStatusChanged', 'certificateIssued'])(
		'%s: the overlap offers only the new change',
		(event) => {
			const status = event === 'certificateIssued' ? 'Completed' : 'Processing';
			const baseline = baselineModified(
				event,
				[],
				'2026-05-01 09:59:00',
				'2026-04-01 09:59:00',
				NOW,
			);
			const orders = changedOrders(count, status);
			const after = firedPoll(baseline, event, orders, '2026-05-01 10:05:00');
			expect(after.orders.size).toBe(MAX_REMEMBERED_ORDERS);
			expect(after.forgottenUpTo).toBe(orders[count - MAX_REMEMBERED_ORDERS - 1].modified);

			// The next answer: everything again (the overlap reaches back to 10:00:00) and one new change.
			const fresh = order('new', status, '2026-05-01 10:06:00');
			const plan = planModifiedPoll(after, [...orders, fresh], event, [], count + 1);
			expect(plan.candidates.map((candidate) => candidate.order.id)).toEqual(['new']);
			expect(plan.deferred).toEqual([]);

			// And it stays so once that poll is committed, and after the state is saved and read back.
			const next = firedPoll(after, event, [...orders, fresh], '2026-05-01 10:10:00');
			const saved: Record<string, never> = {};
			writeState(saved, next);
			const read = readState(saved);
			expect(read.forgottenUpTo).toBe(next.forgottenUpTo);
			expect(planModifiedPoll(read, [...orders, fresh], event, [], count + 1).candidates).toEqual(
				[],
			);
		},
	);

	it('the baseline forgets too: what it forgot does not fire at the first poll', () => {
		const orders = changedOrders(count, 'Processing');
		const baseline = baselineModified(
			'orderStatusChanged',
			orders,
			'2026-05-01 10:05:00',
			'2026-04-01 10:05:00',
			NOW,
		);
		expect(baseline.forgottenUpTo).toBe(orders[count - MAX_REMEMBERED_ORDERS - 1].modified);
		expect(planModifiedPoll(baseline, orders, 'orderStatusChanged', [], count).candidates).toEqual(
			[],
		);
	});

	it('an unknown order is still news when nothing of its time was forgotten, or when it changed after the cursor', () => {
		const state = baselineModified(
			'orderStatusChanged',
			changedOrders(10, 'Processing'),
			'2026-05-01 10:05:00',
			'2026-04-01 10:05:00',
			NOW,
		);
		expect(state.forgottenUpTo).toBeNull();
		const ids = (plan: { candidates: Array<{ order: ListedOrder }> }) =>
			plan.candidates.map((c) => c.order.id);
		// Changed before the cursor, yet never seen (the overlap is there for such an order): news.
		const late = order('late', 'Processing', '2026-05-01 10:02:00');
		const later = order('later', 'Processing', '2026-05-01 10:04:00');
		const atCursor = order('atCursor', 'Processing', '2026-05-01 10:05:00');
		const after = order('after', 'Processing', '2026-05-01 10:05:01');
		const all = [late, later, atCursor, after];
		expect(ids(planModifiedPoll(state, all, 'orderStatusChanged', []))).toEqual([
			'late',
			'later',
			'atCursor',
			'after',
		]);
		// Orders up to 10:03 forgotten: only what changed after that is news.
		const upTo1003 = { ...state, forgottenUpTo: '2026-05-01 10:03:00' };
		const plan = planModifiedPoll(upTo1003, all, 'orderStatusChanged', []);
		expect(ids(plan)).toEqual(['later', 'atCursor', 'after']);
		expect(plan.settled.map((c) => c.order.id)).toEqual(['late']);
		// Forgotten up to the cursor's own second: only a change after the cursor is news.
		const upToCursor = { ...state, forgottenUpTo: '2026-05-01 10:05:00' };
		expect(ids(planModifiedPoll(upToCursor, all, 'orderStatusChanged', []))).toEqual(['after']);
	});
});
