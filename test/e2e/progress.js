// Runs one install step (npm ci, npm rebuild) and prints a progress line every few seconds: the
// step, the time so far, what it has done when that can be counted, and what is left. setup.js
// calls it through spawnSync, which cannot print while it waits. Spec: PROGRESS_SPEC (JSON).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const spec = JSON.parse(process.env.PROGRESS_SPEC || '{}');
const [command, ...args] = process.argv.slice(2);
const every = Number(spec.everyMs) || 10_000;
const started = Date.now();

/** '2 min 05 s', '42 s' */
function duration(ms) {
	const total = Math.round(ms / 1000);
	return total < 60
		? `${total} s`
		: `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

/**
 * Top-level packages in node_modules whose package.json is there: npm ci makes every folder at
 * the start and fills it as the package's tarball arrives (package.json comes first in it).
 */
function unpacked(dir) {
	const has = (folder) => fs.existsSync(path.join(folder, 'package.json'));
	let count = 0;
	try {
		for (const entry of fs.readdirSync(dir)) {
			if (entry.startsWith('.')) continue;
			const folder = path.join(dir, entry);
			if (entry.startsWith('@'))
				count += fs.readdirSync(folder).filter((name) => has(path.join(folder, name))).length;
			else if (has(folder)) count++;
		}
	} catch {
		// Not there yet.
	}
	return count;
}

function line() {
	const parts = [`${spec.step}: ${duration(Date.now() - started)}`];
	if (spec.countDir && spec.countTotal)
		parts.push(`${unpacked(spec.countDir)} of ${spec.countTotal} packages unpacked`);
	if (spec.previousSeconds)
		parts.push(`the last install here took ${duration(spec.previousSeconds * 1000)} for this step`);
	parts.push(spec.left ? `then: ${spec.left}` : 'the last step');
	return `${spec.prefix ?? '[e2e setup]'}   ${parts.join('; ')}`;
}

const output = [];
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const keep = (chunk) => {
	output.push(String(chunk));
	if (output.length > 400) output.splice(0, output.length - 400);
};
child.stdout.on('data', keep);
child.stderr.on('data', keep);
const timer = setInterval(() => process.stdout.write(`${line()}\n`), every);
child.on('error', (error) => {
	clearInterval(timer);
	process.stderr.write(`${command}: ${error.message}\n`);
	process.exit(127);
});
child.on('close', (code, signal) => {
	clearInterval(timer);
	// The caller shows the tail of the output when the step failed.
	if (code !== 0) process.stderr.write(output.join('').split('\n').slice(-40).join('\n'));
	process.exit(code ?? (signal ? 128 : 1));
});
for (const name of ['SIGINT', 'SIGTERM']) process.on(name, () => child.kill(name));
