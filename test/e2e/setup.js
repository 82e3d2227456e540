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
const PROGRESS = path.join(__dirname, 'progress.js');

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

/**
 * Runs one install step through progress.js, which prints a line every 10 s (the step, the time
 * so far, what is left); `progress` is its spec without the command.
 */
function run(command, args, options, progress) {
	const started = Date.now();
	const env = { ...(options.env ?? process.env), PROGRESS_SPEC: JSON.stringify(progress) };
	const result = spawnSync(process.execPath, [PROGRESS, command, ...args], {
		stdio: ['ignore', 'inherit', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
		...options,
		env,
	});
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}, ${seconds(started)}):\n${result.stderr || ''}`,
		);
	}
	return seconds(started);
}

/** The top-level packages npm ci unpacks on this platform, from the lockfile: what progress counts against. */
function topLevelPackages(lockFile) {
	try {
		const { packages } = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
		return Object.entries(packages).filter(
			([key, entry]) =>
				/^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) &&
				(!entry.os || entry.os.includes(process.platform)) &&
				(!entry.cpu || entry.cpu.includes(process.arch)),
		).length;
	} catch {
		return undefined;
	}
}

/** How long a step took in an earlier install of this n8n version here (its marker), if any. */
function previousSeconds(root, n8nVersion, field) {
	for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
		if (!entry.startsWith(`n8n-${n8nVersion}-`)) continue;
		try {
			const marker = JSON.parse(fs.readFileSync(path.join(root, entry, MARKER), 'utf8'));
			const value = parseFloat(marker[field]);
			if (Number.isFinite(value)) return value;
		} catch {
			// No marker: not a finished install.
		}
	}
	return undefined;
}

/**
 * How sqlite3 is built: no prebuilt binding reaches this machine (sqlite3's come from GitHub), so a
 * C toolchain compiles it, against Debian's libsqlite3-dev when installed (the binding only), else
 * with the SQLite it bundles (E2E_SQLITE=bundled forces this). By name: prebuild-install (sqlite3)
 * skips its download; node-gyp-build reads only 'true', so isolated-vm keeps its prebuilt binding.
 */
function sqliteBuild() {
	const FROM_SOURCE = { npm_config_build_from_source: 'sqlite3' };
	const header = '/usr/include/sqlite3.h';
	const library = ['/usr/lib/x86_64-linux-gnu/libsqlite3.so', '/usr/lib/libsqlite3.so'].find(
		(file) => fs.existsSync(file),
	);
	if (process.env.E2E_SQLITE !== 'bundled' && fs.existsSync(header) && library) {
		const version =
			/#define SQLITE_VERSION\s+"([^"]+)"/.exec(fs.readFileSync(header, 'utf8'))?.[1] ?? 'unknown';
		return {
			env: { npm_config_sqlite: '/usr', ...FROM_SOURCE },
			label: `the system SQLite ${version} (libsqlite3-dev)`,
		};
	}
	return { env: FROM_SOURCE, label: 'the SQLite sqlite3 bundles (compiled from C)' };
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
	fs.writeFileSync(
		path.join(tmpDir, MARKER),
		`${JSON.stringify({ ...details, seconds: (Date.now() - started) / 1000, at: new Date().toISOString() })}\n`,
	);
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
		return {
			nodeBin: process.execPath,
			nodeDir: path.resolve(path.dirname(process.execPath), '..'),
		};
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`${spec.package} is for linux-x64; this is ${process.platform}-${process.arch}`,
		);
	}
	const { dir } = cached(
		path.join(root, `node-${spec.version}`),
		`node ${spec.version}`,
		log,
		(tmp) => {
			fs.writeFileSync(
				path.join(tmp, 'package.json'),
				`${JSON.stringify({ private: true, dependencies: { [spec.package]: spec.version } })}\n`,
			);
			const took = run(
				'npm',
				['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save'],
				{ cwd: tmp },
				{
					step: `npm install ${spec.package}@${spec.version} (Node for n8n, about 30 MB)`,
					left: 'npm ci of n8n, then compiling sqlite3',
				},
			);
			log(`  npm install ${spec.package}@${spec.version}: ${took}`);
			return { package: `${spec.package}@${spec.version}` };
		},
	);
	const nodeDir = path.join(dir, 'node_modules', spec.package);
	return { nodeBin: path.join(nodeDir, 'bin', 'node'), nodeDir };
}

/** npm's environment for building against `nodeDir`: its node first in PATH, its headers for node-gyp. */
function npmEnv(nodeDir) {
	const env = {
		...process.env,
		PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
	};
	// Under `npm run`, the project's npm settings arrive as npm_config_* variables: the project's
	// .npmrc sets ignore-scripts, which would turn `npm rebuild` into a silent no-op.
	for (const name of Object.keys(env)) {
		if (/^npm_(lifecycle|package)_/.test(name) || name === 'npm_config_ignore_scripts')
			delete env[name];
	}
	// ~/.npmrc may point nodedir at another Node's headers; node-gyp cannot download them offline.
	if (fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h')))
		env.npm_config_nodedir = nodeDir;
	return env;
}

function lockHash(harness, files) {
	const hash = createHash('sha256');
	for (const file of files) hash.update(fs.readFileSync(path.join(harness, file)));
	return hash.digest('hex').slice(0, 12);
}

/** The harness to install from, its files and the cache entry's name (version, Node, lockfile hash). */
function installPlan(version, root, nodeVersion) {
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
	const files =
		version.lockfile === false ? ['package.json'] : ['package.json', 'package-lock.json'];
	return {
		harness,
		files,
		id: `n8n-${version.n8nVersion}-${nodeVersion}-${lockHash(harness, files)}`,
	};
}

/** Installs (or finds) one n8n version; returns what is needed to run it. */
function ensureRuntime(key, log = (line) => process.stdout.write(`[e2e setup] ${line}\n`)) {
	const version = VERSIONS[key];
	if (!version)
		throw new Error(
			`Unknown n8n version key '${key}' (known: ${Object.keys(VERSIONS).join(', ')})`,
		);
	const root = cacheRoot();
	fs.mkdirSync(root, { recursive: true });
	const { nodeBin, nodeDir } = ensureNode(version.node, root, log);
	const nodeVersion = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	const { harness, files, id } = installPlan(version, root, nodeVersion);
	const { dir, fresh } = cached(path.join(root, id), `n8n ${version.n8nVersion}`, log, (tmp) => {
		for (const file of files) fs.copyFileSync(path.join(harness, file), path.join(tmp, file));
		const env = npmEnv(nodeDir);
		const sqliteSource = sqliteBuild();
		// Scripts stay off: several optional native packages try downloads that fail offline.
		const install = version.lockfile === false ? ['install'] : ['ci'];
		log(
			`  step 1 of 2: npm ${install[0]} (about 2 GB); step 2: npm rebuild ${version.rebuild.join(' ')}, sqlite3 against ${sqliteSource.label}`,
		);
		const ci = run(
			'npm',
			[...install, '--no-audit', '--no-fund', '--ignore-scripts', ...version.npmFlags],
			{ cwd: tmp, env },
			{
				step: `step 1 of 2, npm ${install[0]}`,
				countDir: path.join(tmp, 'node_modules'),
				countTotal:
					version.lockfile === false
						? undefined
						: topLevelPackages(path.join(tmp, 'package-lock.json')),
				previousSeconds: previousSeconds(root, version.n8nVersion, 'npmCi'),
				left: `npm rebuild ${version.rebuild.join(' ')}`,
			},
		);
		log(`  npm ${install[0]}: ${ci}`);
		const rebuild = run(
			'npm',
			['rebuild', '--ignore-scripts=false', ...version.rebuild, ...version.npmFlags],
			{ cwd: tmp, env: { ...env, ...sqliteSource.env } },
			{
				step: `step 2 of 2, npm rebuild ${version.rebuild.join(' ')} (compiling sqlite3 against ${sqliteSource.label})`,
				previousSeconds: previousSeconds(root, version.n8nVersion, 'rebuild'),
			},
		);
		log(`  npm rebuild ${version.rebuild.join(' ')}: ${rebuild}`);
		// A rebuild that ran no script exits 0 too; n8n cannot open its database without this binary.
		const sqlite = path.join(
			tmp,
			'node_modules',
			'sqlite3',
			'build',
			'Release',
			'node_sqlite3.node',
		);
		if (!fs.existsSync(sqlite)) throw new Error(`npm rebuild sqlite3 made no ${sqlite}`);
		return {
			n8n: version.n8nVersion,
			node: nodeVersion,
			npmCi: ci,
			rebuild,
			sqlite: sqliteSource.label,
		};
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

/** Whether ensureRuntime(key) finds everything cached (no download): the demo says "a few minutes" only otherwise. */
function isCached(key) {
	const version = VERSIONS[key];
	const root = cacheRoot();
	const nodeVersion = version.node ? `v${version.node.version}` : process.version;
	if (version.node && !fs.existsSync(path.join(root, `node-${version.node.version}`, MARKER)))
		return false;
	return fs.existsSync(path.join(root, installPlan(version, root, nodeVersion).id, MARKER));
}

module.exports = { ensureRuntime, cacheRoot, isCached };

if (require.main === module) {
	const keys = process.argv.slice(2);
	for (const key of keys.length ? keys : Object.keys(VERSIONS)) {
		const runtime = ensureRuntime(key);
		process.stdout.write(`${JSON.stringify(runtime)}\n`);
	}
}
