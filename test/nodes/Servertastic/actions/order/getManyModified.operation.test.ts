import type { INodeParameters } from 'n8n-workflow';
import { runServertastic } from '../../../../support/servertastic';
import { API_KEY, describeApiErrors, expectNoSecret, expectQueries, useSimulator } from '../readChecks';

const simulator = useSimulator();

const getManyModified = (since: unknown, extra: Record<string, unknown> = {}): INodeParameters => ({
	resource: 'order',
	operation: 'getManyModified',
	since: since as INodeParameters[string],
	returnAll: true,
	...extra,
});

/** Orders made on 1, 2 and 3 January 2026 at 10:00 GMT; the simulator's clock then stays at 4 January. */
function threeOrders(): string[] {
	const tokens = [1, 2, 3].map((day) => {
		simulator().setNow(new Date(`2026-01-0${day}T10:00:00Z`));
		return simulator().createToken({ productCode: 'RapidSSL-12', reference: `REF-${day}` });
	});
	simulator().setNow(new Date('2026-01-04T08:30:00Z'));
	return tokens;
}

describe('Order → Get Many Modified inside n8n', () => {
	it('sends Since as YYYY-MM-DD HH:MM:SS GMT with the api_key; one tidy item per order', async () => {
		const tokens = threeOrders();
		const result = await runServertastic(simulator(), getManyModified('2026-01-01T12:00:00Z'));
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/modifiedorders', [{ date: '2026-01-01 12:00:00', api_key: API_KEY }]);
		expect(result.success.map((item) => item.json)).toEqual([
			{
				orderToken: tokens[1],
				resellerOrderId: 'ST100002',
				resellerReference: 'REF-2',
				status: 'Order Generated',
				productCode: 'RapidSSL-12',
				domain: null,
				modifiedDate: '2026-01-02T10:00:00Z',
				checkedAt: '2026-01-04T08:30:00Z',
			},
			expect.objectContaining({ orderToken: tokens[2], modifiedDate: '2026-01-03T10:00:00Z' }),
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expectNoSecret(result);
	});

	it.each([
		['an offset', '2026-01-02T11:00:00+02:00', '2026-01-02 09:00:00'],
		['a Luxon DateTime from an expression', '={{ DateTime.fromISO("2026-01-01T09:00:00Z") }}', '2026-01-01 09:00:00'],
		['milliseconds from an expression', `={{ ${Date.parse('2026-01-03T00:00:00Z')} }}`, '2026-01-03 00:00:00'],
	])('converts %s to GMT', async (_name, since, sent) => {
		threeOrders();
		const result = await runServertastic(simulator(), getManyModified(since));
		expect(result.status).toBe('success');
		expect(simulator().requestsTo('order/modifiedorders').map((request) => request.query.date)).toEqual([sent]);
	});

	it.each([
		['not a date', 'the day before yesterday', /^'Since' is not a valid date and time \(got "the day before yesterday"\) \[item 0\]$/],
		['an empty expression', '={{ "" }}', /^'Since' must not be empty \[item 0\]$/],
		['an object', '={{ { a: 1 } }}', /^'Since' is not a valid date and time/],
	])('refuses %s before sending anything', async (_name, since, message) => {
		const result = await runServertastic(simulator(), getManyModified(since));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(simulator().requests).toEqual([]);
	});

	it('Return All gives every order; Limit cuts the list', async () => {
		threeOrders();
		const all = await runServertastic(simulator(), getManyModified('2025-12-31T00:00:00Z'));
		expect(all.success.map((item) => item.json.resellerReference)).toEqual(['REF-1', 'REF-2', 'REF-3']);
		const limited = await runServertastic(simulator(), getManyModified('2025-12-31T00:00:00Z', { returnAll: false, limit: 1 }));
		expect(limited.success.map((item) => item.json.resellerReference)).toEqual(['REF-1']);
	});

	it('xmlStyleLists: one order as a bare object gives one item, none ("") gives no item', async () => {
		simulator().settings.xmlStyleLists = true;
		threeOrders();
		const one = await runServertastic(simulator(), getManyModified('2026-01-02T12:00:00Z'));
		expect(one.success.map((item) => item.json.resellerReference)).toEqual(['REF-3']);
		const none = await runServertastic(simulator(), getManyModified('2026-01-05T00:00:00Z'));
		expect(none.status).toBe('success');
		expect(none.success).toEqual([]);
	});

	it('each input item gives its own list, every order paired to its item', async () => {
		threeOrders();
		const result = await runServertastic(simulator(), getManyModified('={{ $json.since }}'), {
			inputItems: [{ since: '2026-01-02T12:00:00Z' }, { since: '2026-01-01T12:00:00Z' }],
		});
		expect(result.success.map((item) => [item.pairedItem, item.json.resellerReference])).toEqual([
			[{ item: 0 }, 'REF-3'],
			[{ item: 1 }, 'REF-2'],
			[{ item: 1 }, 'REF-3'],
		]);
	});

	describeApiErrors(simulator, 'order/modifiedorders', () => {
		threeOrders();
		return getManyModified('2025-12-31T00:00:00Z');
	});
});
