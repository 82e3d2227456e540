/**
 * `npm run bench`: prints what Order → Place costs per item inside n8n's engine, against n8n's own
 * HTTP Request node, a minimal node and a bare fetch loop sending the same form, all in one run on
 * loopback against the simulator, interleaved. A benchmark prints figures; it asserts nothing.
 * Usage: npm run bench [-- --quick]
 */
import { execFileSync, fork, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join, resolve } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'servertastic-bench-'));
process.env.N8N_ENCRYPTION_KEY ??= 'bench';
process.env.N8N_LOG_LEVEL ??= 'silent';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { ORGANISATION, TECH_ADDRESS, TECH_CONTACT } from '../support/contact';

const ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
const DIST = join(ROOT, 'dist');
const NODES_BASE_CACHE = '/var/cache/n8n-nodes-servertastic/bench-n8n-nodes-base-2.41.1';
const quick = process.argv.includes('--quick');
const ITEMS = quick ? 40 : 200;
const ROUNDS = quick ? 2 : 5;

const { runNode } = require('../harness') as typeof import('../harness');
const { Servertastic } = require(join(DIST, 'nodes/Servertastic/Servertastic.node.js'));
const { ServertasticApi } = require(join(DIST, 'credentials/ServertasticApi.credentials.js'));

// ---- the simulator in a child process -------------------------------------------------------
let simulatorProcess: ChildProcess;
let nextId = 1;
const pending = new Map<number, (value: any) => void>();
function ask<T>(message: IDataObject): Promise<T> {
	const id = nextId++;
	return new Promise((done) => {
		pending.set(id, done);
		simulatorProcess.send({ ...message, id });
	});
}
async function startSimulatorProcess(): Promise<{ url: string; apiKey: string; csr: string }> {
	simulatorProcess = fork(join(__dirname, 'simulatorProcess.js'), [], { stdio: 'inherit' });
	return await new Promise((done) => {
		simulatorProcess.on('message', (message: { id: number; value: any }) => {
			if (message.id === 0) return done(message.value);
			pending.get(message.id)?.(message.value);
			pending.delete(message.id);
		});
	});
}

// ---- the order every contender sends: OV, 21 fields from the item ---------------------------
const CONTACT = { ...TECH_CONTACT, ...TECH_ADDRESS, ...ORGANISATION };
const FIELD_API_NAMES: Record<string, string[]> = {
	techFirstName: ['tech_contact_first_name', 'admin_contact_first_name'],
	techLastName: ['tech_contact_last_name', 'admin_contact_last_name'],
	techPhone: ['tech_contact_phone', 'admin_contact_phone'],
	techEmail: ['tech_contact_email', 'admin_contact_email'],
	techJobTitle: ['tech_contact_title', 'admin_contact_title'],
	techOrganisationName: ['tech_contact_organisation_name', 'admin_contact_organisation_name'],
	techAddressLine1: ['tech_contact_address_line1', 'admin_contact_address_line1'],
	techCity: ['tech_contact_address_city', 'admin_contact_address_city'],
	techRegion: ['tech_contact_address_region', 'admin_contact_address_region'],
	techPostCode: ['tech_contact_address_post_code', 'admin_contact_address_post_code'],
	techCountryCode: ['tech_contact_address_country', 'admin_contact_address_country'],
	orgName: ['org_name'], orgAddressLine1: ['org_address_line1'], orgCity: ['org_address_city'], orgRegion: ['org_address_region'],
	orgPostalCode: ['org_address_postal_code'], orgCountry: ['org_address_country'], orgPhone: ['org_address_phone'],
};
/** The form body, as name → item field (or fixed value). */
function formFields(): Array<[string, string | { fixed: string }]> {
	const fields: Array<[string, string | { fixed: string }]> = [
		['order_token', 'orderToken'],
		['dv_auth_method', { fixed: 'DNS' }],
		['csr', 'csr'],
		['exclude_addon', { fixed: '0' }],
		['renewal', { fixed: '0' }],
	];
	for (const [field, apiNames] of Object.entries(FIELD_API_NAMES)) for (const apiName of apiNames) fields.push([apiName, field]);
	return fields;
}

function credentials(url: string, apiKey: string) {
	return { servertasticApi: { apiKey, environment: 'test', baseUrl: url } };
}

function placeParameters(asExpressions: boolean, options: IDataObject): IDataObject {
	const fields = Object.fromEntries(Object.keys(CONTACT).map((name) => [name, asExpressions ? `={{ $json.${name} }}` : (CONTACT as any)[name]]));
	return {
		resource: 'order', operation: 'place', orderToken: '={{ $json.orderToken }}', validationLevel: 'OV', productBrand: 'geotrust',
		dvAuthMethod: 'DNS', csr: asExpressions ? '={{ $json.csr }}' : '', adminSameAsTech: true, ...fields, options,
	};
}

// ---- contenders -------------------------------------------------------------------------------
type Contender = (url: string, apiKey: string, items: IDataObject[]) => Promise<void>;

function expectPlaced(result: any, n: number, name: string) {
	if (result.status !== 'success' || result.success.length !== n || result.success.some((item: any) => item.json.error)) {
		throw new Error(`${name} did not place ${n} orders: ${result.error?.message ?? JSON.stringify(result.success[0]?.json).slice(0, 300)}`);
	}
}

const placeOrder = (asExpressions: boolean, options: IDataObject): Contender => async (url, apiKey, items) => {
	const parameters = placeParameters(asExpressions, options);
	if (!asExpressions) parameters.csr = items[0].csr;
	const result = await runNode({ nodeType: new Servertastic(), parameters: parameters as INodeParameters, inputItems: items, credentialTypes: [new ServertasticApi()], credentials: credentials(url, apiKey) });
	expectPlaced(result, items.length, 'Place Order');
};

function loadHttpRequestNode(): INodeType | undefined {
	const path = join(NODES_BASE_CACHE, 'node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js');
	if (!existsSync(path)) return undefined;
	const { HttpRequest } = require(path);
	return new HttpRequest();
}

const httpRequestNode = (node: INodeType): Contender => async (url, _apiKey, items) => {
	const parameters = {
		method: 'POST',
		url: `${url}/order/place.json`,
		sendBody: true,
		contentType: 'form-urlencoded',
		bodyParameters: {
			parameters: formFields().map(([name, source]) => ({ name, value: typeof source === 'string' ? `={{ $json.${source} }}` : source.fixed })),
		},
		options: {},
	};
	const result = await runNode({ nodeType: node, nodeTypeName: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters, inputItems: items });
	expectPlaced(result, items.length, 'HTTP Request');
};

/** The floor for any node inside n8n: reads the same expressions, one request per item, nothing else. */
class MinimalNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Minimal', name: 'minimal', group: ['transform'], version: 1, description: 'bench', defaults: { name: 'Minimal' },
		inputs: ['main'] as any, outputs: ['main'] as any,
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			...formFields().map(([name]) => ({ displayName: name, name, type: 'string' as const, default: '' })),
		],
	};
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		const url = this.getNodeParameter('url', 0) as string;
		for (let i = 0; i < items.length; i++) {
			const form = new URLSearchParams();
			for (const [name] of formFields()) form.append(name, String(this.getNodeParameter(name, i)));
			const body = await this.helpers.httpRequest({ method: 'POST', url, body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			out.push({ json: body as IDataObject, pairedItem: { item: i } });
		}
		return [out];
	}
}
const minimalNode: Contender = async (url, _apiKey, items) => {
	const parameters: IDataObject = { url: `${url}/order/place.json` };
	for (const [name, source] of formFields()) parameters[name] = typeof source === 'string' ? `={{ $json.${source} }}` : source.fixed;
	const result = await runNode({ nodeType: new MinimalNode(), nodeTypeName: 'CUSTOM.minimal', parameters: parameters as INodeParameters, inputItems: items });
	expectPlaced(result, items.length, 'Minimal node');
};

const fetchLoop: Contender = async (url, _apiKey, items) => {
	for (const item of items) {
		const form = new URLSearchParams();
		for (const [name, source] of formFields()) form.append(name, typeof source === 'string' ? String(item[source]) : source.fixed);
		const response = await fetch(`${url}/order/place.json`, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		const body = (await response.json()) as IDataObject;
		if (!body.success) throw new Error(`fetch loop: ${JSON.stringify(body)}`);
	}
};

// ---- measuring ----------------------------------------------------------------------------------
async function itemsFor(n: number, csr: string): Promise<IDataObject[]> {
	const tokens = await ask<string[]>({ type: 'tokens', n });
	return tokens.map((orderToken) => ({ orderToken, csr, ...CONTACT }));
}

async function timeOnce(contender: Contender, url: string, apiKey: string, n: number, csr: string): Promise<number> {
	const items = await itemsFor(n, csr);
	const started = process.hrtime.bigint();
	await contender(url, apiKey, items);
	return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms: number) => ms.toFixed(2).padStart(8);

async function main(): Promise<void> {
	const { url, apiKey, csr } = await startSimulatorProcess();
	const httpNode = loadHttpRequestNode();
	const contenders: Array<[string, Contender]> = [
		['Place Order (expressions, checks off: same requests)', placeOrder(true, { checkOrderFirst: false, preflight: false, concurrency: 1 })],
		['Place Order (expressions, defaults: review + productfields + place)', placeOrder(true, { concurrency: 1 })],
		...(httpNode ? [['n8n HTTP Request node (expressions)', httpRequestNode(httpNode)] as [string, Contender]] : []),
		['minimal node (same expressions, one request)', minimalNode],
		['Place Order (fixed values, checks off)', placeOrder(false, { checkOrderFirst: false, preflight: false, concurrency: 1 })],
		['bare fetch loop (the floor)', fetchLoop],
	];
	console.log(`Servertastic benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model?.trim()}, Node ${process.version}`);
	console.log(`Form: ${formFields().length} parameters, 21 taken from the item; ${ITEMS} items per run, ${ROUNDS} interleaved rounds, medians.`);
	if (!httpNode) console.log(`(n8n HTTP Request node skipped: install n8n-nodes-base@2.41.1 into ${NODES_BASE_CACHE}; see test/bench/README)`);

	// Warm up every contender (JIT, lazy loading) before anything is measured.
	for (let i = 0; i < 2; i++) for (const [, contender] of contenders) await timeOnce(contender, url, apiKey, quick ? 20 : 100, csr);
	const perItem = new Map<string, number[]>();
	const single = new Map<string, number[]>();
	for (let round = 0; round < ROUNDS; round++) {
		for (const [name, contender] of contenders) {
			perItem.set(name, [...(perItem.get(name) ?? []), (await timeOnce(contender, url, apiKey, ITEMS, csr)) / ITEMS]);
			for (let i = 0; i < 4; i++) single.set(name, [...(single.get(name) ?? []), await timeOnce(contender, url, apiKey, 1, csr)]);
		}
		await ask({ type: 'reset' });
	}
	const httpName = 'n8n HTTP Request node (expressions)';
	const reference = (name: string) => median(perItem.get(name) ?? [NaN]);
	console.log('\n| contender | ms/item | items/s | 1-item execution ms | × HTTP Request | × minimal node | × fetch loop |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const [name] of contenders) {
		const ms = reference(name);
		console.log(`| ${name} | ${fmt(ms)} | ${(1000 / ms).toFixed(0).padStart(6)} | ${fmt(median(single.get(name)!))} | ${(ms / reference(httpName)).toFixed(2)} | ${(ms / reference('minimal node (same expressions, one request)')).toFixed(2)} | ${(ms / reference('bare fetch loop (the floor)')).toFixed(2)} |`);
	}

	// Concurrency against a distant API.
	await ask({ type: 'latency', ms: 100 });
	const latencyItems = quick ? 20 : 50;
	console.log(`\nWith 100 ms of latency per request, ${latencyItems} items (checks off: one request per item):`);
	const sequential = await timeOnce(placeOrder(true, { checkOrderFirst: false, preflight: false, concurrency: 1 }), url, apiKey, latencyItems, csr);
	console.log(`| concurrency | total ms | ms/item | speed-up |\n| ---: | ---: | ---: | ---: |\n| 1 | ${sequential.toFixed(0)} | ${(sequential / latencyItems).toFixed(1)} | 1.0 |`);
	for (const concurrency of [5, 10]) {
		const total = await timeOnce(placeOrder(true, { checkOrderFirst: false, preflight: false, concurrency }), url, apiKey, latencyItems, csr);
		console.log(`| ${concurrency} | ${total.toFixed(0)} | ${(total / latencyItems).toFixed(1)} | ${(sequential / total).toFixed(1)} |`);
	}
	await ask({ type: 'latency', ms: 0 });

	// Size and start-up.
	const requireMs = execFileSync(process.execPath, ['-e', `require('n8n-workflow'); const t = process.hrtime.bigint(); require(${JSON.stringify(join(DIST, 'nodes/Servertastic/Servertastic.node.js'))}); require(${JSON.stringify(join(DIST, 'credentials/ServertasticApi.credentials.js'))}); console.log(Number(process.hrtime.bigint() - t) / 1e6)`], { cwd: ROOT, encoding: 'utf8' }).trim();
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
	console.log(`\nrequire() of the built node and credential (n8n-workflow already loaded, as in n8n): ${Number(requireMs).toFixed(1)} ms`);
	console.log(`packed tarball: ${(packed.size / 1024).toFixed(1)} KB (${packed.files.length} files)`);

	// Memory over a long run, in a fresh process.
	const rssItems = quick ? 2_000 : 10_000;
	const tokens = await ask<string[]>({ type: 'tokens', n: rssItems });
	const rss = execFileSync(process.execPath, [join(__dirname, 'rssRun.js'), url, apiKey, JSON.stringify(tokens.length)], {
		cwd: ROOT, encoding: 'utf8', input: JSON.stringify({ tokens, csr, contact: CONTACT }), maxBuffer: 64 * 1024 * 1024,
	}).trim();
	console.log(`peak RSS, Place Order over ${rssItems} items in one execution (fixed values, checks off, concurrency 5): ${rss}`);

	simulatorProcess.kill();
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').includes('## Performance');
	if (!readme) console.log('\n(The README has no Performance section yet.)');
}

main().catch((error) => {
	console.error(error);
	simulatorProcess?.kill();
	process.exitCode = 1;
});
