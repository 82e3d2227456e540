// One long Place Order execution in a fresh process; prints its memory: at start, peak, and at the end.
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'servertastic-bench-rss-'));
process.env.N8N_ENCRYPTION_KEY ??= 'bench';
process.env.N8N_LOG_LEVEL ??= 'silent';

/* eslint-disable @typescript-eslint/no-require-imports */
const DIST = resolve(__dirname, '..', '..', '..', '..', '..', 'dist');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peak = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

async function main(): Promise<void> {
	const [url, apiKey] = process.argv.slice(2);
	const { tokens, csr, contact } = JSON.parse(readFileSync(0, 'utf8')) as { tokens: string[]; csr: string; contact: Record<string, string> };
	const { runNode } = require('../harness') as typeof import('../harness');
	const { Servertastic } = require(join(DIST, 'nodes/Servertastic/Servertastic.node.js'));
	const { ServertasticApi } = require(join(DIST, 'credentials/ServertasticApi.credentials.js'));
	global.gc?.();
	const start = process.memoryUsage().rss;
	const result = await runNode({
		nodeType: new Servertastic(),
		parameters: {
			resource: 'order', operation: 'place', orderToken: '={{ $json.orderToken }}', validationLevel: 'OV', productBrand: 'geotrust',
			dvAuthMethod: 'DNS', csr, adminSameAsTech: true, ...contact, options: { checkOrderFirst: false, preflight: false, concurrency: 5 },
		},
		inputItems: tokens.map((orderToken) => ({ orderToken })),
		credentialTypes: [new ServertasticApi()],
		credentials: { servertasticApi: { apiKey, environment: 'test', baseUrl: url } },
	});
	if (result.status !== 'success' || result.success.length !== tokens.length) throw new Error(`long run failed: ${result.error?.message}`);
	const end = process.memoryUsage().rss;
	process.stdout.write(`${mb(peak())} (at start ${mb(start)}, at the end ${mb(end)}; ${(result.durationMs / tokens.length).toFixed(2)} ms/item)\n`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
