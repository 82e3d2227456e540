#!/usr/bin/env node
// Does to our own tarball what n8n's community-package scanner does to a published one: pack it,
// unpack it, lint its compiled .js and package.json with the scanner's rules (inline eslint comments
// ignored). Also fails on runtime dependencies, overrides, install scripts or stray files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';

import { scannerConfig } from './scanner-config.mjs';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

if (pkg.dependencies && Object.keys(pkg.dependencies).length) problems.push('package.json has dependencies');
if (pkg.overrides) problems.push('package.json has overrides');
for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepack', 'postpack']) {
	if (pkg.scripts?.[script]) problems.push(`package.json has a lifecycle script: ${script}`);
}
if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
	problems.push('peerDependencies must be exactly { "n8n-workflow": "*" }');
}

const work = mkdtempSync(join(tmpdir(), 'servertastic-pack-'));
try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	);
	const tarball = join(work, packed.filename);
	// npm always packs the `main` file: our empty index.js rides along by design.
	const allowed = /^(dist\/.+|README\.md|LICENSE\.md|package\.json|index\.js)$/;
	for (const file of packed.files) if (!allowed.test(file.path)) problems.push(`tarball holds ${file.path}`);
	const expected = [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'README.md', 'LICENSE.md'];
	for (const path of expected) {
		if (!packed.files.some((file) => file.path === path)) problems.push(`tarball lacks ${path}`);
	}
	for (const node of pkg.n8n.nodes) {
		const folder = node.replace(/\/[^/]+$/, '');
		if (!packed.files.some((file) => file.path.startsWith(folder) && file.path.endsWith('.svg'))) {
			problems.push(`tarball has no icon next to ${node}`);
		}
	}

	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', work]);
	const eslint = new ESLint({ cwd: unpacked, overrideConfigFile: true, overrideConfig: scannerConfig, allowInlineConfig: false });
	const results = await eslint.lintFiles(['**/*.js', 'package.json']);
	const errors = results.filter((result) => result.errorCount > 0);
	if (errors.length) {
		const formatter = await eslint.loadFormatter('stylish');
		console.error(await formatter.format(results));
		problems.push(`${errors.length} packed file(s) break the scanner's rules`);
	}
	const size = statSync(tarball).size;
	if (problems.length) {
		console.error(`Package verification failed:\n- ${problems.join('\n- ')}`);
		process.exit(1);
	}
	console.log(
		`Package verification passed: ${packed.files.length} files, ${(size / 1024).toFixed(1)} KB packed, ` +
			`${results.length} files linted with the scanner's rules, no runtime dependencies.`,
	);
} finally {
	rmSync(work, { recursive: true, force: true });
}
