import { fixture, serveFixture } from '../../../../contract';
import { runServertastic } from '../../../../support/servertastic';
import {
	API_KEY,
	describeApiErrors,
	expectNoSecret,
	expectQueries,
	useSimulator,
} from '../../../../support/readChecks';

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
	it('one tidy item per record, numbers and ISO dates; api_key sent', async () => {
		threeEntries();
		const result = await runServertastic(simulator(), getPointsAudit());
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'account/pointsaudit', [{ api_key: API_KEY }]);
		const entry = (date: unknown, points: number, balance: number, description: string) => ({
			date,
			points,
			balance,
			description,
			orderDate: null,
			orderReference: null,
			orderToken: null,
			notes: null,
		});
		expect(result.success.map((item) => item.json)).toEqual([
			entry(
				expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
				5000,
				5000,
				'Opening balance',
			),
			entry('2026-03-01T12:00:00Z', -20, 4980, 'Balance set by the test harness'),
			entry('2026-03-02T12:00:00Z', 120, 5100, 'Balance set by the test harness'),
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expectNoSecret(result);
	});

	it('Return All vs Limit', async () => {
		threeEntries();
		const limited = await runServertastic(
			simulator(),
			getPointsAudit({ returnAll: false, limit: 2 }),
		);
		expect(limited.success.map((item) => item.json.balance)).toEqual([5000, 4980]);
		const all = await runServertastic(simulator(), getPointsAudit());
		expect(all.success).toHaveLength(3);
	});

	it('one record as a bare object gives one item; none ("" or absent) gives no item', async () => {
		simulator().settings.answerVariant = 'one-as-object';
		const one = await runServertastic(simulator(), getPointsAudit());
		expect(one.success.map((item) => [item.json.points, item.json.description])).toEqual([
			[5000, 'Opening balance'],
		]);
		for (const body of [{ success: 'PointsAudit', record: '' }, { success: 'PointsAudit' }]) {
			simulator().respondOnce('account/pointsaudit', { status: 200, body });
			const none = await runServertastic(simulator(), getPointsAudit());
			expect(none.status).toBe('success');
			expect(none.success).toEqual([]);
		}
	});

	it('reads the documented record field by field; the order token is data, kept in the item', async () => {
		serveFixture(simulator(), 'account/pointsaudit', fixture('account/pointsaudit'));
		const result = await runServertastic(simulator(), getPointsAudit());
		expect(result.success.map((item) => item.json)).toEqual([
			{
				date: '2024-03-01T09:00:00Z',
				points: 5000,
				balance: 5000,
				description: 'Points Deposit',
				orderDate: null,
				orderReference: null,
				orderToken: null,
				notes: null,
			},
			{
				date: '2024-03-12T10:45:12Z',
				points: -10,
				balance: 4990,
				description: 'Placed order',
				orderDate: '2024-03-12T10:45:12Z',
				orderReference: 'STR_1_202403121045',
				orderToken: '8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b',
				notes: null,
			},
			{
				date: '2024-03-12T12:00:00Z',
				points: 10,
				balance: 5000,
				description: 'Cancelled order',
				orderDate: '2024-03-12T10:45:12Z',
				orderReference: 'STR_1_202403121045',
				orderToken: '8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b',
				notes: 'Cancelled by reseller',
			},
		]);
	});

	it('each input item gives its own list, paired to it', async () => {
		threeEntries();
		const result = await runServertastic(
			simulator(),
			getPointsAudit({ returnAll: false, limit: '={{ $json.limit }}' }),
			{
				inputItems: [{ limit: 1 }, { limit: 2 }],
			},
		);
		expect(result.success.map((item) => [item.pairedItem, item.json.balance])).toEqual([
			[{ item: 0 }, 5000],
			[{ item: 1 }, 5000],
			[{ item: 1 }, 4980],
		]);
	});

	// An order token in the audit is data; it never lands in an error text.
	describeApiErrors(
		simulator,
		'account/pointsaudit',
		() => getPointsAudit(),
		() => ['8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b'],
	);
});
