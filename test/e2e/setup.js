// Installs a real n8n (and the Node it needs) into a machine cache, once per version + lockfile.
//
//   node test/e2e/setup.js n8n2 [n8n1]     installs what is missing, prints where it is
//
// Cache: $E2E_CACHE_DIR, else /var/cache/n8n-nodes-servertastic/e2e when writable, else
// ~/.cache/n8n-nodes-servertastic/e2e. An install counts only once its `.complete` marker exists:
// it is built in a temporary folder beside its final place and renamed at the end.
'use strict';

const { createHash } = require('crypto');
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { VERSIONS } = require('./versions');

const MARKER = '.complete';

function cacheRoot() {
	if (process.env.E2E_CACHE_DIR) return path.resolve(process.env.E2E_CACHE_DIR);
	const system = '/var/cache/n8n-nodes-servertastic/e2e';
	try {
		fs.mkdirSync(system, { recursive: true });
		fs.accessSync(system, fs.constants.W_OK);
		return system;
	} catch {
		return path.join(os.homedir(), '.cache', 'n8n-nodes-servertastic', 'e2e');
	}
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(command, args, options) {
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, ...options });
	if (result.status !== 0) {
		const tail = `${result.stdout || ''}${result.stderr || ''}`.split('\n').slice(-40).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}, ${seconds(started)}):\n${tail}`);
	}
	return seconds(started);
}

/** Builds `finalDir` through `build(tmpDir)`; reuses it when its marker is there. */
function cached(finalDir, label, log, build) {
	if (fs.existsSync(path.join(finalDir, MARKER))) {
		log(`${label}: cached at ${finalDir}`);
		return { dir: finalDir, fresh: false };
	}
	const started = Date.now();
	const tmpDir = `${finalDir}.tmp-${process.pid}`;
	fs.rmSync(tmpDir, { recursive: true, force: true });
	fs.mkdirSync(tmpDir, { recursive: true });
	log(`${label}: installing into ${finalDir} ...`);
	let details;
	try {
		details = build(tmpDir);
	} catch (error) {
		// A failed install leaves nothing behind (a cold n8n install is over 2 GB).
		fs.rmSync(tmpDir, { recursive: true, force: true });
		throw error;
	}
	fs.writeFileSync(path.join(tmpDir, MARKER), `${JSON.stringify({ ...details, seconds: (Date.now() - started) / 1000, at: new Date().toISOString() })}\n`);
	// A half-finished older copy (no marker) is replaced.
	fs.rmSync(finalDir, { recursive: true, force: true });
	fs.renameSync(tmpDir, finalDir);
	log(`${label}: installed in ${seconds(started)}`);
	return { dir: finalDir, fresh: true };
}

/** Node for this version: a registry download for n8n 2.x, else the Node running this script. */
function ensureNode(spec, root, log) {
	if (!spec) {
		const [major, minor] = process.versions.node.split('.').map(Number);
		if (major < 20 || (major === 20 && minor < 19) || major > 24) {
			throw new Error(`n8n 1.123.81 needs Node 20.19 to 24; this is ${process.version}`);
		}
		return { nodeBin: process.execPath, nodeDir: path.resolve(path.dirname(process.execPath), '..') };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`${spec.package} is for linux-x64; this is ${process.platform}-${process.arch}`);
	}
	const { dir } = cached(path.join(root, `node-${spec.version}`), `node ${spec.version}`, log, (tmp) => {
		fs.writeFileSync(path.join(tmp, 'package.json'), `${JSON.stringify({ private: true, dependencies: { [spec.package]: spec.version } })}\n`);
		const took = run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save'], { cwd: tmp });
		log(`  npm install ${spec.package}@${spec.version}: ${took}`);
		return { package: `${spec.package}@${spec.version}` };
	});
	const nodeDir = path.join(dir, 'node_modules', spec.package);
	return { nodeBin: path.join(nodeDir, 'bin', 'node'), nodeDir };
}

/** npm's environment for building against `nodeDir`: its node first in PATH, its headers for node-gyp. */
function npmEnv(nodeDir) {
	const env = { ...process.env, PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}` };
	// Under `npm run`, the project's npm settings arrive as npm_config_* variables: the project's
	// .npmrc sets ignore-scripts, which would turn `npm rebuild` into a silent no-op.
	for (const name of Object.keys(env)) {
		if (/^npm_(lifecycle|package)_/.test(name) || name === 'npm_config_ignore_scripts') delete env[name];
	}
	// ~/.npmrc may point nodedir at another Node's headers; node-gyp cannot download them offline.
	if (fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodeDir;
	return env;
}

function lockHash(harness, files) {
	const hash = createHash('sha256');
	for (const file of files) hash.update(fs.readFileSync(path.join(harness, file)));
	return hash.digest('hex').slice(0, 12);
}

/** Installs (or finds) one n8n version; returns what is needed to run it. */
function ensureRuntime(key, log = (line) => process.stdout.write(`[e2e setup] ${line}\n`)) {
	const version = VERSIONS[key];
	if (!version) throw new Error(`Unknown n8n version key '${key}' (known: ${Object.keys(VERSIONS).join(', ')})`);
	const root = cacheRoot();
	fs.mkdirSync(root, { recursive: true });
	const { nodeBin, nodeDir } = ensureNode(version.node, root, log);
	const nodeVersion = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	let harness = path.join(__dirname, version.harnessDir);
	if (version.lockfile === false) {
		// N8N_VERSION: the committed harness with n8n's version replaced, resolved without a lockfile.
		const manifest = JSON.parse(fs.readFileSync(path.join(harness, 'package.json'), 'utf8'));
		manifest.dependencies.n8n = version.n8nVersion;
		manifest.description = `Real n8n ${version.n8nVersion} for the end-to-end tests (N8N_VERSION)`;
		harness = path.join(root, `harness-n8n-${version.n8nVersion}`);
		fs.mkdirSync(harness, { recursive: true });
		fs.writeFileSync(path.join(harness, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	}
	const files = version.lockfile === false ? ['package.json'] : ['package.json', 'package-lock.json'];
	const id = `n8n-${version.n8nVersion}-${nodeVersion}-${lockHash(harness, files)}`;
	const { dir, fresh } = cached(path.join(root, id), `n8n ${version.n8nVersion}`, log, (tmp) => {
		for (const file of files) fs.copyFileSync(path.join(harness, file), path.join(tmp, file));
		const env = npmEnv(nodeDir);
		// Scripts stay off: several optional native packages try downloads that fail offline.
		const install = version.lockfile === false ? ['install'] : ['ci'];
		const ci = run('npm', [...install, '--no-audit', '--no-fund', '--ignore-scripts', ...version.npmFlags], { cwd: tmp, env });
		log(`  npm ${install[0]}: ${ci}`);
		const rebuild = run('npm', ['rebuild', '--ignore-scripts=false', ...version.rebuild, ...version.npmFlags], { cwd: tmp, env });
		log(`  npm rebuild ${version.rebuild.join(' ')}: ${rebuild}`);
		// A rebuild that ran no script exits 0 too; n8n cannot open its database without this binary.
		const sqlite = path.join(tmp, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
		if (!fs.existsSync(sqlite)) throw new Error(`npm rebuild sqlite3 made no ${sqlite}`);
		return { n8n: version.n8nVersion, node: nodeVersion, npmCi: ci, rebuild };
	});
	return {
		key,
		n8nVersion: version.n8nVersion,
		nodeBin,
		nodeVersion,
		installDir: dir,
		n8nEntry: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		fresh,
	};
}

module.exports = { ensureRuntime, cacheRoot };

if (require.main === module) {
	const keys = process.argv.slice(2);
	for (const key of keys.length ? keys : Object.keys(VERSIONS)) {
		const runtime = ensureRuntime(key);
		process.stdout.write(`${JSON.stringify(runtime)}\n`);
	}
}
