// n8n's queue mode for the end-to-end tests: a Redis of our own (Debian's redis-server, own config,
// port and folder, 127.0.0.1, no persistence) and `n8n worker` processes beside `n8n start`.
import { type ChildProcess, spawn } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, type N8n, packageTarball, unpackPackage, userFolderText } from './n8n';

export const REDIS_SERVER = '/usr/bin/redis-server';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One inline Redis command: a simple answer (`+PONG`) as its text, a bulk string (`HGET`) as its value, null for none. */
export async function redisCall(port: number, command: string): Promise<string | null> {
	return await new Promise((resolveAnswer, reject) => {
		const socket = connect({ host: '127.0.0.1', port });
		let answer = Buffer.alloc(0);
		socket.setTimeout(2000, () => socket.destroy(new Error('redis did not answer')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk: Buffer) => {
			answer = Buffer.concat([answer, chunk]);
			const header = answer.indexOf('\r\n');
			if (header < 0) return;
			if (answer[0] !== 0x24 /* '$' */) {
				socket.end();
				resolveAnswer(answer.subarray(1, header).toString());
				return;
			}
			const length = Number(answer.subarray(1, header).toString());
			if (length < 0) {
				socket.end();
				resolveAnswer(null);
			} else if (answer.length >= header + 2 + length) {
				socket.end();
				resolveAnswer(answer.subarray(header + 2, header + 2 + length).toString());
			}
		});
		socket.on('error', reject);
	});
}

export interface Redis {
	port: number;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<Redis> {
	if (!existsSync(REDIS_SERVER))
		throw new Error(
			`${REDIS_SERVER} is missing: apt-get install redis-server (npm run e2e:queue does it)`,
		);
	const port = await freePort();
	const dir = mkdtempSync(join(process.env.E2E_TMP_DIR ?? tmpdir(), 'redis-servertastic-e2e-'));
	const config = join(dir, 'redis.conf');
	// Loopback only, no snapshots or append-only file: the queue lives as long as the test.
	writeFileSync(
		config,
		[
			`port ${port}`,
			'bind 127.0.0.1',
			'protected-mode yes',
			'save ""',
			'appendonly no',
			`dir ${dir}`,
			'daemonize no',
			`logfile ${join(dir, 'redis.log')}`,
		].join('\n') + '\n',
	);
	const child = spawn(REDIS_SERVER, [config], { stdio: 'ignore' });
	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));
	const deadline = Date.now() + 15_000;
	for (;;) {
		if (exited !== undefined)
			throw new Error(`redis-server exited with ${exited}: ${readLog(join(dir, 'redis.log'))}`);
		try {
			if ((await redisCall(port, 'PING')) === 'PONG') break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on ${port}`);
		await sleep(100);
	}
	return {
		port,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const gone = new Promise((done) => child.once('exit', done));
				child.kill('SIGTERM');
				await gone;
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function readLog(file: string): string {
	return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '(no log)';
}

/** The settings that put main and workers of one instance into queue mode on this Redis. */
export function queueModeEnv(redis: Redis): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	};
}

/**
 * One `n8n worker` process of an instance: its own user folder (as on another machine) with the
 * package installed, and only the database settings and the encryption key in common with main.
 */
export class Worker {
	readonly userFolder: string;

	readonly logFile: string;

	private child?: ChildProcess;

	private exitCode: number | null | undefined;

	private exitSignal: NodeJS.Signals | null = null;

	private constructor(
		readonly n8n: N8n,
		readonly name: string,
		readonly healthPort: number,
	) {
		this.userFolder = mkdtempSync(
			join(process.env.E2E_TMP_DIR ?? tmpdir(), `n8n-servertastic-e2e-worker-${name}-`),
		);
		this.logFile = join(this.userFolder, `worker-${name}.log`);
	}

	/** A worker's folder with the package unpacked in it; `start` runs the process. */
	static async create(n8n: N8n, name: string): Promise<Worker> {
		const worker = new Worker(n8n, name, await freePort());
		await unpackPackage(packageTarball(), worker.userFolder);
		return worker;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined && this.exitCode === undefined;
	}

	/** How the process ended: its code, or the signal that ended it. */
	get ending(): string {
		return this.exitSignal ?? String(this.exitCode);
	}

	/** Starts `n8n worker --concurrency=N` (with `extraEnv` on top) and waits until its /healthz/readiness (database and Redis up) answers 200. */
	async start(
		concurrency: number,
		extraEnv: Record<string, string> = {},
		timeoutMs = 120_000,
	): Promise<void> {
		const started = Date.now();
		const env = {
			...this.n8n.env(await freePort()),
			N8N_USER_FOLDER: this.userFolder,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(this.healthPort),
			...extraEnv,
		};
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(
			this.n8n.runtime.nodeBin,
			[this.n8n.runtime.n8nEntry, 'worker', `--concurrency=${concurrency}`],
			{
				env,
				cwd: this.userFolder,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		this.child = child;
		this.exitCode = undefined;
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		child.on('exit', (code, signal) => {
			this.exitCode = code;
			this.exitSignal = signal;
		});
		for (;;) {
			if (this.exitCode !== undefined)
				throw new Error(`worker ${this.name} exited with ${this.ending}; see ${this.logFile}`);
			if (Date.now() - started > timeoutMs)
				throw new Error(`worker ${this.name} not ready after ${timeoutMs} ms; see ${this.logFile}`);
			try {
				const response = await fetch(`http://127.0.0.1:${this.healthPort}/healthz/readiness`, {
					signal: AbortSignal.timeout(2000),
				});
				if (response.status === 200) break;
			} catch {
				// Not listening yet.
			}
			await sleep(250);
		}
		this.n8n.logs.push(
			`worker ${this.name}: ready after ${((Date.now() - started) / 1000).toFixed(1)} s (log ${this.logFile})`,
		);
	}

	/** The executions this worker says it started ("Worker started execution N"). */
	startedExecutions(): string[] {
		return [...this.log().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
	}

	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	/** Everything the worker wrote in its folder (its log, config, event log), for the secret checks. */
	storedText(): string {
		return userFolderText(this.userFolder);
	}

	/** Removes the worker's folder, unless E2E_KEEP is set. */
	dispose(): void {
		if (!process.env.E2E_KEEP) rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Sends a signal to the process by its PID, as an operator's `kill -9 <pid>` would. */
	async kill(signal: NodeJS.Signals): Promise<void> {
		const child = this.child;
		if (!child?.pid || !this.running) return;
		const gone = new Promise((done) => child.once('exit', done));
		process.kill(child.pid, signal);
		await gone;
	}

	/** A graceful stop (SIGTERM lets running executions finish first). */
	async stop(): Promise<void> {
		if (!this.running) return;
		const forced = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
		await this.kill('SIGTERM');
		clearTimeout(forced);
	}
}
