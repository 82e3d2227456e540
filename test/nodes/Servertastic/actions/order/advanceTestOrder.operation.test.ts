import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { ServertasticApi } from '../../../../../credentials/ServertasticApi.credentials';
import { Servertastic } from '../../../../../nodes/Servertastic/Servertastic.node';
import { fixture, serveFixture } from '../../../../contract';
import { type OnErrorSetting, runNode } from '../../../../harness';
import type { Simulator } from '../../../../simulator';
import { placeOrderThroughNode, runServertastic } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const advance = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'advanceTestOrder',
	...extra,
});

/** Runs the node with a credential of our choosing (runServertastic always uses Environment Test). */
async function runWithCredential(
	credential: ICredentialDataDecryptedObject,
	parameters: INodeParameters,
	options: { inputItems?: IDataObject[]; onError?: OnErrorSetting } = {},
) {
	return await runNode({
		nodeType: new Servertastic(),
		parameters,
		inputItems: options.inputItems,
		onError: options.onError,
		credentialTypes: [new ServertasticApi()],
		credentials: { servertasticApi: { apiKey: API_KEY, ...credential } },
	});
}

/** An order placed through the node, recording cleared. */
async function placedOrder(): Promise<string> {
	return await placeOrderThroughNode(simulator, 'DNS');
}

describe('Order → Advance Test Order inside n8n', () => {
	it('on the test environment: one advanceorder GET with only the token; two runs complete the order', async () => {
		const token = await placedOrder();
		const first = await runServertastic(simulator, advance({ orderToken: token }));
		expect(first.status).toBe('success');
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requestsTo('order/advanceorder');
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/order/advanceorder.json');
		expect(request.query).toEqual({ order_token: token });
		expect(first.success[0].pairedItem).toEqual({ item: 0 });
		// The answer is a success sentence only (api2.md "advanceorder"): Get shows the new status.
		const sentence = `Order was pushed. Please wait up to 3 minutes for the status to update - ${simulator.getOrder(token)!.resellerOrderId}`;
		expect(first.success[0].json).toEqual({
			orderToken: token,
			success: true,
			message: sentence,
		});
		expect(simulator.getOrder(token)?.status).toBe('Awaiting Customer Verification');
		const second = await runServertastic(simulator, advance({ orderToken: token }));
		expect(second.success[0].json.success).toBe(true);
		expect(simulator.getOrder(token)?.status).toBe('Completed');
		expect(simulator.getOrder(token)?.certificate).toEqual(expect.any(String));
		expectNoSecret([first, second]);
	});

	it.each([
		['Environment Live, no override', { environment: 'live' }],
		[
			'Environment Live, override to the live host',
			{ environment: 'live', baseUrl: 'https://api2.servertastic.com/' },
		],
		[
			'Environment Test, override to the live host',
			{ environment: 'test', baseUrl: 'https://API2.servertastic.com' },
		],
	])('refuses with a NodeOperationError before any request: %s', async (_name, credential) => {
		const token = await placedOrder();
		const result = await runWithCredential(credential, advance({ orderToken: token }));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(
			/^Advance Test Order works only with the test API.*\[item 0\]$/,
		);
		expect(result.error?.description).toMatch(/Nothing was sent/);
		expect(simulator.requests).toHaveLength(0);
		expect(simulator.getOrder(token)?.status).toBe('Order Placed');
		expectNoSecret(result);
	});

	it("with Environment Live and an override elsewhere (a proxy, here the simulator) it is the user's choice", async () => {
		const token = await placedOrder();
		const result = await runWithCredential(
			{ environment: 'live', baseUrl: simulator.url },
			advance({ orderToken: token }),
		);
		expect(result.status).toBe('success');
		expect(simulator.requestsTo('order/advanceorder')).toHaveLength(1);
	});

	it('Continue (using error output) on live: every item is routed to the error branch, nothing sent', async () => {
		const result = await runWithCredential(
			{ environment: 'live' },
			advance({ orderToken: '={{ $json.token }}' }),
			{
				inputItems: [{ token: 'aaa111' }, { token: 'bbb222' }],
				onError: 'continueErrorOutput',
			},
		);
		expect(result.status).toBe('success');
		expect(result.success).toHaveLength(0);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.downstream.error.map((item) => item.json.token)).toEqual(['aaa111', 'bbb222']);
		expect(simulator.requests).toHaveLength(0);
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
	])('an API error with %s becomes a NodeApiError with the API message', async (_name, status) => {
		const token = await placedOrder();
		simulator.respondOnce('order/advanceorder', {
			status,
			body: { error: { code: -5, message: `Cannot advance (${API_KEY})` } },
		});
		const result = await runServertastic(simulator, advance({ orderToken: token }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Servertastic refused order/advanceorder: Cannot advance (***)',
		);
		expect(result.error?.description).toBe(`The API answered with error -5 (HTTP ${status}).`);
		expectNoSecret(result);
	});

	it('Continue (regular output): a completed order cannot advance; the other item still does, pairing kept', async () => {
		const completed = await placedOrder();
		simulator.advance(completed);
		simulator.advance(completed);
		const placed = await placedOrder();
		const result = await runServertastic(simulator, advance({ orderToken: '={{ $json.token }}' }), {
			inputItems: [{ token: completed }, { token: placed }],
			onError: 'continueRegularOutput',
		});
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.success[0].json.error).toBe(
			'Servertastic refused order/advanceorder: Order cannot be advanced from status Completed',
		);
		expect(result.success[1].json.success).toBe(true);
		expect(simulator.getOrder(placed)?.status).toBe('Awaiting Customer Verification');
	});

	it('the documented sentence comes with the line breaks of its XML: the message is trimmed, the answer kept', async () => {
		const token = await placedOrder();
		serveFixture(simulator, 'order/advanceorder', fixture('order/advanceorder'));
		const result = await runServertastic(simulator, advance({ orderToken: token }));
		expect(result.success[0].json).toEqual({
			orderToken: token,
			success: true,
			message:
				'Order was pushed. Please wait up to 3 minutes for the status to update - STR_1_201611071123',
		});
		serveFixture(simulator, 'order/advanceorder', fixture('order/advanceorder'));
		const raw = await runServertastic(simulator, advance({ orderToken: token, output: 'raw' }));
		expect(raw.success.map((item) => item.json)).toEqual([fixture('order/advanceorder')]);
	});
});
