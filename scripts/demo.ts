/**
 * `npm run demo`: the package in a real n8n. Builds and packs it, installs n8n 2.41.1 (Node 24 from the
 * npm registry; first run downloads it, later runs reuse the machine cache), starts the Servertastic
 * simulator and a local stand-in for Slack, imports the example workflow
 * test/workflows/webhook-place-dv-email-notify.json with a credential pointed at the simulator,
 * triggers it once and prints what happened. n8n then keeps running until Ctrl-C (exit 0); `--once`
 * stops it. The editor listens on --port N, by default 5678 (a free port when 5678 is taken).
 * E2E_KEEP=1 keeps n8n's folder (database, logs); a failed run keeps it anyway.
 */
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';

import { type Catcher, startCatcher } from '../test/e2e/support/catcher';
import { credentialsFixture, WORKFLOW, workflowFixture } from '../test/e2e/support/fixtures';
import { freePort, N8n, OWNER, REPO, type Runtime } from '../test/e2e/support/n8n';
import { makeCsr, type Simulator, startSimulator } from '../test/simulator';

/* eslint-disable @typescript-eslint/no-require-imports */
const { ensureRuntime, isCached } = require('../test/e2e/setup') as {
	ensureRuntime: (key: string) => Runtime;
	isCached: (key: string) => boolean;
};

/** n8n's own default port: the editor stays at the same address from run to run. */
export const DEFAULT_PORT = 5678;

const once = process.argv.includes('--once');
const started = Date.now();
const say = (line = '') => process.stdout.write(`${line}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let simulator: Simulator | undefined;
let slack: Catcher | undefined;
let n8n: N8n | undefined;
let running = false;
let shuttingDown: Promise<void> | undefined;

/** Stops n8n, the simulator and the Slack stand-in once, whoever asks first; keeps n8n's folder after a failure. */
function shutDown(failed: boolean): Promise<void> {
	shuttingDown ??= (async () => {
		await n8n
			?.stop()
			.catch((error) =>
				say(`Stopping n8n: ${error instanceof Error ? error.message : String(error)}`),
			);
		await simulator?.close().catch(() => undefined);
		await slack?.close().catch(() => undefined);
		if (n8n && failed) say(`n8n's folder and logs are kept in ${n8n.userFolder}`);
		else n8n?.dispose();
	})();
	return shuttingDown;
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal, and forwarded by npm run);
	// a second signal during the shutdown would otherwise kill it with the signal, not exit 0.
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		say(`\n${signal}: stopping n8n and the simulator...`);
		// While the demo waits for Ctrl-C, stopping is the normal end; earlier it interrupts the run.
		void shutDown(!running).finally(() => process.exit(running ? 0 : 130));
	});
}

/** --port N or --port=N; undefined when not given. Exits 2 on a port that is not one. */
function portArgument(argv: string[]): number | undefined {
	const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
	if (index < 0) return undefined;
	const text = argv[index].includes('=') ? argv[index].slice('--port='.length) : argv[index + 1];
	const port = Number(text);
	if (!/^\d+$/.test(text ?? '') || port < 1 || port > 65535) {
		process.stderr.write(
			`--port needs a port number from 1 to 65535 (got ${text === undefined ? 'nothing' : `"${text}"`})\n`,
		);
		process.exit(2);
	}
	return port;
}

/** Whether nothing listens on the port (on any address, as n8n listens). */
async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((done) => {
		const server = createServer();
		server.once('error', () => done(false));
		server.listen(port, () => server.close(() => done(true)));
	});
}

/** The editor's port: --port N (refused when taken), else 5678, else a free one. */
async function editorPort(): Promise<number> {
	const asked = portArgument(process.argv);
	if (asked !== undefined) {
		if (!(await portIsFree(asked)))
			throw new Error(
				`port ${asked} (--port) is in use: stop what listens there or choose another`,
			);
		return asked;
	}
	if (await portIsFree(DEFAULT_PORT)) return DEFAULT_PORT;
	const port = await freePort();
	say(
		`Port ${DEFAULT_PORT} is in use (another n8n?): the editor takes port ${port} this time. --port N chooses one.`,
	);
	return port;
}

interface PlacedItem {
	resellerOrderId: string | null;
	status: string | null;
	commonName: string | null;
	validation: { method: string | null; approverEmail: string | null; instructions: string | null };
}

async function main(): Promise<void> {
	const port = await editorPort();
	const out = join(REPO, '.tmp', 'demo');
	mkdirSync(out, { recursive: true });
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
			cwd: REPO,
			encoding: 'utf8',
		}),
	);
	say(`Packed ${packed.filename} (${packed.entryCount} files).`);
	if (isCached('n8n2')) say('n8n 2.41.1 is installed (cached).');
	else
		say(
			'Installing n8n 2.41.1 and Node 24 into the cache (the first run downloads it: a few minutes, with progress below)...',
		);
	const runtime = ensureRuntime('n8n2');

	simulator = await startSimulator();
	slack = await startCatcher();
	n8n = await N8n.create(runtime, port);
	await n8n.installPackage(join(out, packed.filename));
	await n8n.importCredentials(credentialsFixture(simulator.url, simulator.apiKey));
	await n8n.importWorkflows([workflowFixture(WORKFLOW.webhook.file, slack.url)]);
	await n8n.activate(WORKFLOW.webhook.id);
	say(`Starting n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}...`);
	const seconds = await n8n.start([{ kind: 'webhook', path: WORKFLOW.webhook.path }]);
	await n8n.login();
	say(
		`n8n is ready after ${seconds.toFixed(1)} s; the Servertastic simulator listens on ${simulator.url}.`,
	);

	const token = simulator.createToken({ productCode: 'RapidSSL-12' });
	const { csr } = makeCsr('shop.example.com');
	const body = {
		reference: 'CUST-1001',
		orderToken: token,
		csr,
		approverEmail: 'admin@example.com',
		contact: {
			firstName: 'Ada',
			lastName: 'Lovelace',
			phone: '+44 20 7946 0000',
			email: 'ada@example.com',
			jobTitle: 'IT Manager',
		},
	};
	const known = (await n8n.executions(WORKFLOW.webhook.id)).map((execution) => execution.id);
	say(
		`\nPOST ${n8n.baseUrl}/webhook/${WORKFLOW.webhook.path}  (a RapidSSL-12 order for shop.example.com, validated by email)`,
	);
	const response = await fetch(`${n8n.baseUrl}/webhook/${WORKFLOW.webhook.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	say(`n8n answered HTTP ${response.status}.`);
	const execution = await n8n.nextExecution(WORKFLOW.webhook.id, known, 30_000);
	say(`Execution ${execution.summary.id}: ${execution.summary.status}.`);
	say(
		`\nServertastic (simulator) received: ${simulator.requests.map((request) => `${request.method} ${request.call}`).join(' → ')}`,
	);

	const placed = execution.data.resultData.runData['Place DV Order']?.[0]?.data?.main[0]?.[0]
		?.json as PlacedItem | undefined;
	const order = simulator.getOrder(token);
	say(
		`\nOrder reference: ${placed?.resellerOrderId ?? order?.resellerOrderId ?? '?'} (customer reference ${body.reference})`,
	);
	say(
		`Status: ${placed?.status ?? order?.status ?? 'not placed'}; points left ${simulator.points()}`,
	);
	say(`DCV (${placed?.validation.method ?? '?'}): ${placed?.validation.instructions ?? '(none)'}`);

	const [notification] = await slack.waitFor('/slack', 1, 30_000);
	say('\nThe notification the workflow sent (to the local Slack stand-in):');
	say(JSON.stringify(notification.body, null, 2));
	if (
		response.status !== 200 ||
		execution.summary.status !== 'success' ||
		order?.status !== 'Order Placed'
	) {
		throw new Error(
			`the order was not placed (HTTP ${response.status}, execution ${execution.summary.status}, order ${order?.status ?? 'none'})`,
		);
	}

	say(
		`\nn8n editor: ${n8n.baseUrl}/workflow/${WORKFLOW.webhook.id}  (executions: ${n8n.baseUrl}/workflow/${WORKFLOW.webhook.id}/executions/${execution.summary.id})`,
	);
	say(`Sign in as ${OWNER.email} / ${OWNER.password}`);
	if (once) {
		await shutDown(false);
		say(`\nDone (--once) in ${elapsed()}.`);
		return;
	}
	running = true;
	say(
		`\nReady in ${elapsed()}. n8n keeps running with the workflow active: open the editor to look at the execution.`,
	);
	say('Ctrl-C stops n8n and the simulator.');
	// The n8n process and the two servers keep the event loop alive until a signal ends the demo.
}

main().catch(async (error) => {
	if (shuttingDown) return;
	console.error(`The demo failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
	await shutDown(true);
});
