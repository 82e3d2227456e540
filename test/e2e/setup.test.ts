import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * The parts of the n8n install (setup.js) that need no download: whether the cache is warm (the
 * demo prints "the first run downloads it" only when it is not) and the progress lines of a step.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
const setupPath = join(__dirname, 'setup.js');
const progressPath = join(__dirname, 'progress.js');

function freshSetup(cacheDir: string): { isCached: (key: string) => boolean } {
	process.env.E2E_CACHE_DIR = cacheDir;
	jest.resetModules();
	return require(setupPath) as { isCached: (key: string) => boolean };
}

describe('isCached', () => {
	const saved = process.env.E2E_CACHE_DIR;
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'servertastic-setup-test-'));
	});
	afterEach(() => {
		rmSync(dir, { recursive: true, force: true });
		if (saved === undefined) delete process.env.E2E_CACHE_DIR;
		else process.env.E2E_CACHE_DIR = saved;
	});

	it('an empty cache is cold; the n8n install and its Node, each with its marker, make it warm', () => {
		const setup = freshSetup(dir);
		expect(setup.isCached('n8n2')).toBe(false);
		mkdirSync(join(dir, 'node-24.21.0'));
		writeFileSync(join(dir, 'node-24.21.0', '.complete'), '{}');
		expect(setup.isCached('n8n2')).toBe(false);
		// The entry's name as setup.js makes it: version, Node, hash of the harness lockfile.
		const { execFileSync } = require('child_process') as typeof import('child_process');
		const id = execFileSync(
			process.execPath,
			[
				'-e',
				`
			const { createHash } = require('crypto'); const fs = require('fs'); const path = require('path');
			const harness = path.join(${JSON.stringify(__dirname)}, 'n8n-2.41.1');
			const hash = createHash('sha256');
			for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(harness, file)));
			process.stdout.write('n8n-2.41.1-v24.21.0-' + hash.digest('hex').slice(0, 12));
		`,
			],
			{ encoding: 'utf8' },
		);
		mkdirSync(join(dir, id));
		expect(setup.isCached('n8n2')).toBe(false);
		writeFileSync(join(dir, id, '.complete'), '{}');
		expect(setup.isCached('n8n2')).toBe(true);
		// Another lockfile's entry does not count.
		rmSync(join(dir, id), { recursive: true });
		mkdirSync(join(dir, 'n8n-2.41.1-v24.21.0-000000000000'));
		writeFileSync(join(dir, 'n8n-2.41.1-v24.21.0-000000000000', '.complete'), '{}');
		expect(setup.isCached('n8n2')).toBe(false);
	});
});

describe('progress.js', () => {
	const runStep = (command: string[], spec: Record<string, unknown>) =>
		spawnSync(process.execPath, [progressPath, ...command], {
			encoding: 'utf8',
			env: { ...process.env, PROGRESS_SPEC: JSON.stringify({ everyMs: 200, ...spec }) },
		});

	it('prints the step, the time so far and what is left while the command runs; exits as it does', () => {
		const result = runStep([process.execPath, '-e', 'setTimeout(() => {}, 1100)'], {
			step: 'step 1 of 2, npm ci',
			left: 'npm rebuild sqlite3',
		});
		expect(result.status).toBe(0);
		const lines = result.stdout.trim().split('\n');
		expect(lines.length).toBeGreaterThanOrEqual(3);
		expect(lines[0]).toMatch(
			/^\[e2e setup\] {3}step 1 of 2, npm ci: \d+ s; then: npm rebuild sqlite3$/,
		);
	});

	it('counts the packages unpacked against the lockfile, and names the last step as such', () => {
		const dir = mkdtempSync(join(tmpdir(), 'servertastic-progress-test-'));
		try {
			for (const name of ['a', 'b', 'empty', '@scope']) mkdirSync(join(dir, name));
			for (const name of ['c', 'd', 'e']) mkdirSync(join(dir, '@scope', name));
			// A folder counts once its package.json is there: npm ci makes them all at the start.
			for (const name of ['a', 'b', '@scope/c', '@scope/d'])
				writeFileSync(join(dir, name, 'package.json'), '{}');
			const result = runStep([process.execPath, '-e', 'setTimeout(() => {}, 500)'], {
				step: 'step 2 of 2',
				countDir: dir,
				countTotal: 10,
				previousSeconds: 79,
			});
			expect(result.stdout.split('\n')[0]).toBe(
				'[e2e setup]   step 2 of 2: 0 s; 4 of 10 packages unpacked; the last install here took 1 min 19 s for this step; the last step',
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("a failing step: its exit code, and the tail of its output on stderr for setup.js's error", () => {
		const result = runStep(
			[
				process.execPath,
				'-e',
				'console.log("line one"); console.error("gyp ERR! not ok"); process.exit(3)',
			],
			{ step: 'x' },
		);
		expect(result.status).toBe(3);
		expect(result.stderr).toContain('line one');
		expect(result.stderr).toContain('gyp ERR! not ok');
	});
});
