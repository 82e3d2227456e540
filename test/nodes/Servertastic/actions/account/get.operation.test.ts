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

const get = { resource: 'account', operation: 'get' };

describe('Account → Get inside n8n', () => {
	it('the balance, the active and completed orders with their counts; Raw the answer as it came; api_key sent', async () => {
		simulator().setPoints(1234);
		const placed = simulator().createToken({ productCode: 'RapidSSL-12' });
		simulator().getOrder(placed)!.status = 'Awaiting Customer Verification';
		completeOrder(
			simulator(),
			simulator().createToken({ productCode: 'RapidSSL-12' }),
			'a.example.com',
			100,
		);
		completeOrder(
			simulator(),
			simulator().createToken({ productCode: 'RapidSSL-12' }),
			'b.example.com',
			100,
		);
		const result = await runServertastic(simulator(), get);
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'account/review', [{ api_key: API_KEY }]);
		expect(result.success).toHaveLength(1);
		const json = result.success[0].json;
		expect(json).toMatchObject({ points: 1234, activeOrderCount: 1, completedOrderCount: 2 });
		expect(json.activeOrders).toEqual([
			expect.objectContaining({
				resellerOrderId: simulator().getOrder(placed)!.resellerOrderId,
				status: 'Awaiting Customer Verification',
			}),
		]);
		expect(
			(json.completedOrders as Array<{ domain: string }>).map((order) => order.domain),
		).toEqual(['a.example.com', 'b.example.com']);
		expect(json).not.toHaveProperty('response');
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		expectNoSecret(result);
		const raw = await runServertastic(simulator(), { ...get, output: 'raw' });
		expect(raw.success[0].json).toMatchObject({
			success: 'Reseller Overview',
			purchased_points: '1234',
		});
		expectNoSecret(raw);
	});

	it('reads the documented records field by field; numbers given as text are read', async () => {
		serveFixture(simulator(), 'account/review', fixture('account/review'));
		const result = await runServertastic(simulator(), get);
		expect(result.success[0].json).toMatchObject({
			points: 4820,
			activeOrderCount: 2,
			completedOrderCount: 2,
			activeOrders: [
				{
					resellerOrderId: 'STR_1_202403121045',
					status: 'Awaiting Customer Verification',
					productCode: 'RapidSSL-12',
					domain: 'www.example.com',
					orderDate: '2024-03-12T10:45:12Z',
					expiryDate: null,
					points: 10,
				},
				expect.objectContaining({ resellerOrderId: 'STR_1_202403121130', points: 45 }),
			],
			completedOrders: [
				expect.objectContaining({
					resellerOrderId: 'STR_1_202304021410',
					expiryDate: '2024-04-02T23:59:59Z',
				}),
				expect.objectContaining({
					resellerOrderId: 'STR_1_202304150902',
					domain: 'shop.example.org',
				}),
			],
		});
	});

	it('one record as a bare object is a list of one; none ("" or absent) is an empty list; a missing balance is null', async () => {
		simulator().respondOnce('account/review', {
			status: 200,
			body: {
				success: 'Reseller Overview',
				purchased_points: ' 250 ',
				active_orders: { active_order: { reseller_order_id: 'STR_1' } },
				completed_orders: '',
			},
		});
		const one = await runServertastic(simulator(), get);
		expect(one.success[0].json).toMatchObject({
			points: 250,
			activeOrderCount: 1,
			completedOrderCount: 0,
			completedOrders: [],
		});
		simulator().respondOnce('account/review', {
			status: 200,
			body: { success: 'Reseller Overview' },
		});
		const none = await runServertastic(simulator(), get);
		expect(none.success[0].json).toMatchObject({
			points: null,
			activeOrders: [],
			completedOrders: [],
			activeOrderCount: 0,
		});
	});

	it('one item per input item, each paired', async () => {
		const result = await runServertastic(simulator(), get, { inputItems: [{}, {}, {}] });
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(simulator().requestsTo('account/review')).toHaveLength(3);
	});

	describeApiErrors(simulator, 'account/review', () => get);
});
