#!/usr/bin/env node
// What n8n's verification asks of the published package: only dist/, README, LICENSE and
// package.json in the tarball, no runtime dependencies, no overrides, no install-time scripts.
const { execFileSync } = require('child_process');
const pkg = require('../package.json');

const problems = [];
if (pkg.dependencies && Object.keys(pkg.dependencies).length) problems.push('package.json has dependencies');
if (pkg.overrides) problems.push('package.json has overrides');
for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish']) {
	if (pkg.scripts?.[script]) problems.push(`package.json has an install-time script: ${script}`);
}
if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
	problems.push('peerDependencies must be exactly { "n8n-workflow": "*" }');
}
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }));
const allowed = /^(dist\/.+|README\.md|LICENSE\.md|package\.json)$/;
for (const file of packed.files) if (!allowed.test(file.path)) problems.push(`tarball holds ${file.path}`);
for (const required of [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'README.md', 'LICENSE.md']) {
	if (!packed.files.some((file) => file.path === required)) problems.push(`tarball lacks ${required}`);
}
for (const icon of ['dist/nodes/Servertastic/servertastic.svg', 'dist/nodes/Servertastic/servertastic.dark.svg']) {
	if (!packed.files.some((file) => file.path === icon)) problems.push(`tarball lacks ${icon}`);
}
if (problems.length) {
	console.error(`Package check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`Package check passed: ${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} KB packed, no runtime dependencies.`);
