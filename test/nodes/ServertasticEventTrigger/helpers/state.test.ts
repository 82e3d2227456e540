import {
	emptyState,
	MAX_REMEMBERED_ORDERS,
	pruneFired,
	readState,
	remember,
	STATE_KEY,
	STATE_VERSION,
	writeState,
} from '../../../../nodes/ServertasticEventTrigger/helpers/state';

describe('bounded memory', () => {
	it('keeps the most recently changed orders and forgets the oldest beyond the cap', () => {
		const orders = new Map();
		for (let i = 0; i < 5; i++)
			remember(orders, `t${i}`, { status: 'Order Placed', modified: null, certificateId: null }, 3);
		expect([...orders.keys()]).toEqual(['t2', 't3', 't4']);
		remember(orders, 't2', { status: 'Completed', modified: null, certificateId: null }, 3);
		remember(orders, 't5', { status: 'Order Placed', modified: null, certificateId: null }, 3);
		expect([...orders.keys()]).toEqual(['t4', 't2', 't5']);
		expect(orders.get('t2').status).toBe('Completed');
	});

	it('forgets fired keys dated before the window and the oldest beyond the cap; undated keys stay', () => {
		const fired = new Map([
			['a', '2026-05-01 09:00:00'],
			['b', '2026-05-01 10:00:00'],
			['c', ''],
			['d', '2026-05-01 11:00:00'],
		]);
		pruneFired(fired, '2026-05-01 10:00:00');
		expect([...fired.keys()]).toEqual(['b', 'c', 'd']);
		pruneFired(fired, null, 2);
		expect([...fired.keys()]).toEqual(['c', 'd']);
	});
});

describe('static data', () => {
	it('round-trips through JSON as n8n saves it', () => {
		const state = emptyState();
		state.event = 'certificateIssued';
		state.cursor = '2026-05-01 10:00:00';
		state.baselineAt = '2026-05-01 09:00:00';
		state.orders.set('STR_1_1', {
			status: 'Completed',
			modified: '2026-05-01 09:30:00',
			certificateId: 'abc',
		});
		state.orders.set('STR_1_2', { status: 'Order Placed', modified: null, certificateId: null });
		state.fired.set(
			'certificateIssued|STR_1_1|Completed|2026-05-01 09:30:00',
			'2026-05-01 09:30:00',
		);
		const staticData = {};
		writeState(staticData, state);
		const saved = JSON.parse(JSON.stringify(staticData));
		expect(readState(saved)).toEqual(state);
		expect(Object.keys(saved)).toEqual([STATE_KEY]);
	});

	it('reads nothing, another version or broken data as no state (a new baseline, never a replay)', () => {
		expect(readState({})).toEqual(emptyState());
		expect(
			readState({
				[STATE_KEY]: { version: 99, event: 'certificateIssued', cursor: '2026-05-01 10:00:00' },
			}),
		).toEqual(emptyState());
		expect(
			readState({
				[STATE_KEY]: {
					version: STATE_VERSION,
					event: 'somethingElse',
					cursor: '2026-05-01 10:00:00',
				},
			}),
		).toEqual(emptyState());
		// Version 1 knew orders by order token: read as no state, so it takes a new baseline.
		expect(STATE_VERSION).toBe(2);
		expect(
			readState({
				[STATE_KEY]: {
					version: 1,
					event: 'certificateIssued',
					cursor: '2026-05-01 10:00:00',
					baselineAt: '2026-05-01 10:00:00',
					orders: [['tok', 'Completed', '', '']],
				},
			}),
		).toEqual(emptyState());
		const partly = readState({
			[STATE_KEY]: {
				version: STATE_VERSION,
				event: 'orderStatusChanged',
				cursor: 'yesterday',
				baselineAt: '2026-05-01 09:00:00',
				orders: [['STR_1_1', 'Completed', '', ''], ['no status'], 'junk', [1, 2]],
				fired: [['k', '2026-05-01 09:00:00'], ['bad']],
			},
		});
		expect(partly.cursor).toBeNull();
		expect([...partly.orders]).toEqual([
			['STR_1_1', { status: 'Completed', modified: null, certificateId: null }],
		]);
		expect([...partly.fired.keys()]).toEqual(['k']);
	});

	it('has a cap large enough for 1,000 open orders', () => {
		expect(MAX_REMEMBERED_ORDERS).toBeGreaterThanOrEqual(1000);
	});
});
