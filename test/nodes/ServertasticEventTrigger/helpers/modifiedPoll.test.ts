import {
	eventKey,
	type ListedOrder,
	MAX_EVENTS_PER_POLL,
} from '../../../../nodes/ServertasticEventTrigger/helpers/listedOrders';
import {
	baselineModified,
	commitModifiedPoll,
	modifiedSince,
	nextCursor,
	OVERLAP_SECONDS,
	planModifiedPoll,
} from '../../../../nodes/ServertasticEventTrigger/helpers/modifiedPoll';
import {
	hasBaseline,
	readState,
	type TriggerState,
	writeState,
} from '../../../../nodes/ServertasticEventTrigger/helpers/state';
import { NOW, order } from '../../../support/triggerOrders';

/** A state after a baseline at 10:00 that knew tokA (placed) and tokB (completed). */
function knownState(
	event: 'certificateIssued' | 'orderStatusChanged' = 'certificateIssued',
): TriggerState {
	return baselineModified(
		event,
		[
			order('tokA', 'Order Placed', '2026-05-01 09:00:00'),
			order('tokB', 'Completed', '2026-05-01 09:30:00'),
		],
		'2026-05-01 10:00:00',
		'2026-04-01 10:00:00',
		NOW,
	);
}

describe('baseline', () => {
	it('remembers recent orders, starts the cursor at data_accuracy and fires nothing', () => {
		const state = knownState();
		expect(state.cursor).toBe('2026-05-01 10:00:00');
		// data_accuracy dates the data; the baseline is when the poll ran, if later.
		expect(state.baselineAt).toBe('2026-05-01 12:00:00');
		expect(
			baselineModified('certificateIssued', [], '2026-05-01 13:00:00', '2026-04-01 10:00:00', NOW)
				.baselineAt,
		).toBe('2026-05-01 13:00:00');
		expect(state.fired.size).toBe(0);
		expect(state.orders.get('tokA')).toEqual({
			status: 'Order Placed',
			modified: '2026-05-01 09:00:00',
			certificateId: null,
		});
		expect(hasBaseline(state, 'certificateIssued')).toBe(true);
		expect(hasBaseline(state, 'orderStatusChanged')).toBe(false);
		expect(hasBaseline(state, 'certificateExpiring')).toBe(false);
	});

	it('without data_accuracy starts at the latest change, or where it looked from', () => {
		expect(
			baselineModified(
				'certificateIssued',
				[order('a', 'Queued', '2026-05-01 09:00:00')],
				null,
				'2026-04-01 00:00:00',
				NOW,
			).cursor,
		).toBe('2026-05-01 09:00:00');
		const empty = baselineModified('certificateIssued', [], null, '2026-04-01 00:00:00', NOW);
		expect(empty.cursor).toBe('2026-04-01 00:00:00');
		expect(empty.baselineAt).toBe('2026-05-01 12:00:00');
	});

	it('asks from the cursor minus the overlap', () => {
		expect(OVERLAP_SECONDS).toBeGreaterThan(0);
		expect(modifiedSince(knownState())).toBe('2026-05-01 09:55:00');
	});
});

describe('planning a poll of modified orders', () => {
	it('Certificate Issued: completed orders are candidates, others are remembered, ones seen in the same state are skipped', () => {
		const plan = planModifiedPoll(
			knownState(),
			[
				order('tokB', 'Completed', '2026-05-01 09:30:00'), // seen exactly so at the baseline (overlap)
				order('tokA', 'Completed', '2026-05-01 10:01:00'),
				order('tokC', 'Awaiting Customer Verification', '2026-05-01 10:02:00'),
			],
			'certificateIssued',
			[],
		);
		expect(plan.candidates.map((c) => [c.order.id, c.previous?.status ?? null])).toEqual([
			['tokA', 'Order Placed'],
		]);
		expect(plan.settled.map((c) => c.order.id)).toEqual(['tokC']);
		expect(plan.deferred).toEqual([]);
	});

	it('Order Status Changed: a status other than the last known one, filtered by the chosen statuses', () => {
		const state = knownState('orderStatusChanged');
		const orders = [
			order('tokA', 'Awaiting Customer Verification', '2026-05-01 10:01:00'),
			order('tokB', 'Completed', '2026-05-01 10:02:00'), // touched, same status
			order('tokN', 'Order Placed', '2026-05-01 10:03:00'), // never seen
		];
		const any = planModifiedPoll(state, orders, 'orderStatusChanged', []);
		expect(any.candidates.map((c) => c.order.id)).toEqual(['tokA', 'tokN']);
		expect(any.settled.map((c) => c.order.id)).toEqual(['tokB']);
		const filtered = planModifiedPoll(state, orders, 'orderStatusChanged', ['Order Placed']);
		expect(filtered.candidates.map((c) => c.order.id)).toEqual(['tokN']);
		expect(filtered.settled.map((c) => c.order.id)).toEqual(['tokA', 'tokB']);
	});

	it('never offers an event whose key already fired', () => {
		const state = knownState();
		const done = order('tokA', 'Completed', '2026-05-01 10:01:00');
		state.fired.set(eventKey('certificateIssued', done), done.modified!);
		expect(planModifiedPoll(state, [done], 'certificateIssued', []).candidates).toEqual([]);
	});

	it('offers at most the per-poll share and leaves the rest', () => {
		const many = Array.from({ length: 5 }, (_, i) =>
			order(`t${i}`, 'Completed', `2026-05-01 10:0${i}:00`),
		);
		const plan = planModifiedPoll(knownState(), many, 'certificateIssued', [], 2);
		expect(plan.candidates.map((c) => c.order.id)).toEqual(['t0', 't1']);
		expect(plan.deferred.map((c) => c.order.id)).toEqual(['t2', 't3', 't4']);
		expect(MAX_EVENTS_PER_POLL).toBeGreaterThanOrEqual(50);
	});
});

describe('committing a poll', () => {
	it('remembers every order, records fired keys, and moves the cursor to data_accuracy', () => {
		const state = knownState();
		const orders = [
			order('tokA', 'Completed', '2026-05-01 10:01:00'),
			order('tokC', 'Queued', '2026-05-01 10:02:00'),
		];
		const plan = planModifiedPoll(state, orders, 'certificateIssued', []);
		const next = commitModifiedPoll(state, {
			event: 'certificateIssued',
			orders,
			plan,
			outcomes: [{ candidate: plan.candidates[0], decision: 'fire', certificateId: 'cert-A' }],
			timestamp: '2026-05-01 10:05:00',
		});
		expect(next.cursor).toBe('2026-05-01 10:05:00');
		expect(next.orders.get('tokA')).toEqual({
			status: 'Completed',
			modified: '2026-05-01 10:01:00',
			certificateId: 'cert-A',
		});
		expect(next.orders.get('tokC')?.status).toBe('Queued');
		expect([...next.fired.keys()]).toEqual([
			'certificateIssued|tokA|Completed|2026-05-01 10:01:00',
		]);
		// The input state is left as it was: a failed poll has nothing to undo.
		expect(state.cursor).toBe('2026-05-01 10:00:00');
		expect(state.orders.get('tokA')?.status).toBe('Order Placed');
		// The same answer again (overlap) offers nothing.
		expect(planModifiedPoll(next, orders, 'certificateIssued', []).candidates).toEqual([]);
	});

	it('keeps the cursor while anything waits and does not remember what waits', () => {
		const state = knownState();
		const orders = [
			order('tokA', 'Completed', '2026-05-01 10:01:00'),
			order('tokD', 'Completed', '2026-05-01 10:02:00'),
		];
		const plan = planModifiedPoll(state, orders, 'certificateIssued', [], 1);
		const next = commitModifiedPoll(state, {
			event: 'certificateIssued',
			orders,
			plan,
			outcomes: [{ candidate: plan.candidates[0], decision: 'defer', certificateId: null }],
			timestamp: '2026-05-01 10:05:00',
		});
		expect(next.cursor).toBe('2026-05-01 10:00:00');
		expect(next.orders.has('tokD')).toBe(false);
		expect(next.orders.get('tokA')?.status).toBe('Order Placed');
		expect(
			planModifiedPoll(next, orders, 'certificateIssued', []).candidates.map((c) => c.order.id),
		).toEqual(['tokA', 'tokD']);
	});

	it('never moves the cursor backwards; without data_accuracy uses the latest change', () => {
		expect(nextCursor('2026-05-01 10:00:00', '2026-05-01 09:00:00', [], false)).toBe(
			'2026-05-01 10:00:00',
		);
		expect(
			nextCursor('2026-05-01 10:00:00', null, [order('a', 'Queued', '2026-05-01 10:03:00')], false),
		).toBe('2026-05-01 10:03:00');
		expect(nextCursor('2026-05-01 10:00:00', null, [], false)).toBe('2026-05-01 10:00:00');
		expect(nextCursor('2026-05-01 10:00:00', '2026-05-01 11:00:00', [], true)).toBe(
			'2026-05-01 10:00:00',
		);
	});

	it('forgets fired keys once they are older than the overlap before the cursor', () => {
		let state = knownState();
		const first = [order('tokA', 'Completed', '2026-05-01 10:01:00')];
		const plan = planModifiedPoll(state, first, 'certificateIssued', []);
		state = commitModifiedPoll(state, {
			event: 'certificateIssued',
			orders: first,
			plan,
			outcomes: [{ candidate: plan.candidates[0], decision: 'fire', certificateId: 'c' }],
			timestamp: '2026-05-01 10:02:00',
		});
		expect(state.fired.size).toBe(1);
		const quiet = commitModifiedPoll(state, {
			event: 'certificateIssued',
			orders: [],
			plan: { candidates: [], settled: [], deferred: [] },
			outcomes: [],
			timestamp: '2026-05-01 10:20:00',
		});
		expect(quiet.fired.size).toBe(0);
		expect(quiet.orders.get('tokA')?.status).toBe('Completed');
	});
});

describe('a sequence of polls through saved state', () => {
	it('fires each change once, also after the state went through JSON (a restart)', () => {
		const save = (state: TriggerState) => {
			const staticData = {};
			writeState(staticData, state);
			return readState(JSON.parse(JSON.stringify(staticData)));
		};
		let state = save(knownState('orderStatusChanged'));
		const fired: string[] = [];
		const poll = (orders: ListedOrder[], timestamp: string) => {
			const plan = planModifiedPoll(state, orders, 'orderStatusChanged', []);
			const outcomes = plan.candidates.map((candidate) => ({
				candidate,
				decision: 'fire' as const,
				certificateId: null,
			}));
			fired.push(
				...plan.candidates.map(
					(c) => `${c.order.id}:${c.previous?.status ?? '?'}→${c.order.status}`,
				),
			);
			state = save(
				commitModifiedPoll(state, {
					event: 'orderStatusChanged',
					orders,
					plan,
					outcomes,
					timestamp,
				}),
			);
		};
		poll(
			[order('tokA', 'Awaiting Customer Verification', '2026-05-01 10:00:30')],
			'2026-05-01 10:01:00',
		);
		poll(
			[order('tokA', 'Awaiting Customer Verification', '2026-05-01 10:00:30')],
			'2026-05-01 10:02:00',
		);
		poll(
			[
				order('tokA', 'Awaiting Customer Verification', '2026-05-01 10:00:30'),
				order('tokA', 'Completed', '2026-05-01 10:02:30'),
			].slice(1),
			'2026-05-01 10:03:00',
		);
		poll([order('tokA', 'Completed', '2026-05-01 10:02:30')], '2026-05-01 10:04:00');
		expect(fired).toEqual([
			'tokA:Order Placed→Awaiting Customer Verification',
			'tokA:Awaiting Customer Verification→Completed',
		]);
	});
});
