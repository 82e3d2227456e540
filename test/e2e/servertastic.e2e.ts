// The packed Servertastic node inside a real n8n (`n8n start`, sqlite, the community-packages loader,
// encrypted credentials), driven through its triggers against the simulator.
// Run with `npm run e2e` (installs n8n, builds and packs the package first); see test/e2e/README.md.
import { randomBytes } from 'node:crypto';

import { csrFixture } from '../fixtures/csrs';
import { CONTACT, CONTACT_BODY } from '../support/contact';
import { type Simulator, startSimulator } from '../simulator';
import { type Catcher, startCatcher } from './support/catcher';
import { credentialsFixture, WORKFLOW, workflowFixture } from './support/fixtures';
import { type ExecutionDetail, N8n, e2eRuntime, packageTarball } from './support/n8n';
import { failureTracking } from './support/steps';

const runtime = e2eRuntime();
// A key of this run only, so that finding it anywhere means it leaked.
const API_KEY = `st-e2e-${randomBytes(16).toString('hex')}`;
const NODE_TYPE = 'n8n-nodes-servertastic.servertastic';

let simulator: Simulator;
let catcher: Catcher;
let n8n: N8n;
const workflows = Object.values(WORKFLOW);
const triggers = workflows.map((workflow) => ({
	kind: workflow === WORKFLOW.form ? ('form' as const) : ('webhook' as const),
	path: workflow.path,
}));
const timings: string[] = [];
const run = failureTracking();
const { step } = run;

run.setUp(setUp, 300_000);

async function setUp() {
	simulator = await startSimulator({ apiKey: API_KEY });
	catcher = await startCatcher();
	n8n = await N8n.create(runtime);
	await n8n.installPackage(packageTarball());
	await n8n.importCredentials(credentialsFixture(simulator.url, API_KEY));
	await n8n.importWorkflows(
		workflows.map((workflow) => workflowFixture(workflow.file, catcher.url)),
	);
	for (const workflow of workflows) await n8n.activate(workflow.id);
	timings.push(`first start: ${(await n8n.start(triggers)).toFixed(1)} s`);
	await n8n.login();
}

afterAll(async () => {
	await n8n?.stop();
	process.stdout.write(
		`[e2e ${runtime.n8nVersion}] ${[...(n8n?.logs ?? []), ...timings].join('\n  ')}\n`,
	);
	if (n8n && !run.failed) n8n.dispose();
	else if (n8n)
		process.stdout.write(
			`[e2e] a test failed: n8n's folder and logs are kept in ${n8n.userFolder}\n`,
		);
	await simulator?.close();
	await catcher?.close();
});

beforeEach(() => {
	simulator.reset();
	catcher.requests.length = 0;
});

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
	const response = await fetch(`${n8n.baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	try {
		return { status: response.status, body: JSON.parse(text) };
	} catch {
		return { status: response.status, body: text };
	}
}

const knownExecutions = async (workflowId: string) =>
	(await n8n.executions(workflowId)).map((execution) => execution.id);

function outputOf(execution: ExecutionDetail, node: string, output = 0) {
	const runs = execution.data.resultData.runData[node];
	if (!runs)
		throw new Error(
			`${node} did not run; ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`,
		);
	return runs[0].data?.main[output] ?? [];
}

function expectNoApiKey(text: string, where: string) {
	for (const form of [
		API_KEY,
		encodeURIComponent(API_KEY),
		Buffer.from(API_KEY).toString('base64'),
	]) {
		if (text.includes(form)) throw new Error(`The API key appears in ${where}`);
	}
}

/** The webhook flow: one DV order by email, then the Slack stand-in. Used before and after a restart. */
async function placeDvOrderByWebhook(reference: string) {
	const token = simulator.createToken({ productCode: 'RapidSSL-12' });
	const csr = csrFixture('rsa2048');
	const before = await knownExecutions(WORKFLOW.webhook.id);
	const response = await post(WORKFLOW.webhook.path, {
		reference,
		orderToken: token,
		csr,
		approverEmail: 'admin@example.com',
		contact: CONTACT,
	});
	expect(response.status).toBe(200);

	// What the API received: review (is it placed already?), the product list (level and brand against
	// the token's product, once per execution), product fields (preflight), then place.
	expect(simulator.requests.map((request) => `${request.method} ${request.call}`)).toEqual([
		'GET order/review',
		'GET product/listproducts',
		'GET order/productfields',
		'POST order/place',
	]);
	const [place] = simulator.requestsTo('order/place');
	expect(place.contentType).toBe('application/x-www-form-urlencoded');
	expect(place.query).toEqual({});
	expect(place.body).toEqual({
		order_token: token,
		dv_auth_method: 'EMAIL',
		approver_email_address: 'admin@example.com',
		csr: csr.trim(),
		exclude_addon: '0',
		renewal: '0',
		// The documented productfields requires hashing_algorithm: left at its default, the node sends the first option.
		hashing_algorithm: 'SHA-256',
		...CONTACT_BODY,
	});
	const order = simulator.getOrder(token)!;
	expect(order.status).toBe('Order Placed');

	// The notification carries the order reference.
	const [slack] = await catcher.waitFor('/slack', 1);
	expect(slack.body).toEqual({
		text: `Certificate order ${order.resellerOrderId} placed for www.example.com. An approval email goes to admin@example.com; open it and approve the certificate for www.example.com.`,
		orderReference: order.resellerOrderId,
		customerReference: reference,
		commonName: 'www.example.com',
		approverEmail: 'admin@example.com',
		status: 'Order Placed',
	});
	// responseMode lastNode: the webhook answers with the notification node's output.
	expect(response.body).toEqual({ ok: true, received: 1 });

	// What n8n's execution data holds.
	const execution = await n8n.nextExecution(WORKFLOW.webhook.id, before);
	expect(execution.summary).toMatchObject({ status: 'success', mode: 'webhook' });
	const [placed] = outputOf(execution, 'Place DV Order');
	expect(placed.pairedItem).toEqual({ item: 0 });
	expect(placed.json).toMatchObject({
		orderToken: token,
		placement: 'placed',
		status: 'Order Placed',
		resellerOrderId: order.resellerOrderId,
		commonName: 'www.example.com',
		domains: ['www.example.com'],
		validation: {
			method: 'EMAIL',
			approverEmail: 'admin@example.com',
			dnsRecord: null,
			file: null,
		},
	});
	expect(outputOf(execution, 'Notify Slack')).toHaveLength(1);
	expectNoApiKey(execution.raw, 'the execution data');
	return { token, order, execution };
}

describe(`Servertastic in real n8n ${runtime.n8nVersion} (Node ${runtime.nodeVersion})`, () => {
	step('loads the packed node and its credential from the community-packages folder', async () => {
		const nodes = await n8n.request<unknown>('GET', '/types/nodes.json');
		expect(nodes.status).toBe(200);
		const list = (
			Array.isArray(nodes.body) ? nodes.body : (nodes.body as { data: unknown[] }).data
		) as Array<{ name: string; version: number | number[] }>;
		const servertastic = list.find((node) => node.name === NODE_TYPE);
		expect(servertastic).toMatchObject({ name: NODE_TYPE, version: 1 });
		const credentials = await n8n.request<unknown>('GET', '/types/credentials.json');
		expect(JSON.stringify(credentials.body)).toContain('"servertasticApi"');
	});

	step(
		'webhook → Place Order (DV, email) → notification carrying the order reference',
		async () => {
			await placeDvOrderByWebhook('CUST-1001');
		},
	);

	step('form (OV) → Place Order with the form fields mapped → notification', async () => {
		const token = simulator.createToken({ productCode: 'TrueBizID-12' });
		const csr = csrFixture('rsa2048');
		const answers: Record<string, string> = {
			'Order Token': token,
			CSR: csr,
			'Organisation Name': 'Example Ltd',
			'Address Line 1': '1 High Street',
			City: 'London',
			Region: 'Greater London',
			'Post Code': 'EC1A 1AA',
			'Country Code': 'gb',
			'Organisation Phone': '+44 20 7946 0001',
			'Incorporated In (City)': 'London',
			'Incorporated In (Region)': 'Greater London',
			'Incorporated In (Country Code)': 'gb',
			'First Name': 'Grace',
			'Last Name': 'Hopper',
			Email: 'grace@example.com',
			Phone: '+1 555 010 0200',
			'Job Title': 'Director',
		};
		const page = await fetch(`${n8n.baseUrl}/form/${WORKFLOW.form.path}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Order an OV certificate');
		// The form as n8n renders it: its fields are posted as field-<index>, in the order of the node's list.
		const fields = (
			workflowFixture(WORKFLOW.form.file, catcher.url).nodes[0].parameters.formFields as {
				values: Array<{ fieldLabel: string }>;
			}
		).values;
		expect(fields.map((field) => field.fieldLabel).sort()).toEqual(Object.keys(answers).sort());
		const form = new FormData();
		fields.forEach((field, index) => {
			expect(html).toContain(field.fieldLabel);
			form.append(`field-${index}`, answers[field.fieldLabel]);
		});
		const before = await knownExecutions(WORKFLOW.form.id);
		const submitted = await fetch(`${n8n.baseUrl}/form/${WORKFLOW.form.path}`, {
			method: 'POST',
			body: form,
		});
		expect(submitted.status).toBe(200);

		const [slack] = await catcher.waitFor('/slack', 1, 60_000);
		const order = simulator.getOrder(token)!;
		expect(order.status).toBe('Order Placed');
		const [place] = simulator.requestsTo('order/place');
		const address = {
			organisation_name: 'Example Ltd',
			address_line1: '1 High Street',
			address_city: 'London',
			address_region: 'Greater London',
			address_post_code: 'EC1A 1AA',
			address_country: 'GB',
		};
		const person = {
			first_name: 'Grace',
			last_name: 'Hopper',
			phone: '+1 555 010 0200',
			email: 'grace@example.com',
			title: 'Director',
		};
		const contact = (role: string) =>
			Object.fromEntries(
				Object.entries({ ...person, ...address }).map(([key, value]) => [
					`${role}_contact_${key}`,
					value,
				]),
			);
		expect(place.body).toEqual({
			order_token: token,
			dv_auth_method: 'DNS',
			csr: csr.trim(),
			exclude_addon: '0',
			renewal: '0',
			...contact('tech'),
			...contact('admin'),
			org_name: 'Example Ltd',
			org_address_line1: '1 High Street',
			org_address_city: 'London',
			org_address_region: 'Greater London',
			org_address_postal_code: 'EC1A 1AA',
			org_address_country: 'GB',
			org_address_phone: '+44 20 7946 0001',
			// Jurisdiction is required for OV as well as EV (the Place Order page).
			org_jurisdiction_city: 'London',
			org_jurisdiction_region: 'Greater London',
			org_jurisdiction_country: 'GB',
			// The documented productfields requires hashing_algorithm: the node sends the first option.
			hashing_algorithm: 'SHA-256',
			web_server_type: 'Other',
		});
		const execution = await n8n.nextExecution(WORKFLOW.form.id, before);
		expect(execution.summary.status).toBe('success');
		const [placed] = outputOf(execution, 'Place OV Order');
		const validation = placed.json.validation as {
			method: string;
			dnsRecord: { name: string; type: string; value: string };
		};
		expect(validation.method).toBe('DNS');
		expect(validation.dnsRecord).toEqual({
			name: order.dnsName,
			type: order.dnsType,
			value: order.dnsString,
		});
		expect(slack.body).toEqual({
			text: `OV certificate order ${order.resellerOrderId} placed for www.example.com (Example Ltd). Create a DNS ${order.dnsType} record named ${order.dnsName} with the value ${order.dnsString}.`,
			orderReference: order.resellerOrderId,
			commonName: 'www.example.com',
			status: 'Order Placed',
			dnsRecordName: order.dnsName,
		});
		expectNoApiKey(execution.raw, 'the execution data');
	});

	step(
		'a bad CSR and an API error go to the error branch; the workflow goes on; the API key is nowhere',
		async () => {
			const tokens = {
				badCsr: simulator.createToken({ productCode: 'RapidSSL-12' }),
				apiError: simulator.createToken({ productCode: 'RapidSSL-12' }),
				good: simulator.createToken({ productCode: 'RapidSSL-12' }),
			};
			const csr = csrFixture('rsa2048');
			const before = await knownExecutions(WORKFLOW.errorBranch.id);
			const orders = [
				{
					reference: 'bad-csr',
					orderToken: tokens.badCsr,
					csr: '-----BEGIN CERTIFICATE REQUEST-----\nnot a csr\n-----END CERTIFICATE REQUEST-----',
					approverEmail: 'admin@example.com',
				},
				// Not one of the approver addresses the API allows for example.com: the API refuses the order.
				{
					reference: 'api-error',
					orderToken: tokens.apiError,
					csr,
					approverEmail: 'ceo@example.com',
				},
				{ reference: 'good', orderToken: tokens.good, csr, approverEmail: 'webmaster@example.com' },
			];
			const response = await post(WORKFLOW.errorBranch.path, { orders });
			expect(response.status).toBe(200);

			// The bad CSR is refused before any request; the other two reach the API.
			expect(
				simulator.requests.filter((request) => JSON.stringify(request).includes(tokens.badCsr)),
			).toEqual([]);
			// Items go to the API side by side (the node's Concurrency option), so their order is free.
			expect(
				simulator
					.requestsTo('order/place')
					.map((request) => request.body.order_token)
					.sort(),
			).toEqual([tokens.apiError, tokens.good].sort());
			// A fresh token and a just-placed one both review as Order Placed (the documented first status).
			expect(simulator.getOrder(tokens.apiError)!.placedAt).toBeUndefined();
			expect(simulator.getOrder(tokens.good)!.placedAt).toBeDefined();

			const execution = await n8n.nextExecution(WORKFLOW.errorBranch.id, before);
			expect(execution.summary.status).toBe('success');
			expect(execution.data.resultData.error).toBeUndefined();
			// Each failed item leaves on the error output (output 1), paired to its input item.
			const errors = outputOf(execution, 'Place Order', 1);
			expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			// n8n puts the node's { error, message } over the input item on the error output.
			errors.forEach((item, index) => {
				const { error, message, ...input } = item.json;
				expect(input).toEqual(orders[index]);
				expect(error).toEqual(expect.any(String));
				expect(message).toEqual(expect.any(String));
			});
			const successes = outputOf(execution, 'Place Order', 0);
			expect(successes.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
			expect(outputOf(execution, 'Record Failure')).toHaveLength(2);
			// The workflow went on past both branches.
			expect(execution.data.resultData.runData['Batch Done']).toBeDefined();

			const failures = await catcher.waitFor('/failures', 2, 5000);
			const failureBodies = failures.map(
				(request) => request.body as { customerReference: string; error: string; details: string },
			);
			expect(
				failureBodies.map(({ customerReference, error }) => ({ customerReference, error })),
			).toEqual([
				{
					customerReference: 'bad-csr',
					error:
						"'CSR' cannot be read: The CSR is not valid base64; copy it again without changes [item 0]",
				},
				{
					customerReference: 'api-error',
					error:
						'Servertastic refused order/place: approver_email_address ceo@example.com is not in the approver list for www.example.com',
				},
			]);
			// The node's description of each failure reaches the error branch as `message`.
			expect(failureBodies.map((body) => body.details)).toEqual([
				"Nothing was sent to Servertastic. Fix:\n- 'CSR' cannot be read: The CSR is not valid base64; copy it again without changes",
				'The API answered with error -4 (HTTP 400).',
			]);
			const [slack] = await catcher.waitFor('/slack', 1, 5000);
			expect(slack.body).toMatchObject({
				orderReference: simulator.getOrder(tokens.good)!.resellerOrderId,
				customerReference: 'good',
			});

			// The key is in no execution, no stored file (database, WAL, config), no log, no notification.
			for (const id of await knownExecutions(WORKFLOW.errorBranch.id))
				expectNoApiKey((await n8n.execution(id)).raw, `execution ${id}`);
			expectNoApiKey(JSON.stringify(catcher.requests), 'the notifications');
			const stored = n8n.storedText();
			// The search does read the database: the (encrypted) credential is there.
			expect(stored).toContain('StSimulatorCred1');
			expectNoApiKey(stored, "n8n's database, config or logs");
		},
	);

	step(
		'still works after n8n restarts (credentials decrypted again, workflows reactivated)',
		async () => {
			await n8n.stop();
			timings.push(`restart: ${(await n8n.start(triggers)).toFixed(1)} s`);
			await n8n.login();
			const { order } = await placeDvOrderByWebhook('CUST-2002');
			expect(order.status).toBe('Order Placed');
			expect((await n8n.executions(WORKFLOW.webhook.id)).length).toBeGreaterThanOrEqual(2);
		},
	);
});
