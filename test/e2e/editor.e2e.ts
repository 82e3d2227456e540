// The node in n8n's editor (n8n 2.x, Debian chromium driven by playwright-core from the harness
// folder): the Place parameters that depend on other choices appear and hide again.
// Screenshots go to .tmp/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { type Simulator, startSimulator } from '../simulator';
import { credentialsFixture, WORKFLOW, workflowFixture } from './support/fixtures';
import { N8n, OWNER, REPO, e2eRuntime, packageTarball } from './support/n8n';
import { failureTracking } from './support/steps';

const runtime = e2eRuntime();
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(REPO, '.tmp', 'screenshots');
const NODE_NAME = 'Place DV Order';

// playwright-core lives in the n8n 2.x harness (test/e2e/n8n-2.41.1/package.json), not in the project.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Page = any;
let browser: any;
let page: Page;
let simulator: Simulator;
let n8n: N8n;
const run = failureTracking(120_000, async (name) => {
	await page?.screenshot({ path: join(SCREENSHOTS, `failure-${name.replace(/\W+/g, '-').slice(0, 60)}.png`) });
});
const { step } = run;

const describeUi = runtime.key === 'n8n2' && existsSync(CHROMIUM) ? describe : describe.skip;

describeUi(`Servertastic in the n8n ${runtime.n8nVersion} editor`, () => {
	beforeAll(async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		simulator = await startSimulator();
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
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		});
		const context = await browser.newContext({ baseURL: n8n.baseUrl, viewport: { width: 1440, height: 900 } });
		const login = await context.request.post('/rest/login', { data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password } });
		expect(login.status()).toBe(200);
		page = await context.newPage();
		page.on('response', async (response: any) => {
			if (response.url().includes('/dynamic-node-parameters/') && response.status() >= 400) {
				process.stdout.write(`[e2e editor] ${response.status()} ${response.url()}: ${(await response.text()).slice(0, 400)}\n`);
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

	const ndv = () => page.locator('[data-test-id="ndv"]');

	/** The parameter labels the node panel shows now, in order (each label's own text, not its Fixed/Expression switch). */
	async function labels(): Promise<string[]> {
		const script = `[...document.querySelectorAll('[data-test-id="ndv"] [data-test-id="parameter-item"] label')].map((label) => (label.querySelector('span.n8n-text') || label).textContent.trim())`;
		return (await page.evaluate(script)) as string[];
	}

	/** Waits until the panel shows (or no longer shows) a parameter labelled exactly `label`. */
	async function expectLabel(label: string, shown: boolean) {
		const deadline = Date.now() + 10_000;
		let now = await labels();
		while (now.includes(label) !== shown && Date.now() < deadline) {
			await page.waitForTimeout(200);
			now = await labels();
		}
		if (now.includes(label) !== shown) {
			throw new Error(`"${label}" should be ${shown ? 'shown' : 'hidden'}; the panel shows: ${now.join(' | ')}`);
		}
	}

	async function choose(parameter: string, option: string) {
		await ndv().locator(`[data-test-id="parameter-input-${parameter}"]`).click();
		const item = page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${option.replace(/[()]/g, '\\$&')}`) });
		await item.first().click();
	}

	async function toggle(parameter: string) {
		await ndv().locator(`[data-test-id="parameter-input-${parameter}"] .el-switch`).click();
	}

	/** The whole window, or only the parameters column of the node panel (small enough to keep in the repo). */
	async function shot(name: string, parametersOnly = false) {
		const box = parametersOnly ? await ndv().locator('[data-test-id="node-parameters"]').boundingBox() : null;
		const clip = box ? { x: Math.max(0, box.x - 8), y: 24, width: box.width + 16, height: 860 } : undefined;
		await page.screenshot({ path: join(SCREENSHOTS, name), clip });
	}

	step('opens the workflow and the node with its parameters', async () => {
		await page.goto(`/workflow/${WORKFLOW.webhook.id}`, { waitUntil: 'domcontentloaded' });
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
		await node.waitFor({ timeout: 60_000 });
		expect(await node.getAttribute('data-node-type')).toBe('n8n-nodes-servertastic.servertastic');
		await page.waitForTimeout(500);
		await shot('workflow-canvas.png');
		await node.dblclick();
		await ndv().waitFor({ timeout: 30_000 });
		await expectLabel('Order Token', true);
		await expectLabel('Validation Method', true);
	});

	step('Validation Method Email shows "Approver Email"; DNS hides it', async () => {
		await expectLabel('Approver Email', true);
		await shot('place-email-approver-email.png', true);
		await choose('dvAuthMethod', 'DNS');
		await expectLabel('Approver Email', false);
		await choose('dvAuthMethod', 'Email');
		await expectLabel('Approver Email', true);
	});

	step('OV shows "Organisation Name"; DV hides it', async () => {
		await expectLabel('Organisation Name', false);
		await choose('validationLevel', 'OV (Organisation Validated)');
		await expectLabel('Organisation Name', true);
		await ndv().locator('[data-test-id="parameter-input-orgName"]').scrollIntoViewIfNeeded();
		await shot('place-ov-organisation-name.png', true);
		await choose('validationLevel', 'DV (Domain Validated)');
		await expectLabel('Organisation Name', false);
	});

	step('CSR Source "Let Servertastic Generate the Key Pair" swaps "CSR" for "Domain Name" and the organisation it needs', async () => {
		await expectLabel('CSR', true);
		await expectLabel('Domain Name', false);
		await expectLabel('Organisation Name', false);
		await choose('csrSource', 'Let Servertastic Generate the Key Pair');
		await expectLabel('Domain Name', true);
		await expectLabel('CSR', false);
		// DV without a CSR: productfields requires org_* (required_if domain_name / !csr).
		await expectLabel('Organisation Name', true);
		// Hashing Algorithm's list never shows an error, even with the token an expression.
		await page.waitForTimeout(1500);
		const hashingText = await page.evaluate(`(() => {
			const box = document.querySelector('[data-test-id="ndv"] [data-test-id="parameter-input-hashingAlgorithm"]');
			if (!box) return 'no hashingAlgorithm input';
			return [box.innerText, ...[...box.querySelectorAll('input')].map((input) => input.placeholder + ' ' + input.value)].join(' | ');
		})()`);
		expect(hashingText).not.toMatch(/Error fetching|no hashingAlgorithm input/);
		await shot('place-generate-key-pair-domain-name.png', true);
		await choose('csrSource', 'Paste a CSR');
		await expectLabel('CSR', true);
		await expectLabel('Domain Name', false);
		await expectLabel('Organisation Name', false);
	});

	step('Renewal shows "Previous Order Token"; off hides it', async () => {
		await expectLabel('Previous Order Token', false);
		await toggle('renewal');
		await expectLabel('Previous Order Token', true);
		await shot('place-renewal-previous-order-token.png', true);
		await toggle('renewal');
		await expectLabel('Previous Order Token', false);
	});
});
