import type { Simulator } from '../../../../simulator';
import { placeOrderThroughNode, runServertastic } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const change = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'changeApproverEmail',
	...extra,
});

/** A RapidSSL order for www.example.com placed through the node with Email validation; recording cleared. */
async function placedOrder(): Promise<string> {
	return await placeOrderThroughNode(simulator, 'EMAIL');
}

describe('Order → Change Approver Email inside n8n', () => {
	it('sends one GET with the token and the new address, and returns a tidy item', async () => {
		const token = await placedOrder();
		const result = await runServertastic(
			simulator,
			change({ orderToken: token, approverEmailAddress: ' webmaster@example.com ' }),
		);
		expect(result.status).toBe('success');
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/order/changeapproveremail.json');
		// An order call: authorised by its token; the key is never sent.
		expect(request.query).toEqual({ order_token: token, email: 'webmaster@example.com' });
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			orderToken: token,
			success: true,
			message: 'Change Approver Email Reset',
			// The answer is `success` only (api2.md): the address is the one sent.
			approverEmail: 'webmaster@example.com',
		});
		expect(simulator.getOrder(token)?.approverEmail).toBe('webmaster@example.com');
		expect(result.downstream.success.map((entry) => entry.json)).toEqual([item.json]);
		expectNoSecret(result);
		// Output Raw: the answer as it came.
		const raw = await runServertastic(
			simulator,
			change({ orderToken: token, approverEmailAddress: 'admin@example.com', output: 'raw' }),
		);
		expect(raw.success.map((entry) => entry.json)).toEqual([
			{ success: 'Change Approver Email Reset' },
		]);
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
	])(
		'turns an API error with %s into a NodeApiError with the API message',
		async (_name, status) => {
			const token = await placedOrder();
			simulator.respondOnce('order/changeapproveremail', {
				status,
				body: {
					error: {
						code: -4,
						message: `approver_email_address is not in the approver list (${API_KEY})`,
					},
				},
			});
			const result = await runServertastic(
				simulator,
				change({ orderToken: token, approverEmailAddress: 'admin@example.com' }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'Servertastic refused order/changeapproveremail: approver_email_address is not in the approver list (***)',
			);
			expect(result.error?.description).toBe(`The API answered with error -4 (HTTP ${status}).`);
			expect(simulator.requests).toHaveLength(1);
			expectNoSecret(result);
			const { message, description } = result.error as unknown as Record<string, unknown>;
			expect(`${String(message)} ${String(description)}`).not.toContain(token);
		},
	);

	it('Continue (using error output): a bad address and an API refusal go to the error branch, all paired', async () => {
		const token = await placedOrder();
		const inputItems = [
			{ token, email: 'hostmaster@example.com' },
			{ token, email: 'not an address' },
			{ token, email: 'someone@elsewhere.com' },
		];
		const result = await runServertastic(
			simulator,
			change({ orderToken: '={{ $json.token }}', approverEmailAddress: '={{ $json.email }}' }),
			{
				inputItems,
				onError: 'continueErrorOutput',
			},
		);
		expect(result.status).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		const errors = result.downstream.error.map((item) => item.json.error as string);
		expect(errors[0]).toMatch(/^'Approver Email' .* \[item 1\]$/);
		expect(errors[1]).toBe(
			'Servertastic refused order/changeapproveremail: approver_email_address someone@elsewhere.com is not in the approver list for www.example.com',
		);
		// The bad address was refused before anything was sent.
		expect(simulator.requests.map((request) => request.query.email)).toEqual([
			'hostmaster@example.com',
			'someone@elsewhere.com',
		]);
		expectNoSecret(result);
	});

	it('stops on a bad item before any request of the batch', async () => {
		const token = await placedOrder();
		const result = await runServertastic(
			simulator,
			change({ orderToken: '={{ $json.token }}', approverEmailAddress: '={{ $json.email }}' }),
			{
				inputItems: [
					{ token, email: 'admin@example.com' },
					{ token, email: 'Admin <admin@example.com>' },
				],
			},
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^'Approver Email' should be just the address .* \[item 1\]$/,
		);
		expect(result.error?.description).toMatch(/^Nothing was sent to Servertastic/);
		expect(simulator.requests).toHaveLength(0);
	});

	it('refuses a missing or malformed token before any request, without echoing it', async () => {
		const missing = await runServertastic(
			simulator,
			change({ orderToken: '={{ "" }}', approverEmailAddress: 'admin@example.com' }),
		);
		expect(missing.error?.message).toBe("'Order Token' is required [item 0]");
		const odd = await runServertastic(
			simulator,
			change({ orderToken: 'abc&email=x', approverEmailAddress: 'admin@example.com' }),
		);
		expect(odd.error?.message).toMatch(/^'Order Token' may only hold letters/);
		expect(odd.error?.message).not.toContain('abc&');
		expect(simulator.requests).toHaveLength(0);
	});
});
