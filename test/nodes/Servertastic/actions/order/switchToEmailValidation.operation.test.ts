import type { Simulator } from '../../../../simulator';
import { placeOrderThroughNode, runServertastic } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const switchToEmail = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'switchToEmailValidation',
	...extra,
});

/** A RapidSSL order for www.example.com placed through the node; recording cleared. */
async function placedOrder(dvAuthMethod = 'DNS'): Promise<string> {
	return await placeOrderThroughNode(simulator, dvAuthMethod);
}

describe('Order → Switch Validation to Email inside n8n', () => {
	it('sends changeauthmethod with the token and the chosen approver, and returns a tidy item', async () => {
		const token = await placedOrder('DNS');
		const result = await runServertastic(
			simulator,
			switchToEmail({ orderToken: token, approverEmailAddress: 'hostmaster@example.com' }),
		);
		expect(result.status).toBe('success');
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/order/changeauthmethod.json');
		// api2.md names only order_token; Servertastic's client sends the approver as email_address
		// (STC classes/STOrderManager.php:365-373).
		expect(request.query).toEqual({ order_token: token, email_address: 'hostmaster@example.com' });
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			orderToken: token,
			success: true,
			message: 'DV Auth Method Updated',
			method: 'EMAIL',
			approverEmail: 'hostmaster@example.com',
		});
		expect(simulator.getOrder(token)).toMatchObject({
			dvAuthMethod: 'EMAIL',
			approverEmail: 'hostmaster@example.com',
		});
		expectNoSecret(result);
		// Output Raw: the answer as it came.
		const other = await placedOrder('DNS');
		const raw = await runServertastic(
			simulator,
			switchToEmail({
				orderToken: other,
				approverEmailAddress: 'hostmaster@example.com',
				output: 'raw',
			}),
		);
		expect(raw.success.map((entry) => entry.json)).toEqual([{ success: 'DV Auth Method Updated' }]);
	});

	it('without an approver email, sends only the token; the answer names no address, so approverEmail is null', async () => {
		const token = await placedOrder('FILE');
		const result = await runServertastic(simulator, switchToEmail({ orderToken: token }));
		expect(simulator.requests[0].query).toEqual({ order_token: token });
		expect(result.success[0].json).toMatchObject({
			method: 'EMAIL',
			approverEmail: null,
			message: 'DV Auth Method Updated',
		});
		// Get shows the address Servertastic chose.
		expect(simulator.getOrder(token)?.approverEmail).toBe('admin@www.example.com');
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
	])(
		'turns an API error with %s into a NodeApiError with the API message',
		async (_name, status) => {
			const token = await placedOrder('DNS');
			simulator.respondOnce('order/changeauthmethod', {
				status,
				body: {
					error: { code: -5, message: `This order already uses EMAIL validation (${API_KEY})` },
				},
			});
			const result = await runServertastic(simulator, switchToEmail({ orderToken: token }));
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'Servertastic refused order/changeauthmethod: This order already uses EMAIL validation (***)',
			);
			expect(result.error?.description).toBe(`The API answered with error -5 (HTTP ${status}).`);
			expect(simulator.requests).toHaveLength(1);
			expect(simulator.getOrder(token)?.dvAuthMethod).toBe('DNS');
			expectNoSecret(result);
		},
	);

	it('Continue (using error output): an order already on Email and a bad address fail alone, all paired', async () => {
		const dns = await placedOrder('DNS');
		const email = await placedOrder('EMAIL');
		const result = await runServertastic(
			simulator,
			switchToEmail({
				orderToken: '={{ $json.token }}',
				approverEmailAddress: '={{ $json.email }}',
			}),
			{
				inputItems: [
					{ token: dns, email: '' },
					{ token: email, email: '' },
					{ token: dns, email: 'admin@@example.com' },
				],
				onError: 'continueErrorOutput',
			},
		);
		expect(result.status).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		const errors = result.downstream.error.map((item) => item.json.error as string);
		expect(errors[0]).toBe(
			'Servertastic refused order/changeauthmethod: This order already uses EMAIL validation',
		);
		expect(errors[1]).toMatch(/^'Approver Email' .* \[item 2\]$/);
		expect(simulator.requests).toHaveLength(2);
		expectNoSecret(result);
	});

	it('refuses a malformed token or address before any request', async () => {
		const odd = await runServertastic(
			simulator,
			switchToEmail({ orderToken: 'a b', approverEmailAddress: 'x' }),
		);
		expect(odd.error?.message).toMatch(
			/^'Order Token' may only hold letters.* \(and 1 more\) \[item 0\]$/,
		);
		expect(odd.error?.description).toContain("- 'Approver Email' ");
		expect(simulator.requests).toHaveLength(0);
	});
});
