import { runServertastic } from '../../../../support/servertastic';
import { API_KEY, completeOrder, describeApiErrors, expectNoSecret, expectQueries, useSimulator } from '../readChecks';

const simulator = useSimulator();

const get = { resource: 'account', operation: 'get' };

describe('Account → Get inside n8n', () => {
	it('the balance and order counts as numbers, the answer under response; api_key sent', async () => {
		simulator().setPoints(1234);
		const placed = simulator().createToken({ productCode: 'RapidSSL-12' });
		simulator().getOrder(placed)!.status = 'Awaiting Customer Verification';
		completeOrder(simulator(), simulator().createToken({ productCode: 'RapidSSL-12' }), 'a.example.com', 100);
		completeOrder(simulator(), simulator().createToken({ productCode: 'RapidSSL-12' }), 'b.example.com', 100);
		simulator().createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator(), get);
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'account/review', [{ api_key: API_KEY }]);
		expect(result.success).toHaveLength(1);
		expect(result.success[0].json).toEqual({
			points: 1234,
			activeOrders: 1,
			completedOrders: 2,
			response: { success: 'Account details retrieved', purchased_points: 1234, active_orders: 1, completed_orders: 2 },
		});
		expect(result.success[0].pairedItem).toEqual({ item: 0 });
		expectNoSecret(result);
	});

	it('numbers given as text are read; missing ones are null', async () => {
		simulator().respondOnce('account/review', { status: 200, body: { success: 'ok', purchased_points: ' 250 ', active_orders: '3', completed_orders: {} } });
		const result = await runServertastic(simulator(), get);
		expect(result.success[0].json).toMatchObject({ points: 250, activeOrders: 3, completedOrders: null });
	});

	it('one item per input item, each paired', async () => {
		const result = await runServertastic(simulator(), get, { inputItems: [{}, {}, {}] });
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(simulator().requestsTo('account/review')).toHaveLength(3);
	});

	describeApiErrors(simulator, 'account/review', () => get);
});
