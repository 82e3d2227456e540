/**
 * `npm run demo`: the package in a real n8n. Builds and packs it, installs n8n 2.41.1 (Node 24 from the
 * npm registry; first run downloads it, later runs reuse the machine cache), starts the Servertastic
 * simulator and a local stand-in for Slack, imports the example workflow
 * test/workflows/webhook-place-dv-email-notify.json with a credential pointed at the simulator,
 * triggers it once and prints what happened. n8n then keeps running until Ctrl-C; `--once` stops it.
 */
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';

import { startCatcher } from '../test/e2e/support/catcher';
import { credentialsFixture, WORKFLOW, workflowFixture } from '../test/e2e/support/fixtures';
import { N8n, OWNER, REPO, type Runtime } from '../test/e2e/support/n8n';
import { makeCsr, startSimulator } from '../test/simulator';

/* eslint-disable @typescript-eslint/no-require-imports */
const { ensureRuntime } = require('../test/e2e/setup') as { ensureRuntime: (key: string) => Runtime };

const once = process.argv.includes('--once');
const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
	say('Packing the package...');
	const out = join(REPO, '.tmp', 'demo');
	mkdirSync(out, { recursive: true });
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: REPO, encoding: 'utf8' }));
	say('Making sure n8n 2.41.1 is installed (the first run downloads it: a few minutes)...');
	const runtime = ensureRuntime('n8n2');

	const simulator = await startSimulator();
	const slack = await startCatcher();
	const n8n = await N8n.create(runtime);
	const stop = async () => {
		await n8n.stop();
		await simulator.close();
		await slack.close();
	};
	try {
		await n8n.installPackage(join(out, packed.filename));
		await n8n.importCredentials(credentialsFixture(simulator.url, simulator.apiKey));
		await n8n.importWorkflows([workflowFixture(WORKFLOW.webhook.file, slack.url)]);
		await n8n.activate(WORKFLOW.webhook.id);
		say(`Starting n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}...`);
		const seconds = await n8n.start([{ kind: 'webhook', path: WORKFLOW.webhook.path }]);
		say(`n8n is ready after ${seconds.toFixed(1)} s; the Servertastic simulator listens on ${simulator.url}.`);

		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const { csr } = makeCsr('shop.example.com');
		const body = {
			reference: 'CUST-1001',
			orderToken: token,
			csr,
			approverEmail: 'admin@example.com',
			contact: { firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0000', email: 'ada@example.com', jobTitle: 'IT Manager' },
		};
		say(`\nPOST ${n8n.baseUrl}/webhook/${WORKFLOW.webhook.path}  (a RapidSSL-12 order for shop.example.com, validated by email)`);
		const response = await fetch(`${n8n.baseUrl}/webhook/${WORKFLOW.webhook.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		say(`n8n answered HTTP ${response.status}.`);
		const order = simulator.getOrder(token);
		say(`\nServertastic (simulator) received: ${simulator.requests.map((request) => `${request.method} ${request.call}`).join(' → ')}`);
		say(`Order ${order?.resellerOrderId ?? '?'}: ${order?.status ?? 'not placed'}; points left ${simulator.points()}.`);
		const [notification] = await slack.waitFor('/slack', 1, 30_000);
		say('\nThe notification the workflow sent (to the local Slack stand-in):');
		say(JSON.stringify(notification.body, null, 2));
		if (response.status !== 200 || order?.status !== 'Order Placed') throw new Error('the order was not placed');

		if (once) {
			await stop();
			say('\nDone (--once).');
			return;
		}
		say(`\nn8n keeps running: open ${n8n.baseUrl} and sign in as ${OWNER.email} / ${OWNER.password}`);
		say(`The workflow "${WORKFLOW.webhook.id}" is active; POST to the webhook again to place another order. Ctrl-C stops everything.`);
		await n8n.login();
		await new Promise<void>((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		await stop();
	} catch (error) {
		await stop();
		throw error;
	}
}

main().catch((error) => {
	console.error(`The demo failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
