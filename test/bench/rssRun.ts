// One long execution in a fresh process (run with --expose-gc): Place or the HTTP Request node over
// the same orders. Prints its memory as JSON: peak RSS, RSS and heap before and after (after a full
// GC, with the execution's result still held, as n8n holds it until the execution is saved).
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'servertastic-bench-rss-'));
process.env.N8N_ENCRYPTION_KEY ??= 'bench';
process.env.N8N_LOG_LEVEL ??= 'silent';

/* eslint-disable @typescript-eslint/no-require-imports */
const MB = 1024 * 1024;
const peak = () =>
	Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
const collect = () => {
	for (let i = 0; i < 3; i++) global.gc?.();
};

async function main(): Promise<void> {
	const [which, url, apiKey] = process.argv.slice(2);
	const { items } = JSON.parse(readFileSync(0, 'utf8')) as { items: Array<Record<string, string>> };
	const contenders = require('./contenders') as typeof import('./contenders');
	const contender =
		which === 'http'
			? contenders.httpRequest(contenders.loadHttpRequestNode()!)
			: contenders.placeChecksOff();
	collect();
	const before = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
	const started = Date.now();
	const result = await contender(url, apiKey, items);
	const ms = Date.now() - started;
	const peakRss = peak();
	// Let closing sockets go (HTTP Request sends every item at once), then collect.
	await new Promise((done) => setTimeout(done, 2000));
	collect();
	const held = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
	const outputBytes = Buffer.byteLength(JSON.stringify(result.success.map((item) => item.json)));
	const count = result.success.length;
	// What the execution keeps while its result is held (as n8n holds it until it is saved).
	const keptMbPer1000 = ((held.heap - before.heap) / MB / count) * 1000;
	process.stdout.write(
		`${JSON.stringify({
			items: count,
			peakRssMb: peakRss / MB,
			rssBeforeMb: before.rss / MB,
			rssAfterMb: held.rss / MB,
			heapBeforeMb: before.heap / MB,
			heapAfterMb: held.heap / MB,
			keptMbPer1000,
			outputBytesPerItem: outputBytes / count,
			msPerItem: ms / count,
		})}\n`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
