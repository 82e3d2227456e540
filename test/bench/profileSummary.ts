/**
 * Where Place's time goes: reads a V8 CPU profile (`node --cpu-prof … bench.js --profile`) and sums the
 * self time of its samples by what the code is doing, from each frame's script and function.
 * Usage: node …/profileSummary.js <file.cpuprofile>
 */
import { readFileSync } from 'fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** First match wins: our files by name, then n8n's and Node's by package or module. */
const CATEGORIES: Array<[string, (url: string, fn: string) => boolean]> = [
	['idle', (_url, fn) => fn === '(idle)'],
	['garbage collection', (_url, fn) => fn === '(garbage collector)'],
	[
		'ours: CSR parsing and signature check',
		(url) => /Servertastic\/helpers\/(csr|csrSignature|der|pem)\.js/.test(url),
	],
	[
		'ours: validation (fields, countries, pre-flight)',
		(url) =>
			/Servertastic\/helpers\/(validation|countries|preflight|productFields|productMatch|placementState)\.js/.test(
				url,
			),
	],
	[
		'ours: body building',
		(url) =>
			/Servertastic\/helpers\/(placeOrder|placeOrderFields|dcv|output|normalise|orderReview)\.js/.test(
				url,
			),
	],
	['ours: parameter reading', (url) => /Servertastic\/actions\/parameters\.js/.test(url)],
	['ours: transport', (url) => /Servertastic\/transport\//.test(url)],
	['ours: operation and router', (url) => /dist\/nodes\/Servertastic\//.test(url)],
	// n8n builds a data proxy for every expression it resolves, with luxon DateTimes for $now and $today.
	[
		'n8n: parameter and expression resolution (incl. luxon for $now)',
		(url, fn) =>
			/(luxon|@n8n\/tournament|esprima|recast|ast-types|jmespath|lodash)/.test(url) ||
			(/n8n-workflow/.test(url) &&
				/(expression|Expression|workflow-data-proxy|resolve|tmpl|evaluat|extend|getNodeParameter|get-parameter|node-helpers)/i.test(
					url + fn,
				)),
	],
	[
		'n8n: HTTP helpers (n8n-core request helper, axios)',
		(url) =>
			/(request-helper|axios|follow-redirects|form-data|proxy-from-env|combined-stream|mime-types|asynckit)/.test(
				url,
			),
	],
	[
		'Node: HTTP, sockets, streams, URL, event loop',
		(url, fn) =>
			/^node:(_http|http|https|net|stream|url|events|internal\/(http|stream|net|streams|dns|url|timers|async_hooks|process\/task_queues|stream_base_commons|event_target))/.test(
				url,
			) ||
			[
				'writev',
				'writeLatin1String',
				'writeUtf8String',
				'close',
				'parse',
				'runMicrotasks',
			].includes(fn),
	],
	['Node: crypto', (url) => /^node:(crypto|internal\/crypto)/.test(url)],
	[
		'n8n: engine (WorkflowExecute, contexts, other n8n-workflow/n8n-core)',
		(url) => /(n8n-core|n8n-workflow|@n8n)/.test(url),
	],
	['benchmark harness', (url) => /servertastic-scripts\/test\//.test(url)],
	['native, builtins and other', () => true],
];

function main(): void {
	const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const totals = new Map<string, number>();
	let all = 0;
	profile.samples.forEach((id, index) => {
		const frame = byId.get(id)!.callFrame;
		const [category] = CATEGORIES.find(([, test]) => test(frame.url, frame.functionName))!;
		const delta = profile.timeDeltas[index] ?? 0;
		totals.set(category, (totals.get(category) ?? 0) + delta);
		if (category !== 'idle') all += delta;
	});
	console.log('| where | self time ms | share of busy time |\n| --- | ---: | ---: |');
	for (const [category] of CATEGORIES) {
		const us = totals.get(category) ?? 0;
		if (category === 'idle' || us === 0) continue;
		console.log(`| ${category} | ${(us / 1000).toFixed(0)} | ${((us / all) * 100).toFixed(1)}% |`);
	}
	console.log(
		`| (idle, waiting for the simulator) | ${((totals.get('idle') ?? 0) / 1000).toFixed(0)} | |`,
	);
}

main();
