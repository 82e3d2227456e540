import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

/* eslint-disable @typescript-eslint/no-require-imports */
const semver = require('semver') as {
	minVersion(range: string): { version: string } | null;
	satisfies(version: string, range: string): boolean;
};

/**
 * `npm ci` warns EBADENGINE when a locked package's engines exclude the running Node. The package
 * says it supports Node from its own engines floor (.ci/run runs Node 20): every locked package
 * accepts that floor and the Node running the tests, but one. isolated-vm 7 (n8n-workflow's
 * optional VM expression engine) needs Node 24; n8n's community rules forbid the `overrides` field
 * that could pin another, so on Node 20 npm ci warns about it, once. Nothing here loads it.
 */

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	engines: { node: string };
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
	packages: Record<string, { version?: string; engines?: unknown }>;
};
const KNOWN = /(^|\/)node_modules\/isolated-vm$/;

describe("the locked packages' engines", () => {
	const floor = semver.minVersion(manifest.engines.node)!.version;
	const ranges = Object.entries(lock.packages)
		.filter(([path]) => path !== '')
		.map(([path, entry]) => ({
			path,
			version: entry.version,
			node: (entry.engines as { node?: unknown } | undefined)?.node,
		}))
		.filter(
			(entry): entry is { path: string; version: string; node: string } =>
				typeof entry.node === 'string',
		);
	const refusing = (version: string) =>
		ranges
			.filter((entry) => !semver.satisfies(version, entry.node))
			.map((entry) => `${entry.path}@${entry.version} (${entry.node})`);

	it('reads some: the checks below look at real ranges', () => {
		expect(ranges.length).toBeGreaterThan(50);
	});

	it.each([
		["the package's own floor", floor],
		['Node 20, as .ci/run has it', '20.20.2'],
		['the Node running the tests', process.versions.node],
	])('every one accepts %s (%s) but isolated-vm', (_name, version) => {
		expect(refusing(version).filter((entry) => !KNOWN.test(entry.split('@')[0]))).toEqual([]);
	});

	it('isolated-vm is locked only as n8n-workflow asks it (7.x, Node 24): the one EBADENGINE line on Node 20', () => {
		const locked = ranges.filter((entry) => KNOWN.test(entry.path));
		expect(locked.map((entry) => [entry.version.split('.')[0], entry.node])).toEqual(
			locked.map(() => ['7', '>=24.0.0']),
		);
		expect(refusing('20.20.2').filter((entry) => !KNOWN.test(entry.split('@')[0]))).toEqual([]);
	});

	it('nothing loads it: n8n-core and n8n-workflow load without it (the VM engine is opt-in)', () => {
		const loaded = execFileSync(
			process.execPath,
			[
				'-e',
				"require('n8n-core'); require('n8n-workflow'); console.log(JSON.stringify(Object.keys(require.cache)))",
			],
			{ cwd: root, encoding: 'utf8' },
		);
		const files = JSON.parse(loaded.trim().split('\n').pop()!) as string[];
		expect(files.length).toBeGreaterThan(100);
		expect(files.filter((file) => file.includes('/node_modules/isolated-vm/'))).toEqual([]);
	});
});
