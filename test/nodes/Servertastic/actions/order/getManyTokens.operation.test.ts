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

const getManyTokens = (extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'getManyTokens',
	returnAll: true,
	...extra,
});

/** Two unused tokens (one rolled back) and one used one. */
function tokens(): { unused: string[]; used: string[] } {
	simulator().setNow(new Date('2026-02-01T09:00:00Z'));
	const fresh = simulator().createToken({ productCode: 'RapidSSL-12', reference: 'FRESH' });
	const placed = simulator().createToken({ productCode: 'PositiveSSL-12', reference: 'PLACED' });
	completeOrder(simulator(), placed, 'shop.example.com', 100);
	const rolledBack = simulator().createToken({ productCode: 'SSL123-12', reference: 'ROLLED' });
	simulator().getOrder(rolledBack)!.status = 'Roll Back';
	simulator().setNow(undefined);
	return { unused: [fresh, rolledBack], used: [placed] };
}

describe('Order → Get Many Tokens inside n8n', () => {
	it('Unused by default: one tidy item per token, used false; api_key sent', async () => {
		const { unused } = tokens();
		const result = await runServertastic(simulator(), {
			resource: 'order',
			operation: 'getManyTokens',
			returnAll: true,
		});
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/showtokens', [{ api_key: API_KEY }]);
		// Each entry is {token, reseller_unique_reference} (api2.md "showTokens").
		expect(result.success.map((item) => item.json)).toEqual([
			{ orderToken: unused[0], resellerReference: 'FRESH', used: false },
			{ orderToken: unused[1], resellerReference: 'ROLLED', used: false },
		]);
		expectNoSecret(result);
	});

	it('Used and All', async () => {
		const { unused, used } = tokens();
		const onlyUsed = await runServertastic(simulator(), getManyTokens({ which: 'used' }));
		expect(
			onlyUsed.success.map((item) => [
				item.json.orderToken,
				item.json.used,
				item.json.resellerReference,
			]),
		).toEqual([[used[0], true, 'PLACED']]);
		const all = await runServertastic(simulator(), getManyTokens({ which: 'all' }));
		expect(all.success.map((item) => [item.json.orderToken, item.json.used])).toEqual([
			[unused[0], false],
			[unused[1], false],
			[used[0], true],
		]);
		expect(all.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
	});

	it('Limit cuts the list after Which has chosen', async () => {
		const { unused } = tokens();
		const result = await runServertastic(
			simulator(),
			getManyTokens({ which: 'all', returnAll: false, limit: 1 }),
		);
		expect(result.success.map((item) => item.json.orderToken)).toEqual([unused[0]]);
	});

	it('one used token as a bare object, no token as "" or absent', async () => {
		simulator().settings.answerVariant = 'one-as-object';
		const { used } = tokens();
		simulator().getOrder(used[0])!.status = 'Completed';
		const onlyUsed = await runServertastic(simulator(), getManyTokens({ which: 'used' }));
		expect(onlyUsed.success.map((item) => item.json.orderToken)).toEqual(used);
		simulator().reset({ state: true });
		const none = await runServertastic(simulator(), getManyTokens({ which: 'all' }));
		expect(none.status).toBe('success');
		expect(none.success).toEqual([]);
		simulator().respondOnce('order/showtokens', { status: 200, body: { success: 'Order tokens' } });
		expect((await runServertastic(simulator(), getManyTokens({ which: 'all' }))).success).toEqual(
			[],
		);
	});

	it('reads the documented answer field by field', async () => {
		serveFixture(simulator(), 'order/showtokens', fixture('order/showtokens'));
		const all = await runServertastic(simulator(), getManyTokens({ which: 'all' }));
		expect(all.success.map((item) => item.json)).toEqual([
			{
				orderToken: '5f2b7c9e1a3d4f60b8c2e4a6d8f0b1c3',
				resellerReference: 'ref-2024-0007',
				used: false,
			},
			{
				orderToken: 'c4a9e2f7b1d8063e5a2c9f4b7e1d8a60',
				resellerReference: 'ref-2024-0008',
				used: false,
			},
			{
				orderToken: '8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b',
				resellerReference: 'ref-2024-0001',
				used: true,
			},
			{
				orderToken: '1b7e4a9c2f5d8e0a3c6f9b2e5d8a1c47',
				resellerReference: 'ref-2024-0002',
				used: true,
			},
		]);
	});

	it('refuses an unknown Which from an expression before sending anything', async () => {
		const result = await runServertastic(simulator(), getManyTokens({ which: '={{ "spare" }}' }));
		expect(result.error?.message).toBe(
			'\'Which\' must be one of unused, used, all, not "spare" [item 0]',
		);
		expect(simulator().requests).toEqual([]);
	});

	it('each input item gives its own list, paired to it', async () => {
		tokens();
		const result = await runServertastic(
			simulator(),
			getManyTokens({ which: '={{ $json.which }}' }),
			{
				inputItems: [{ which: 'used' }, { which: 'unused' }],
			},
		);
		expect(result.success.map((item) => [item.pairedItem, item.json.used])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
			[{ item: 1 }, false],
		]);
	});

	describeApiErrors(simulator, 'order/showtokens', () => {
		tokens();
		return getManyTokens();
	});
});
