import { searchProducts } from '../../../../nodes/Servertastic/methods/listSearch';
import {
	applyVariant,
	fixture,
	fixtureCases,
	serveFixture,
	variantsFor,
	type Variant,
} from '../../../contract';
import { startSimulator, type Simulator } from '../../../simulator';
import { runListSearch } from '../../../support/listSearchContext';

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset());

/** Generate Token's Product From List, run through n8n-core's LoadOptionsContext as the editor runs it. */
async function loadProducts(filter?: string) {
	const parameters = { resource: 'order', operation: 'generateToken' };
	return (await runListSearch(simulator, searchProducts, parameters, 'productCode', filter))
		.results;
}

const EXPECTED: Record<string, Array<{ name: string; value: string }>> = {
	'': [
		{
			name: 'QuickSSL Premium Multi Domain - 1 Years (QuickSSLPremiumMD-12, DV)',
			value: 'QuickSSLPremiumMD-12',
		},
		{ name: 'RapidSSL - 1 Years (RapidSSL-12, DV)', value: 'RapidSSL-12' },
		{ name: 'True BusinessID - 1 Years (TrueBizID-12, OV)', value: 'TrueBizID-12' },
	],
	'one-product': [{ name: 'RapidSSL - 1 Years (RapidSSL-12, DV)', value: 'RapidSSL-12' }],
};

describe('Product From List (searchProducts) reads product/listproducts', () => {
	const readings: Variant[] = ['documented', ...variantsFor('product/listproducts')];
	const runs = fixtureCases('product/listproducts').flatMap((caseName) =>
		readings.map((variant) => [caseName ?? '', variant] as const),
	);

	it.each(runs)(
		'case "%s", %s reading: one option per product, sorted by name',
		async (caseName, variant) => {
			serveFixture(
				simulator,
				'product/listproducts',
				applyVariant(
					'product/listproducts',
					fixture('product/listproducts', caseName || undefined),
					variant,
				),
			);
			expect(await loadProducts()).toEqual(EXPECTED[caseName]);
			expect(simulator.requestsTo('product/listproducts')[0].query).toEqual({
				product_group: 'All',
				api_key: simulator.apiKey,
			});
		},
	);

	it('no product ("" or absent) gives no option', async () => {
		for (const body of [{ success: 'Product list', products: '' }, { success: 'Product list' }]) {
			simulator.respondOnce('product/listproducts', { status: 200, body });
			expect(await loadProducts()).toEqual([]);
		}
	});
});

describe('Product From List: search', () => {
	it('keeps the products whose name, code or level holds the search text, in any case', async () => {
		for (let i = 0; i < 3; i++)
			serveFixture(simulator, 'product/listproducts', fixture('product/listproducts'));
		expect((await loadProducts('rapidssl')).map((option) => option.value)).toEqual(['RapidSSL-12']);
		expect((await loadProducts(', OV)')).map((option) => option.value)).toEqual(['TrueBizID-12']);
		expect(await loadProducts('no such product')).toEqual([]);
	});
});
