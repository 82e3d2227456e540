import { fixture, serveFixture } from '../../../../contract';
import { runServertastic } from '../../../../support/servertastic';
import {
	API_KEY,
	completeOrder,
	describeApiErrors,
	expectNoSecret,
	expectQueries,
	useSimulator,
} from '../../../../support/readChecks';

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
		const token = simulator().createToken({
			productCode: 'RapidSSL-12',
			reference: `REF-${index + 1}`,
		});
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
		// The records carry no token (api2.md "expiring"): each order is known by its reseller order id.
		expect(result.success.map((item) => item.json)).toEqual([
			{
				resellerOrderId: 'ST100001',
				status: 'Completed',
				productCode: 'RapidSSL-12',
				domain: 'site1.example.com',
				orderDate: expect.stringMatching(ISO),
				expiryDate: expect.stringMatching(ISO),
				points: 20,
				daysRemaining: 10,
			},
			expect.objectContaining({
				resellerOrderId: simulator().getOrder(tokens[1])!.resellerOrderId,
				domain: 'site2.example.com',
				daysRemaining: 50,
			}),
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
		const limited = await runServertastic(
			simulator(),
			getManyExpiring({ days: 365, returnAll: false, limit: 2 }),
		);
		expect(limited.success.map((item) => item.json.daysRemaining)).toEqual([10, 50]);
		const byDefault = await runServertastic(simulator(), {
			resource: 'order',
			operation: 'getManyExpiring',
			days: 365,
		});
		// Limit defaults to 50: all three fit.
		expect(byDefault.success).toHaveLength(3);
		expect(
			simulator()
				.requestsTo('order/expiring')
				.map((request) => request.query.days),
		).toEqual(['365', '365', '365']);
	});

	it('one order as a bare object gives one item, none ("", {} or absent) gives no item', async () => {
		simulator().settings.answerVariant = 'one-as-object';
		threeOrders();
		const one = await runServertastic(simulator(), getManyExpiring({ days: 20 }));
		expect(one.success.map((item) => item.json.domain)).toEqual(['site1.example.com']);
		const response = await runServertastic(simulator(), getManyExpiring({ days: 5 }));
		expect(response.status).toBe('success');
		expect(response.success).toEqual([]);
		expect(simulator().requestsTo('order/expiring')).toHaveLength(2);
		for (const orders of [{}, { order: '' }, undefined]) {
			simulator().respondOnce('order/expiring', {
				status: 200,
				body: { success: 'Expiring Orders', orders },
			});
			expect((await runServertastic(simulator(), getManyExpiring())).success).toEqual([]);
		}
	});

	it('reads the documented records field by field; the days are counted from expiry_date (the API sends none)', async () => {
		const inTenDays = new Date(Date.now() + 10 * 24 * 3600 * 1000 - 60_000)
			.toISOString()
			.slice(0, 19)
			.replace('T', ' ');
		const answer = fixture('order/expiring') as {
			orders: { order: Array<Record<string, string>> };
		};
		answer.orders.order[1].expiry_date = inTenDays;
		answer.orders.order.push({
			reseller_order_id: 'STR_3',
			order_status: 'Completed',
			expiry_date: '',
			order_points: '',
		});
		serveFixture(simulator(), 'order/expiring', answer);
		const result = await runServertastic(simulator(), getManyExpiring());
		expect(result.success.map((item) => item.json)).toEqual([
			{
				resellerOrderId: 'STR_1_202304021410',
				status: 'Completed',
				productCode: 'RapidSSL-12',
				domain: 'www.example.com',
				orderDate: '2023-04-02T14:10:33Z',
				expiryDate: '2024-04-02T23:59:59Z',
				points: 10,
				daysRemaining: expect.any(Number),
			},
			{
				resellerOrderId: 'STR_1_202304150902',
				status: 'Completed',
				productCode: 'QuickSSLPremium-12',
				domain: 'shop.example.org',
				orderDate: '2023-04-15T09:02:11Z',
				expiryDate: `${inTenDays.replace(' ', 'T')}Z`,
				points: 45,
				daysRemaining: 10,
			},
			{
				resellerOrderId: 'STR_3',
				status: 'Completed',
				productCode: null,
				domain: null,
				orderDate: null,
				expiryDate: null,
				points: null,
				daysRemaining: null,
			},
		]);
		expect(result.success[0].json.daysRemaining as number).toBeLessThan(0);
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

	it('refuses a Limit below 1 from an expression', async () => {
		const result = await runServertastic(
			simulator(),
			getManyExpiring({ returnAll: false, limit: '={{ 0 }}' }),
		);
		expect(result.error?.message).toBe("'Limit' must be a whole number of at least 1 [item 0]");
		expect(simulator().requests).toEqual([]);
	});

	it('each input item gives its own list, every order paired to its item', async () => {
		threeOrders();
		const result = await runServertastic(
			simulator(),
			getManyExpiring({ days: '={{ $json.days }}' }),
			{
				inputItems: [{ days: 30 }, { days: 365 }],
			},
		);
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
