// The packed nodes in n8n's queue mode: Redis (Debian's redis-server, our own config and port), one
// `n8n start` (webhooks, trigger polling) and two `n8n worker`s sharing one PostgreSQL database
// (Debian's postgresql, a cluster of our own), against the simulator at 100 ms latency.
// Run with `npm run e2e:queue` (test/e2e/run.js queue).
// Size: QUEUE_E2E_ORDERS renewals (default 300), QUEUE_E2E_BATCH items in the batch whose worker is killed (60).
// QUEUE_E2E_DB=sqlite shares the SQLite database folder instead: n8n allows it (with a warning), but
// under this load executions abort with SQLITE_BUSY, which is why PostgreSQL is the default.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { type Simulator, startSimulator } from '../simulator';
import { type Catcher, startCatcher } from './support/catcher';
import { credentialsFixture, QUEUE_WORKFLOW, workflowFixture } from './support/fixtures';
import { type ExecutionDetail, N8n, e2eRuntime, packageTarball } from './support/n8n';
import { type Postgres, postgresEnv, postgresStoredText, startPostgres } from './support/postgres';
import { queueModeEnv, type Redis, redisCall, startRedis, Worker } from './support/queue';
import {
	ENDED as DONE,
	executionIds as executionIdsOf,
	ordersPerMinute,
	postEach as postEachRenewal,
	type Renewal,
	renewalRequests,
	sendRenewals,
	waitForEnded as waitForEndedExecutions,
} from './support/renewals';
import { failureTracking } from './support/steps';

const runtime = e2eRuntime();
const ORDERS = Number(process.env.QUEUE_E2E_ORDERS ?? 300);
const BATCH = Number(process.env.QUEUE_E2E_BATCH ?? 60);
const LATENCY_MS = 100;
const WORKER_CONCURRENCY = 10;
const DATABASE = process.env.QUEUE_E2E_DB === 'sqlite' ? 'sqlite' : 'postgres';
// A key of this run only, so that finding it anywhere means it leaked.
const API_KEY = `st-q-${randomBytes(16).toString('hex')}`;
const RENEWALS = QUEUE_WORKFLOW.renewals;
const ISSUED = QUEUE_WORKFLOW.issued;

let simulator: Simulator;
let catcher: Catcher;
let redis: Redis;
let postgres: Postgres | undefined;
let n8n: N8n;
const workers: Worker[] = [];
/** Every worker started, the killed one too (for the log checks and clean-up). */
const everyWorker: Worker[] = [];
const figures: string[] = [];
const run = failureTracking();
const { step } = run;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

run.setUp(setUp, 600_000);

async function setUp() {
	simulator = await startSimulator({ apiKey: API_KEY, latencyMs: LATENCY_MS, points: 10_000_000 });
	catcher = await startCatcher();
	redis = await startRedis();
	if (DATABASE === 'postgres') postgres = await startPostgres();
	n8n = await N8n.create(runtime);
	figures.push(`database: ${DATABASE}`);
	// Workers have folders of their own: with SQLite they all open main's database file.
	const sqlite = { DB_SQLITE_DATABASE: join(n8n.userFolder, '.n8n', 'database.sqlite') };
	Object.assign(n8n.extraEnv, queueModeEnv(redis), postgres ? postgresEnv(postgres) : sqlite, {
		// Debug logs on every process, so that the secret checks below read everything n8n could write.
		N8N_LOG_LEVEL: 'debug',
		// A killed worker's job is found stalled within seconds instead of n8n's default minute.
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		// Finished jobs stay in Redis, so that the test can read what main handed to the workers.
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '10000',
	});
	await n8n.installPackage(packageTarball());
	await n8n.importCredentials(credentialsFixture(simulator.url, API_KEY));
	await n8n.importWorkflows([
		workflowFixture(RENEWALS.file, catcher.url),
		workflowFixture(ISSUED.file, catcher.url),
	]);
	await n8n.activate(RENEWALS.id);
	await n8n.activate(ISSUED.id);
	figures.push(
		`main start: ${(await n8n.start([{ kind: 'webhook', path: RENEWALS.path }])).toFixed(1)} s`,
	);
	await n8n.login();
	for (const name of ['a', 'b']) workers.push(await startWorker(name));
}

async function startWorker(name: string, env: Record<string, string> = {}): Promise<Worker> {
	const worker = await Worker.create(n8n, name);
	everyWorker.push(worker);
	await worker.start(WORKER_CONCURRENCY, env);
	return worker;
}

afterAll(async () => {
	for (const worker of workers) await worker.stop().catch(() => undefined);
	await n8n?.stop();
	process.stdout.write(
		`[e2e queue ${runtime.n8nVersion}] ${[...(n8n?.logs ?? []), ...figures].join('\n  ')}\n`,
	);
	if (n8n && !run.failed) {
		n8n.dispose();
		for (const worker of everyWorker) worker.dispose();
	} else if (n8n) {
		const folders = [n8n.userFolder, ...everyWorker.map((worker) => worker.userFolder)];
		process.stdout.write(
			`[e2e] a test failed: the folders and logs of main and workers are kept in ${folders.join(', ')}\n`,
		);
	}
	await redis?.stop();
	await postgres?.stop();
	await simulator?.close();
	await catcher?.close();
}, 120_000);

// ---- helpers ----

const renewals = (prefix: string, count: number) => renewalRequests(simulator, prefix, count);
const postEach = async (all: Renewal[]) => await postEachRenewal(n8n, all);
const waitForEnded = async (
	workflowId: string,
	known: Set<string>,
	count: number,
	timeoutMs: number,
) => await waitForEndedExecutions(n8n, workflowId, known, count, timeoutMs);
const executionIds = async (workflowId: string) => await executionIdsOf(n8n, workflowId);

async function postRenewals(batch: Renewal[]): Promise<void> {
	const response = await sendRenewals(n8n, batch);
	if (response.status !== 200)
		throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
}

function outputOf(detail: ExecutionDetail, node: string): Array<Record<string, unknown>> {
	const runs = detail.data.resultData.runData[node] ?? [];
	return runs.flatMap((run) => (run.data?.main[0] ?? []).map((item) => item.json));
}

/** The tokens the account holds whose reseller reference the node derived (the simulator's own list). */
async function ledger(): Promise<
	Array<{ token: string; reference: string; placements: number; status: string }>
> {
	const response = await fetch(`${simulator.url}/order/showtokens.json?api_key=${API_KEY}`);
	// showtokens as documented: {unused,used}_tokens.order_token[] of {token, reseller_unique_reference}.
	const body = (await response.json()) as Record<string, { order_token?: unknown } | string>;
	const entries = (
		group: { order_token?: unknown } | string | undefined,
	): Array<Record<string, string>> => {
		const list = typeof group === 'object' && group ? group.order_token : undefined;
		return (Array.isArray(list) ? list : list ? [list] : []) as Array<Record<string, string>>;
	};
	return [...entries(body.unused_tokens), ...entries(body.used_tokens)]
		.filter((entry) => entry.reseller_unique_reference.startsWith('n8n-'))
		.map((entry) => {
			const order = simulator.getOrder(entry.token);
			return {
				token: entry.token,
				reference: entry.reseller_unique_reference,
				placements: order?.placements ?? -1,
				status: order?.status ?? '?',
			};
		});
}

function perMinute(count: number, ms: number): string {
	return `${count} orders in ${(ms / 1000).toFixed(1)} s = ${ordersPerMinute(count, ms).toFixed(0)} orders/min`;
}

// ---- the tests ----

const placedTokens: string[] = [];

step(
	`${ORDERS} renewal requests (one webhook call each) run Generate Token → Place on both workers, each token and order once`,
	async () => {
		const before = await executionIds(RENEWALS.id);
		const requests = renewals('R', ORDERS);
		const started = Date.now();
		const refused = await postEach(requests);
		if (refused.length)
			figures.push(`webhook calls refused: ${refused.length} (first: ${refused[0]})`);
		const ended = await waitForEnded(RENEWALS.id, before, ORDERS - refused.length, 20 * 60_000);
		const elapsed = Date.now() - started;
		figures.push(
			`queue mode, 2 workers × concurrency ${WORKER_CONCURRENCY}, ${LATENCY_MS} ms latency: ${perMinute(ORDERS, elapsed)}`,
		);

		const statuses = new Map<string, number>();
		for (const execution of ended)
			statuses.set(execution.status, (statuses.get(execution.status) ?? 0) + 1);
		figures.push(
			`execution statuses: ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}`,
		);

		expect(refused).toEqual([]);
		expect(ended).toHaveLength(ORDERS);
		expect(ended.filter((execution) => execution.status !== 'success')).toEqual([]);

		// Main only put them on the queue; every execution ran on a worker, and both workers took part.
		const enqueued = new Set(
			[...n8n.storedText().matchAll(/Enqueued execution (\d+)/g)].map((match) => match[1]),
		);
		for (const execution of ended) expect(enqueued.has(execution.id)).toBe(true);
		const [a, b] = workers.map((worker) => new Set(worker.startedExecutions()));
		const ids = ended.map((execution) => execution.id);
		for (const id of ids) expect(a.has(id) !== b.has(id)).toBe(true);
		const onA = ids.filter((id) => a.has(id)).length;
		figures.push(`executions per worker: a ${onA}, b ${ORDERS - onA}`);
		expect(onA).toBeGreaterThan(0);
		expect(ORDERS - onA).toBeGreaterThan(0);

		// Each execution's data: one renewal in, one token, one placed renewal order, one notification.
		const seen = new Set<string>();
		for (const execution of ended) {
			const detail = await n8n.execution(execution.id);
			const [renewal] = outputOf(detail, 'One Item per Renewal');
			const tokens = outputOf(detail, 'Generate Token');
			const placed = outputOf(detail, 'Place Renewal');
			expect(tokens).toHaveLength(1);
			expect(placed).toHaveLength(1);
			expect(placed[0]).toMatchObject({
				placement: 'placed',
				status: 'Order Placed',
				orderToken: tokens[0].orderToken,
			});
			expect(String(placed[0].resellerOrderId)).toMatch(/^ST/);
			expect(outputOf(detail, 'Notify Slack')).toHaveLength(1);
			seen.add(String(renewal.renewalId));
			placedTokens.push(String(tokens[0].orderToken));
		}
		expect(seen.size).toBe(ORDERS);

		// The simulator's ledger: exactly ORDERS tokens bought and ORDERS orders placed, each once.
		const tokens = await ledger();
		expect(tokens).toHaveLength(ORDERS);
		expect(tokens.filter((token) => token.placements !== 1)).toEqual([]);
		expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(placedTokens));
		expect(simulator.requestsTo('order/generatetoken')).toHaveLength(ORDERS);
		expect(simulator.requestsTo('order/place')).toHaveLength(ORDERS);
		const notified = catcher
			.requestsTo('/slack')
			.map((request) => (request.body as Record<string, unknown>).renewalId);
		expect(notified).toHaveLength(ORDERS);
		expect(new Set(notified)).toEqual(seen);
	},
	25 * 60_000,
);

step(
	`the Servertastic Trigger on main fires exactly ${ORDERS} Certificate Issued events across polls and a restart of main`,
	async () => {
		const issuedEvents = () =>
			catcher
				.requestsTo('/issued')
				.map((request) => ({ body: request.body as Record<string, unknown> }));
		const complete = (tokens: string[]) => {
			for (const token of tokens) while (simulator.advance(token) !== 'Completed');
		};
		const waitForEvents = async (count: number, timeoutMs: number) => {
			const deadline = Date.now() + timeoutMs;
			while (issuedEvents().length < count) {
				if (Date.now() > deadline)
					throw new Error(
						`${issuedEvents().length} of ${count} Certificate Issued events within ${timeoutMs} ms`,
					);
				await sleep(500);
			}
		};
		expect(placedTokens).toHaveLength(ORDERS);
		const third = Math.ceil(ORDERS / 3);
		const pollsBefore = simulator.requestsTo('order/modifiedorders').length;

		complete(placedTokens.slice(0, third));
		await waitForEvents(third, 150_000);

		// Main goes down; certificates are issued meanwhile; main comes back and catches up.
		await n8n.stop();
		complete(placedTokens.slice(third, 2 * third));
		figures.push(
			`main restart: ${(await n8n.start([{ kind: 'webhook', path: RENEWALS.path }])).toFixed(1)} s`,
		);
		await n8n.login();
		await waitForEvents(Math.min(2 * third, ORDERS), 180_000);

		complete(placedTokens.slice(2 * third));
		await waitForEvents(ORDERS, 180_000);
		// One more poll (n8n polls at most once a minute): nothing fires twice.
		const polls = simulator.requestsTo('order/modifiedorders').length;
		while (simulator.requestsTo('order/modifiedorders').length < polls + 1) await sleep(500);
		await sleep(2000);

		const events = issuedEvents();
		const references = events.map((message) => String(message.body.orderReference));
		expect(events).toHaveLength(ORDERS);
		expect(new Set(references).size).toBe(ORDERS);
		expect(new Set(events.map((message) => message.body.event))).toEqual(
			new Set(['certificateIssued']),
		);
		const expected = new Set(
			placedTokens.map((token) => simulator.getOrder(token)?.resellerOrderId),
		);
		expect(new Set(references)).toEqual(expected);

		// The trigger's executions ran on the workers and carry the same events.
		const triggerRuns = (await n8n.allExecutions(ISSUED.id)).filter(
			(execution) => execution.status === 'success',
		);
		let items = 0;
		for (const execution of triggerRuns)
			items += outputOf(await n8n.execution(execution.id), 'Certificate Issued').length;
		expect(items).toBe(ORDERS);
		figures.push(
			`trigger: ${ORDERS} events in ${triggerRuns.length} executions over ${simulator.requestsTo('order/modifiedorders').length - pollsBefore} polls`,
		);
	},
	10 * 60_000,
);

step(
	`a worker killed (SIGKILL) mid-batch of ${BATCH}: nothing placed twice, nothing lost when the operator runs the batch again`,
	async () => {
		const before = await executionIds(RENEWALS.id);
		const ledgerBefore = new Set((await ledger()).map((entry) => entry.token));
		const placesBefore = simulator.requestsTo('order/place').length;
		const started = workers.map((worker) => worker.startedExecutions().length);
		const batch = renewals('K', BATCH);
		await postRenewals(batch);

		// Which worker took the batch: the one that logs a new execution.
		let victim: Worker | undefined;
		for (const deadline = Date.now() + 60_000; !victim; await sleep(100)) {
			victim = workers.find((worker, index) => worker.startedExecutions().length > started[index]);
			if (Date.now() > deadline) throw new Error('No worker started the batch');
		}
		const batchExecution = victim.startedExecutions().at(-1) as string;
		// Kill it by its PID once a third of the batch has been sent to order/place.
		while (simulator.requestsTo('order/place').length - placesBefore < BATCH / 3) await sleep(20);
		await victim.kill('SIGKILL');
		const placedAtKill = simulator.requestsTo('order/place').length - placesBefore;
		figures.push(
			`killed worker ${victim.name} (pid ${victim.pid}, ${victim.ending}) during execution ${batchExecution} after ${placedAtKill} of ${BATCH} places`,
		);

		// What n8n makes of the crashed execution, with the other worker still running.
		const killedAt = Date.now();
		let crashed = await n8n.execution(batchExecution);
		while (!DONE.includes(crashed.summary.status)) {
			if (Date.now() - killedAt > 180_000)
				throw new Error(
					`Execution ${batchExecution} still ${crashed.summary.status} 180 s after the kill`,
				);
			await sleep(500);
			crashed = await n8n.execution(batchExecution);
		}
		figures.push(
			`the killed execution became "${crashed.summary.status}" ${((Date.now() - killedAt) / 1000).toFixed(0)} s after the kill` +
				(crashed.data.resultData.error?.message
					? ` (${crashed.data.resultData.error.message})`
					: ''),
		);

		// The operator starts a worker again (systemd or the orchestrator would).
		workers[workers.indexOf(victim)] = await startWorker(`${victim.name}2`);
		expect(crashed.summary.status).not.toBe('success');
		const kept = Object.keys(crashed.data.resultData.runData ?? {});
		figures.push(`the crashed execution keeps the data of: ${kept.join(', ') || 'no node'}`);
		// n8n keeps nothing of it, not even the webhook's request (the README's advice rests on this).
		expect(kept).toEqual([]);
		// n8n did not run it again by itself.
		expect(
			(await n8n.allExecutions(RENEWALS.id))
				.filter((execution) => !before.has(execution.id))
				.map((e) => e.id),
		).toEqual([batchExecution]);

		// The ledger at this point: tokens bought for part of the batch, none placed twice.
		const afterCrash = (await ledger()).filter((entry) => !ledgerBefore.has(entry.token));
		expect(afterCrash.length).toBeLessThanOrEqual(BATCH);
		expect(afterCrash.filter((entry) => entry.placements > 1)).toEqual([]);
		const placedBeforeRetry = afterCrash.filter((entry) => entry.placements === 1).length;
		figures.push(
			`after the crash: ${afterCrash.length} tokens bought, ${placedBeforeRetry} placed`,
		);

		// The operator retries the execution (Executions → Retry with the original workflow). In n8n
		// 2.41.1 the retry of an execution whose worker died ends at once with the same error: no node
		// runs, nothing is called (the same with the workflow setting "Save execution progress" on: tried once).
		const callsBeforeRetry = simulator.requests.length;
		const retry = await n8n.rest('POST', `/executions/${batchExecution}/retry`, {
			loadWorkflow: false,
		});
		expect(retry.status).toBe(200);
		const [retried] = await waitForEnded(
			RENEWALS.id,
			new Set([...before, batchExecution]),
			1,
			180_000,
		);
		const retriedDetail = await n8n.execution(retried.id);
		figures.push(
			`retry ${retried.id}: "${retried.status}" with ${simulator.requests.length - callsBeforeRetry} API calls` +
				(retriedDetail.data.resultData.error?.message
					? ` (${retriedDetail.data.resultData.error.message.slice(0, 60)}…)`
					: ''),
		);
		expect(retried.status).toBe('error');
		expect(simulator.requests.length).toBe(callsBeforeRetry);
		const placedAfterRetry = (await ledger()).filter(
			(entry) => !ledgerBefore.has(entry.token) && entry.placements === 1,
		).length;
		expect(placedAfterRetry).toBe(placedBeforeRetry);

		// What works: the same batch sent again. The re-run resumes where the crash stopped it.
		const tokensNow = simulator.requestsTo('order/generatetoken').length;
		const placesNow = simulator.requestsTo('order/place').length;
		const known = await executionIds(RENEWALS.id);
		await postRenewals(batch);
		const [again] = await waitForEnded(RENEWALS.id, known, 1, 180_000);
		expect(again.status).toBe('success');
		const detail = await n8n.execution(again.id);
		const placed = outputOf(detail, 'Place Renewal');
		const tokens = outputOf(detail, 'Generate Token');
		expect(placed).toHaveLength(BATCH);
		// No error items: every item has an order reference and a placement.
		expect(
			placed.filter(
				(item) => item.error !== undefined || !String(item.resellerOrderId).startsWith('ST'),
			),
		).toEqual([]);
		const byPlacement = (placement: string) =>
			placed.filter((item) => item.placement === placement).length;
		expect(byPlacement('alreadyPlaced')).toBe(placedAfterRetry);
		expect(byPlacement('placed')).toBe(BATCH - placedAfterRetry);
		// Every token bought before the crash was handed back, none bought again.
		expect(tokens.filter((item) => item.generation === 'existing')).toHaveLength(afterCrash.length);
		expect(tokens.filter((item) => item.generation === 'generated')).toHaveLength(
			BATCH - afterCrash.length,
		);
		expect(simulator.requestsTo('order/generatetoken').length - tokensNow).toBe(BATCH);
		expect(simulator.requestsTo('order/place').length - placesNow).toBe(BATCH - placedAfterRetry);
		figures.push(
			`the batch sent again (execution ${again.id}): ${byPlacement('placed')} placed, ${byPlacement('alreadyPlaced')} already placed, ${afterCrash.length} existing tokens handed back`,
		);

		// Every item of the batch has exactly one token and one placement.
		const settled = (await ledger()).filter((entry) => !ledgerBefore.has(entry.token));
		expect(settled).toHaveLength(BATCH);
		expect(settled.filter((entry) => entry.placements !== 1)).toEqual([]);
	},
	10 * 60_000,
);

step(
	'credentials are decrypted on the workers, and the API key is in no log of main or of any worker',
	async () => {
		// Each worker ran executions with credentials it read from the database and decrypted itself
		// (its folder holds only the package; the key reaches it through nothing else).
		for (const worker of everyWorker.slice(0, 2))
			expect(worker.startedExecutions().length).toBeGreaterThan(0);
		// What a worker gets from main is a job holding an execution id, never the credential: it reads
		// that from the database and decrypts it with its own N8N_ENCRYPTION_KEY.
		const jobs = [...n8n.storedText().matchAll(/Enqueued execution (\d+) \(job (\d+)\)/g)].slice(
			0,
			50,
		);
		expect(jobs.length).toBeGreaterThan(0);
		for (const [, executionId, jobId] of jobs) {
			const data = await redisCall(redis.port, `HGET bull:jobs:${jobId} data`);
			if (data === null) throw new Error(`job ${jobId} is not in Redis`);
			expect(JSON.parse(data)).toMatchObject({ executionId, workflowId: RENEWALS.id });
			expect(data).not.toContain(API_KEY);
			expect(data).not.toMatch(/apiKey|credential/i);
		}
		figures.push(
			`a job as main hands it to a worker: ${(await redisCall(redis.port, `HGET bull:jobs:${jobs[0][2]} data`))?.slice(0, 160)}`,
		);
		// With another key n8n refuses to start a worker at all.
		const refused = await startWorker('wrong-key', {
			N8N_ENCRYPTION_KEY: 'not-the-key-of-this-instance',
		}).then(
			() => 'started',
			(error: Error) => error.message,
		);
		expect(refused).toMatch(/exited with 1/);
		const wrongKeyLog = (everyWorker.at(-1) as Worker).log();
		expect(wrongKeyLog).toMatch(/cannot be read with this instance encryption key/);
		figures.push(
			'a worker with another encryption key: refused at start ("… cannot be read with this instance encryption key")',
		);

		// The key is stored encrypted only: not in main's folder, the database or any worker's folder.
		const stored = n8n.storedText() + (postgres ? postgresStoredText(postgres) : '');
		expect(stored).toContain('StSimulatorCred1');
		// Main's folder and every worker's own folder (logs, config, event log), the killed worker's too.
		const texts = [stored, ...everyWorker.map((worker) => worker.storedText())];
		expect(everyWorker.length).toBeGreaterThanOrEqual(4);
		for (const text of texts) {
			expect(text).not.toContain(API_KEY);
			expect(text).not.toContain(encodeURIComponent(API_KEY));
			for (const token of placedTokens.slice(0, 20))
				expect(text.includes(`order_token=${token}`)).toBe(false);
		}
	},
	120_000,
);
