// From "it expires soon" to "the new one is installed", with nothing done by hand: real n8n 2.x runs the
// workflows of test/workflows on their own Schedule Trigger (and the Servertastic Trigger) against the
// simulator, which checks the validation file over HTTP; n8n's SFTP node writes to a real OpenSSH server
// whose document root a local web server serves. Run with `npm run e2e:unattended`.
import { X509Certificate, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { type OrderState, type Simulator, startSimulator } from '../simulator';
import { CHROMIUM, canvasScreenshots } from './support/canvas';
import { type Catcher, startCatcher } from './support/catcher';
import { credentialsFixture } from './support/fixtures';
import { N8n, REPO, e2eRuntime, packageTarball } from './support/n8n';
import { type Sshd, startSshd } from './support/sshd';
import { failureTracking } from './support/steps';
import {
	UNATTENDED_WORKFLOW,
	expiringCertificate,
	installedCertificate,
	pemBody,
	unattendedWorkflow,
} from './support/unattended';
import { type Webroot, startWebroot } from './support/webroot';

const runtime = e2eRuntime();
const API_KEY = `st-e2e-${randomBytes(16).toString('hex')}`;
const DOMAIN = { loop: 'shop.example.com', trigger: 'billing.example.com' };
// The CA issues this long after the file matched: the workflow's Wait/Get loop goes round at least once.
const ISSUE_DELAY_MS = 8000;
const EVERY_SECONDS = 10;
// Into .tmp like the editor test's, so a run changes no tracked file; the README's copies are refreshed
// with E2E_SCREENSHOTS=test/e2e/screenshots.
const SCREENSHOTS = resolve(REPO, process.env.E2E_SCREENSHOTS ?? join('.tmp', 'screenshots'));

let simulator: Simulator;
let catcher: Catcher;
let sshd: Sshd;
let webroot: Webroot;
let n8n: N8n;
const folders = { docroot: '', certDir: '' };
const figures: string[] = [];
const run = failureTracking(180_000);
const { step } = run;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const suiteStarted = Date.now();

run.setUp(async () => {
	sshd = await startSshd();
	folders.docroot = join(sshd.dir, 'www');
	folders.certDir = join(sshd.dir, 'ssl');
	mkdirSync(folders.docroot);
	// The certificate folder and its pending keys: the server's own (the SFTP user's), as an admin would make them.
	mkdirSync(folders.certDir, { mode: 0o700 });
	mkdirSync(join(folders.certDir, 'pending'), { mode: 0o700 });
	webroot = await startWebroot(folders.docroot, Object.values(DOMAIN));
	simulator = await startSimulator({
		apiKey: API_KEY,
		fileValidation: {
			hosts: Object.fromEntries(Object.values(DOMAIN).map((domain) => [domain, webroot.address])),
			issueDelayMs: ISSUE_DELAY_MS,
		},
	});
	catcher = await startCatcher();
	n8n = await N8n.create(runtime);
	await n8n.installPackage(packageTarball());
	const sftp = {
		id: 'StSftpServerCred',
		name: 'Web Server (SFTP)',
		type: 'sftp',
		data: {
			host: sshd.host,
			port: sshd.port,
			username: sshd.username,
			privateKey: sshd.privateKey,
		},
	};
	await n8n.importCredentials([...credentialsFixture(simulator.url, API_KEY), sftp]);
	const urls = { catcher: catcher.url, ...folders };
	await n8n.importWorkflows(
		Object.values(UNATTENDED_WORKFLOW).map((workflow) =>
			unattendedWorkflow(workflow.file, urls, EVERY_SECONDS),
		),
	);
	await n8n.activate(UNATTENDED_WORKFLOW.loop.id);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	figures.push(`suite: ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
	process.stdout.write(
		`[e2e unattended ${runtime.n8nVersion}] ${[...(n8n?.logs ?? []), ...figures].join('\n  ')}\n`,
	);
	if (n8n && !run.failed) n8n.dispose();
	else if (n8n)
		process.stdout.write(
			`[e2e] a test failed: n8n's folder is kept in ${n8n.userFolder}; sshd's in ${sshd?.dir}\n`,
		);
	await simulator?.close();
	await catcher?.close();
	await webroot?.close();
	// Always stopped (a running sshd would hold jest open); its folder is kept when something failed.
	await sshd?.stop({ keepFiles: run.failed });
});

/** n8n's own record of failed runs (its event log): executions are not saved, so this is where a failure shows. */
function failedRuns(workflowIds: string[]): string[] {
	const file = join(n8n.userFolder, '.n8n', 'n8nEventLog.log');
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.includes('"n8n.workflow.failed"'))
		.map(
			(line) =>
				(
					JSON.parse(line) as {
						payload: { workflowId: string; lastNodeExecuted?: string; errorMessage?: string };
					}
				).payload,
		)
		.filter((payload) => workflowIds.includes(payload.workflowId))
		.map(
			(payload) =>
				`${payload.workflowId} at ${payload.lastNodeExecuted ?? '?'}: ${payload.errorMessage ?? '?'}`,
		);
}

async function waitForNotice(
	domain: string,
	workflowIds: string[],
	timeoutMs: number,
): Promise<Record<string, string>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = catcher
			.requestsTo('/slack')
			.find((request) => (request.body as Record<string, string>).domain === domain);
		if (found) return found.body as Record<string, string>;
		const failed = failedRuns(workflowIds);
		if (failed.length) throw new Error(`A workflow run failed: ${failed.join('; ')}`);
		if (Date.now() > deadline)
			throw new Error(
				`No notification for ${domain} within ${timeoutMs} ms (got ${catcher.requests.length})`,
			);
		await sleep(250);
	}
}

/** The orders placed (since the last reset) for `domain`, other than the old one. */
function renewalsOf(domain: string, oldToken: string): OrderState[] {
	const tokens = [
		...new Set(simulator.requestsTo('order/place').map((request) => request.body.order_token)),
	];
	return tokens
		.map((token) => simulator.getOrder(token)!)
		.filter(
			(order) =>
				order.domainName === domain && order.placements > 0 && order.orderToken !== oldToken,
		);
}

function expectInstalled(domain: string, renewal: OrderState) {
	const installed = installedCertificate(folders.certDir, domain);
	expect(installed).not.toBeNull();
	expect(installed!.keyMatches).toBe(true);
	expect(installed!.certificate.subjectAltName).toContain(`DNS:${domain}`);
	// The very certificate the CA issued for the renewal, with its chain after it.
	expect(installed!.certificate.fingerprint256).toBe(
		new X509Certificate(renewal.certificate!).fingerprint256,
	);
	expect(installed!.chainLength).toBeGreaterThanOrEqual(2);
	expect(new Date(installed!.certificate.validTo).getTime()).toBe(
		Math.floor(renewal.expiryDate!.getTime() / 1000) * 1000,
	);
	// Neither file is writable by others (sshd's umask; see support/sshd.ts); the key's folder is the server's own (0700).
	for (const name of ['fullchain.pem', 'key.pem'])
		expect(statSync(join(folders.certDir, domain, name)).mode & 0o777).toBe(0o644);
	expect(statSync(folders.certDir).mode & 0o777).toBe(0o700);
	return installed!;
}

describe(`unattended renewal in real n8n ${runtime.n8nVersion} (Node ${runtime.nodeVersion}) with a real OpenSSH server`, () => {
	let loopOld = '';

	step(
		'Schedule Trigger → expiring → token → place (HTTP file) → SFTP → recheck → Wait/Get loop → files → SFTP → notification',
		async () => {
			loopOld = await expiringCertificate(simulator, DOMAIN.loop, 20);
			simulator.reset();
			const started = Date.now();
			figures.push(`n8n start: ${(await n8n.start([])).toFixed(1)} s`);
			const notice = await waitForNotice(DOMAIN.loop, [UNATTENDED_WORKFLOW.loop.id], 150_000);
			figures.push(
				`expiry to installed (loop workflow, from n8n start): ${((Date.now() - started) / 1000).toFixed(1)} s`,
			);

			const placed = renewalsOf(DOMAIN.loop, loopOld);
			expect(placed).toHaveLength(1);
			const renewal = placed[0];
			expect(renewal.placements).toBe(1);
			expect(renewal.status).toBe('Completed');
			expect(renewal.dvAuthMethod).toBe('FILE');
			expect(renewal.resellerUniqueReference).toBe(
				`renew-${simulator.getOrder(loopOld)!.resellerOrderId}`,
			);
			const installed = expectInstalled(DOMAIN.loop, renewal);
			// The new expiry date, as the certificate says it (whole seconds).
			const expiry = new Date(installed.certificate.validTo).toISOString();
			expect(notice).toMatchObject({
				domain: DOMAIN.loop,
				orderReference: renewal.resellerOrderId,
				expiryDate: expiry,
			});
			expect(notice.text).toBe(
				`New certificate for ${DOMAIN.loop} installed; it expires on ${expiry}.`,
			);

			// The validation file was uploaded by SFTP into the document root and fetched by the simulator's check.
			const file = join(folders.docroot, renewal.fileName!);
			expect(readFileSync(file, 'utf8')).toBe(renewal.fileContents);
			expect(webroot.requests).toContainEqual({
				host: DOMAIN.loop,
				path: renewal.fileName,
				status: 200,
			});
			expect(renewal.fileCheck).toMatchObject({ matched: true });
			// Recheck asked once; the loop read the order until issued, at least twice (the CA took ISSUE_DELAY_MS).
			const token = renewal.orderToken;
			const callsFor = (call: string) =>
				simulator
					.requestsTo(call)
					.filter((request) => (request.body.order_token ?? request.query.order_token) === token);
			expect(callsFor('order/pollauth')).toHaveLength(1);
			expect(callsFor('order/review').length).toBeGreaterThanOrEqual(3);
			// Nothing by hand: every API call since n8n started came from n8n (User-Agent "n8n"; the test's own
			// fetch says "node"), and the SSH server was reached with the credential's key.
			expect(new Set(simulator.requests.map((request) => request.headers['user-agent']))).toEqual(
				new Set(['n8n']),
			);
			expect(sshd.log()).toMatch(/Accepted publickey for \S+ from 127\.0\.0\.1/);
			figures.push(
				`loop: ${callsFor('order/review').length} reviews, ${simulator.requestsTo('order/expiring').length} schedule runs so far, key ${installed.certificate.publicKey.asymmetricKeyType}`,
			);

			// Later runs of the schedule find nothing to renew: the old certificate has a newer one.
			const runs = simulator.requestsTo('order/expiring').length;
			while (simulator.requestsTo('order/expiring').length < runs + 1) await sleep(500);
			await sleep(3000);
			expect(renewalsOf(DOMAIN.loop, loopOld)).toHaveLength(1);
			expect(simulator.requestsTo('order/place')).toHaveLength(1);
			expect(simulator.getOrder(loopOld)!.status).toBe('Completed');
		},
		240_000,
	);

	step(
		'Schedule Trigger places and keeps the key on the server; the Servertastic Trigger (Certificate Issued) installs it',
		async () => {
			await n8n.stop();
			await n8n.cli(['unpublish:workflow', `--id=${UNATTENDED_WORKFLOW.loop.id}`]);
			await n8n.activate(UNATTENDED_WORKFLOW.keep.id);
			await n8n.activate(UNATTENDED_WORKFLOW.issued.id);
			simulator.reset();
			const started = Date.now();
			figures.push(`n8n restart: ${(await n8n.start([])).toFixed(1)} s`);
			// The trigger's first poll only notes where things stand: the certificate is made to expire after it.
			while (simulator.requestsTo('order/modifiedorders').length < 1) {
				if (Date.now() - started > 90_000)
					throw new Error('The Servertastic Trigger did not poll within 90 s');
				await sleep(250);
			}
			const old = await expiringCertificate(simulator, DOMAIN.trigger, 10);
			const notice = await waitForNotice(
				DOMAIN.trigger,
				[UNATTENDED_WORKFLOW.keep.id, UNATTENDED_WORKFLOW.issued.id],
				180_000,
			);
			figures.push(
				`expiry to installed (trigger workflows, from n8n start): ${((Date.now() - started) / 1000).toFixed(1)} s`,
			);
			const placed = renewalsOf(DOMAIN.trigger, old);
			expect(placed).toHaveLength(1);
			const [renewal] = placed;
			expect(renewal.placements).toBe(1);
			expectInstalled(DOMAIN.trigger, renewal);
			expect(notice).toMatchObject({
				domain: DOMAIN.trigger,
				orderReference: renewal.resellerOrderId,
			});
			// The kept key is gone once installed; the validation file was checked for real.
			expect(
				existsSync(join(folders.certDir, 'pending', `${renewal.resellerOrderId}.key.pem`)),
			).toBe(false);
			expect(renewal.fileCheck).toMatchObject({ matched: true });
		},
		300_000,
	);

	step(
		"the private keys are in none of n8n's files (database, logs, binary data): executions are not saved",
		async () => {
			const stored = n8n.storedText();
			for (const domain of Object.values(DOMAIN)) {
				const installed = installedCertificate(folders.certDir, domain);
				if (!installed) throw new Error(`Nothing installed for ${domain}`);
				// Past the PKCS#8 header every P-256 key shares: the key's own bytes.
				expect(stored.includes(pemBody(installed.keyPem).slice(48, 96))).toBe(false);
			}
			expect(stored.includes(API_KEY)).toBe(false);
			await n8n.login();
			for (const workflow of Object.values(UNATTENDED_WORKFLOW))
				expect(await n8n.executions(workflow.id)).toEqual([]);
			expect(failedRuns(Object.values(UNATTENDED_WORKFLOW).map((workflow) => workflow.id))).toEqual(
				[],
			);
		},
	);

	step(
		'`n8n execute` cannot start a workflow from its Schedule Trigger (2.41.1): hence published and run by `n8n start`',
		async () => {
			await expect(
				n8n.cli(['execute', `--id=${UNATTENDED_WORKFLOW.loop.id}`], 120_000),
			).rejects.toThrow(/Missing node to start execution/);
		},
	);

	step('the canvases, for the README (Debian chromium; skipped without it)', async () => {
		const shots = [
			{
				workflowId: UNATTENDED_WORKFLOW.loop.id,
				waitForText: 'Get Certificate Files',
				file: join(SCREENSHOTS, 'unattended-validate-install.png'),
			},
			{
				workflowId: UNATTENDED_WORKFLOW.keep.id,
				waitForText: 'Keep Key on the Server',
				file: join(SCREENSHOTS, 'unattended-keep-key.png'),
			},
			{
				workflowId: UNATTENDED_WORKFLOW.issued.id,
				waitForText: 'Get Certificate Files',
				file: join(SCREENSHOTS, 'unattended-issued-install.png'),
			},
		];
		const written = await canvasScreenshots(n8n, shots);
		if (existsSync(CHROMIUM)) expect(written).toHaveLength(shots.length);
		else process.stdout.write(`[e2e unattended] no ${CHROMIUM}: no canvas screenshots\n`);
	});
});
