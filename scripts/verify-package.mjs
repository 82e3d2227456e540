#!/usr/bin/env node
// `npm run verify`: n8n's own community-package scanner (@n8n/scan-community-package, the CLI
// n8n runs before it verifies a node) on our packed tarball and our sources, plus our own package
// checks. Run `npm run build` first.
//
// The scanner takes a package name, reads its packument and provenance from registry.npmjs.org,
// fetches the source commit the provenance names from GitHub, `npm pack`s the tarball and lints
// both. Here it runs unchanged, in a child process, against a tiny registry this script starts on
// 127.0.0.1 (scripts/scanner-offline.mjs sends the scanner's requests there), twice:
//
//   1. as `npm publish` from a laptop would publish it: no provenance. The scanner must stop at its
//      provenance check, with its "not published with npm provenance" reason and nothing else.
//      That is the one allowed failure: provenance is made only by .github/workflows/publish.yml.
//   2. as publish.yml will publish it: the packument carries a provenance attestation naming this
//      repository and commit. It is a local, UNSIGNED stand-in (the scanner reads the attestation's
//      source repository and commit; it does not check signatures), so that the scanner's later
//      gates run: the source fetch, the download and the lint of the sources and of the packed
//      .js and package.json. Every one of them must pass.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const scannerPkg = require('@n8n/scan-community-package/package.json');
const scannerCli = join(
	dirname(require.resolve('@n8n/scan-community-package/package.json')),
	scannerPkg.bin,
);
const label = `${pkg.name}@${pkg.version}`;
const problems = [];
const say = (line = '') => process.stdout.write(`${line}\n`);

// Our own checks, beyond the scanner: what the package holds and declares.
if (pkg.dependencies && Object.keys(pkg.dependencies).length)
	problems.push('package.json has dependencies');
if (pkg.overrides) problems.push('package.json has overrides');
for (const script of [
	'preinstall',
	'install',
	'postinstall',
	'prepare',
	'prepublish',
	'prepack',
	'postpack',
]) {
	if (pkg.scripts?.[script]) problems.push(`package.json has a lifecycle script: ${script}`);
}
if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
	problems.push('peerDependencies must be exactly { "n8n-workflow": "*" }');
}
const repo = /^git\+https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?$/.exec(
	pkg.repository?.url ?? '',
);
if (!repo)
	problems.push(
		`repository.url must be git+https://github.com/<owner>/<repo>.git (it is ${pkg.repository?.url})`,
	);

const work = mkdtempSync(join(tmpdir(), 'servertastic-verify-'));
let server;
try {
	for (const built of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!existsSync(join(root, built)))
			throw new Error(`${built} is missing: run \`npm run build\` first`);
	}
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const tarball = readFileSync(join(work, packed.filename));
	// npm always packs the `main` file: our empty index.js rides along by design.
	const allowed = /^(dist\/.+|README\.md|LICENSE\.md|package\.json|index\.js)$/;
	for (const file of packed.files)
		if (!allowed.test(file.path)) problems.push(`tarball holds ${file.path}`);
	for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'README.md', 'LICENSE.md']) {
		if (!packed.files.some((file) => file.path === path)) problems.push(`tarball lacks ${path}`);
	}
	for (const node of pkg.n8n.nodes) {
		const folder = node.replace(/\/[^/]+$/, '');
		if (!packed.files.some((file) => file.path.startsWith(folder) && file.path.endsWith('.svg'))) {
			problems.push(`tarball has no icon next to ${node}`);
		}
	}

	// The sources as the attested commit would hold them: git's tracked and unignored files of this
	// work tree (in CI, a fresh clone: exactly HEAD), as GitHub's codeload archive lays them out.
	const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
	const files = execFileSync(
		'git',
		['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
		{ cwd: root },
	)
		.toString()
		.split('\0')
		.filter((file) => file && existsSync(join(root, file)));
	writeFileSync(join(work, 'files'), files.join('\0'));
	const prefix = `${repo?.[2] ?? pkg.name}-${commit}/`;
	execFileSync(
		'tar',
		[
			'-czf',
			join(work, 'source.tgz'),
			'--null',
			'-T',
			join(work, 'files'),
			`--transform=s,^,${prefix},`,
		],
		{
			cwd: root,
		},
	);
	const source = readFileSync(join(work, 'source.tgz'));

	const requests = [];
	let withProvenance = false;
	server = createServer((req, res) => {
		requests.push(req.url);
		const send = (status, body, type = 'application/json') => {
			res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
			res.end(body);
		};
		const url = req.url.replace(/\/{2,}/g, '/');
		const base = `http://127.0.0.1:${server.address().port}`;
		const tarballPath = `/registry/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz`;
		if (url === `/registry/${pkg.name}`)
			return send(200, JSON.stringify(packument(`${base}${tarballPath}`)));
		if (url === tarballPath) return send(200, tarball, 'application/octet-stream');
		if (withProvenance && url === `/registry/-/npm/v1/attestations/${label}`)
			return send(200, JSON.stringify(attestations()));
		if (withProvenance && repo && url === `/codeload/${repo[1]}/${repo[2]}/tar.gz/${commit}`) {
			return send(200, source, 'application/x-gzip');
		}
		send(404, JSON.stringify({ error: 'Not found' }));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const registry = `http://127.0.0.1:${server.address().port}`;

	function packument(tarballUrl) {
		const dist = {
			tarball: tarballUrl,
			shasum: createHash('sha1').update(tarball).digest('hex'),
			integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
		};
		if (withProvenance) {
			dist.attestations = {
				url: `https://registry.npmjs.org/-/npm/v1/attestations/${label}`,
				provenance: { predicateType: 'https://slsa.dev/provenance/v1' },
			};
		}
		const manifest = { ...pkg, _id: label, dist };
		return {
			_id: pkg.name,
			name: pkg.name,
			'dist-tags': { latest: pkg.version },
			versions: { [pkg.version]: manifest },
		};
	}

	function attestations() {
		const [, owner, name] = repo;
		const statement = {
			_type: 'https://in-toto.io/Statement/v1',
			subject: [
				{
					name: `pkg:npm/${pkg.name}@${pkg.version}`,
					digest: { sha512: createHash('sha512').update(tarball).digest('hex') },
				},
			],
			predicateType: 'https://slsa.dev/provenance/v1',
			predicate: {
				buildDefinition: {
					buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
					externalParameters: {
						workflow: {
							ref: `refs/tags/${pkg.version}`,
							repository: `https://github.com/${owner}/${name}`,
							path: '.github/workflows/publish.yml',
						},
					},
					resolvedDependencies: [
						{
							uri: `git+https://github.com/${owner}/${name}@refs/tags/${pkg.version}`,
							digest: { gitCommit: commit },
						},
					],
				},
				runDetails: {
					builder: { id: 'local stand-in made by scripts/verify-package.mjs (unsigned)' },
				},
			},
		};
		const payload = Buffer.from(JSON.stringify(statement)).toString('base64');
		return {
			attestations: [
				{
					predicateType: 'https://slsa.dev/provenance/v1',
					bundle: {
						dsseEnvelope: { payload, payloadType: 'application/vnd.in-toto+json', signatures: [] },
					},
				},
			],
		};
	}

	async function scan() {
		const env = {
			...process.env,
			SCANNER_LOCAL_REGISTRY: registry,
			npm_config_registry: `${registry}/registry/`,
		};
		// The scanner's own `npm pack`: this registry, a throw-away cache, no proxy.
		env.npm_config_cache = join(work, `npm-cache-${withProvenance ? 2 : 1}`);
		mkdirSync(env.npm_config_cache);
		// The scanner makes its temporary folder at start and leaves it: make it inside ours.
		env.TMPDIR = work;
		for (const name of Object.keys(env))
			if (/^(https?|all|no)_proxy$/i.test(name) || /^npm_config_(https_)?proxy$/i.test(name))
				delete env[name];
		const preload = new URL('./scanner-offline.mjs', import.meta.url).href;
		const child = spawn(process.execPath, ['--import', preload, scannerCli, label], {
			cwd: work,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (out += chunk));
		const code = await new Promise((resolve) => child.on('close', resolve));
		return { code, out: out.replace(/\s+$/, '') };
	}

	const quote = (text) =>
		text
			.split('\n')
			.map((line) => `    ${line}`)
			.join('\n');
	say(
		`== n8n's scanner (@n8n/scan-community-package ${scannerPkg.version}) on ${label}, ${packed.files.length} files, ` +
			`${(statSync(join(work, packed.filename)).size / 1024).toFixed(1)} KB packed, against a local registry on ${registry}`,
	);

	say(`\n-- 1. as published without provenance (npx @n8n/scan-community-package ${label}):`);
	const first = await scan();
	say(quote(first.out));
	const provenanceOnly =
		first.code === 0 &&
		first.out.includes(`❌ Provenance check failed for ${label}`) &&
		first.out.includes('Reason: Package was not published with npm provenance.') &&
		(first.out.match(/❌/g) ?? []).length === 2 &&
		!first.out.includes('Details:');
	if (provenanceOnly) {
		say(
			'    => EXPECTED, and the only failure allowed: the provenance check fails because provenance cannot be produced',
		);
		say(
			'       locally. npm makes it only when .github/workflows/publish.yml publishes from GitHub Actions',
		);
		say('       (npm publish --provenance, OIDC).');
	} else {
		problems.push(
			'the scanner failed without provenance for another reason than provenance (run 1 above)',
		);
	}
	if (!requests.some((url) => url.replace(/\/{2,}/g, '/') === `/registry/${pkg.name}`)) {
		problems.push('run 1 never asked the local registry: the scanner did not run offline');
	}

	withProvenance = true;
	requests.length = 0;
	say(
		`\n-- 2. with a local, unsigned stand-in for the provenance publish.yml will attach (${repo?.[1]}/${repo?.[2]}@${commit.slice(0, 7)}):`,
	);
	const second = await scan();
	say(quote(second.out));
	const passed =
		second.code === 0 && second.out.includes(`✅ Package ${label} has passed all security checks`);
	const asked = (path) => requests.some((url) => url.replace(/\/{2,}/g, '/').startsWith(path));
	if (!passed) problems.push("n8n's scanner failed on the sources or the tarball (run 2 above)");
	else if (!asked(`/codeload/`) || !asked(`/registry/${pkg.name}/-/`)) {
		problems.push('run 2 did not fetch the source and the tarball from the local registry');
	} else {
		say(
			'    => passed: the source fetch, the download, and the lint of the sources (package.json, nodes/, credentials/)',
		);
		say('       and of the packed .js and package.json.');
	}

	say('');
	if (problems.length) {
		console.error(`Package verification failed:\n- ${problems.join('\n- ')}`);
		process.exitCode = 1;
	} else {
		say(
			`Package verification passed: n8n's scanner passes every check but provenance, which only publish.yml can make;` +
				` the tarball holds ${packed.files.length} files, no runtime dependencies.`,
		);
	}
} finally {
	server?.close();
	rmSync(work, { recursive: true, force: true });
}
