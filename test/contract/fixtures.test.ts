import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	FIXTURES_DIR,
	allFixtures,
	fixture,
	fixtureCalls,
	fixtureCases,
	parseFixturePath,
	serveFixture,
} from '.';
import { startSimulator } from '../simulator';

// The primary sources are copied to .tmp/sources (not in git); where they are absent only the
// format checks run.
const SOURCES = join(__dirname, '..', '..', '.tmp', 'sources');
const SOURCE_FILES: Record<string, string> = {
	'api2.md': 'api2.md',
	'classes/STOrderManager.php': 'STOrderManager.php',
	'www/review.php': 'review.php',
	'www/order_review.php': 'order_review.php',
	'PluginServertastic.php': 'PluginServertastic.php',
};
const CITE = /\b(DOC|STC|CX) ([\w./]+\.(?:md|php))((?::[\d,-]+)?)/g;

interface Citation {
	who: string;
	file: string;
	ranges: Array<[number, number]>;
}

function citations(source: string): Citation[] {
	const out: Citation[] = [];
	// "STC www/review.php:365,457-466" and "DOC api2.md:512-584 (statuses DOC api2.md:586-596)".
	for (const m of source.matchAll(CITE)) {
		const ranges = m[3]
			.slice(1)
			.split(',')
			.filter(Boolean)
			.map((r) => r.split('-').map(Number) as [number, number?])
			.map(([a, b]): [number, number] => [a, b ?? a]);
		out.push({ who: m[1], file: m[2], ranges });
	}
	return out;
}

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
	if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			out.add(k);
			keysOf(v, out);
		}
	}
	return out;
}

describe('contract fixtures: files', () => {
	const files: string[] = [];
	const walk = (dir: string, rel: string) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
			else files.push(`${rel}${e.name}`);
		}
	};
	walk(FIXTURES_DIR, '');

	it.each(files)('%s is JSON with source, note and answer', (file) => {
		const parsed = JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8')) as Record<
			string,
			unknown
		>;
		expect(Object.keys(parsed).sort()).toEqual(['answer', 'note', 'source']);
		expect(typeof parsed.note).toBe('string');
		expect((parsed.note as string).length).toBeGreaterThan(5);
		expect(() => parseFixturePath(file)).not.toThrow();
	});

	const RECORDED = /^recorded from .+ on \d{4}-\d\d-\d\d/;
	const transcribed = allFixtures().filter((f) => !RECORDED.test(f.source));

	it.each(allFixtures().map((f) => [f.file, f.source]))(
		'%s names a source file and lines',
		(_file, source) => {
			if (RECORDED.test(source)) return; // `npm run contract -- --record`: the answer is its own source
			const cited = citations(source);
			expect(cited.length).toBeGreaterThan(0);
			for (const c of cited) {
				expect(Object.keys(SOURCE_FILES)).toContain(c.file);
				for (const [a, b] of c.ranges) expect(b).toBeGreaterThanOrEqual(a);
			}
			// The first citation is the answer itself, with lines.
			expect(cited[0].ranges.length).toBeGreaterThan(0);
		},
	);

	const haveSources = existsSync(join(SOURCES, 'api2.md'));
	(haveSources
		? it.each(transcribed.map((f) => [f.file, f]))
		: it.skip.each([['(sources absent)', undefined]]))(
		'%s: every key is in the cited lines (a DOC tag, or a name STC/CX read)',
		(_file, f) => {
			const fx = f as ReturnType<typeof allFixtures>[number];
			const cited = citations(fx.source);
			const text = (who: string) =>
				cited
					.filter((c) => c.who === who || (who === 'OTHER' && c.who !== 'DOC'))
					.map((c) => {
						const lines = readFileSync(join(SOURCES, SOURCE_FILES[c.file]), 'utf8').split('\n');
						for (const [, b] of c.ranges) expect(b).toBeLessThanOrEqual(lines.length);
						return c.ranges.map(([a, b]) => lines.slice(a - 1, b).join('\n')).join('\n');
					})
					.join('\n');
			const doc = text('DOC');
			const other = text('OTHER');
			const unsourced = [...keysOf(fx.answer)].filter(
				(k) =>
					!/^\d+$/.test(k) &&
					!new RegExp(`<${k}[ />]`).test(doc) &&
					!new RegExp(`\\b${k}\\b`).test(other),
			);
			expect(unsourced).toEqual([]);
		},
	);

	it('the cited DOC answer lines hold the answer: its success text or first key', () => {
		if (!haveSources) return;
		const doc = readFileSync(join(SOURCES, 'api2.md'), 'utf8').split('\n');
		for (const f of transcribed) {
			const first = citations(f.source)[0];
			if (first.who !== 'DOC') continue;
			const [a, b] = first.ranges[first.ranges.length - 1];
			const lines = doc.slice(a - 1, b).join('\n');
			const answer = f.answer as Record<string, unknown> | unknown[];
			const marker = Array.isArray(answer)
				? `<item>${String(answer[0])}</item>`
				: `<${Object.keys(answer)[0]}>`;
			expect({ file: f.file, found: lines.includes(marker) }).toEqual({
				file: f.file,
				found: true,
			});
		}
	});
});

describe('contract fixtures: index', () => {
	it('has every documented call', () => {
		expect(fixtureCalls()).toEqual([
			'account/addtestpoints',
			'account/emptytestpoints',
			'account/pointsaudit',
			'account/regenerateapikey',
			'account/review',
			'error',
			'order/advanceorder',
			'order/approverlist',
			'order/cancel',
			'order/changeapproveremail',
			'order/changeauthmethod',
			'order/expiring',
			'order/generatetoken',
			'order/modifiedorders',
			'order/place',
			'order/pollauth',
			'order/productfields',
			'order/reissue',
			'order/resendemail',
			'order/review',
			'order/showtokens',
			'product/listproducts',
		]);
		expect(fixtureCases('order/review')).toEqual(
			expect.arrayContaining([
				'fresh-token',
				'placed-awaiting-email',
				'placed-dns',
				'completed',
				'ov',
				'additional-sans',
			]),
		);
		expect(fixtureCases('order/place')).toEqual(
			expect.arrayContaining(['csr-supplied', 'key-generated', 'file', 'dns']),
		);
	});

	it('fixture() gives deep copies, the default case, and refuses unknown cases', () => {
		const a = fixture('order/review') as Record<string, unknown>;
		expect(a.order_status).toBe('Completed');
		a.order_status = 'changed';
		(a.modifications as { modification: unknown[] }).modification.length = 0;
		const b = fixture('order/review', 'completed') as {
			order_status: string;
			modifications: { modification: unknown[] };
		};
		expect(b.order_status).toBe('Completed');
		expect(b.modifications.modification).toHaveLength(3);
		expect(fixture('order/generatetoken')).toEqual(
			expect.objectContaining({ product_code: 'RapidSSL-12' }),
		);
		expect(() => fixture('order/review', 'nope')).toThrow(/cases: .*fresh-token/);
		expect(() => fixture('order/nothing')).toThrow(/No fixture order\/nothing/);
	});

	it('productfields is the documented RapidSSL-12 example', () => {
		const pf = fixture('order/productfields') as unknown[];
		expect(pf.slice(0, 2)).toEqual(['RapidSSL-12', 'RapidSSL: RapidSSL - 1 Year']);
		expect(pf).toHaveLength(25);
		expect(pf[2]).toEqual({
			order_token: { required: '1', input_type: 'hidden', options: '', required_if: '' },
		});
		expect(pf).toContainEqual({
			hashing_algorithm: {
				required: '1',
				input_type: 'select',
				options: ['SHA-256', 'SHA-256-FULL-CHAIN'],
				required_if: '',
			},
		});
		expect(pf).toContainEqual({
			org_name: {
				required: '',
				input_type: 'text',
				options: '',
				required_if: ['domain_name', '!csr'],
			},
		});
		expect(pf).not.toContainEqual(expect.objectContaining({ success: expect.anything() }));
	});

	it('modifiedorders records carry no order_token, and data_accuracy is a GMT timestamp', () => {
		for (const c of fixtureCases('order/modifiedorders')) {
			const answer = fixture('order/modifiedorders', c) as {
				orders: '' | { order: object[] };
				data_accuracy: string;
			};
			expect(answer.data_accuracy).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
			if (answer.orders)
				for (const o of answer.orders.order) expect(Object.keys(o)).not.toContain('order_token');
		}
	});

	it('serveFixture queues the answer on the simulator for one request', async () => {
		const sim = await startSimulator();
		try {
			serveFixture(sim, 'order/productfields', fixture('order/productfields'));
			const first = await fetch(`${sim.url}/order/productfields.json?order_token=x`);
			expect(first.status).toBe(200);
			expect(await first.json()).toEqual(fixture('order/productfields'));
			const second = await fetch(`${sim.url}/order/productfields.json?order_token=x`);
			expect(await second.json()).not.toEqual(fixture('order/productfields'));
		} finally {
			await sim.close();
		}
	});
});
