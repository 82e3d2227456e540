import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/contract';
import { startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { parseFixturePath } from '.';
import { refuseBaseUrl } from './live';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset({ state: true }));

async function run(
	args: string[] = [],
	env: Record<string, string | undefined> = { SERVERTASTIC_TEST_API_KEY: sim.apiKey },
) {
	const lines: string[] = [];
	const code = await main(['--test-api', '--base-url', sim.url, ...args], env, (line) =>
		lines.push(line),
	);
	return { code, lines, text: lines.join('\n') };
}

const tokensOf = (s: Simulator) => [
	...new Set(s.requests.map((r) => r.query.order_token ?? r.body.order_token).filter(Boolean)),
];

describe('npm run contract (against the simulator)', () => {
	it('documented mode: every call matches the fixtures', async () => {
		const { code, lines, text } = await run();
		expect(lines.filter((l) => l.startsWith('DIFF'))).toEqual([]);
		expect(lines.at(-1)).toBe('contract: 15 calls, 15 matching, 0 differing');
		expect(code).toBe(0);
		// The whole life ran: read calls, then the order from generatetoken to cancel, placed by DNS with a CSR.
		const calls = sim.requests.map((r) => r.call);
		expect(calls).toEqual([
			'account/review',
			'product/listproducts',
			'order/showtokens',
			'order/expiring',
			'order/modifiedorders',
			'order/approverlist',
			'account/addtestpoints',
			'order/generatetoken',
			'order/productfields',
			'order/review',
			'order/place',
			'order/advanceorder',
			'order/review',
			'order/cancel',
			'order/showtokens',
		]);
		const place = sim.requestsTo('order/place')[0];
		expect(place.method).toBe('POST');
		expect(place.body.dv_auth_method).toBe('DNS');
		expect(place.body.csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
		expect(sim.requestsTo('order/generatetoken')[0].query.st_product_code).toBe('RapidSSL-12');
		expect(text).not.toContain(sim.apiKey);
		for (const token of tokensOf(sim)) expect(text).not.toContain(token);
	});

	it('one-as-object mode: reports exactly that variant', async () => {
		sim.settings.answerVariant = 'one-as-object';
		const { code, lines } = await run();
		expect(code).toBe(1);
		expect(lines).toContain('contract: variant readings seen: one-as-object');
		const variantLines = lines.filter((l) => l.includes('matches'));
		expect(variantLines.length).toBeGreaterThan(0);
		for (const l of variantLines)
			expect(l).toMatch(/matches variant one-as-object(, required-if-single)?$/);
		expect(lines.at(-1)).toMatch(/^contract: 15 calls, \d+ matching, [1-9]\d* differing$/);
	});

	it('--accept-variants counts a variant as matching', async () => {
		sim.settings.answerVariant = 'empty-as-object';
		const { code, lines } = await run(['--accept-variants']);
		expect(lines.at(-1)).toBe('contract: 15 calls, 15 matching, 0 differing');
		expect(code).toBe(0);
	});

	it('reports an answer no reading explains', async () => {
		sim.respondOnce('order/productfields', {
			status: 200,
			body: { success: 'Product fields', fields: [] },
		});
		const { code, lines } = await run(['--accept-variants']);
		expect(code).toBe(1);
		expect(lines).toContain('DIFF order/productfields');
		expect(lines).toContain(
			'     order/productfields: (top level) is an object where the fixture has a list',
		);
		expect(lines.at(-1)).toBe('contract: 15 calls, 14 matching, 1 differing');
	});

	it('--record writes fixtures with the key, tokens, CSR and private keys redacted', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'contract-record-'));
		try {
			const { code } = await run(['--record', dir]);
			expect(code).toBe(0);
			const files = readdirSync(dir, { recursive: true, withFileTypes: true })
				.filter((e) => e.isFile())
				.map((e) => join(e.parentPath, e.name));
			expect(files.length).toBe(15); // one per call; review and showtokens twice, under two case names
			const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
			expect(all).not.toContain(sim.apiKey);
			const tokens = tokensOf(sim);
			expect(tokens.length).toBe(1);
			for (const token of tokens) expect(all).not.toContain(token);
			expect(all).not.toMatch(/BEGIN (EC |RSA )?PRIVATE KEY|BEGIN CERTIFICATE REQUEST/);
			expect(all).toContain('[redacted order token]');
			for (const f of files) {
				const parsed = JSON.parse(readFileSync(f, 'utf8')) as {
					source: string;
					note: string;
					answer: unknown;
				};
				expect(parsed.source).toMatch(
					/^recorded from http:\/\/127\.0\.0\.1:\d+ \(not the test API\) on \d{4}-\d\d-\d\d$/,
				);
				expect(() => parseFixturePath(f.slice(dir.length + 1))).not.toThrow();
			}
			const generated = JSON.parse(
				readFileSync(join(dir, 'order', 'generatetoken.recorded.json'), 'utf8'),
			);
			expect(generated.answer.order_token).toBe('[redacted order token]');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('npm run contract: refusals', () => {
	it('refuses to run without the key', async () => {
		const { code, lines } = await run([], {});
		expect(code).toBe(2);
		expect(lines).toEqual([
			'contract: SERVERTASTIC_TEST_API_KEY is not set: refusing to run without the test API key',
		]);
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses without --test-api, and on an unknown argument', async () => {
		const lines: string[] = [];
		expect(await main([], { SERVERTASTIC_TEST_API_KEY: 'k' }, (l) => lines.push(l))).toBe(2);
		expect(lines[0]).toMatch(/--test-api is required/);
		expect(
			await main(['--test-api', '--nope'], { SERVERTASTIC_TEST_API_KEY: 'k' }, (l) =>
				lines.push(l),
			),
		).toBe(2);
		expect(lines[1]).toMatch(/unknown argument --nope/);
	});

	it.each([
		'https://api2.servertastic.com',
		'https://API2.servertastic.com/',
		'http://api2.servertastic.com:443',
		'https://api.servertastic.com',
		'https://reseller.servertastic.com',
		'https://api2.servertastic.com.example.org',
	])('refuses the live API %s', async (url) => {
		expect(refuseBaseUrl(url)).toMatch(/refusing/);
		const lines: string[] = [];
		expect(
			await main(['--test-api', '--base-url', url], { SERVERTASTIC_TEST_API_KEY: 'k' }, (l) =>
				lines.push(l),
			),
		).toBe(2);
		expect(lines[0]).toMatch(/^contract: refusing .* test API/);
	});

	it('accepts the test API and local URLs', () => {
		expect(refuseBaseUrl('https://test-api2.servertastic.com')).toBeUndefined();
		expect(refuseBaseUrl('http://127.0.0.1:8080')).toBeUndefined();
		expect(refuseBaseUrl('not a url')).toMatch(/not a URL/);
	});
});
