// The node in n8n's editor (n8n 2.x, Debian chromium driven by playwright-core from the harness
// folder): the node creator's entries, a new Place node (no list error, the form's order, the
// resource locators' lists, labels that fit), the Place parameters that depend on other choices,
// and a Place node saved with plain-text fields. Screenshots go to .tmp/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { csrFixture } from '../fixtures/csrs';
import { placeDirectly } from '../support/operationTable';
import { type Simulator, startSimulator } from '../simulator';
import { credentialsFixture, WORKFLOW, workflowFixture } from './support/fixtures';
import { N8n, OWNER, REPO, e2eRuntime, packageTarball } from './support/n8n';
import { editorHelpers } from './support/editor';
import { failureTracking } from './support/steps';

const runtime = e2eRuntime();
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(REPO, '.tmp', 'screenshots');
const SAVED_NODE = 'Place DV Order';

// playwright-core lives in the n8n 2.x harness (test/e2e/n8n-2.41.1/package.json), not in the project.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Page = any;
let browser: any;
let page: Page;
let simulator: Simulator;
let n8n: N8n;
const run = failureTracking(120_000, async (name) => {
	await page?.screenshot({
		path: join(SCREENSHOTS, `failure-${name.replace(/\W+/g, '-').slice(0, 60)}.png`),
	});
});
const { step } = run;

const describeUi = runtime.key === 'n8n2' && existsSync(CHROMIUM) ? describe : describe.skip;

describeUi(`Servertastic in the n8n ${runtime.n8nVersion} editor`, () => {
	beforeAll(async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		simulator = await startSimulator();
		// The account's tokens the Order Token lists show: two unused, one placed.
		simulator.createToken({ productCode: 'RapidSSL-12', reference: 'e2e-unused-1' });
		simulator.createToken({ productCode: 'RapidSSL-12', reference: 'e2e-unused-2' });
		await placeDirectly(
			simulator,
			simulator.createToken({ productCode: 'RapidSSL-12', reference: 'e2e-placed' }),
		);
		n8n = await N8n.create(runtime);
		await n8n.installPackage(packageTarball());
		await n8n.importCredentials(credentialsFixture(simulator.url, simulator.apiKey));
		await n8n.importWorkflows([workflowFixture(WORKFLOW.webhook.file, 'http://127.0.0.1:9')]);
		await n8n.start([]);
		await n8n.login();
		const requireFromHarness = createRequire(join(runtime.installDir, 'package.json'));
		const { chromium } = requireFromHarness('playwright-core');
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		});
		const context = await browser.newContext({
			baseURL: n8n.baseUrl,
			viewport: { width: 1440, height: 900 },
		});
		const login = await context.request.post('/rest/login', {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		expect(login.status()).toBe(200);
		page = await context.newPage();
		page.on('response', async (response: any) => {
			if (response.url().includes('/dynamic-node-parameters/') && response.status() >= 400) {
				process.stdout.write(
					`[e2e editor] ${response.status()} ${response.url()}: ${(await response.text()).slice(0, 400)}\n`,
				);
			}
		});
	}, 300_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		if (n8n && !run.failed) n8n.dispose();
		else if (n8n) process.stdout.write(`[e2e] editor test failed: kept ${n8n.userFolder}\n`);
		await simulator?.close();
	});

	const {
		ndv,
		labels,
		expectLabel,
		expectNoListError,
		cutLabels,
		openList,
		closeList,
		scrollToTop,
		searchCreator,
		choose,
		toggle,
		shot,
	} = editorHelpers(() => page, SCREENSHOTS);

	step('opens the workflow', async () => {
		await page.goto(`/workflow/${WORKFLOW.webhook.id}`, { waitUntil: 'domcontentloaded' });
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${SAVED_NODE}"]`);
		await node.waitFor({ timeout: 60_000 });
		expect(await node.getAttribute('data-node-type')).toBe('n8n-nodes-servertastic.servertastic');
		await page.waitForTimeout(500);
		await shot('workflow-canvas.png');
	});

	const ACTION_DESCRIPTION =
		'Order and manage SSL/TLS certificates with the Servertastic reseller API';
	const TRIGGER_DESCRIPTION = /^Starts the workflow when a Servertastic certificate is issued/;

	step(
		'the node creator: "Servertastic" with its own description, and the trigger as an entry of its own',
		async () => {
			// The node creator names an entry with events ("triggers") without its " Trigger" (as n8n's own).
			const all = await searchCreator('Servertastic');
			expect(all).toEqual([
				{ name: 'Servertastic', description: ACTION_DESCRIPTION },
				{ name: 'Servertastic', description: expect.stringMatching(TRIGGER_DESCRIPTION) },
			]);
			await shot('node-creator-servertastic.png');
			const trigger = await searchCreator('Servertastic Trigger');
			expect(trigger).toContainEqual({
				name: 'Servertastic',
				description: expect.stringMatching(TRIGGER_DESCRIPTION),
			});
			await page
				.locator('[data-test-id="item-iterator-item"]')
				.filter({ hasText: 'Starts the workflow when a Servertastic certificate is issued' })
				.first()
				.click();
			await page.getByText('On certificate issued', { exact: true }).waitFor({ timeout: 15_000 });
			expect(await page.locator('[data-test-id="node-creator"]').innerText()).toContain(
				'Servertastic Trigger',
			);
			// Escape steps back out of the trigger's page, then closes the node creator.
			for (
				let i = 0;
				i < 3 && (await page.locator('[data-test-id="node-creator"]').isVisible());
				i++
			) {
				await page.keyboard.press('Escape');
				await page.waitForTimeout(700);
			}
			await page
				.locator('[data-test-id="node-creator"]')
				.waitFor({ state: 'hidden', timeout: 10_000 });
		},
	);

	step(
		'a new Place node: no list error anywhere, the CSR above Approver Email, the empty list says why',
		async () => {
			await searchCreator('Servertastic');
			await page
				.locator('[data-test-id="item-iterator-item"]')
				.filter({ hasText: ACTION_DESCRIPTION })
				.first()
				.click();
			await page.getByText('Place an order', { exact: true }).first().click();
			await ndv().waitFor({ timeout: 30_000 });
			await expectLabel('Approver Email', true);
			await expectNoListError(3000);
			const order = await labels();
			const at = (label: string) => order.indexOf(label);
			expect(order.slice(0, 4)).toEqual(['Credential', 'Resource', 'Operation', 'Order Token']);
			expect(at('Order Token')).toBeLessThan(at('Product Validation Level'));
			expect(at('Product Brand')).toBeLessThan(at('CSR Source'));
			expect(at('CSR Source')).toBeLessThan(at('CSR'));
			expect(at('CSR')).toBeLessThan(at('Validation Method'));
			expect(at('Validation Method')).toBeLessThan(at('Approver Email'));
			expect(at('Approver Email')).toBeLessThan(at('Additional Domains (SANs)'));
			const text = (await ndv().innerText()) as string;
			expect(text).toContain('The list stays empty until the CSR is entered above');
			expect(await openList('approverEmail')).toEqual(['No results']);
			await expectNoListError(0);
			await closeList();
			await scrollToTop('orderToken');
			await shot('place-new-node.png', true);
		},
	);

	step("Order Token From List shows the account's unused tokens, by reference", async () => {
		expect((await ndv().innerText()) as string).toContain(
			'Tokens come from Order → Generate Token, or from the Servertastic reseller panel',
		);
		const entries = await openList('orderToken');
		expect(entries).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^e2e-unused-1 \(…[0-9a-f]{6}\)$/),
				expect.stringMatching(/^e2e-unused-2 /),
			]),
		);
		expect(entries.some((entry) => entry.includes('e2e-placed'))).toBe(false);
		await shot('place-order-token-list.png');
		await page
			.locator('[data-test-id="rlc-item"]')
			.filter({ hasText: 'e2e-unused-1' })
			.first()
			.click();
		await expectNoListError(500);
	});

	step("with a CSR entered, Approver Email From List shows its domain's addresses", async () => {
		await ndv()
			.locator('[data-test-id="parameter-input-csr"] textarea')
			.fill(csrFixture('rsa2048'));
		await page.waitForTimeout(500);
		const entries = await openList('approverEmail');
		expect(entries).toEqual(expect.arrayContaining(['admin@example.com', 'webmaster@example.com']));
		await page
			.locator('[data-test-id="rlc-item"]')
			.filter({ hasText: 'admin@example.com' })
			.first()
			.click();
		await expectNoListError(500);
		await scrollToTop('orderToken');
		await shot('place-email-approver-email.png', true);
		await choose('dvAuthMethod', 'DNS');
		await expectLabel('Approver Email', false);
		await choose('dvAuthMethod', 'Email');
		await expectLabel('Approver Email', true);
	});

	step(
		'OV shows the organisation with its jurisdiction, then the contacts; no label is cut short',
		async () => {
			await expectLabel('Organisation Name', false);
			await choose('validationLevel', 'OV (Organisation Validated)');
			await expectLabel('Organisation Name', true);
			await toggle('adminSameAsTech');
			await expectLabel('Admin Contact First Name', true);
			await toggle('renewal');
			await expectLabel('Previous Order Token', true);
			const order = await labels();
			const at = (label: string) => order.indexOf(label);
			expect(at('Registration Number')).toBeLessThan(at('Jurisdiction City'));
			expect(at('Jurisdiction Country Code')).toBeLessThan(at('Organisation Address Line 1'));
			expect(at('Organisation Phone')).toBeLessThan(at('Tech Contact First Name'));
			expect(at('Tech Contact Country Code')).toBeLessThan(at('Admin Same as Tech Contact'));
			const { cut, measured } = await cutLabels();
			expect(measured).toBeGreaterThan(20);
			expect(cut).toEqual([]);
			await scrollToTop('orgName');
			await shot('place-ov-organisation-name.png', true);
			await toggle('renewal');
			await toggle('adminSameAsTech');
			await choose('validationLevel', 'DV (Domain Validated)');
			await expectLabel('Organisation Name', false);
		},
	);

	step(
		'CSR Source "Let Servertastic Generate the Key Pair" swaps "CSR" for "Domain Name" and the organisation it needs',
		async () => {
			await expectLabel('CSR', true);
			await expectLabel('Domain Name', false);
			await expectLabel('Organisation Name', false);
			await choose('csrSource', 'Let Servertastic Generate the Key Pair');
			await expectLabel('Domain Name', true);
			await expectLabel('CSR', false);
			// DV without a CSR: productfields requires org_* (required_if domain_name / !csr).
			await expectLabel('Organisation Name', true);
			const order = await labels();
			expect(order.indexOf('Domain Name')).toBeLessThan(order.indexOf('Approver Email'));
			await expectNoListError();
			await scrollToTop('csrSource');
			await shot('place-generate-key-pair-domain-name.png', true);
			await choose('csrSource', 'Paste a CSR');
			await expectLabel('CSR', true);
			await expectLabel('Domain Name', false);
			await expectLabel('Organisation Name', false);
		},
	);

	step(
		'Renewal shows "Previous Order Token" (From List: the used tokens); off hides it',
		async () => {
			await expectLabel('Previous Order Token', false);
			await toggle('renewal');
			await expectLabel('Previous Order Token', true);
			const entries = await openList('previousOrderToken');
			expect(entries).toEqual([expect.stringMatching(/^e2e-placed · used \(…[0-9a-f]{6}\)$/)]);
			await closeList();
			await toggle('renewal');
			await expectLabel('Previous Order Token', false);
		},
	);

	step(
		'a Place node saved with plain-text fields opens with its expressions, and no list error',
		async () => {
			await page.keyboard.press('Escape');
			await ndv().waitFor({ state: 'hidden', timeout: 10_000 });
			await page.locator(`[data-test-id="canvas-node"][data-node-name="${SAVED_NODE}"]`).dblclick();
			await ndv().waitFor({ timeout: 30_000 });
			await expectLabel('Order Token', true);
			await expectLabel('Approver Email', true);
			await expectNoListError();
			const text = (await ndv().innerText()) as string;
			expect(text).toContain('$json.body.orderToken');
			expect(text).toContain('$json.body.approverEmail');
		},
	);
});
