// A PostgreSQL server of our own for n8n's queue mode (Debian's postgresql package): a fresh cluster
// in a temporary folder, on a free port of 127.0.0.1, trust authentication on loopback only.
// SQLite is not enough there: with a main and two workers writing, executions abort with SQLITE_BUSY.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './n8n';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The newest Debian PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin), if installed. */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

export interface Postgres {
	port: number;
	database: string;
	user: string;
	/** The cluster's folder (for the secret checks: n8n's data lives here). */
	dataDir: string;
	stop(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin)
		throw new Error(
			'PostgreSQL server is missing: apt-get install postgresql (npm run e2e:queue does it)',
		);
	const port = await freePort();
	const dir = mkdtempSync(join(process.env.E2E_TMP_DIR ?? tmpdir(), 'postgres-servertastic-e2e-'));
	const dataDir = join(dir, 'data');
	// PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user.
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const owner = asRoot
		? Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim())
		: undefined;
	if (asRoot && !Number.isInteger(owner))
		throw new Error('Running as root but there is no postgres user to run PostgreSQL as');
	if (owner !== undefined) chownSync(dir, owner, owner);
	const run = (command: string, args: string[]) =>
		asRoot
			? // setpriv execs in place, so signals reach postgres itself.
				{
					command: 'setpriv',
					args: ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args],
				}
			: { command, args };

	const user = 'n8n';
	const init = run(join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		user,
		'-A',
		'trust',
		'--no-sync',
		'-E',
		'UTF8',
		'--locale=C',
	]);
	const initialised = spawnSync(init.command, init.args, { encoding: 'utf8', cwd: dir });
	if (initialised.status !== 0)
		throw new Error(`initdb failed: ${initialised.stdout}\n${initialised.stderr}`);

	const server = run(join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		dir,
		'-c',
		'max_connections=100',
	]);
	const child: ChildProcess = spawn(server.command, server.args, {
		cwd: dir,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));

	const deadline = Date.now() + 30_000;
	for (;;) {
		if (exited !== undefined) throw new Error(`postgres exited with ${exited}: ${stderr}`);
		const ready = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
			encoding: 'utf8',
		});
		if (ready.status === 0) break;
		if (Date.now() > deadline) throw new Error(`postgres not ready on ${port}: ${stderr}`);
		await sleep(200);
	}
	const database = 'n8n';
	const created = spawnSync(
		join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', user, database],
		{ encoding: 'utf8' },
	);
	if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);

	return {
		port,
		database,
		user,
		dataDir,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const gone = new Promise((done) => child.once('exit', done));
				// SIGINT is PostgreSQL's fast shutdown.
				child.kill('SIGINT');
				const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
				await gone;
				clearTimeout(forced);
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** n8n's settings for this database. */
export function postgresEnv(postgres: Postgres): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
	};
}

/** Every file of the cluster as text, for the secret checks (the API key must only be stored encrypted). */
export function postgresStoredText(postgres: Postgres): string {
	const texts: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.isFile()) texts.push(readFileSync(path).toString('latin1'));
		}
	};
	walk(postgres.dataDir);
	return texts.join('\n');
}
