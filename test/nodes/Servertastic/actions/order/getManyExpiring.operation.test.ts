import { runServertastic } from '../../../../support/servertastic';
import { API_KEY, completeOrder, describeApiErrors, expectNoSecret, expectQueries, useSimulator } from '../readChecks';

const simulator = useSimulator();

const getManyExpiring = (extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'getManyExpiring',
	returnAll: true,
	...extra,
});

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Three completed orders expiring in 10, 50 and 100 days, and one token never placed. */
function threeOrders(): string[] {
	const tokens = [10, 50, 100].map((days, index) => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12', reference: `REF-${index + 1}` });
		completeOrder(simulator(), token, `site${index + 1}.example.com`, days);
		return token;
	});
	simulator().createToken({ productCode: 'RapidSSL-12' });
	return tokens;
}

describe('Order → Get Many Expiring inside n8n', () => {
	it('Days 60 by default: one tidy item per order; api_key and days sent', async () => {
		const tokens = threeOrders();
		const result = await runServertastic(simulator(), getManyExpiring());
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/expiring', [{ days: '60', api_key: API_KEY }]);
		expect(result.success.map((item) => item.json)).toEqual([
			{
				orderToken: tokens[0],
				resellerOrderId: 'ST100001',
				resellerReference: 'REF-1',
				status: 'Completed',
				productCode: 'RapidSSL-12',
				domain: 'site1.example.com',
				expiryDate: expect.stringMatching(ISO),
				daysRemaining: 10,
			},
			expect.objectContaining({ orderToken: tokens[1], domain: 'site2.example.com', daysRemaining: 50 }),
		]);
		const expiry = simulator().getOrder(tokens[0])!.expiryDate!;
		expect(result.success[0].json.expiryDate).toBe(`${expiry.toISOString().slice(0, 19)}Z`);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expectNoSecret(result);
	});

	it('Return All gives every order; Limit cuts the list', async () => {
		threeOrders();
		const all = await runServertastic(simulator(), getManyExpiring({ days: 365 }));
		expect(all.success.map((item) => item.json.daysRemaining)).toEqual([10, 50, 100]);
		const limited = await runServertastic(simulator(), getManyExpiring({ days: 365, returnAll: false, limit: 2 }));
		expect(limited.success.map((item) => item.json.daysRemaining)).toEqual([10, 50]);
		const byDefault = await runServertastic(simulator(), { resource: 'order', operation: 'getManyExpiring', days: 365 });
		// Limit defaults to 50: all three fit.
		expect(byDefault.success).toHaveLength(3);
		expect(simulator().requestsTo('order/expiring').map((request) => request.query.days)).toEqual(['365', '365', '365']);
	});

	it('xmlStyleLists: one order as a bare object gives one item, none ("") gives no item', async () => {
		simulator().settings.xmlStyleLists = true;
		threeOrders();
		const one = await runServertastic(simulator(), getManyExpiring({ days: 20 }));
		expect(one.success.map((item) => item.json.domain)).toEqual(['site1.example.com']);
		const response = await runServertastic(simulator(), getManyExpiring({ days: 5 }));
		expect(response.status).toBe('success');
		expect(response.success).toEqual([]);
		expect(simulator().requestsTo('order/expiring')).toHaveLength(2);
	});

	it('numbers given as text are read; a missing days_remaining is counted from the expiry date', async () => {
		const inTenDays = new Date(Date.now() + 10 * 24 * 3600 * 1000 - 60_000).toISOString().slice(0, 19).replace('T', ' ');
		simulator().respondOnce('order/expiring', {
			status: 200,
			body: {
				success: 'ok',
				orders: {
					order: [
						{ order_token: 'a', order_status: 'Completed', expiry_date: '2030-01-02 03:04:05', days_remaining: '12' },
						{ order_token: 'b', expiry_date: inTenDays },
						{ order_token: 'c', expiry_date: '', days_remaining: {} },
					],
				},
			},
		});
		const result = await runServertastic(simulator(), getManyExpiring());
		expect(result.success.map((item) => [item.json.orderToken, item.json.expiryDate, item.json.daysRemaining, item.json.domain])).toEqual([
			['a', '2030-01-02T03:04:05Z', 12, null],
			['b', `${inTenDays.replace(' ', 'T')}Z`, 10, null],
			['c', null, null, null],
		]);
	});

	it.each([
		[0, "'Days' must be a whole number from 1 to 365 [item 0]"],
		[366, "'Days' must be a whole number from 1 to 365 [item 0]"],
		['={{ 1.5 }}', "'Days' must be a whole number from 1 to 365 [item 0]"],
		['={{ "soon" }}', "'Days' must be a whole number from 1 to 365 [item 0]"],
		['={{ "30" }}', undefined],
	])('Days %j', async (days, message) => {
		const result = await runServertastic(simulator(), getManyExpiring({ days }));
		if (message) {
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(message);
			expect(simulator().requests).toEqual([]);
		} else {
			expect(result.status).toBe('success');
			expect(simulator().requestsTo('order/expiring')[0].query.days).toBe('30');
		}
	});

	it("refuses a Limit below 1 from an expression", async () => {
		const result = await runServertastic(simulator(), getManyExpiring({ returnAll: false, limit: '={{ 0 }}' }));
		expect(result.error?.message).toBe("'Limit' must be a whole number of at least 1 [item 0]");
		expect(simulator().requests).toEqual([]);
	});

	it('each input item gives its own list, every order paired to its item', async () => {
		threeOrders();
		const result = await runServertastic(simulator(), getManyExpiring({ days: '={{ $json.days }}' }), {
			inputItems: [{ days: 30 }, { days: 365 }],
		});
		expect(result.success.map((item) => [item.pairedItem, item.json.daysRemaining])).toEqual([
			[{ item: 0 }, 10],
			[{ item: 1 }, 10],
			[{ item: 1 }, 50],
			[{ item: 1 }, 100],
		]);
	});

	describeApiErrors(simulator, 'order/expiring', () => {
		threeOrders();
		return getManyExpiring();
	});
});
