import { runServertastic } from '../../../../support/servertastic';
import { API_KEY, describeApiErrors, expectNoSecret, expectQueries, useSimulator } from '../readChecks';

const simulator = useSimulator();

const getPointsAudit = (extra: Record<string, unknown> = {}) => ({
	resource: 'account',
	operation: 'getPointsAudit',
	returnAll: true,
	...extra,
});

/** The opening balance (5000) and two more entries, at known times. */
function threeEntries(): void {
	simulator().setNow(new Date('2026-03-01T12:00:00Z'));
	simulator().setPoints(4980);
	simulator().setNow(new Date('2026-03-02T12:00:00Z'));
	simulator().setPoints(5100);
}

describe('Account → Get Points Audit inside n8n', () => {
	it('one tidy item per entry, numbers and ISO dates; api_key sent', async () => {
		threeEntries();
		const result = await runServertastic(simulator(), getPointsAudit());
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'account/pointsaudit', [{ api_key: API_KEY }]);
		expect(result.success.map((item) => item.json)).toEqual([
			{ date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), points: 5000, balance: 5000, description: 'Opening balance', resellerOrderId: null },
			{ date: '2026-03-01T12:00:00Z', points: -20, balance: 4980, description: 'Balance set by the test harness', resellerOrderId: null },
			{ date: '2026-03-02T12:00:00Z', points: 120, balance: 5100, description: 'Balance set by the test harness', resellerOrderId: null },
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expectNoSecret(result);
	});

	it('Return All vs Limit', async () => {
		threeEntries();
		const limited = await runServertastic(simulator(), getPointsAudit({ returnAll: false, limit: 2 }));
		expect(limited.success.map((item) => item.json.balance)).toEqual([5000, 4980]);
		const all = await runServertastic(simulator(), getPointsAudit());
		expect(all.success).toHaveLength(3);
	});

	it('xmlStyleLists: one entry as a bare object gives one item; none ("") gives no item', async () => {
		simulator().settings.xmlStyleLists = true;
		const one = await runServertastic(simulator(), getPointsAudit());
		expect(one.success.map((item) => [item.json.points, item.json.description])).toEqual([[5000, 'Opening balance']]);
		simulator().respondOnce('account/pointsaudit', { status: 200, body: { success: 'ok', purchased_points: '0', points_audit: '' } });
		const none = await runServertastic(simulator(), getPointsAudit());
		expect(none.status).toBe('success');
		expect(none.success).toEqual([]);
	});

	it('numbers given as text are read, an order reference is kept', async () => {
		simulator().respondOnce('account/pointsaudit', {
			status: 200,
			body: {
				success: 'ok',
				points_audit: { entry: [{ date: '2026-01-01 00:00:00', points: '-20', balance: '80', description: 'Order ST100001 placed', reseller_order_id: 'ST100001' }] },
			},
		});
		const result = await runServertastic(simulator(), getPointsAudit());
		expect(result.success.map((item) => item.json)).toEqual([
			{ date: '2026-01-01T00:00:00Z', points: -20, balance: 80, description: 'Order ST100001 placed', resellerOrderId: 'ST100001' },
		]);
	});

	it('each input item gives its own list, paired to it', async () => {
		threeEntries();
		const result = await runServertastic(simulator(), getPointsAudit({ returnAll: false, limit: '={{ $json.limit }}' }), {
			inputItems: [{ limit: 1 }, { limit: 2 }],
		});
		expect(result.success.map((item) => [item.pairedItem, item.json.balance])).toEqual([
			[{ item: 0 }, 5000],
			[{ item: 1 }, 5000],
			[{ item: 1 }, 4980],
		]);
	});

	describeApiErrors(simulator, 'account/pointsaudit', () => getPointsAudit());
});
