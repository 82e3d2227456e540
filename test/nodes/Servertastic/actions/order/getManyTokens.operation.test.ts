import { runServertastic } from '../../../../support/servertastic';
import { API_KEY, completeOrder, describeApiErrors, expectNoSecret, expectQueries, useSimulator } from '../readChecks';

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
		const result = await runServertastic(simulator(), { resource: 'order', operation: 'getManyTokens', returnAll: true });
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/showtokens', [{ api_key: API_KEY }]);
		expect(result.success.map((item) => item.json)).toEqual([
			{
				orderToken: unused[0],
				resellerOrderId: 'ST100001',
				resellerReference: 'FRESH',
				status: 'Order Generated',
				productCode: 'RapidSSL-12',
				domain: null,
				createdDate: '2026-02-01T09:00:00Z',
				used: false,
			},
			expect.objectContaining({ orderToken: unused[1], status: 'Roll Back', used: false }),
		]);
		expectNoSecret(result);
	});

	it('Used and All', async () => {
		const { unused, used } = tokens();
		const onlyUsed = await runServertastic(simulator(), getManyTokens({ which: 'used' }));
		expect(onlyUsed.success.map((item) => [item.json.orderToken, item.json.used, item.json.domain])).toEqual([
			[used[0], true, 'shop.example.com'],
		]);
		const all = await runServertastic(simulator(), getManyTokens({ which: 'all' }));
		expect(all.success.map((item) => [item.json.orderToken, item.json.used])).toEqual([
			[unused[0], false],
			[unused[1], false],
			[used[0], true],
		]);
		expect(all.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('Limit cuts the list after Which has chosen', async () => {
		const { unused } = tokens();
		const result = await runServertastic(simulator(), getManyTokens({ which: 'all', returnAll: false, limit: 1 }));
		expect(result.success.map((item) => item.json.orderToken)).toEqual([unused[0]]);
	});

	it('xmlStyleLists: one used token as a bare object, no token as ""', async () => {
		simulator().settings.xmlStyleLists = true;
		const { used } = tokens();
		simulator().getOrder(used[0])!.status = 'Completed';
		const onlyUsed = await runServertastic(simulator(), getManyTokens({ which: 'used' }));
		expect(onlyUsed.success.map((item) => item.json.orderToken)).toEqual(used);
		simulator().reset({ state: true });
		simulator().settings.xmlStyleLists = true;
		const none = await runServertastic(simulator(), getManyTokens({ which: 'all' }));
		expect(none.status).toBe('success');
		expect(none.success).toEqual([]);
	});

	it('refuses an unknown Which from an expression before sending anything', async () => {
		const result = await runServertastic(simulator(), getManyTokens({ which: '={{ "spare" }}' }));
		expect(result.error?.message).toBe('\'Which\' must be one of unused, used, all, not "spare" [item 0]');
		expect(simulator().requests).toEqual([]);
	});

	it('each input item gives its own list, paired to it', async () => {
		tokens();
		const result = await runServertastic(simulator(), getManyTokens({ which: '={{ $json.which }}' }), {
			inputItems: [{ which: 'used' }, { which: 'unused' }],
		});
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
