// Drives a real n8n (installed by test/e2e/setup.js) for the end-to-end tests: a fresh user folder
// holding the packed community node, CLI imports, `n8n start`, readiness by polling the trigger
// URLs, and the REST API with the owner's cookie. Recipe: ../shared/n8n-runtime-notes.md (project notes) §3, §4.
import { type ChildProcess, spawn } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Runtime {
	key: 'n8n1' | 'n8n2';
	n8nVersion: string;
	nodeBin: string;
	nodeVersion: string;
	installDir: string;
	n8nEntry: string;
}

interface VersionSpec {
	activateCommand: (id: string) => string[];
	env: (base: string) => Record<string, string>;
}

// Plain CommonJS shared with run.js (which runs before TypeScript is involved).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { VERSIONS } = require('../versions') as { VERSIONS: Record<string, VersionSpec> };

export const REPO = resolve(__dirname, '..', '..', '..');
export const WORKFLOWS_DIR = join(REPO, 'test', 'workflows');

/** The n8n to test: E2E_RUNTIME (JSON from run.js), else installed or found by setup.js for E2E_N8N (default n8n2). */
export function e2eRuntime(): Runtime {
	if (process.env.E2E_RUNTIME) return JSON.parse(process.env.E2E_RUNTIME) as Runtime;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { ensureRuntime } = require('../setup') as { ensureRuntime: (key: string) => Runtime };
	return ensureRuntime(process.env.E2E_N8N ?? 'n8n2');
}

/** The `npm pack` tarball of this package: E2E_PACKAGE_TGZ (set by run.js), else the newest in .tmp/e2e. */
export function packageTarball(): string {
	const given = process.env.E2E_PACKAGE_TGZ;
	if (given) return resolve(given);
	const version = (
		JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }
	).version;
	const tgz = join(REPO, '.tmp', 'e2e', `n8n-nodes-servertastic-${version}.tgz`);
	if (!existsSync(tgz))
		throw new Error(`No package at ${tgz}: run \`npm run e2e\` (it builds and packs first)`);
	return tgz;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolvePort(port));
		});
	});
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function runProcess(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number },
) {
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, reject) => {
		const child = spawn(command, args, {
			env: options.env,
			cwd: options.cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`${args.join(' ')} timed out after ${options.timeoutMs} ms\n${stdout}\n${stderr}`,
				),
			);
		}, options.timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			done({ code, stdout, stderr });
		});
	});
}

export interface TriggerProbe {
	/**
	 * 'webhook': GET /webhook/<path> says it is registered for another method; 'form': GET /form/<path>
	 * renders the form; 'healthz': GET /healthz/<path> answers 200.
	 */
	kind: 'webhook' | 'form' | 'healthz';
	path: string;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished?: boolean;
}

export interface ExecutionDetail {
	summary: ExecutionSummary;
	/** The execution data exactly as n8n stored and served it (flatted JSON text). */
	raw: string;
	/** The parsed IRunExecutionData. */
	data: {
		resultData: {
			error?: { message?: string };
			runData: Record<
				string,
				Array<{
					data?: {
						main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null>;
					};
				}>
			>;
			lastNodeExecuted?: string;
		};
	};
}

export const OWNER = {
	email: 'owner@servertastic-e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-Servertastic',
};

export class N8n {
	readonly userFolder: string;

	readonly logs: string[] = [];

	port = 0;

	/** Settings every process of this instance gets on top of the defaults (queue mode, log level). */
	readonly extraEnv: Record<string, string> = {};

	private child?: ChildProcess;

	private cookie = '';

	private readonly encryptionKey = 'servertastic-e2e-encryption-key';

	private readonly spec: VersionSpec;

	private constructor(readonly runtime: Runtime) {
		this.spec = VERSIONS[runtime.key];
		this.userFolder = mkdtempSync(
			join(process.env.E2E_TMP_DIR ?? tmpdir(), `n8n-servertastic-e2e-${runtime.key}-`),
		);
	}

	/** `port`: the editor's port (the demo's --port); by default a free one. */
	static async create(runtime: Runtime, port?: number): Promise<N8n> {
		const n8n = new N8n(runtime);
		n8n.port = port ?? (await freePort());
		return n8n;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Unpacks the tarball where n8n's community-packages loader looks: type `n8n-nodes-servertastic.<node>`. */
	async installPackage(tarball: string): Promise<string> {
		return await unpackPackage(tarball, this.userFolder);
	}

	env(brokerPort: number): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		// Only what n8n needs from the outside; nothing of jest's or the caller's N8N_* settings.
		for (const name of ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'])
			if (process.env[name]) env[name] = process.env[name];
		return {
			...env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
			DB_SQLITE_POOL_SIZE: '2',
			// `start` and the CLI commands each get their own task-broker port (they clash on 5679).
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...this.spec.env(this.baseUrl),
			...this.extraEnv,
		};
	}

	/** The process id of `n8n start`, while it runs. */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	/** Runs one n8n CLI command; throws unless it exits 0. */
	async cli(args: string[], timeoutMs = 180_000): Promise<string> {
		const started = Date.now();
		const env = this.env(await freePort());
		const { code, stdout, stderr } = await runProcess(
			this.runtime.nodeBin,
			[this.runtime.n8nEntry, ...args],
			{
				env,
				cwd: this.userFolder,
				timeoutMs,
			},
		);
		this.logs.push(
			`n8n ${args.join(' ')}: exit ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		if (code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`);
		return stdout;
	}

	async importCredentials(credentials: unknown[]): Promise<void> {
		const file = join(this.userFolder, 'import-credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
		// The file holds the plain API key; n8n keeps only the encrypted copy.
		rmSync(file);
	}

	async importWorkflows(workflows: Array<{ id: string }>): Promise<void> {
		const dir = join(this.userFolder, 'import-workflows');
		mkdirSync(dir, { recursive: true });
		for (const workflow of workflows)
			writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** Activates (1.x) or publishes (2.x) a workflow; n8n must be stopped. */
	async activate(id: string): Promise<void> {
		await this.cli(this.spec.activateCommand(id));
	}

	/** `n8n start`, then waits until every trigger answers (readiness comes before webhook registration). */
	async start(triggers: TriggerProbe[], timeoutMs = 120_000): Promise<number> {
		if (this.child) throw new Error('n8n is already running');
		const started = Date.now();
		const logFile = join(
			this.userFolder,
			`n8n-start-${this.logs.filter((line) => line.startsWith('start')).length + 1}.log`,
		);
		const log = createWriteStream(logFile);
		const child = spawn(this.runtime.nodeBin, [this.runtime.n8nEntry, 'start'], {
			env: this.env(await freePort()),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		let exited: number | null | undefined;
		child.on('exit', (code) => (exited = code));
		const readiness: TriggerProbe = { kind: 'healthz', path: 'readiness' };
		for (const trigger of [readiness, ...triggers]) {
			for (;;) {
				if (exited !== undefined)
					throw new Error(`n8n start exited with ${exited}; see ${logFile}`);
				if (Date.now() - started > timeoutMs)
					throw new Error(
						`The ${trigger.kind} ${trigger.path} was not live after ${timeoutMs} ms; see ${logFile}`,
					);
				if (await this.triggerIsLive(trigger)) break;
				await sleep(250);
			}
		}
		const seconds = (Date.now() - started) / 1000;
		this.logs.push(`start: triggers live after ${seconds.toFixed(1)} s (log ${logFile})`);
		return seconds;
	}

	private async triggerIsLive(trigger: TriggerProbe): Promise<boolean> {
		try {
			const response = await fetch(`${this.baseUrl}/${trigger.kind}/${trigger.path}`, {
				signal: AbortSignal.timeout(5000),
			});
			const text = await response.text();
			// A safe probe that executes nothing: the registered webhook refuses GET with this sentence.
			if (trigger.kind === 'healthz') return response.status === 200;
			if (trigger.kind === 'webhook')
				return response.status === 404 && text.includes('not registered for GET requests');
			return response.status === 200 && text.includes('<form');
		} catch {
			return false;
		}
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		child.kill('SIGTERM');
		const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(forced);
		this.cookie = '';
	}

	/** Removes the user folder, unless E2E_KEEP is set (then says where it is). */
	dispose(): void {
		if (process.env.E2E_KEEP) {
			process.stdout.write(`[e2e] kept ${this.userFolder}\n`);
			return;
		}
		rmSync(this.userFolder, { recursive: true, force: true });
	}

	// ---- REST with the owner's session ----

	async rest<T = unknown>(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		return await this.request<T>(method, `/rest${path}`, body);
	}

	/** Any path of the instance (e.g. /types/nodes.json) with the owner's session. */
	async request<T = unknown>(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': 'servertastic-e2e',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const setCookie of response.headers.getSetCookie()) {
			const [pair] = setCookie.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Kept as text.
		}
		return { status: response.status, body: parsed as T };
	}

	/** Sets up the owner on a fresh instance, or logs in when one exists. */
	async login(): Promise<void> {
		const setup = await this.rest('POST', '/owner/setup', OWNER);
		if (setup.status === 200 && this.cookie) return;
		const login = await this.rest('POST', '/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
		if (login.status !== 200 || !this.cookie) {
			throw new Error(
				`Owner setup (${setup.status}) and login (${login.status}) failed: ${JSON.stringify(login.body)}`,
			);
		}
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { status, body } = await this.rest<{
			data: { results?: ExecutionSummary[] } | ExecutionSummary[];
		}>('GET', `/executions?filter=${filter}&limit=50`);
		if (status !== 200) throw new Error(`GET /rest/executions: ${status} ${JSON.stringify(body)}`);
		const list = Array.isArray(body.data) ? body.data : (body.data.results ?? []);
		return list.map((execution) => ({ ...execution, id: String(execution.id) }));
	}

	/**
	 * Every execution of the workflow. Paged by start time, not by n8n's `nextCursor`: the cursor goes by
	 * id while pages are sorted by start time, so with concurrent executions it skips some (seen at 300).
	 * Executions that never started (no start time) come from one more query for the other statuses.
	 */
	async allExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		type Listed = ExecutionSummary & { startedAt?: string | null };
		const byId = new Map<string, Listed>();
		const page = async (
			filter: Record<string, unknown>,
		): Promise<{ listed: Listed[]; added: number }> => {
			const query = encodeURIComponent(JSON.stringify({ workflowId, ...filter }));
			const { status, body } = await this.rest<{ data: { results: Listed[] } }>(
				'GET',
				`/executions?filter=${query}&limit=100`,
			);
			if (status !== 200)
				throw new Error(`GET /rest/executions: ${status} ${JSON.stringify(body)}`);
			let added = 0;
			for (const execution of body.data.results) {
				const id = String(execution.id);
				if (!byId.has(id)) added += 1;
				byId.set(id, { ...execution, id });
			}
			return { listed: body.data.results, added };
		};
		let startedBefore: string | undefined;
		for (;;) {
			const { listed, added } = await page(startedBefore ? { startedBefore } : {});
			const starts = listed
				.map((execution) => Date.parse(execution.startedAt ?? ''))
				.filter(Number.isFinite);
			if (listed.length < 100 || added === 0 || !starts.length) break;
			// The next page: what started before the oldest of this one (1 ms later, so that ties are kept).
			startedBefore = new Date(Math.min(...starts) + 1).toISOString();
		}
		await page({
			status: ['error', 'crashed', 'canceled', 'new', 'running', 'waiting', 'unknown'],
		});
		return [...byId.values()];
	}

	/** Waits for a finished execution of the workflow that is not in `known`. */
	async nextExecution(
		workflowId: string,
		known: string[],
		timeoutMs = 60_000,
	): Promise<ExecutionDetail> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fresh = (await this.executions(workflowId)).find(
				(execution) =>
					!known.includes(execution.id) &&
					!['new', 'running', 'waiting'].includes(execution.status),
			);
			if (fresh) return await this.execution(fresh.id);
			if (Date.now() > deadline)
				throw new Error(`No new finished execution of ${workflowId} within ${timeoutMs} ms`);
			await sleep(250);
		}
	}

	async execution(id: string): Promise<ExecutionDetail> {
		const { status, body } = await this.rest<{ data: ExecutionSummary & { data: string } }>(
			'GET',
			`/executions/${id}`,
		);
		if (status !== 200)
			throw new Error(`GET /rest/executions/${id}: ${status} ${JSON.stringify(body)}`);
		const { data: raw, ...summary } = body.data;
		// n8n stores and serves execution data in `flatted` form; use n8n's own copy to read it.
		const requireFromN8n = createRequire(
			join(this.runtime.installDir, 'node_modules', 'n8n', 'package.json'),
		);
		const flatted = requireFromN8n('flatted') as {
			parse: (text: string) => ExecutionDetail['data'];
		};
		return { summary: { ...summary, id: String(summary.id) }, raw, data: flatted.parse(raw) };
	}

	/** Every file n8n wrote in its user folder (database, WAL, config, event log, start logs) as text, for secret checks. */
	storedText(): string {
		return userFolderText(this.userFolder);
	}
}

/** Unpacks the package tarball into a user folder's `.n8n/nodes`, as installing a community package does. */
export async function unpackPackage(tarball: string, userFolder: string): Promise<string> {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-servertastic');
	mkdirSync(target, { recursive: true });
	const { code, stderr } = await runProcess(
		'tar',
		['-xzf', tarball, '-C', target, '--strip-components=1'],
		{
			env: process.env,
			cwd: userFolder,
			timeoutMs: 60_000,
		},
	);
	if (code !== 0) throw new Error(`tar failed: ${stderr}`);
	return target;
}

/** Every file n8n wrote in a user folder, as text; the unpacked package is ours, not something n8n wrote. */
export function userFolderText(userFolder: string): string {
	const texts: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (path !== join(userFolder, '.n8n', 'nodes')) walk(path);
			} else if (entry.isFile()) texts.push(readFileSync(path).toString('latin1'));
		}
	};
	walk(userFolder);
	return texts.join('\n');
}
