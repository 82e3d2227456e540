// `npm run e2e`: builds and packs the package, installs real n8n versions into the machine cache
// (test/e2e/setup.js), runs the end-to-end tests against each, and ends with one line
// "e2e: N passed, N failed".
//
//   node test/e2e/run.js            n8n 2.41.1 (+ the editor test) and n8n 1.123.81
//   node test/e2e/run.js n8n2       n8n 2.41.1 only (with the editor test)
//   node test/e2e/run.js n8n1       n8n 1.123.81 only
//   node test/e2e/run.js ui         the editor test only (n8n 2.41.1, Debian chromium)
//   node test/e2e/run.js bench-queue  the queue-mode benchmark (test/bench/queue.ts): prints, asserts nothing
//   node test/e2e/run.js unattended the unattended renewal (n8n 2.41.1, Debian openssh-server, unattended.e2e.ts)
//   node test/e2e/run.js queue      queue mode: Debian redis-server and postgresql, n8n 2.41.1 main + two
//                                   workers (size: QUEUE_E2E_ORDERS, default 300; QUEUE_E2E_BATCH, default 60;
//                                   QUEUE_E2E_DB=sqlite to share SQLite instead of PostgreSQL)
//
// Environment: E2E_CACHE_DIR (install cache), E2E_PACKAGE_TGZ (test this tarball instead of packing),
// E2E_KEEP=1 (keep n8n's folders), E2E_NO_CHROMIUM_INSTALL=1 (skip the editor test when chromium is missing).
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { ensureRuntime } = require('./setup');

const REPO = path.resolve(__dirname, '..', '..');
const OUT = path.join(REPO, '.tmp', 'e2e');
const CHROMIUM = '/usr/bin/chromium';
const started = Date.now();
const say = (line) =>
	process.stdout.write(
		`[e2e ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
	);

function must(command, args, options = {}) {
	const result = spawnSync(command, args, {
		cwd: REPO,
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		...options,
	});
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

function buildAndPack() {
	if (process.env.E2E_PACKAGE_TGZ) {
		say(`package: ${process.env.E2E_PACKAGE_TGZ} (given)`);
		return path.resolve(process.env.E2E_PACKAGE_TGZ);
	}
	const t = Date.now();
	must('npm', ['run', 'build']);
	fs.mkdirSync(OUT, { recursive: true });
	const [packed] = JSON.parse(must('npm', ['pack', '--json', '--pack-destination', OUT]));
	say(
		`package: built and packed ${packed.filename} (${packed.entryCount} files) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
	);
	return path.join(OUT, packed.filename);
}

/** `apt-get install` of Debian packages (an `apt-get update` and a second try when the first fails), as root only. */
function aptInstall(names) {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
	const t = Date.now();
	say(`${names.join(', ')}: installing with apt-get ...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...names], {
			stdio: 'ignore',
			env,
		});
	let result = install();
	if (result.status !== 0) {
		spawnSync('apt-get', ['update'], { stdio: 'ignore', env });
		result = install();
	}
	say(
		`${names.join(', ')}: ${result.status === 0 ? 'installed' : 'could not be installed'} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
	);
	return result.status === 0;
}

/** Debian's chromium for the editor test; playwright-core drives it (never `playwright install`). */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return true;
	if (process.env.E2E_NO_CHROMIUM_INSTALL) return false;
	aptInstall(['chromium']);
	return fs.existsSync(CHROMIUM);
}

/** Debian packages the queue-mode test starts (installed with apt-get when missing, as root). */
function ensureDebianPackages() {
	const wanted = [{ name: 'redis-server', present: () => fs.existsSync('/usr/bin/redis-server') }];
	if (process.env.QUEUE_E2E_DB !== 'sqlite') {
		const present = () =>
			fs.existsSync('/usr/lib/postgresql') &&
			fs
				.readdirSync('/usr/lib/postgresql')
				.some((major) => fs.existsSync(`/usr/lib/postgresql/${major}/bin/postgres`));
		wanted.push({ name: 'postgresql', present });
	}
	const missing = wanted.filter((pkg) => !pkg.present());
	if (missing.length) aptInstall(missing.map((pkg) => pkg.name));
	return wanted.every((pkg) => pkg.present());
}

/** Debian's OpenSSH server (and ssh-keygen) for the unattended test, installed with apt-get when missing (as root). */
function ensureSshd() {
	const present = () =>
		fs.existsSync('/usr/sbin/sshd') &&
		spawnSync('ssh-keygen', ['-?'], { stdio: 'ignore' }).error === undefined;
	if (!present()) aptInstall(['openssh-server']);
	return present();
}

/** Runs jest.e2e.config.js for one runtime; resolves to its counts. */
function runJest(runtime, files, tgz) {
	const t = Date.now();
	const report = path.join(OUT, `jest-${runtime.key}.json`);
	fs.rmSync(report, { force: true });
	const args = [
		require.resolve('jest/bin/jest', { paths: [REPO] }),
		'-c',
		'jest.e2e.config.js',
		'--json',
		`--outputFile=${report}`,
		...files,
	];
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, {
			cwd: REPO,
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, E2E_RUNTIME: JSON.stringify(runtime), E2E_PACKAGE_TGZ: tgz },
		});
		child.on('close', (code) => {
			let counts = { passed: 0, failed: 1, skipped: 0 };
			try {
				const json = JSON.parse(fs.readFileSync(report, 'utf8'));
				counts = {
					passed: json.numPassedTests,
					// A suite that failed to run (beforeAll, syntax) counts as one failure when none of its tests did.
					failed:
						json.numFailedTests || (code === 0 ? 0 : Math.max(1, json.numRuntimeErrorTestSuites)),
					skipped: json.numPendingTests + json.numTodoTests,
				};
			} catch {
				// No report: jest itself failed; counted as one failure.
			}
			say(
				`n8n ${runtime.n8nVersion}: ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - t) / 1000).toFixed(1)} s`,
			);
			resolve(counts);
		});
	});
}

/** Installs a runtime in a child process, so that it can overlap with the tests of another. */
function installInBackground(key) {
	const child = spawn(process.execPath, [path.join(__dirname, 'setup.js'), key], {
		cwd: REPO,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => {
		stdout += chunk;
		for (const line of String(chunk).split('\n'))
			if (line.startsWith('[e2e setup]')) say(line.slice(12));
	});
	child.stderr.on('data', (chunk) => (stderr += chunk));
	return new Promise((resolve, reject) =>
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`setup ${key} failed:\n${stdout}\n${stderr}`)),
		),
	);
}

/** `npm run bench:queue`: the same installs, then the benchmark script; its exit code, no e2e summary. */
function benchQueue() {
	const tgz = buildAndPack();
	const runtime = ensureRuntime('n8n2', (line) => say(line));
	if (!ensureDebianPackages())
		throw new Error('redis-server or postgresql missing and not installable');
	const result = spawnSync(
		process.execPath,
		[path.join(REPO, 'scripts', 'run-ts.js'), 'test/bench/queue.ts'],
		{
			cwd: REPO,
			stdio: 'inherit',
			env: { ...process.env, E2E_RUNTIME: JSON.stringify(runtime), E2E_PACKAGE_TGZ: tgz },
		},
	);
	process.exitCode = result.status ?? 1;
}

async function main() {
	const wanted = process.argv.slice(2);
	if (wanted[0] === 'bench-queue') return benchQueue();
	const plan = wanted.length ? wanted : ['n8n2', 'n8n1'];
	const totals = { passed: 0, failed: 0, skipped: 0 };
	const add = (counts) => {
		totals.passed += counts.passed;
		totals.failed += counts.failed;
		totals.skipped += counts.skipped;
	};
	try {
		const tgz = buildAndPack();
		const log = (line) => say(line);
		let pending;
		for (const [index, item] of plan.entries()) {
			const key = ['ui', 'queue', 'unattended'].includes(item) ? 'n8n2' : item;
			let runtime;
			try {
				if (pending?.key === key) await pending.promise;
				runtime = ensureRuntime(key, log);
			} catch (error) {
				say(`${key}: install failed: ${error.message}`);
				add({ passed: 0, failed: 1, skipped: 0 });
				continue;
			}
			// The next version installs while these tests run (mostly download and one compile).
			const next = ['ui', 'queue', 'unattended'].includes(plan[index + 1])
				? 'n8n2'
				: plan[index + 1];
			if (next && next !== key && !process.env.E2E_SERIAL) {
				pending = {
					key: next,
					promise: installInBackground(next).catch((error) => say(error.message)),
				};
			}
			const files = [];
			if (item === 'queue') {
				if (ensureDebianPackages()) add(await runJest(runtime, ['test/e2e/queue.e2e.ts'], tgz));
				else {
					say(
						'queue-mode test could not start: redis-server or postgresql missing and not installable',
					);
					totals.failed += 1;
				}
				continue;
			}
			if (item === 'unattended') {
				if (ensureSshd()) add(await runJest(runtime, ['test/e2e/unattended.e2e.ts'], tgz));
				else {
					say('unattended test could not start: openssh-server missing and not installable');
					totals.failed += 1;
				}
				continue;
			}
			if (item !== 'ui') files.push('test/e2e/servertastic.e2e.ts');
			// The README's demo (npm run demo: --port, Ctrl-C) runs on n8n 2.x only.
			if (key === 'n8n2' && item !== 'ui') files.push('test/e2e/demo.e2e.ts');
			if (key === 'n8n2' && (item === 'ui' || !wanted.length || wanted.includes('n8n2'))) {
				if (ensureChromium()) files.push('test/e2e/editor.e2e.ts');
				else {
					say('editor test skipped: no chromium');
					totals.skipped += 1;
				}
			}
			if (files.length) add(await runJest(runtime, files, tgz));
		}
	} catch (error) {
		say(error.stack || String(error));
		totals.failed += 1;
	}
	say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	process.stdout.write(
		`e2e: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`,
	);
	process.exitCode = totals.failed ? 1 : 0;
}

void main();
