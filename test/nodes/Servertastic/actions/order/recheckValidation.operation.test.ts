import { fixture, serveFixture } from '../../../../contract';
import type { Simulator } from '../../../../simulator';
import { placeOrderThroughNode, runServertastic } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const recheck = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'recheckValidation',
	...extra,
});

async function placedOrder(dvAuthMethod = 'DNS'): Promise<string> {
	return await placeOrderThroughNode(simulator, dvAuthMethod);
}

describe('Order → Recheck Validation inside n8n', () => {
	it('sends pollauth with only the token and returns a tidy item; DNS validation gets no status (api2.md)', async () => {
		const token = await placedOrder('DNS');
		const result = await runServertastic(simulator, recheck({ orderToken: token }));
		expect(result.status).toBe('success');
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/order/pollauth.json');
		expect(request.query).toEqual({ order_token: token });
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			orderToken: token,
			success: true,
			message: 'Order Polled',
			status: null,
		});
		expectNoSecret(result);
		// Output Raw: the answer as it came.
		const raw = await runServertastic(simulator, recheck({ orderToken: token, output: 'raw' }));
		expect(raw.success.map((entry) => entry.json)).toEqual([{ success: 'Order Polled' }]);
	});

	it('FILE validation: the check\'s status from `status`; none ("", {} or absent) gives null', async () => {
		const token = await placedOrder('FILE');
		const file = await runServertastic(simulator, recheck({ orderToken: token }));
		expect(file.success[0].json).toMatchObject({
			success: true,
			message: 'Order Polled',
			status: 'Pending',
		});
		serveFixture(simulator, 'order/pollauth', fixture('order/pollauth'));
		expect(
			(await runServertastic(simulator, recheck({ orderToken: token }))).success[0].json,
		).toMatchObject({ status: 'Pending' });
		for (const body of [
			fixture('order/pollauth', 'no-status'),
			{ success: 'Order Polled', status: {} },
			{ success: 'Order Polled', status: '' },
		]) {
			serveFixture(simulator, 'order/pollauth', body);
			const result = await runServertastic(simulator, recheck({ orderToken: token }));
			expect(result.success[0].json).toMatchObject({
				success: true,
				message: 'Order Polled',
				status: null,
			});
		}
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
	])(
		'turns an API error with %s into a NodeApiError with the API message',
		async (_name, status) => {
			const token = await placedOrder('DNS');
			simulator.respondOnce('order/pollauth', {
				status,
				body: { error: { code: -5, message: `Nothing to poll (${API_KEY})` } },
			});
			const result = await runServertastic(simulator, recheck({ orderToken: token }));
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'Servertastic refused order/pollauth: Nothing to poll (***)',
			);
			expect(result.error?.description).toBe(`The API answered with error -5 (HTTP ${status}).`);
			expect(simulator.requests).toHaveLength(1);
			expectNoSecret(result);
		},
	);

	it('is not retried: a lost answer is reported once, saying the request may have arrived', async () => {
		const token = await placedOrder('DNS');
		simulator.respondOnce('order/pollauth', {
			status: 502,
			body: '<html>Bad Gateway</html>',
			contentType: 'text/html',
		});
		const result = await runServertastic(simulator, recheck({ orderToken: token }));
		expect(result.error?.message).toBe(
			'Servertastic sent an answer to order/pollauth that is not JSON (HTTP 502, text/html)',
		);
		expect(result.error?.description).toContain(
			'The request may have reached Servertastic all the same',
		);
		expect(simulator.requests).toHaveLength(1);
	});

	it('Continue (regular output): an Email order fails alone, one item per input, all paired', async () => {
		const dns = await placedOrder('DNS');
		const email = await placedOrder('EMAIL');
		const result = await runServertastic(simulator, recheck({ orderToken: '={{ $json.token }}' }), {
			inputItems: [{ token: email }, { token: dns }],
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.success[0].json).toEqual({
			error:
				'Servertastic refused order/pollauth: This order is validated by EMAIL: there is nothing to poll',
			message: 'The API answered with error -5 (HTTP 400).',
		});
		expect(result.success[1].json).toMatchObject({ orderToken: dns, success: true });
		expectNoSecret(result);
	});

	it('refuses an empty token before any request', async () => {
		const result = await runServertastic(simulator, recheck({ orderToken: '={{ " " }}' }));
		expect(result.error?.message).toBe("'Order Token' is required [item 0]");
		expect(simulator.requests).toHaveLength(0);
	});
});
