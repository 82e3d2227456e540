// The Servertastic Trigger, polled the way n8n polls it, against every modifiedorders and expiring
// fixture in every XML→JSON reading: its orders come from `orders.order` records that carry no
// order_token (known by reseller_order_id), the next cursor from `data_accuracy`, the same events
// whichever reading, each exactly once. The operations' runs are in reads.contract.test.ts.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { STATE_KEY } from '../../nodes/ServertasticEventTrigger/helpers/state';
import { fetchTestEvent, startTrigger } from '../support/pollHarness';
import { startSimulator, type Simulator } from '../simulator';
import { fakeDateOnly, useFastRetries } from '../support/jestHooks';
import { applyVariant, fixture, fixtureCases, serveFixture, variantsFor, type Variant } from '.';
import * as expected from './reads.expected';

let sim: Simulator;
useFastRetries();
fakeDateOnly(expected.NOW);
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.reset({ state: true });
});

const readings = (call: string): Variant[] => ['documented', ...variantsFor(call)];
const runsOf = (call: string) =>
	fixtureCases(call).flatMap((caseName) =>
		readings(call).map((variant) => [caseName ?? '(default)', variant] as const),
	);
const caseOf = (label: string) => (label === '(default)' ? undefined : label);
const served = (call: string, label: string, variant: Variant) =>
	applyVariant(call, fixture(call, caseOf(label)), variant);

const byModified = (a: IDataObject, b: IDataObject) =>
	String(a.modifiedDate).localeCompare(String(b.modifiedDate));
/** The events a modifiedorders case gives: the record's tidy order (no token), oldest change first. */
function modifiedEvents(event: string, label: string): IDataObject[] {
	const orders = [...expected.MODIFIED[caseOf(label) ?? '']].sort(byModified);
	return orders
		.filter((order) => event === 'orderStatusChanged' || order.status === 'Completed')
		.map((order) => ({
			event,
			isSample: false,
			previousStatus: null,
			daysRemaining: null,
			...order,
		}));
}

/** The events an expiring case gives: the record as a tidy order, days counted from NOW. */
function expiringEvents(label: string): IDataObject[] {
	return expected.EXPIRING[caseOf(label) ?? ''].map(
		({ daysRemaining, points: _points, ...listed }) => ({
			event: 'certificateExpiring',
			isSample: false,
			previousStatus: null,
			daysRemaining,
			...(expected.REVIEW['fresh-token'] as IDataObject),
			orderToken: null,
			isPlaced: true,
			sanCount: null,
			endCustomerEmail: null,
			...listed,
		}),
	);
}

const withoutResponse = (items: IDataObject[]) =>
	items.map(({ response: _response, ...rest }) => rest);
const dates = () => sim.requestsTo('order/modifiedorders').map((request) => request.query.date);

describe.each(['certificateIssued', 'orderStatusChanged'])(
	'Trigger %s reads order/modifiedorders',
	(event) => {
		const parameters: INodeParameters = { event };

		it.each(runsOf('order/modifiedorders'))(
			'case %s, %s reading: events from the records, cursor from data_accuracy, once',
			async (label, variant) => {
				const call = 'order/modifiedorders';
				const trigger = startTrigger(sim, parameters);
				serveFixture(
					sim,
					call,
					applyVariant(
						call,
						{ success: 'Modified Orders', orders: '', data_accuracy: '2024-03-12 09:00:00' },
						variant,
					),
				);
				expect(await trigger.poll()).toBeNull();

				const answer = served(call, label, variant);
				serveFixture(sim, call, answer);
				const items = await trigger.pollItems();
				expect(withoutResponse(items)).toEqual(modifiedEvents(event, label));
				for (const item of items) expect(item.orderToken).toBeNull();
				const state = trigger.savedNodeData()![STATE_KEY] as IDataObject;
				expect(state.cursor).toBe('2024-03-12 11:05:00');

				// After a restart, the same answer again (it comes back in the overlap): nothing fires twice.
				const restarted = trigger.restart();
				serveFixture(sim, call, answer);
				expect(await restarted.poll()).toBeNull();
				// Each date sent is the cursor so far (data_accuracy) minus the overlap.
				expect(dates().slice(1)).toEqual(['2024-03-12 08:55:00', '2024-03-12 11:00:00']);
				expect(sim.requestsTo('order/review')).toEqual([]);
			},
		);

		it.each(runsOf('order/modifiedorders'))(
			'Fetch Test Event, case %s, %s reading: the latest matching record, else a sample',
			async (label, variant) => {
				serveFixture(sim, 'order/modifiedorders', served('order/modifiedorders', label, variant));
				const { items } = await fetchTestEvent(sim, parameters);
				const events = modifiedEvents(event, label);
				const latest = events[events.length - 1];
				if (latest) expect(withoutResponse(items)).toEqual([latest]);
				else
					expect(items).toMatchObject([
						{ isSample: true, orderToken: null, resellerOrderId: 'ST-SAMPLE' },
					]);
			},
		);
	},
);

describe('Trigger certificateExpiring reads order/expiring', () => {
	const parameters: INodeParameters = { event: 'certificateExpiring', withinDays: 60 };

	it.each(runsOf('order/expiring'))(
		'case %s, %s reading: events from the records with days counted, once',
		async (label, variant) => {
			const trigger = startTrigger(sim, parameters);
			serveFixture(sim, 'order/expiring', served('order/expiring', 'none', variant));
			expect(await trigger.poll()).toBeNull();
			const answer = served('order/expiring', label, variant);
			serveFixture(sim, 'order/expiring', answer);
			const items = await trigger.pollItems();
			expect(withoutResponse(items)).toEqual(expiringEvents(label));
			serveFixture(sim, 'order/expiring', answer);
			expect(await trigger.restart().poll()).toBeNull();
			expect(sim.requestsTo('order/expiring').map((request) => request.query.days)).toEqual([
				'60',
				'60',
				'60',
			]);
			expect(sim.requestsTo('order/review')).toEqual([]);
		},
	);

	it.each(runsOf('order/expiring'))(
		'Fetch Test Event, case %s, %s reading: the soonest expiry, else a sample',
		async (label, variant) => {
			serveFixture(sim, 'order/expiring', served('order/expiring', label, variant));
			const { items } = await fetchTestEvent(sim, parameters);
			const [soonest] = expiringEvents(label);
			if (soonest) expect(withoutResponse(items)).toEqual([soonest]);
			else expect(items).toMatchObject([{ isSample: true, orderToken: null, daysRemaining: 30 }]);
		},
	);
});
