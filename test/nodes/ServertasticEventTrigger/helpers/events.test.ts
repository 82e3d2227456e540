import type { IDataObject } from 'n8n-workflow';

import { daysUntil } from '../../../../nodes/Servertastic/helpers/apiDates';
import { eventItem, pickManualOrder } from '../../../../nodes/ServertasticEventTrigger/helpers/eventItem';
import {
	baselineExpiring,
	commitExpiringPoll,
	planExpiringPoll,
} from '../../../../nodes/ServertasticEventTrigger/helpers/expiringPoll';
import {
	dataAccuracyOf,
	eventKey,
	expiringOrdersOf,
	type ListedOrder,
	MAX_EVENTS_PER_POLL,
	modifiedOrdersOf,
} from '../../../../nodes/ServertasticEventTrigger/helpers/listedOrders';
import {
	decideModifiedEvent,
	type ReviewFacts,
} from '../../../../nodes/ServertasticEventTrigger/helpers/modifiedDecision';
import {
	baselineModified,
	type Candidate,
	commitModifiedPoll,
	modifiedSince,
	nextCursor,
	OVERLAP_SECONDS,
	planModifiedPoll,
} from '../../../../nodes/ServertasticEventTrigger/helpers/modifiedPoll';
import { hasBaseline } from '../../../../nodes/ServertasticEventTrigger/helpers/state';
import { sampleEvent } from '../../../../nodes/ServertasticEventTrigger/helpers/sample';
import { readState, writeState, type TriggerState } from '../../../../nodes/ServertasticEventTrigger/helpers/state';

const order = (id: string, status: string, modified: string | null, extra: Partial<ListedOrder> = {}): ListedOrder => ({
	id,
	status,
	modified,
	expiryDate: null,
	record: {},
	...extra,
});

/** A modifiedorders record as documented (api2.md): no order token, changes under modifications. */
const entry = (id: string, status: string, modified: string): IDataObject => ({
	reseller_order_id: id,
	order_status: status,
	domain_name: 'a.example.com',
	modifications: {
		modification: [
			{ timestamp: '2026-01-01 00:00:00', event_id: '1', event_name: 'Order Placed' },
			{ timestamp: modified, event_id: '2', event_name: status },
		],
	},
});

const NOW = new Date('2026-05-01T12:00:00Z');
const issuedFacts = (id = 'cert-1', notBefore = '2026-05-01T11:59:00.000Z'): ReviewFacts => ({
	status: 'Completed',
	hasCertificate: true,
	certificateId: id,
	notBefore,
});
const noCertificate: ReviewFacts = { status: 'Completed', hasCertificate: false, certificateId: null, notBefore: null };

/** A state after a baseline at 10:00 that knew tokA (placed) and tokB (completed). */
function knownState(event: 'certificateIssued' | 'orderStatusChanged' = 'certificateIssued'): TriggerState {
	return baselineModified(
		event,
		[order('tokA', 'Order Placed', '2026-05-01 09:00:00'), order('tokB', 'Completed', '2026-05-01 09:30:00')],
		'2026-05-01 10:00:00',
		'2026-04-01 10:00:00',
		NOW,
	);
}

describe('reading answers', () => {
	it('takes orders.order as a list, one bare record or empty; drops records without an id; oldest change first', () => {
		expect(
			modifiedOrdersOf({
				orders: {
					order: [entry('b', 'Completed', '2026-05-01 10:00:02'), { order_status: 'Completed', order_token: 'tok' }, entry('a', 'Queued', '2026-05-01 10:00:01'), entry('c', 'Queued', '2026-05-01 10:00:01')],
				},
			}).map((o) => o.id),
		).toEqual(['a', 'c', 'b']);
		const one = entry('a', 'Queued', '2026-05-01 10:00:01');
		expect(modifiedOrdersOf({ orders: { order: one } })).toEqual([order('a', 'Queued', '2026-05-01 10:00:01', { record: one })]);
		for (const empty of ['', {}, undefined, { order: '' }, { order: {} }, { order: [] }]) {
			expect(modifiedOrdersOf({ orders: empty } as IDataObject)).toEqual([]);
		}
		expect(modifiedOrdersOf({ orders: { order: [{ reseller_order_id: 'x', order_status: '' }] } })).toEqual([]);
	});

	it('the modification time is the latest timestamp of the record, in any order; none gives null', () => {
		const [listed] = modifiedOrdersOf({
			orders: {
				order: {
					reseller_order_id: 'a',
					order_status: 'Completed',
					modifications: {
						modification: [
							{ timestamp: '2026-05-01 10:00:05', event_name: 'Order Completed' },
							{ timestamp: '2026-05-01 09:00:00', event_name: 'Order Placed' },
							{ timestamp: '', event_name: 'odd' },
						],
					},
				},
			},
		});
		expect(listed.modified).toBe('2026-05-01 10:00:05');
		expect(modifiedOrdersOf({ orders: { order: { reseller_order_id: 'b', order_status: 'Queued', modifications: '' } } })[0].modified).toBeNull();
	});

	it('reads expiring answers (orders.order, no token) soonest first; the days are counted from the expiry date', () => {
		const expiringRecord = (id: string, expiry: string) => ({
			reseller_order_id: id,
			order_status: 'Completed',
			order_date: '2025-05-01 00:00:00',
			domain_name: `${id}.example.com`,
			order_points: '10',
			expiry_date: expiry,
			st_product_code: 'RapidSSL-12',
		});
		const orders = expiringOrdersOf({
			orders: {
				order: [expiringRecord('late', '2026-05-20 00:00:00'), expiringRecord('soon', '2026-05-03 00:00:00'), expiringRecord('odd', '')],
			},
		});
		expect(orders.map((o) => [o.id, o.expiryDate, daysUntil(o.expiryDate, NOW)])).toEqual([
			['odd', null, null],
			['soon', '2026-05-03 00:00:00', 2],
			['late', '2026-05-20 00:00:00', 19],
		]);
	});

	it('reads data_accuracy only when it is a date', () => {
		expect(dataAccuracyOf({ data_accuracy: '2026-05-01 10:00:00' })).toBe('2026-05-01 10:00:00');
		expect(dataAccuracyOf({ data_accuracy: 'now' })).toBeNull();
		expect(dataAccuracyOf({ data_accuracy: {} })).toBeNull();
		expect(dataAccuracyOf({ timestamp: '2026-05-01 10:00:00' })).toBeNull();
	});

	it('keys events by what makes them one event', () => {
		const o = order('t', 'Completed', '2026-05-01 10:00:00', { expiryDate: '2026-11-01 00:00:00' });
		expect(eventKey('certificateIssued', o)).toBe('certificateIssued|t|Completed|2026-05-01 10:00:00');
		expect(eventKey('orderStatusChanged', o)).toBe('orderStatusChanged|t|Completed|2026-05-01 10:00:00');
		expect(eventKey('certificateExpiring', o)).toBe('certificateExpiring|t|2026-11-01 00:00:00');
	});
});

describe('baseline', () => {
	it('remembers recent orders, starts the cursor at data_accuracy and fires nothing', () => {
		const state = knownState();
		expect(state.cursor).toBe('2026-05-01 10:00:00');
		// data_accuracy dates the data; the baseline is when the poll ran, if later.
		expect(state.baselineAt).toBe('2026-05-01 12:00:00');
		expect(baselineModified('certificateIssued', [], '2026-05-01 13:00:00', '2026-04-01 10:00:00', NOW).baselineAt).toBe('2026-05-01 13:00:00');
		expect(state.fired.size).toBe(0);
		expect(state.orders.get('tokA')).toEqual({ status: 'Order Placed', modified: '2026-05-01 09:00:00', certificateId: null });
		expect(hasBaseline(state, 'certificateIssued')).toBe(true);
		expect(hasBaseline(state, 'orderStatusChanged')).toBe(false);
		expect(hasBaseline(state, 'certificateExpiring')).toBe(false);
	});

	it('without data_accuracy starts at the latest change, or where it looked from', () => {
		expect(baselineModified('certificateIssued', [order('a', 'Queued', '2026-05-01 09:00:00')], null, '2026-04-01 00:00:00', NOW).cursor).toBe('2026-05-01 09:00:00');
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
		expect(plan.candidates.map((c) => [c.order.id, c.previous?.status ?? null])).toEqual([['tokA', 'Order Placed']]);
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
		const many = Array.from({ length: 5 }, (_, i) => order(`t${i}`, 'Completed', `2026-05-01 10:0${i}:00`));
		const plan = planModifiedPoll(knownState(), many, 'certificateIssued', [], 2);
		expect(plan.candidates.map((c) => c.order.id)).toEqual(['t0', 't1']);
		expect(plan.deferred.map((c) => c.order.id)).toEqual(['t2', 't3', 't4']);
		expect(MAX_EVENTS_PER_POLL).toBeGreaterThanOrEqual(50);
	});
});

describe('deciding an event after the review', () => {
	const context = { baselineAt: '2026-05-01 10:00:00', now: NOW };
	const candidate = (previous: Candidate['previous'], modified = '2026-05-01 11:00:00'): Candidate => ({
		order: order('t', 'Completed', modified),
		previous,
	});
	const placed = { status: 'Order Placed', modified: '2026-05-01 09:00:00', certificateId: null };

	it('fires when an order the trigger knew reaches Completed with a certificate', () => {
		expect(decideModifiedEvent('certificateIssued', candidate(placed), issuedFacts(), context)).toBe('fire');
	});

	it('waits while the review has not caught up (no certificate, or another status) for a while, then decides', () => {
		const fresh = candidate(placed, '2026-05-01 11:50:00');
		expect(decideModifiedEvent('certificateIssued', fresh, noCertificate, context)).toBe('defer');
		expect(decideModifiedEvent('certificateIssued', fresh, { ...issuedFacts(), status: 'Queued' }, context)).toBe('defer');
		const old = candidate(placed, '2026-05-01 11:00:00');
		expect(decideModifiedEvent('certificateIssued', old, noCertificate, context)).toBe('fire');
		expect(decideModifiedEvent('certificateIssued', old, { ...noCertificate, status: 'Cancelled' }, context)).toBe('skip');
	});

	it('an order never seen: fires unless its certificate is older than the baseline (an old order touched again)', () => {
		expect(decideModifiedEvent('certificateIssued', candidate(null), issuedFacts(), context)).toBe('fire');
		expect(decideModifiedEvent('certificateIssued', candidate(null), issuedFacts('c', '2026-04-29T11:00:00.000Z'), context)).toBe('fire');
		expect(decideModifiedEvent('certificateIssued', candidate(null), issuedFacts('c', '2026-04-29T09:00:00.000Z'), context)).toBe('skip');
		expect(decideModifiedEvent('certificateIssued', candidate(null), issuedFacts('c', null as unknown as string), context)).toBe('fire');
	});

	it('an order already Completed and changed again fires only for another certificate (a reissue)', () => {
		const completed = { status: 'Completed', modified: '2026-05-01 10:30:00', certificateId: 'cert-1' };
		expect(decideModifiedEvent('certificateIssued', candidate(completed), issuedFacts('cert-1'), context)).toBe('skip');
		expect(decideModifiedEvent('certificateIssued', candidate(completed), issuedFacts('cert-2'), context)).toBe('fire');
		const noId = { ...completed, certificateId: null };
		expect(decideModifiedEvent('certificateIssued', candidate(noId), issuedFacts('x', '2026-05-01T10:00:00.000Z'), context)).toBe('skip');
		expect(decideModifiedEvent('certificateIssued', candidate(noId), issuedFacts('x', '2026-05-01T10:45:00.000Z'), context)).toBe('fire');
	});

	it('Order Status Changed fires, except for an old completed order it had never seen', () => {
		const c = { order: order('t', 'Queued', '2026-05-01 11:00:00'), previous: null };
		expect(decideModifiedEvent('orderStatusChanged', c, { ...noCertificate, status: 'Queued' }, context)).toBe('fire');
		expect(decideModifiedEvent('orderStatusChanged', candidate(null), issuedFacts('c', '2026-01-01T00:00:00.000Z'), context)).toBe('skip');
		expect(decideModifiedEvent('orderStatusChanged', candidate(placed), issuedFacts(), context)).toBe('fire');
	});
});

describe('committing a poll', () => {
	it('remembers every order, records fired keys, and moves the cursor to data_accuracy', () => {
		const state = knownState();
		const orders = [order('tokA', 'Completed', '2026-05-01 10:01:00'), order('tokC', 'Queued', '2026-05-01 10:02:00')];
		const plan = planModifiedPoll(state, orders, 'certificateIssued', []);
		const next = commitModifiedPoll(state, {
			event: 'certificateIssued',
			orders,
			plan,
			outcomes: [{ candidate: plan.candidates[0], decision: 'fire', certificateId: 'cert-A' }],
			timestamp: '2026-05-01 10:05:00',
		});
		expect(next.cursor).toBe('2026-05-01 10:05:00');
		expect(next.orders.get('tokA')).toEqual({ status: 'Completed', modified: '2026-05-01 10:01:00', certificateId: 'cert-A' });
		expect(next.orders.get('tokC')?.status).toBe('Queued');
		expect([...next.fired.keys()]).toEqual(['certificateIssued|tokA|Completed|2026-05-01 10:01:00']);
		// The input state is left as it was: a failed poll has nothing to undo.
		expect(state.cursor).toBe('2026-05-01 10:00:00');
		expect(state.orders.get('tokA')?.status).toBe('Order Placed');
		// The same answer again (overlap) offers nothing.
		expect(planModifiedPoll(next, orders, 'certificateIssued', []).candidates).toEqual([]);
	});

	it('keeps the cursor while anything waits and does not remember what waits', () => {
		const state = knownState();
		const orders = [order('tokA', 'Completed', '2026-05-01 10:01:00'), order('tokD', 'Completed', '2026-05-01 10:02:00')];
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
		expect(planModifiedPoll(next, orders, 'certificateIssued', []).candidates.map((c) => c.order.id)).toEqual(['tokA', 'tokD']);
	});

	it('never moves the cursor backwards; without data_accuracy uses the latest change', () => {
		expect(nextCursor('2026-05-01 10:00:00', '2026-05-01 09:00:00', [], false)).toBe('2026-05-01 10:00:00');
		expect(nextCursor('2026-05-01 10:00:00', null, [order('a', 'Queued', '2026-05-01 10:03:00')], false)).toBe('2026-05-01 10:03:00');
		expect(nextCursor('2026-05-01 10:00:00', null, [], false)).toBe('2026-05-01 10:00:00');
		expect(nextCursor('2026-05-01 10:00:00', '2026-05-01 11:00:00', [], true)).toBe('2026-05-01 10:00:00');
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

describe('Certificate Expiring', () => {
	const expiring = (id: string, expiryDate: string) => order(id, 'Completed', null, { expiryDate });

	it('the baseline marks the window as announced; each order fires once per expiry date', () => {
		let state = baselineExpiring([expiring('old', '2026-05-10 00:00:00')], NOW);
		expect(hasBaseline(state, 'certificateExpiring')).toBe(true);
		const answer = [expiring('old', '2026-05-10 00:00:00'), expiring('new', '2026-05-20 00:00:00')];
		const plan = planExpiringPoll(state, answer);
		expect(plan.candidates.map((o) => o.id)).toEqual(['new']);
		state = commitExpiringPoll(state, plan.candidates, NOW);
		expect(planExpiringPoll(state, answer).candidates).toEqual([]);
		// Reissued with another expiry date: a new event.
		expect(planExpiringPoll(state, [expiring('new', '2026-06-20 00:00:00')]).candidates.map((o) => o.id)).toEqual(['new']);
	});

	it('leaves what is beyond the per-poll share and forgets expiry dates more than a day past', () => {
		const state = baselineExpiring([], NOW);
		const answer = [expiring('a', '2026-05-02 00:00:00'), expiring('b', '2026-05-03 00:00:00'), expiring('c', '2026-05-04 00:00:00')];
		const plan = planExpiringPoll(state, answer, 2);
		expect(plan.candidates.map((o) => o.id)).toEqual(['a', 'b']);
		expect(plan.deferred.map((o) => o.id)).toEqual(['c']);
		const later = commitExpiringPoll(state, plan.candidates, new Date('2026-05-03T12:00:00Z'));
		expect([...later.fired.keys()]).toEqual(['certificateExpiring|b|2026-05-03 00:00:00']);
	});
});

describe('items', () => {
	// A modifiedorders record (api2.md): no order token, no ca_certs.
	const record: IDataObject = {
		reseller_order_id: 'STR_1_100001',
		order_status: 'Completed',
		domain_name: 'shop.example.com',
		additional_sans: 'www.shop.example.com',
		modifications: { modification: { timestamp: '2026-05-16 10:00:00', event_id: '3', event_name: 'Order Completed' } },
		certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
		expiry_date: '2026-11-16 10:00:00',
	};

	it('has the same keys for every event and for the sample', () => {
		const keys = Object.keys(eventItem('certificateIssued', record, { previousStatus: 'Queued', daysRemaining: null }));
		for (const event of ['certificateIssued', 'orderStatusChanged', 'certificateExpiring'] as const) {
			expect(Object.keys(eventItem(event, record, { previousStatus: null, daysRemaining: 3 }))).toEqual(keys);
			expect(Object.keys(sampleEvent(event, [], NOW))).toEqual(keys);
		}
		expect(keys.slice(0, 4)).toEqual(['event', 'isSample', 'previousStatus', 'daysRemaining']);
		expect(keys).toEqual(expect.arrayContaining(['orderToken', 'resellerOrderId', 'certificate', 'chain', 'expiryDate', 'response']));
	});

	it('carries the record: its id, domain, SANs, certificate and expiry; no order token, as modifiedorders has none', () => {
		const item = eventItem('certificateIssued', record, { previousStatus: 'Queued', daysRemaining: null });
		expect(item).toMatchObject({
			event: 'certificateIssued',
			isSample: false,
			previousStatus: 'Queued',
			orderToken: null,
			resellerOrderId: 'STR_1_100001',
			status: 'Completed',
			isIssued: true,
			domain: 'shop.example.com',
			sanDomains: ['www.shop.example.com'],
			certificate: record.certificate,
			chain: null,
			expiryDate: '2026-11-16T10:00:00Z',
			modifiedDate: '2026-05-16T10:00:00Z',
			response: record,
		});
		// ca_certs, when a record carries them, give the chain.
		const withChain = { ...record, ca_certs: { certificate_info: { type: 'INTERMEDIATE', certificate: 'INTER' } } };
		expect(eventItem('certificateIssued', withChain, { previousStatus: null, daysRemaining: null }).chain).toBe('INTER');
	});

	it('labels the sample clearly', () => {
		const sample = sampleEvent('orderStatusChanged', ['Cancelled'], NOW);
		expect(sample).toMatchObject({ isSample: true, event: 'orderStatusChanged', status: 'Cancelled', domain: 'sample.example.com', certificate: null });
		expect(sampleEvent('certificateIssued', [], NOW)).toMatchObject({ isSample: true, status: 'Completed', isIssued: true });
		expect(sampleEvent('certificateExpiring', [], NOW)).toMatchObject({ daysRemaining: 30, expiryDate: '2026-05-31T12:00:00Z', certificate: null });
		for (const event of ['certificateIssued', 'orderStatusChanged', 'certificateExpiring'] as const) {
			expect(sampleEvent(event, [], NOW)).toMatchObject({ orderToken: null, resellerOrderId: 'ST-SAMPLE' });
		}
	});

	it('Fetch Test Event picks the latest matching change, or the soonest expiry', () => {
		const orders = [order('a', 'Completed', '2026-05-01 09:00:00'), order('b', 'Completed', '2026-05-01 10:00:00'), order('c', 'Queued', '2026-05-01 11:00:00')];
		expect(pickManualOrder('certificateIssued', orders, [])?.id).toBe('b');
		expect(pickManualOrder('orderStatusChanged', orders, [])?.id).toBe('c');
		expect(pickManualOrder('orderStatusChanged', orders, ['Cancelled'])).toBeNull();
		expect(pickManualOrder('certificateExpiring', orders, [])?.id).toBe('a');
		expect(pickManualOrder('certificateIssued', [], [])).toBeNull();
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
			const outcomes = plan.candidates.map((candidate) => ({ candidate, decision: 'fire' as const, certificateId: null }));
			fired.push(...plan.candidates.map((c) => `${c.order.id}:${c.previous?.status ?? '?'}→${c.order.status}`));
			state = save(commitModifiedPoll(state, { event: 'orderStatusChanged', orders, plan, outcomes, timestamp }));
		};
		poll([order('tokA', 'Awaiting Customer Verification', '2026-05-01 10:00:30')], '2026-05-01 10:01:00');
		poll([order('tokA', 'Awaiting Customer Verification', '2026-05-01 10:00:30')], '2026-05-01 10:02:00');
		poll(
			[order('tokA', 'Awaiting Customer Verification', '2026-05-01 10:00:30'), order('tokA', 'Completed', '2026-05-01 10:02:30')].slice(1),
			'2026-05-01 10:03:00',
		);
		poll([order('tokA', 'Completed', '2026-05-01 10:02:30')], '2026-05-01 10:04:00');
		expect(fired).toEqual(['tokA:Order Placed→Awaiting Customer Verification', 'tokA:Awaiting Customer Verification→Completed']);
	});
});
