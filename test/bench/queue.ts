// `npm run bench:queue`: renewals per minute through the packed nodes in n8n 2.41.1, queue mode with two
// workers and with one, against main alone (regular mode). The same PostgreSQL, Redis and simulator
// (100 ms per call) for all; the set-ups take turns over several rounds and the medians are printed.
// Nothing is asserted. Started by test/e2e/run.js (it builds, packs and installs n8n first).
// Size: QUEUE_BENCH_ORDERS (default 300) renewals per measurement, QUEUE_BENCH_ROUNDS (default 3).
import { randomBytes } from 'node:crypto';

import { startSimulator } from '../simulator';
import { startCatcher } from '../e2e/support/catcher';
import { credentialsFixture, QUEUE_WORKFLOW, workflowFixture } from '../e2e/support/fixtures';
import { N8n, e2eRuntime, packageTarball } from '../e2e/support/n8n';
import { postgresEnv, startPostgres } from '../e2e/support/postgres';
import { queueModeEnv, startRedis, Worker } from '../e2e/support/queue';
import {
	executionIds,
	ordersPerMinute,
	postEach,
	renewalRequests,
	waitForEnded,
} from '../e2e/support/renewals';

const ORDERS = Number(process.env.QUEUE_BENCH_ORDERS ?? 300);
const ROUNDS = Number(process.env.QUEUE_BENCH_ROUNDS ?? 3);
const LATENCY_MS = 100;
const WORKER_CONCURRENCY = 10;
const RENEWALS = QUEUE_WORKFLOW.renewals;
const SETUPS = [
	'queue mode, main + 2 workers',
	'queue mode, main + 1 worker',
	'main alone (regular mode)',
] as const;
type Setup = (typeof SETUPS)[number];

const say = (line: string) => process.stdout.write(`[bench:queue] ${line}\n`);
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
	const apiKey = `st-bench-${randomBytes(8).toString('hex')}`;
	const simulator = await startSimulator({ apiKey, latencyMs: LATENCY_MS, points: 100_000_000 });
	const catcher = await startCatcher();
	const redis = await startRedis();
	const postgres = await startPostgres();
	const n8n = await N8n.create(e2eRuntime());
	const workers: Worker[] = [];
	const everyWorker: Worker[] = [];
	try {
		Object.assign(n8n.extraEnv, queueModeEnv(redis), postgresEnv(postgres));
		await n8n.installPackage(packageTarball());
		await n8n.importCredentials(credentialsFixture(simulator.url, apiKey));
		await n8n.importWorkflows([workflowFixture(RENEWALS.file, catcher.url)]);
		await n8n.activate(RENEWALS.id);

		const useSetup = async (setup: Setup) => {
			const mode = setup.startsWith('queue') ? 'queue' : 'regular';
			const wanted = setup.includes('2 workers') ? 2 : setup.includes('1 worker') ? 1 : 0;
			if (n8n.extraEnv.EXECUTIONS_MODE !== mode || !n8n.pid) {
				for (const worker of workers.splice(0)) await worker.stop();
				await n8n.stop();
				n8n.extraEnv.EXECUTIONS_MODE = mode;
				await n8n.start([{ kind: 'webhook', path: RENEWALS.path }]);
				await n8n.login();
			}
			while (workers.length > wanted) await workers.pop()?.stop();
			while (workers.length < wanted) {
				const worker = await Worker.create(n8n, `w${workers.length + 1}`);
				everyWorker.push(worker);
				await worker.start(WORKER_CONCURRENCY);
				workers.push(worker);
			}
		};

		const results = new Map<Setup, number[]>(SETUPS.map((setup) => [setup, []]));
		say(
			`${ORDERS} renewals per measurement, ${ROUNDS} rounds, ${LATENCY_MS} ms per API call, PostgreSQL, worker concurrency ${WORKER_CONCURRENCY}`,
		);
		for (let round = 1; round <= ROUNDS; round++) {
			// Alternate the order, so that no set-up always runs on a warmer (or fuller) database.
			const order = round % 2 ? SETUPS : [...SETUPS].reverse();
			for (const setup of order) {
				await useSetup(setup);
				const known = await executionIds(n8n, RENEWALS.id);
				const requests = renewalRequests(simulator, `B${round}-${SETUPS.indexOf(setup)}`, ORDERS);
				const started = Date.now();
				const refused = await postEach(n8n, requests);
				const ended = await waitForEnded(
					n8n,
					RENEWALS.id,
					known,
					ORDERS - refused.length,
					20 * 60_000,
				);
				const elapsed = Date.now() - started;
				const failed =
					ended.filter((execution) => execution.status !== 'success').length + refused.length;
				const rate = ordersPerMinute(ORDERS - failed, elapsed);
				results.get(setup)?.push(rate);
				say(
					`round ${round}, ${setup}: ${ORDERS} in ${(elapsed / 1000).toFixed(1)} s = ${rate.toFixed(0)} orders/min${failed ? ` (${failed} failed)` : ''}`,
				);
			}
		}

		process.stdout.write(
			`\n| set-up | ${Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1}`).join(' | ')} | median orders/min |\n`,
		);
		process.stdout.write(
			`| --- | ${Array.from({ length: ROUNDS + 1 }, () => '---:').join(' | ')} |\n`,
		);
		for (const setup of SETUPS) {
			const rates = results.get(setup) ?? [];
			process.stdout.write(
				`| ${setup} | ${rates.map((rate) => rate.toFixed(0)).join(' | ')} | **${median(rates).toFixed(0)}** |\n`,
			);
		}
	} finally {
		for (const worker of workers) await worker.stop().catch(() => undefined);
		await n8n.stop();
		n8n.dispose();
		for (const worker of everyWorker) worker.dispose();
		await postgres.stop();
		await redis.stop();
		await simulator.close();
		await catcher.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exitCode = 1;
});
