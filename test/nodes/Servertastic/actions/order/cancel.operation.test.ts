import { fixture, serveFixture } from '../../../../contract';
import type { Simulator } from '../../../../simulator';
import { placeOrderThroughNode, runServertastic } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const cancel = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'cancel',
	...extra,
});

/** A RapidSSL order placed through the node (20 points), with the recording cleared. */
async function placedOrder(): Promise<string> {
	return await placeOrderThroughNode(simulator, 'DNS');
}

describe('Order → Cancel inside n8n', () => {
	it('cancels a placed order: one GET with only the token, points refunded, a tidy item', async () => {
		const token = await placedOrder();
		const before = simulator.points();
		const result = await runServertastic(simulator, cancel({ orderToken: token }));
		expect(result.status).toBe('success');
		const requests = simulator.requestsTo('order/cancel');
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('GET');
		expect(requests[0].path).toBe('/order/cancel.json');
		// An order call: authorised by its token, the key is never sent.
		expect(requests[0].query).toEqual({ order_token: token });
		expect(simulator.requests).toHaveLength(1);
		expect(result.success).toHaveLength(1);
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		// The answer is `success` only (api2.md "cancel"): the refund shows in the points audit.
		const sentence = `Order cancelled - ${simulator.getOrder(token)!.resellerOrderId}`;
		expect(item.json).toEqual({
			orderToken: token,
			success: true,
			message: sentence,
			cancelled: true,
		});
		expect(simulator.getOrder(token)?.status).toBe('Cancelled');
		expect(simulator.points()).toBe(before + 20);
		expect(result.downstream.success.map((entry) => entry.json)).toEqual([item.json]);
		expectNoSecret(result);
	});

	it('reads the documented answer: the sentence is the message, no other field is guessed; Raw is the answer', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		serveFixture(simulator, 'order/cancel', fixture('order/cancel'));
		const result = await runServertastic(simulator, cancel({ orderToken: token }));
		expect(result.success[0].json).toEqual({
			orderToken: token,
			success: true,
			message: 'Order cancelled - STR_1_202403121045',
			cancelled: true,
		});
		serveFixture(simulator, 'order/cancel', fixture('order/cancel'));
		const raw = await runServertastic(
			simulator,
			cancel({ orderToken: simulator.createToken({ productCode: 'RapidSSL-12' }), output: 'raw' }),
		);
		expect(raw.success.map((item) => item.json)).toEqual([fixture('order/cancel')]);
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
	])(
		'turns an API error with %s into a NodeApiError with the API message',
		async (_name, status) => {
			const token = await placedOrder();
			simulator.respondOnce('order/cancel', {
				status,
				body: {
					error: { code: -5, message: `Orders can only be cancelled within 30 days (${API_KEY})` },
				},
			});
			const result = await runServertastic(simulator, cancel({ orderToken: token }));
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'Servertastic refused order/cancel: Orders can only be cancelled within 30 days (***)',
			);
			expect(result.error?.description).toBe(`The API answered with error -5 (HTTP ${status}).`);
			expect(simulator.requestsTo('order/cancel')).toHaveLength(1);
			expect(simulator.getOrder(token)?.status).toBe('Order Placed');
			expectNoSecret(result);
			const { message, description } = result.error as unknown as Record<string, unknown>;
			expect(`${String(message)} ${String(description)}`).not.toContain(token);
		},
	);

	it('Continue (using error output): a refused item goes to the error branch, the others on, all paired', async () => {
		const good = simulator.createToken({ productCode: 'RapidSSL-12' });
		const cancelled = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.getOrder(cancelled)!.status = 'Cancelled';
		const inputItems = [{ token: good }, { token: cancelled }, { token: '' }];
		const result = await runServertastic(simulator, cancel({ orderToken: '={{ $json.token }}' }), {
			inputItems,
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(result.downstream.error.map((item) => item.json.error)).toEqual([
			'Servertastic refused order/cancel: Order has already been cancelled',
			"'Order Token' is required [item 2]",
		]);
		// The empty token was refused before anything was sent.
		expect(
			simulator.requestsTo('order/cancel').map((request) => request.query.order_token),
		).toEqual([good, cancelled]);
		expectNoSecret(result);
	});

	it('refuses a missing or malformed token before any request, without echoing it', async () => {
		const missing = await runServertastic(simulator, cancel({ orderToken: '  ' }));
		expect(missing.error?.message).toBe("'Order Token' is required [item 0]");
		const odd = await runServertastic(simulator, cancel({ orderToken: 'abc&api_key=x' }));
		expect(odd.error?.message).toMatch(/^'Order Token' may only hold letters/);
		expect(odd.error?.message).not.toContain('abc&');
		expect(simulator.requests).toHaveLength(0);
	});
});
