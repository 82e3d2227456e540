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
 * must accept that floor and the Node running the tests, or `npm ci` prints the warning.
 */

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
	packages: Record<string, { version?: string; engines?: unknown }>;
};

describe("the locked packages' engines", () => {
	const floor = semver.minVersion(manifest.engines.node)!.version;
	const ranges = Object.entries(lock.packages)
		.filter(([path]) => path !== '')
		.map(([path, entry]) => ({ path, version: entry.version, node: (entry.engines as { node?: unknown } | undefined)?.node }))
		.filter((entry): entry is { path: string; version: string; node: string } => typeof entry.node === 'string');

	it('reads some: the check below looks at real ranges', () => {
		expect(ranges.length).toBeGreaterThan(50);
	});

	it.each([
		['the package\'s own floor', floor],
		['the Node running the tests', process.versions.node],
	])('every one accepts %s (%s): npm ci prints no EBADENGINE', (_name, version) => {
		const refused = ranges.filter((entry) => !semver.satisfies(version, entry.node)).map((entry) => `${entry.path}@${entry.version} (${entry.node})`);
		expect(refused).toEqual([]);
	});

	it('isolated-vm is pinned for Node 20 (overrides) wherever it is locked: n8n-workflow asks 7.x, which needs Node 24', () => {
		const pinned = Object.entries(lock.packages).filter(([path]) => path.endsWith('node_modules/isolated-vm'));
		expect(pinned.length).toBeGreaterThan(0);
		for (const [path, entry] of pinned) expect({ path, version: entry.version }).toEqual({ path, version: '5.0.4' });
	});
});
