import { LoadOptionsContext } from 'n8n-core';
import { type INode, Workflow } from 'n8n-workflow';

import { ServertasticApi } from '../../../../credentials/ServertasticApi.credentials';
import { getProducts } from '../../../../nodes/Servertastic/methods/loadOptions';
import { Servertastic } from '../../../../nodes/Servertastic/Servertastic.node';
import { applyVariant, fixture, fixtureCases, serveFixture, variantsFor, type Variant } from '../../../contract';
import { createAdditionalData, TestCredentialsHelper, TestNodeTypes } from '../../../harness';
import { startSimulator, type Simulator } from '../../../simulator';

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset());

/** Generate Token's product dropdown, run through n8n-core's LoadOptionsContext as the editor runs it. */
async function loadProducts() {
	const node: INode = {
		id: 'n1',
		name: 'Servertastic',
		type: 'CUSTOM.servertastic',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'order', operation: 'generateToken' },
		credentials: { servertasticApi: { id: '1', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ 'CUSTOM.servertastic': new Servertastic() }),
	});
	const helper = new TestCredentialsHelper([new ServertasticApi()], {
		servertasticApi: { apiKey: simulator.apiKey, environment: 'test', baseUrl: simulator.url },
	});
	const context = new LoadOptionsContext(workflow, node, createAdditionalData(helper), 'parameters.productCode');
	return await getProducts.call(context);
}

const EXPECTED: Record<string, Array<{ name: string; value: string }>> = {
	'': [
		{ name: 'QuickSSL Premium Multi Domain - 1 Years (QuickSSLPremiumMD-12, DV)', value: 'QuickSSLPremiumMD-12' },
		{ name: 'RapidSSL - 1 Years (RapidSSL-12, DV)', value: 'RapidSSL-12' },
		{ name: 'True BusinessID - 1 Years (TrueBizID-12, OV)', value: 'TrueBizID-12' },
	],
	'one-product': [{ name: 'RapidSSL - 1 Years (RapidSSL-12, DV)', value: 'RapidSSL-12' }],
};

describe('Product dropdown (getProducts) reads product/listproducts', () => {
	const readings: Variant[] = ['documented', ...variantsFor('product/listproducts')];
	const runs = fixtureCases('product/listproducts').flatMap((caseName) => readings.map((variant) => [caseName ?? '', variant] as const));

	it.each(runs)('case "%s", %s reading: one option per product, sorted by name', async (caseName, variant) => {
		serveFixture(simulator, 'product/listproducts', applyVariant('product/listproducts', fixture('product/listproducts', caseName || undefined), variant));
		expect(await loadProducts()).toEqual(EXPECTED[caseName]);
		expect(simulator.requestsTo('product/listproducts')[0].query).toEqual({ product_group: 'All', api_key: simulator.apiKey });
	});

	it('no product ("" or absent) gives no option', async () => {
		for (const body of [{ success: 'Product list', products: '' }, { success: 'Product list' }]) {
			simulator.respondOnce('product/listproducts', { status: 200, body });
			expect(await loadProducts()).toEqual([]);
		}
	});
});
