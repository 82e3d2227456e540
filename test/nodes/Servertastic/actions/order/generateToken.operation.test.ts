import { LoadOptionsContext } from 'n8n-core';
import { type INode, Workflow } from 'n8n-workflow';

import { ServertasticApi } from '../../../../../credentials/ServertasticApi.credentials';
import {
	canonicalJson,
	derivedReference,
} from '../../../../../nodes/Servertastic/actions/order/generateToken.operation';
import { getProducts } from '../../../../../nodes/Servertastic/methods/loadOptions';
import { Servertastic } from '../../../../../nodes/Servertastic/Servertastic.node';
import { createAdditionalData, serialiseEverything, TestCredentialsHelper, TestNodeTypes } from '../../../../harness';
import type { Simulator } from '../../../../simulator';
import { runServertastic } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const generate = (extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'generateToken',
	productCode: 'RapidSSL-12',
	endCustomerEmail: 'jane@example.com',
	...extra,
});

/** Every token the simulator holds, read over HTTP the way a client would (showtokens). */
async function tokensWithReference(reference: string): Promise<unknown[]> {
	const answer = (await (
		await fetch(`${simulator.url}/order/showtokens.json?api_key=${encodeURIComponent(API_KEY)}`)
	).json()) as { unused_tokens: Array<{ reseller_unique_reference: string }> };
	return answer.unused_tokens.filter((token) => token.reseller_unique_reference === reference);
}

const DERIVED = /^n8n-[0-9a-f]{31}$/;

describe('Order → Generate Token inside n8n', () => {
	it('sends exactly the call parameters (the credential adds the key) and returns a tidy item', async () => {
		const item = { customer: 'Jane', orderNo: 42 };
		const result = await runServertastic(simulator, generate(), { inputItems: [item] });
		expect(result.status).toBe('success');
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requestsTo('order/generatetoken');
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/order/generatetoken.json');
		const reference = derivedReference(item, 'RapidSSL-12');
		expect(reference).toMatch(DERIVED);
		expect(request.query).toEqual({
			api_key: API_KEY,
			st_product_code: 'RapidSSL-12',
			end_customer_email: 'jane@example.com',
			san_count: '0',
			server_count: '1',
			reseller_unique_reference: reference,
		});
		expect(result.success).toHaveLength(1);
		const [output] = result.success;
		expect(output.pairedItem).toEqual({ item: 0 });
		const order = simulator.getOrder(output.json.orderToken as string);
		expect(order).toMatchObject({ productCode: 'RapidSSL-12', resellerUniqueReference: reference, endCustomerEmail: 'jane@example.com' });
		expect(output.json).toEqual({
			orderToken: order!.orderToken,
			success: true,
			message: 'Order token generated',
			resellerOrderId: order!.resellerOrderId,
			reviewUrl: `${simulator.url}/review/${order!.orderToken}`,
			resellerReference: reference,
			productCode: 'RapidSSL-12',
			response: {
				success: 'Order token generated',
				order_token: order!.orderToken,
				reseller_order_id: order!.resellerOrderId,
				review_url: `${simulator.url}/review/${order!.orderToken}`,
			},
		});
		expect(result.downstream.success.map((entry) => entry.json)).toEqual([output.json]);
		expectNoSecret(result);
	});

	it('sends SAN and server counts, also when an expression gives them as text', async () => {
		const result = await runServertastic(
			simulator,
			generate({ productCode: 'PositiveSSLMDC-12', sanCount: '={{ $json.sans }}', serverCount: 1 }),
			{ inputItems: [{ sans: '3' }] },
		);
		expect(result.status).toBe('success');
		const [request] = simulator.requestsTo('order/generatetoken');
		expect(request.query).toMatchObject({ st_product_code: 'PositiveSSLMDC-12', san_count: '3', server_count: '1' });
		expect(simulator.getOrder(result.success[0].json.orderToken as string)?.sanCount).toBe(3);
	});

	describe('Reseller Reference: Derived From the Item', () => {
		it('the same item run twice buys one token: the second run is refused with a clear message', async () => {
			const item = { email: 'jane@example.com', plan: 'gold' };
			const parameters = generate({ endCustomerEmail: '={{ $json.email }}' });
			const first = await runServertastic(simulator, parameters, { inputItems: [item] });
			expect(first.status).toBe('success');
			const reference = first.success[0].json.resellerReference as string;
			expect(reference).toMatch(DERIVED);

			const second = await runServertastic(simulator, parameters, { inputItems: [{ ...item }] });
			expect(second.status).toBe('error');
			expect(second.error?.name).toBe('NodeApiError');
			expect(second.error?.message).toBe(`A token for this item already exists (reseller reference ${reference}) [item 0]`);
			// The API's own words are kept, and the way to the existing token is named.
			expect(second.error?.description).toContain(`reseller_unique_reference ${reference} has already been used`);
			expect(second.error?.description).toContain('Get Many Tokens');
			expect(simulator.requestsTo('order/generatetoken').map((request) => request.query.reseller_unique_reference)).toEqual([
				reference,
				reference,
			]);
			expect(await tokensWithReference(reference)).toHaveLength(1);
			expectNoSecret(second);
		});

		it('an answer lost after the token was made: the error says a re-run is safe, and the re-run buys nothing', async () => {
			simulator.respondOnce('order/generatetoken', { status: 0, body: '', process: true, destroy: true });
			const item = { customer: 'Lost' };
			const first = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(first.status).toBe('error');
			expect(first.error?.message).toBe('Servertastic could not be reached for order/generatetoken: the connection was reset');
			expect(first.error?.description).toContain('Running this item again is safe');
			// The transport never repeats a call that buys something.
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);
			const reference = derivedReference(item, 'RapidSSL-12');
			expect(await tokensWithReference(reference)).toHaveLength(1);

			const rerun = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(rerun.error?.message).toBe(`A token for this item already exists (reseller reference ${reference}) [item 0]`);
			expect(await tokensWithReference(reference)).toHaveLength(1);
			expectNoSecret([first, rerun]);
		});

		it('ignores key order: the same data in another order is the same item', async () => {
			expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
				canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
			);
			expect(derivedReference({ b: 1, a: 2 }, 'RapidSSL-12')).toBe(derivedReference({ a: 2, b: 1 }, 'RapidSSL-12'));
			expect(derivedReference({ a: 2 }, 'RapidSSL-12')).not.toBe(derivedReference({ a: 2 }, 'RapidSSL-24'));
		});

		it('different items get different references of at most 35 characters, one token each', async () => {
			const inputItems = [{ customer: 'A' }, { customer: 'B' }, { customer: 'C', nested: { deep: [1, 2] } }];
			const result = await runServertastic(simulator, generate(), { inputItems });
			expect(result.status).toBe('success');
			const references = result.success.map((item) => item.json.resellerReference as string);
			expect(new Set(references).size).toBe(3);
			for (const reference of references) {
				expect(reference.length).toBeLessThanOrEqual(35);
				expect(reference).toMatch(DERIVED);
			}
			expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(3);
		});

		it('two identical items in one run: the second is refused before it is sent (error output, paired)', async () => {
			const result = await runServertastic(simulator, generate(), {
				inputItems: [{ customer: 'A' }, { customer: 'A' }],
				onError: 'continueErrorOutput',
			});
			expect(result.status).toBe('success');
			expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
			expect(result.downstream.error[0].json.error).toMatch(/^'Reseller Reference' is the same as item 0/);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);
		});
	});

	describe('Reseller Reference: Custom and Random', () => {
		it('Custom: sends the reference as given; a reused one is refused, naming the reference', async () => {
			const parameters = generate({ resellerReference: 'custom', customReference: 'INV-2024-0042' });
			const first = await runServertastic(simulator, parameters);
			expect(simulator.requestsTo('order/generatetoken')[0].query.reseller_unique_reference).toBe('INV-2024-0042');
			expect(first.success[0].json.resellerReference).toBe('INV-2024-0042');
			const second = await runServertastic(simulator, parameters);
			expect(second.error?.message).toBe('A token with the reseller reference INV-2024-0042 already exists [item 0]');
			expect(second.error?.description).toContain('Get Many Tokens');
			expect(second.error?.description).toContain('has already been used');
			expect(await tokensWithReference('INV-2024-0042')).toHaveLength(1);
		});

		it.each([
			['longer than 35 characters', 'x'.repeat(36), /^'Custom Reference' must be at most 35 characters long/],
			['on two lines', '={{ "INV-1\\nINV-2" }}', /^'Custom Reference' must be a single line/],
			['empty (from an expression)', '={{ "" }}', /^'Custom Reference' is required/],
		])('Custom: refuses a reference %s before any request', async (_name, customReference, message) => {
			const result = await runServertastic(simulator, generate({ resellerReference: 'custom', customReference }));
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(simulator.requests).toHaveLength(0);
		});

		it('Random: the same item run twice buys two tokens with different references of at most 35 characters', async () => {
			const parameters = generate({ resellerReference: 'random' });
			const first = await runServertastic(simulator, parameters, { inputItems: [{ a: 1 }] });
			const second = await runServertastic(simulator, parameters, { inputItems: [{ a: 1 }] });
			const references = [first, second].map((result) => result.success[0].json.resellerReference as string);
			expect(references[0]).not.toBe(references[1]);
			for (const reference of references) expect(reference.length).toBeLessThanOrEqual(35);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(2);
		});
	});

	describe('checked before anything is sent', () => {
		it.each([
			['a bad end customer email', { endCustomerEmail: 'jane@' }, /^'End Customer Email' is not a valid email address/],
			['a negative SAN count', { sanCount: -1 }, /^'SAN Count' must be a whole number of at least 0/],
			['a SAN count that is not a number', { sanCount: '={{ "two" }}' }, /^'SAN Count' must be a whole number/],
			['a server count of 0', { serverCount: 0 }, /^'Server Count' must be a whole number of at least 1/],
			['no product', { productCode: '={{ "" }}' }, /is required/],
			['a product code with spaces', { productCode: 'Rapid SSL' }, /must be a product code such as RapidSSL-12/],
		])('refuses %s, naming the field and item', async (_name, extra, message) => {
			const result = await runServertastic(simulator, generate(extra));
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toMatch(/\[item 0\]$/);
			expect(result.error?.description).toMatch(/^Nothing was sent to Servertastic/);
			expect(simulator.requests).toHaveLength(0);
		});

		it('lists every problem of the item in the description', async () => {
			const result = await runServertastic(simulator, generate({ endCustomerEmail: 'nope', sanCount: -2 }));
			expect(result.error?.message).toMatch(/\(and 1 more\) \[item 0\]$/);
			expect(result.error?.description).toContain("- 'End Customer Email' ");
			expect(result.error?.description).toContain("- 'SAN Count' ");
		});
	});

	describe('API errors and continue-on-fail', () => {
		it.each([
			['HTTP 200 with an error body', 200],
			['HTTP 400', 400],
		])('an API error with %s becomes a NodeApiError with the API message, without the key', async (_name, status) => {
			simulator.respondOnce('order/generatetoken', {
				status,
				body: { error: { code: -6, message: `Account suspended for key ${API_KEY}` } },
			});
			const result = await runServertastic(simulator, generate());
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe('Servertastic refused order/generatetoken: Account suspended for key ***');
			expect(result.error?.description).toBe(`The API answered with error -6 (HTTP ${status}).`);
			expectNoSecret(result);
		});

		it('a wrong API key: the API refusal is reported without the key', async () => {
			const result = await runServertastic(simulator, generate(), { apiKey: 'sk_wrong_key_0123456789' });
			expect(result.error?.message).toBe('Servertastic refused order/generatetoken: Invalid api_key');
			expect(serialiseEverything(result)).not.toContain('sk_wrong_key_0123456789');
		});

		it('Continue (using error output): an unknown product goes to the error branch, the others on', async () => {
			const result = await runServertastic(simulator, generate({ productCode: '={{ $json.product }}' }), {
				inputItems: [{ product: 'RapidSSL-12' }, { product: 'NoSuchProduct-12' }, { product: 'SSL123-12' }],
				onError: 'continueErrorOutput',
			});
			expect(result.status).toBe('success');
			expect(result.success.map((item) => [item.pairedItem, item.json.productCode])).toEqual([
				[{ item: 0 }, 'RapidSSL-12'],
				[{ item: 2 }, 'SSL123-12'],
			]);
			expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
			expect(result.downstream.error[0].json.error).toBe(
				'Servertastic refused order/generatetoken: Invalid st_product_code NoSuchProduct-12',
			);
			expect(result.downstream.error[0].json.product).toBe('NoSuchProduct-12');
			expectNoSecret(result);
		});
	});
});

describe('Product dropdown (getProducts)', () => {
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
			servertasticApi: { apiKey: API_KEY, environment: 'test', baseUrl: simulator.url },
		});
		const additionalData = { ...createAdditionalData(helper), currentNodeParameters: node.parameters };
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.productCode');
		return await getProducts.call(context);
	}

	it('is registered on the node and lists listproducts as "name (code, level)"', async () => {
		expect(Object.keys(new Servertastic().methods.loadOptions)).toContain('getProducts');
		const options = await loadProducts();
		expect(options).toContainEqual({ name: 'RapidSSL Standard DV (RapidSSL-12, DV)', value: 'RapidSSL-12' });
		expect(options).toContainEqual({ name: 'GeoTrust True BusinessID with EV (TrueBizIDEV-12, EV)', value: 'TrueBizIDEV-12' });
		expect(options).toHaveLength(13);
		const [request] = simulator.requestsTo('product/listproducts');
		expect(request.query.api_key).toBe(API_KEY);
		expect(serialiseEverything(options)).not.toContain(API_KEY);
	});

	it('copes with a one-element list sent as a bare object', async () => {
		simulator.respondOnce('product/listproducts', {
			status: 200,
			body: {
				success: 'Products retrieved',
				products: { st_product_code: 'RapidSSL-12', product_name: 'RapidSSL Standard DV', product_validation: 'DV' },
			},
		});
		expect(await loadProducts()).toEqual([{ name: 'RapidSSL Standard DV (RapidSSL-12, DV)', value: 'RapidSSL-12' }]);
	});
});
