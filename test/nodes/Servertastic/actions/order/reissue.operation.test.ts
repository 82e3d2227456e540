import { fixture, serveFixture } from '../../../../contract';
import { csrFixture } from '../../../../fixtures/csrs';
import type { Simulator } from '../../../../simulator';
import { allFields, runServertastic, TECH_CONTACT } from '../../../../support/servertastic';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const reissue = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'reissue',
	...extra,
});

/** A completed RapidSSL order for www.example.com (placed by the node with DNS, then advanced), recording cleared. */
async function completedOrder(
	productCode = 'RapidSSL-12',
	csr = csrFixture('rsa2048'),
): Promise<string> {
	const token = simulator.createToken({ productCode });
	const result = await runServertastic(simulator, {
		resource: 'order',
		operation: 'place',
		orderToken: token,
		productBrand: 'rapidssl',
		dvAuthMethod: 'DNS',
		csr,
		...TECH_CONTACT,
	});
	expect(result.status).toBe('success');
	simulator.advance(token);
	simulator.advance(token);
	expect(simulator.getOrder(token)?.status).toBe('Completed');
	simulator.reset();
	return token;
}

function onlyReissueRequest() {
	const requests = simulator.requestsTo('order/reissue');
	expect(requests).toHaveLength(1);
	const [request] = requests;
	expect(request.method).toBe('POST');
	expect(request.path).toBe('/order/reissue.json');
	expect(request.contentType).toBe('application/x-www-form-urlencoded');
	// The CSR and the token travel in the body, never in the URL; the key not at all.
	expect(request.query).toEqual({});
	return request;
}

describe('Order → Reissue inside n8n', () => {
	it('with a new CSR and DNS: POSTs token, CSR and method; returns the DNS record to create', async () => {
		const token = await completedOrder();
		const csr = csrFixture('ec-p256');
		const result = await runServertastic(
			simulator,
			allFields(reissue({ orderToken: token, csr, validationMethod: 'DNS' })),
		);
		expect(result.status).toBe('success');
		const request = onlyReissueRequest();
		expect(request.body).toEqual({ order_token: token, csr: csr.trim(), dv_auth_method: 'DNS' });
		expect(simulator.requests).toHaveLength(1);
		const order = simulator.getOrder(token)!;
		expect(order.status).toBe('Awaiting Customer Verification');
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			orderToken: token,
			success: true,
			message: 'Order reissued',
			csr: csr.trim(),
			privateKey: null,
			validation: {
				method: 'DNS',
				approverEmail: null,
				dnsRecord: { name: 'api.example.net', type: 'TXT', value: order.dnsString },
				file: null,
				instructions: `Create a DNS TXT record named api.example.net with the value ${order.dnsString}.`,
			},
		});
		expect(item.json).not.toHaveProperty('response');
		// The answer carries dns_string, dns_name, file_name, file_contents, csr, private_key (api2.md).
		expect(item.json).not.toHaveProperty('resellerOrderId');
		expectNoSecret(result);
	});

	it('without a CSR, keeping the method: sends only the token; the generated key pair and DCV data come out', async () => {
		const token = await completedOrder();
		const result = await runServertastic(simulator, allFields(reissue({ orderToken: token })));
		expect(result.status).toBe('success');
		expect(onlyReissueRequest().body).toEqual({ order_token: token });
		const order = simulator.getOrder(token)!;
		const json = result.success[0].json;
		expect(json.privateKey).toEqual(expect.stringContaining('PRIVATE KEY'));
		expect(json.csr).toEqual(expect.stringContaining('CERTIFICATE REQUEST'));
		expect(json.validation).toMatchObject({
			method: 'DNS',
			dnsRecord: { name: 'www.example.com', type: 'TXT', value: order.dnsString },
		});
	});

	it('reads the documented answer: the DNS record from dns_name and dns_string, the new key pair', async () => {
		const token = await completedOrder();
		serveFixture(simulator, 'order/reissue', fixture('order/reissue'));
		const result = await runServertastic(simulator, allFields(reissue({ orderToken: token })));
		const answer = fixture('order/reissue') as Record<string, string>;
		expect(result.success[0].json).toMatchObject({
			message: 'Order reissued',
			csr: answer.csr,
			privateKey: answer.private_key,
			validation: {
				method: 'DNS',
				dnsRecord: { name: 'www.example.com', type: 'TXT', value: answer.dns_string },
				file: null,
			},
		});
		// The fixture's CSR is not readable: the domain came from one review (a read).
		expect(simulator.requestsTo('order/review')).toHaveLength(1);
		expect(result.success[0].json.commonName).toBe('www.example.com');
		// Simplified (the default) keeps the new private key and leaves the CSR out; Raw is the answer as it came.
		serveFixture(simulator, 'order/reissue', fixture('order/reissue'));
		const simple = (await runServertastic(simulator, reissue({ orderToken: token }))).success[0]
			.json;
		expect(Object.keys(simple)).toEqual([
			'orderToken',
			'success',
			'message',
			'commonName',
			'validation',
			'validationFile',
			'dnsRecord',
			'privateKey',
		]);
		expect(simple.privateKey).toBe(answer.private_key);
		// The DNS record stays in Simplified: a DNS node takes it as it is.
		expect(simple.dnsRecord).toEqual({
			name: 'www.example.com',
			type: 'TXT',
			value: answer.dns_string,
		});
		serveFixture(simulator, 'order/reissue', fixture('order/reissue'));
		const raw = await runServertastic(simulator, reissue({ orderToken: token, output: 'raw' }));
		expect(raw.success.map((item) => item.json)).toEqual([answer]);
	});

	it('Email: sends the method and the approver; the instructions name the approver', async () => {
		const token = await completedOrder();
		const result = await runServertastic(
			simulator,
			reissue({
				orderToken: token,
				validationMethod: 'EMAIL',
				approverEmailAddress: 'webmaster@example.com',
			}),
		);
		expect(result.status).toBe('success');
		expect(onlyReissueRequest().body).toEqual({
			order_token: token,
			dv_auth_method: 'EMAIL',
			approver_email_address: 'webmaster@example.com',
		});
		expect(result.success[0].json.validation).toMatchObject({
			method: 'EMAIL',
			approverEmail: 'webmaster@example.com',
			dnsRecord: null,
			file: null,
		});
		expect(simulator.getOrder(token)?.approverEmail).toBe('webmaster@example.com');
	});

	it('HTTPS file with a new CSR: the file to publish, under the CSR domain', async () => {
		const token = await completedOrder();
		const result = await runServertastic(
			simulator,
			reissue({ orderToken: token, csr: csrFixture('ec-p256'), validationMethod: 'SFILE' }),
		);
		const order = simulator.getOrder(token)!;
		expect(result.success[0].json.validation).toMatchObject({
			method: 'SFILE',
			file: {
				path: '/.well-known/pki-validation/fileauth.txt',
				url: 'https://api.example.net/.well-known/pki-validation/fileauth.txt',
				contents: order.fileContents,
			},
		});
	});

	describe('a bad CSR or method is refused before any request', () => {
		it.each([
			['an unreadable CSR', { csr: 'not a csr' }, /^'CSR' cannot be read: /],
			[
				'an RSA key of 1024 bits',
				{ csr: csrFixture('rsa1024') },
				/^'CSR' is not acceptable: RSA key is 1024 bits/,
			],
			['an Ed25519 key', { csr: csrFixture('ed25519') }, /^'CSR' is not acceptable: /],
			[
				'a private key pasted instead',
				{ csr: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----' },
				/^'CSR' cannot be read: This is a private key/,
			],
			[
				'file validation for a wildcard CSR',
				{ csr: csrFixture('wildcard'), validationMethod: 'FILE' },
				/^'Validation Method' cannot be HTTP or HTTPS file for the wildcard name "\*\.example\.com"/,
			],
			[
				'a malformed approver email',
				{ validationMethod: 'EMAIL', approverEmailAddress: 'admin at example.com' },
				/^'Approver Email' /,
			],
			[
				'a validation method outside the list',
				{ validationMethod: 'WHOIS' },
				/^'Validation Method' must be one of /,
			],
		])('%s', async (_name, extra, message) => {
			const result = await runServertastic(simulator, reissue({ orderToken: 'abc123', ...extra }));
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toMatch(/\[item 0\]$/);
			expect(simulator.requests).toHaveLength(0);
		});

		it('with On Error → Stop, one bad CSR in a batch stops it before any item is sent', async () => {
			const token = await completedOrder();
			const result = await runServertastic(
				simulator,
				reissue({ orderToken: token, csr: '={{ $json.csr }}' }),
				{
					inputItems: [{ csr: csrFixture('ec-p256') }, { csr: 'broken' }],
				},
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^'CSR' cannot be read: .* \[item 1\]$/);
			expect(simulator.requests).toHaveLength(0);
			expect(simulator.getOrder(token)?.status).toBe('Completed');
		});
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
	])('an API error with %s becomes a NodeApiError with the API message', async (_name, status) => {
		const token = await completedOrder();
		simulator.respondOnce('order/reissue', {
			status,
			body: { error: { code: -4, message: `CSR rejected (${API_KEY})` } },
		});
		const result = await runServertastic(
			simulator,
			reissue({ orderToken: token, csr: csrFixture('ec-p256') }),
		);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Servertastic refused order/reissue: CSR rejected (***)');
		expect(result.error?.description).toBe(`The API answered with error -4 (HTTP ${status}).`);
		expect(simulator.requestsTo('order/reissue')).toHaveLength(1);
		expectNoSecret(result);
		const { message, description } = result.error as unknown as Record<string, unknown>;
		expect(`${String(message)} ${String(description)}`).not.toContain(token);
	});

	it('Continue (using error output): an order that is not completed is refused by the API and routed, paired', async () => {
		const completed = await completedOrder();
		const pending = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(
			simulator,
			reissue({ orderToken: '={{ $json.token }}', validationMethod: 'DNS' }),
			{
				inputItems: [{ token: pending }, { token: completed }],
				onError: 'continueErrorOutput',
			},
		);
		expect(result.status).toBe('success');
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.downstream.error[0].json.error).toBe(
			'Servertastic refused order/reissue: Only completed orders can be reissued (status is Order Placed)',
		);
		expect(result.downstream.error[0].json.token).toBe(pending);
		expect(result.success.map((item) => [item.pairedItem, item.json.orderToken])).toEqual([
			[{ item: 1 }, completed],
		]);
		expectNoSecret(result);
	});
});
