/**
 * `npm run bench`: every figure of the performance targets in one table, each next to its target, in one
 * run: Order → Place against n8n's own HTTP Request node sending the same order, both inside n8n's
 * engine through the same harness, on loopback against the simulator (in its own process), interleaved.
 * A benchmark prints figures; it asserts nothing about speed.
 * Usage: npm run bench [-- --quick | --smoke | --profile[=one] | --only=<section>]
 *   --smoke   a few items of each figure, to prove the benchmark runs (CI); the figures mean nothing
 *   --profile only Place with its defaults, for `node --cpu-prof` (see test/bench/profileSummary.ts)
 */
import { execFileSync, fork, type ChildProcess } from 'child_process';
import { mkdtempSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'servertastic-bench-'));
process.env.N8N_ENCRYPTION_KEY ??= 'bench';
process.env.N8N_LOG_LEVEL ??= 'silent';

/* eslint-disable @typescript-eslint/no-explicit-any */
import type { IDataObject, INodeType } from 'n8n-workflow';

import {
	CONTACT,
	type Contender,
	formFields,
	httpRequest,
	loadHttpRequestNode,
	NODES_BASE_CACHE,
	placeChecksOff,
	placeDefaults,
	ROOT,
} from './contenders';
import { triggerFigures } from './triggerBench';

const smoke = process.argv.includes('--smoke');
const quick = process.argv.includes('--quick');
const profile = process.argv.some((arg) => arg.startsWith('--profile'));
const size = (full: number, quickly: number, smokeRun: number) =>
	smoke ? smokeRun : quick ? quickly : full;
const ITEMS = size(200, 60, 5);
const ROUNDS = size(5, 2, 1);
const LATENCY_ITEMS = size(50, 50, 6);
const MEMORY_ITEMS = size(10_000, 2_000, 100);
const OPEN_ORDERS = smoke ? [100, 1_000] : [10_000, 100_000];

// ---- the simulator in a child process -------------------------------------------------------
let simulatorProcess: ChildProcess;
let nextId = 1;
const waiting = new Map<number, (value: any) => void>();
function ask<T>(message: IDataObject): Promise<T> {
	const id = nextId++;
	return new Promise((done) => {
		waiting.set(id, done);
		simulatorProcess.send({ ...message, id });
	});
}
async function startSimulatorProcess(): Promise<{ url: string; apiKey: string; csr: string }> {
	simulatorProcess = fork(join(__dirname, 'simulatorProcess.js'), [], {
		stdio: 'inherit',
		execArgv: ['--max-old-space-size=4096'],
	});
	return await new Promise((done) => {
		simulatorProcess.on('message', (message: { id: number; value: any }) => {
			if (message.id === 0) return done(message.value);
			waiting.get(message.id)?.(message.value);
			waiting.delete(message.id);
		});
	});
}

// ---- measuring ----------------------------------------------------------------------------------
async function itemsFor(
	n: number,
	csr: string,
	productCode = 'TrueBizID-12',
): Promise<IDataObject[]> {
	const tokens = await ask<string[]>({ type: 'tokens', n, productCode });
	return tokens.map((orderToken) => ({ orderToken, csr, ...CONTACT }));
}

/** Wall time of one execution, ms. */
async function timeOnce(
	contender: Contender,
	url: string,
	apiKey: string,
	items: IDataObject[],
): Promise<number> {
	return (await measureOnce(contender, url, apiKey, items)).wall;
}

/** Wall time and this process's CPU time (user + system; the simulator runs elsewhere) of one execution, ms. */
async function measureOnce(
	contender: Contender,
	url: string,
	apiKey: string,
	items: IDataObject[],
): Promise<{ wall: number; cpu: number }> {
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	await contender(url, apiKey, items);
	const used = process.cpuUsage(cpu);
	return {
		wall: Number(process.hrtime.bigint() - started) / 1e6,
		cpu: (used.user + used.system) / 1000,
	};
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const rows: Array<[string, string, string, string]> = [];
const row = (figure: string, measured: string, target: string, met: boolean | null) =>
	rows.push([figure, measured, target, met === null ? '—' : met ? 'met' : 'not met']);

/** Calls per item with the defaults: counted by the simulator. */
async function callFigures(url: string, apiKey: string, csr: string): Promise<void> {
	const brands: Record<string, string> = {
		'TrueBizID-12': 'geotrust',
		'SecureSite-12': 'digicert',
	};
	for (const [label, codes] of [
		['1 product', ['TrueBizID-12']],
		['2 products', ['TrueBizID-12', 'SecureSite-12']],
	] as const) {
		const perCode = Math.ceil(ITEMS / codes.length);
		const items = (
			await Promise.all(
				codes.map(async (code) =>
					(await itemsFor(perCode, csr, code)).map((item) => ({ ...item, brand: brands[code] })),
				),
			)
		).flat();
		await ask({ type: 'reset' });
		await placeDefaults(
			{},
			{
				productBrand: '={{ $json.brand }}',
				idaEmail: 'ida@example.com',
				idaPhone: '+44 20 7946 0002',
			},
		)(url, apiKey, items);
		const tally = await ask<Record<string, number>>({ type: 'calls' });
		const perItem = ((tally['order/review'] ?? 0) + (tally['order/place'] ?? 0)) / items.length;
		const fields = tally['order/productfields'] ?? 0;
		const list = tally['product/listproducts'] ?? 0;
		row(
			`Calls per order, defaults, ${items.length} items of ${label}`,
			`${perItem.toFixed(2)} per item (review + place) + ${fields} productfields + ${list} product list`,
			`≤ 2 per item + 1 per product (${codes.length}) + 1 list`,
			perItem <= 2 && fields <= codes.length && list <= 1,
		);
	}
}

/** Per-item cost and the one-item execution, interleaved rounds, medians. */
async function costFigures(
	url: string,
	apiKey: string,
	csr: string,
	http: INodeType,
): Promise<void> {
	const contenders: Array<[string, Contender]> = [
		['defaults', placeDefaults()],
		['checksOff', placeChecksOff()],
		['http', httpRequest(http)],
	];
	for (let warm = 0; warm < (smoke ? 1 : 2); warm++) {
		for (const [, contender] of contenders)
			await timeOnce(contender, url, apiKey, await itemsFor(Math.min(ITEMS, 50), csr));
	}
	const perItem = new Map<string, Array<{ wall: number; cpu: number }>>();
	const single = new Map<string, Array<{ wall: number; cpu: number }>>();
	const add = (map: typeof perItem, name: string, value: { wall: number; cpu: number }) =>
		map.set(name, [...(map.get(name) ?? []), value]);
	for (let round = 0; round < ROUNDS; round++) {
		for (const [name, contender] of contenders) {
			const batch = await measureOnce(contender, url, apiKey, await itemsFor(ITEMS, csr));
			add(perItem, name, { wall: batch.wall / ITEMS, cpu: batch.cpu / ITEMS });
			for (let i = 0; i < (smoke ? 1 : 5); i++)
				add(single, name, await measureOnce(contender, url, apiKey, await itemsFor(1, csr)));
		}
		await ask({ type: 'reset' });
	}
	const of = (map: typeof perItem, name: string) => ({
		cpu: median(map.get(name)!.map((x) => x.cpu)),
		wall: median(map.get(name)!.map((x) => x.wall)),
	});
	const shown = (map: typeof perItem, name: string) => {
		const mine = of(map, name);
		const theirs = of(map, 'http');
		return `CPU ${mine.cpu.toFixed(2)} ms = ${ratio(mine.cpu, theirs.cpu)} HTTP Request (wall ${mine.wall.toFixed(2)} ms = ${ratio(mine.wall, theirs.wall)})`;
	};
	const cpuRatio = (map: typeof perItem, name: string) => of(map, name).cpu / of(map, 'http').cpu;
	row(
		'Per-item cost, defaults (review + place; productfields and list once)',
		shown(perItem, 'defaults'),
		'≤ 1.0× HTTP Request',
		cpuRatio(perItem, 'defaults') <= 1,
	);
	row(
		'Per-item cost, checks off (place only)',
		shown(perItem, 'checksOff'),
		'≤ 0.7× HTTP Request',
		cpuRatio(perItem, 'checksOff') <= 0.7,
	);
	row(
		'Per-item cost, n8n HTTP Request node (one form POST)',
		`CPU ${of(perItem, 'http').cpu.toFixed(2)} ms (wall ${of(perItem, 'http').wall.toFixed(2)} ms)`,
		'reference',
		null,
	);
	row(
		'One-item execution, defaults (4 calls, one after another)',
		shown(single, 'defaults'),
		'≤ 0.7× HTTP Request',
		cpuRatio(single, 'defaults') <= 0.7,
	);
	row(
		'One-item execution, checks off (1 call)',
		shown(single, 'checksOff'),
		'≤ 0.7× HTTP Request',
		cpuRatio(single, 'checksOff') <= 0.7,
	);
	row(
		'One-item execution, n8n HTTP Request node',
		`CPU ${of(single, 'http').cpu.toFixed(2)} ms (wall ${of(single, 'http').wall.toFixed(2)} ms)`,
		'reference',
		null,
	);
}

/** 100 ms per request: Place one at a time, at its default concurrency, and HTTP Request's batch. */
async function latencyFigures(
	url: string,
	apiKey: string,
	csr: string,
	http: INodeType,
): Promise<void> {
	await ask({ type: 'latency', ms: 100 });
	const n = LATENCY_ITEMS;
	const sequential = await timeOnce(
		placeDefaults({ concurrency: 1 }),
		url,
		apiKey,
		await itemsFor(n, csr),
	);
	const concurrent = await timeOnce(placeDefaults(), url, apiKey, await itemsFor(n, csr));
	const widest = await timeOnce(
		placeDefaults({ concurrency: 50 }),
		url,
		apiKey,
		await itemsFor(n, csr),
	);
	const batch = await timeOnce(httpRequest(http), url, apiKey, await itemsFor(n, csr));
	await ask({ type: 'latency', ms: 0 });
	row(
		`100 ms latency, ${n} items, defaults, concurrency 1`,
		`${sequential.toFixed(0)} ms`,
		'reference',
		null,
	);
	row(
		`100 ms latency, ${n} items, defaults, concurrency 5 (default)`,
		`${concurrent.toFixed(0)} ms = ${(sequential / concurrent).toFixed(1)}× faster`,
		'≥ 4× faster than concurrency 1',
		sequential / concurrent >= 4,
	);
	row(
		`100 ms latency, ${n} items, n8n HTTP Request (all items at once, its default)`,
		`${batch.toFixed(0)} ms`,
		'reference',
		null,
	);
	row(
		`100 ms latency, ${n} items, defaults vs HTTP Request batch`,
		`${ratio(concurrent, batch)} (concurrency 50: ${widest.toFixed(0)} ms = ${ratio(widest, batch)})`,
		'≤ 1.2× HTTP Request',
		concurrent <= 1.2 * batch,
	);
}

/** Memory over one long execution of each, in fresh processes. */
async function memoryFigures(url: string, apiKey: string, csr: string): Promise<void> {
	const measure = async (which: string) =>
		JSON.parse(
			execFileSync(
				process.execPath,
				['--expose-gc', join(__dirname, 'rssRun.js'), which, url, apiKey],
				{
					cwd: ROOT,
					encoding: 'utf8',
					input: JSON.stringify({ items: await itemsFor(MEMORY_ITEMS, csr) }),
					maxBuffer: 64 * 1024 * 1024,
				},
			),
		);
	const place = await measure('place');
	const http = await measure('http');
	const per1000 = (figures: any) => figures.keptMbPer1000 as number;
	const describe = (figures: any) =>
		`kept ${per1000(figures).toFixed(1)} MB per 1,000 items (output JSON ${figures.outputBytesPerItem.toFixed(0)} B/item); RSS ${figures.rssBeforeMb.toFixed(0)} → ${figures.rssAfterMb.toFixed(0)} MB, peak ${figures.peakRssMb.toFixed(0)} MB; heap ${figures.heapBeforeMb.toFixed(0)} → ${figures.heapAfterMb.toFixed(0)} MB`;
	row(
		`Memory, ${MEMORY_ITEMS} items, Place (checks off, Output Simplified: the default)`,
		describe(place),
		'≤ HTTP Request per item',
		per1000(place) <= per1000(http),
	);
	row(`Memory, ${MEMORY_ITEMS} items, n8n HTTP Request node`, describe(http), 'reference', null);
}

async function triggerRows(url: string, apiKey: string): Promise<void> {
	for (const openOrders of OPEN_ORDERS) {
		const figures = await triggerFigures(ask, url, apiKey, openOrders, 10);
		const growth = figures.eventStaticBytes - figures.steadyStaticBytes;
		row(
			`Trigger, ${openOrders.toLocaleString('en-GB')} open orders, all changed within the last 5 min (Order Status Changed)`,
			`poll with nothing changed: ${figures.steadyCalls} call, ${figures.steadyMs.toFixed(0)} ms, ${figures.falseEvents} events fired; ` +
				`poll with ${figures.pending} changes: ${figures.eventCalls} call, ${figures.eventMs.toFixed(0)} ms, ${figures.eventsFired} events; first poll (baseline) ${figures.baselineMs.toFixed(0)} ms; ` +
				`static data ${(figures.steadyStaticBytes / 1024).toFixed(0)} KB, then ${growth >= 0 ? '+' : ''}${growth} B`,
			'1 call per poll, no false events; static data grows ≤ the pending events',
			figures.steadyCalls === 1 &&
				figures.eventCalls === 1 &&
				figures.falseEvents === 0 &&
				figures.eventsFired === figures.pending &&
				growth <= figures.pending * 200,
		);
	}
}

async function main(): Promise<void> {
	const { url, apiKey, csr } = await startSimulatorProcess();
	if (profile) {
		// --profile=one: one-item executions; otherwise batches.
		const one = process.argv.includes('--profile=one');
		for (let round = 0; round < (one ? 400 : 10); round++)
			await placeDefaults()(url, apiKey, await itemsFor(one ? 1 : 500, csr));
		simulatorProcess.kill();
		return;
	}
	const http = loadHttpRequestNode();
	if (!http)
		throw new Error(
			`n8n's HTTP Request node is missing: run node test/bench/install-http-request-node.js (installs into ${NODES_BASE_CACHE})`,
		);
	// The two send the same form: checked, not assumed.
	await placeChecksOff()(url, apiKey, await itemsFor(1, csr));
	const sent = Object.keys((await ask<IDataObject>({ type: 'placeBody' })) ?? {}).sort();
	const form = formFields()
		.map(([name]) => name)
		.sort();
	if (JSON.stringify(sent) !== JSON.stringify(form))
		throw new Error(`Place sends ${sent.join(',')} but the HTTP Request form is ${form.join(',')}`);

	const sections: Array<[string, () => Promise<void>]> = [
		['Calls per order', () => callFigures(url, apiKey, csr)],
		['Per-item cost', () => costFigures(url, apiKey, csr, http)],
		['100 ms latency', () => latencyFigures(url, apiKey, csr, http)],
		['Memory', () => memoryFigures(url, apiKey, csr)],
		['Trigger', () => triggerRows(url, apiKey)],
	];
	let failed = false;
	const only = process.argv
		.find((arg) => arg.startsWith('--only='))
		?.slice('--only='.length)
		.toLowerCase();
	for (const [name, section] of sections) {
		if (only && !name.toLowerCase().includes(only)) continue;
		// One failing section is a row of the table, not the end of the run.
		await section().catch((error: Error) => {
			failed = true;
			row(name, `FAILED: ${error.message.split('\n')[0]}`, '', false);
		});
	}
	simulatorProcess.kill();
	if (failed) process.exitCode = 1;

	const mode = smoke
		? ' (SMOKE RUN: a few items each, the figures mean nothing)'
		: quick
			? ' (quick run)'
			: '';
	console.log(
		`Servertastic benchmark${mode}: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} × ${cpus()[0]?.model?.trim()}, Node ${process.version}`,
	);
	console.log(
		`One OV order of ${form.length} form parameters, 24 from item expressions; ${ITEMS} items per run, ${ROUNDS} interleaved rounds, medians; loopback.\n`,
	);
	console.log('| figure | measured | target | |\n| --- | --- | --- | --- |');
	for (const [figure, measured, target, met] of rows)
		console.log(`| ${figure} | ${measured} | ${target} | ${met} |`);
}

main().catch((error) => {
	console.error(error);
	simulatorProcess?.kill();
	process.exitCode = 1;
});
