import { fixture, serveFixture } from '../../../../contract';
import type { Simulator } from '../../../../simulator';
import { placeOrderThroughNode, runServertastic } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const resend = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'resendEmail',
	...extra,
});

async function placedOrder(dvAuthMethod = 'EMAIL'): Promise<string> {
	return await placeOrderThroughNode(simulator, dvAuthMethod);
}

describe('Order → Resend Email inside n8n', () => {
	it('resends the approver email: one GET with the token and email_type Approver', async () => {
		const token = await placedOrder('EMAIL');
		const result = await runServertastic(
			simulator,
			resend({ orderToken: token, emailType: 'Approver' }),
		);
		expect(result.status).toBe('success');
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/order/resendemail.json');
		expect(request.query).toEqual({ order_token: token, email_type: 'Approver' });
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			orderToken: token,
			success: true,
			message: 'Email resent',
			emailType: 'Approver',
			sentTo: ['admin@example.com'],
			recipients: {
				approverEmail: 'admin@example.com',
				adminContactEmail: null,
				techContactEmail: null,
			},
		});
		expectNoSecret(result);
		// Output Raw: the answer as it came.
		const raw = await runServertastic(
			simulator,
			resend({ orderToken: token, emailType: 'Approver', output: 'raw' }),
		);
		expect(raw.success.map((entry) => entry.json)).toEqual([
			{
				success: 'Email resent',
				type: 'Approver',
				email_sent_to: {
					approver_email: 'admin@example.com',
					admin_contact_email: '',
					tech_contact_email: '',
				},
			},
		]);
	});

	it('resends the fulfilment email of a completed order, the type given in any case by expression', async () => {
		const token = await placedOrder('DNS');
		simulator.advance(token);
		simulator.advance(token);
		const result = await runServertastic(
			simulator,
			resend({ orderToken: token, emailType: '={{ "fulfillment" }}' }),
		);
		expect(simulator.requests[0].query).toEqual({ order_token: token, email_type: 'Fulfillment' });
		// Both contacts are ada@example.com here: listed once.
		expect(result.success[0].json).toMatchObject({
			emailType: 'Fulfillment',
			sentTo: ['ada@example.com'],
			recipients: {
				approverEmail: null,
				adminContactEmail: 'ada@example.com',
				techContactEmail: 'ada@example.com',
			},
		});
	});

	it('reads type and email_sent_to{approver_email, admin_contact_email, tech_contact_email} as documented', async () => {
		const token = await placedOrder('EMAIL');
		serveFixture(simulator, 'order/resendemail', fixture('order/resendemail'));
		const documented = await runServertastic(
			simulator,
			resend({ orderToken: token, emailType: 'Fulfillment' }),
		);
		expect(documented.success[0].json).toMatchObject({
			message: 'Email resent',
			emailType: 'Fulfillment',
			sentTo: ['admin@example.com', 'alex.smith@example.com', 'sam.jones@example.com'],
			recipients: {
				approverEmail: 'admin@example.com',
				adminContactEmail: 'alex.smith@example.com',
				techContactEmail: 'sam.jones@example.com',
			},
		});
		// Empty in every reading: "", {} or absent; without `type` the type asked for.
		for (const sentTo of ['', {}, undefined, { approver_email: {}, tech_contact_email: '' }]) {
			simulator.respondOnce('order/resendemail', {
				status: 200,
				body: { success: 'Email resent', email_sent_to: sentTo },
			});
			const result = await runServertastic(
				simulator,
				resend({ orderToken: token, emailType: 'Approver' }),
			);
			expect(result.success[0].json).toMatchObject({
				emailType: 'Approver',
				sentTo: [],
				recipients: { approverEmail: null, adminContactEmail: null, techContactEmail: null },
			});
		}
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
	])(
		'turns an API error with %s into a NodeApiError with the API message',
		async (_name, status) => {
			const token = await placedOrder('EMAIL');
			simulator.respondOnce('order/resendemail', {
				status,
				body: { error: { code: -5, message: `Cannot resend (${API_KEY})` } },
			});
			const result = await runServertastic(
				simulator,
				resend({ orderToken: token, emailType: 'Approver' }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'Servertastic refused order/resendemail: Cannot resend (***)',
			);
			expect(result.error?.description).toBe(`The API answered with error -5 (HTTP ${status}).`);
			expect(simulator.requests).toHaveLength(1);
			expectNoSecret(result);
		},
	);

	it('Continue (using error output): a fulfilment email for an unfinished order and a bad type fail alone', async () => {
		const token = await placedOrder('EMAIL');
		const result = await runServertastic(
			simulator,
			resend({ orderToken: token, emailType: '={{ $json.type }}' }),
			{
				inputItems: [{ type: 'Approver' }, { type: 'Fulfillment' }, { type: 'Both' }],
				onError: 'continueErrorOutput',
			},
		);
		expect(result.status).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(result.downstream.error.map((item) => item.json.error)).toEqual([
			'Servertastic refused order/resendemail: The fulfillment email is only sent for completed orders',
			`'Email' must be one of Approver, Fulfillment, not "Both" [item 2]`,
		]);
		expect(simulator.requests.map((request) => request.query.email_type)).toEqual([
			'Approver',
			'Fulfillment',
		]);
		expectNoSecret(result);
	});
});
