#!/usr/bin/env node
// The benchmark compares against n8n's own HTTP Request node: install n8n-nodes-base once into a
// machine cache folder (not into the project), and reuse it. About a minute the first time.
const { execFileSync } = require('child_process');
const { existsSync, mkdirSync, writeFileSync } = require('fs');
const { join } = require('path');

const folder = '/var/cache/n8n-nodes-servertastic/bench-n8n-nodes-base-2.41.1';
const marker = join(folder, '.complete');
if (existsSync(marker)) process.exit(0);
try {
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'package.json'), '{"private":true}\n');
	console.log(
		`Installing n8n-nodes-base@2.41.1 into ${folder} for the benchmark (about a minute, once)...`,
	);
	execFileSync(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'n8n-nodes-base@2.41.1',
			'n8n-core@2.41.1',
			'n8n-workflow@2.41.0',
		],
		{ cwd: folder, stdio: 'inherit' },
	);
	writeFileSync(marker, new Date().toISOString());
} catch (error) {
	console.error(
		`Could not install n8n's HTTP Request node (${error.message}); the benchmark runs without it.`,
	);
}
