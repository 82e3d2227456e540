// The simulator against the contract fixtures: in documented mode every answer has a fixture's shape;
// with settings.answerVariant it serves exactly that reading (test/contract/variants.ts).
import { allFixtures } from '../contract';
import { applyVariant, VARIANTS } from '../contract/variants';
import type { Variant } from '../contract/variants';
import { shapeDifferences } from '../contract/shape';
import { makeCsr, startSimulator } from './index';
import type { Simulator } from './index';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.reset({ state: true });
	sim.setNow(new Date('2026-03-01T10:00:00Z'));
});

type Answers = Array<{ call: string; answer: unknown }>;

async function call(
	path: string,
	params: Record<string, string>,
	method: 'GET' | 'POST' = 'GET',
): Promise<unknown> {
	const query = method === 'GET' ? `?${new URLSearchParams(params)}` : '';
	const res = await fetch(`${sim.url}/${path}.json${query}`, {
		method,
		body: method === 'POST' ? new URLSearchParams(params) : undefined,
	});
	const body = (await res.json()) as unknown;
	if (res.status !== 200) throw new Error(`${path}: ${JSON.stringify(body)}`);
	return body;
}

const contact = (prefix: string): Record<string, string> => ({
	[`${prefix}_first_name`]: 'Ada',
	[`${prefix}_last_name`]: 'Lovelace',
	[`${prefix}_phone`]: '+44 20 7946 0000',
	[`${prefix}_email`]: `${prefix}@example.com`,
	[`${prefix}_title`]: 'CTO',
});

const placeParams = (token: string, extra: Record<string, string>): Record<string, string> => ({
	order_token: token,
	hashing_algorithm: 'SHA-256',
	...contact('tech_contact'),
	...contact('admin_contact'),
	...extra,
});

/** Every call the simulator answers, through an order's life, in the default (documented) mode. */
async function lifeCycle(): Promise<Answers> {
	const out: Answers = [];
	const record = async (
		path: string,
		params: Record<string, string>,
		method: 'GET' | 'POST' = 'GET',
	) => {
		const answer = await call(path, params, method);
		out.push({ call: path, answer });
		return answer as Record<string, string>;
	};
	const key = { api_key: sim.apiKey };
	await record('account/review', key);
	await record('order/showtokens', key);
	await record('order/expiring', key);
	await record('order/modifiedorders', { ...key, date: '2026-03-01 10:00:00' });
	const { order_token: token } = await record('order/generatetoken', {
		...key,
		st_product_code: 'RapidSSL-12',
		end_customer_email: 'buyer@example.com',
		reseller_unique_reference: 'ref-1',
	});
	await record('order/productfields', { order_token: token });
	await record('order/review', { order_token: token });
	await record('order/approverlist', { domain_name: 'example.com' });
	sim.setNow(new Date('2026-03-01T10:01:00Z'));
	await record(
		'order/place',
		placeParams(token, {
			dv_auth_method: 'EMAIL',
			approver_email_address: 'admin@example.com',
			csr: makeCsr('www.example.com').csr,
		}),
		'POST',
	);
	await record('order/review', { order_token: token });
	await record('order/resendemail', { order_token: token, email_type: 'Approver' });
	await record('order/changeapproveremail', { order_token: token, email: 'webmaster@example.com' });
	await record('order/advanceorder', { order_token: token });
	await record('order/advanceorder', { order_token: token });
	await record('order/review', { order_token: token });
	await record('order/resendemail', { order_token: token, email_type: 'Fulfillment' });
	await record('order/reissue', { order_token: token, dv_auth_method: 'DNS' }, 'POST');
	sim.advance(token);
	await record('order/review', { order_token: token });

	const dns = sim.createToken({ productCode: 'RapidSSL-12' });
	const generated = {
		domain_name: 'shop.example.com',
		org_name: 'Example Ltd',
		org_division: 'IT',
	};
	const org = {
		org_address_city: 'London',
		org_address_region: 'Greater London',
		org_address_country: 'GB',
	};
	await record(
		'order/place',
		placeParams(dns, { dv_auth_method: 'DNS', ...generated, ...org }),
		'POST',
	);
	await record('order/review', { order_token: dns });
	await record('order/pollauth', { order_token: dns });
	const file = sim.createToken({ productCode: 'QuickSSLPremium-12' });
	await record(
		'order/place',
		placeParams(file, { dv_auth_method: 'FILE', csr: makeCsr('files.example.com').csr }),
		'POST',
	);
	await record('order/pollauth', { order_token: file });
	await record('order/changeauthmethod', { order_token: file });
	await record('order/cancel', { order_token: file });

	sim.setNow(new Date(Date.parse('2026-03-01T10:01:00Z') + 190 * 24 * 3600 * 1000));
	await record('order/expiring', key);
	await record('order/modifiedorders', { ...key, date: '2026-03-01 10:00:00' });
	await record('order/showtokens', key);
	await record('account/review', key);
	await record('account/pointsaudit', key);
	await record('account/addtestpoints', { ...key, points: '100' });
	await record('account/emptytestpoints', key);
	await record('product/listproducts', key);
	await record('account/regenerateapikey', key);
	return out;
}

const fixturesOf = (call: string): unknown[] =>
	allFixtures()
		.filter((f) => f.call === call)
		.map((f) => f.answer);

describe('documented mode (the default)', () => {
	it('answers every call in a shape its fixtures have', async () => {
		expect(sim.settings.answerVariant).toBe('documented');
		const answers = await lifeCycle();
		// All 21 calls of calls.ts.
		expect(new Set(answers.map((a) => a.call)).size).toBe(21);
		const differences = answers.flatMap(({ call: c, answer }) =>
			shapeDifferences(c, answer, fixturesOf(c)),
		);
		expect([...new Set(differences)].sort()).toEqual([]);
	});
});

describe('settings.answerVariant', () => {
	const readings = VARIANTS.filter((v): v is Exclude<Variant, 'documented'> => v !== 'documented');

	it.each(readings.map((v) => [v]))(
		'%s: every answer is the documented one in that reading',
		async (variant) => {
			const documented = await lifeCycle();
			sim.reset({ state: true });
			sim.setNow(new Date('2026-03-01T10:00:00Z'));
			sim.settings.answerVariant = variant;
			const served = await lifeCycle();
			expect(served.map((a) => a.call)).toEqual(documented.map((a) => a.call));
			let changed = 0;
			served.forEach(({ call: c, answer }, i) => {
				// Generated tokens, keys and certificates differ between two runs: compare the structure.
				const expected = applyVariant(c, documented[i].answer, variant);
				expect(skeleton(answer)).toEqual(skeleton(expected));
				if (JSON.stringify(skeleton(expected)) !== JSON.stringify(skeleton(documented[i].answer)))
					changed += 1;
			});
			// one-as-array and empty-as-string are how the documented reading already has them.
			if (variant === 'one-as-array' || variant === 'empty-as-string') expect(changed).toBe(0);
			else expect(changed).toBeGreaterThan(0);
		},
	);

	it('reset({ state: true }) goes back to documented; an unknown name is a simulator fault', async () => {
		sim.settings.answerVariant = 'top-level-numeric-keys';
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		const numeric = (await call('order/productfields', { order_token: token })) as Record<
			string,
			unknown
		>;
		expect(numeric['0']).toBe('RapidSSL-12');
		sim.reset({ state: true });
		expect(sim.settings.answerVariant).toBe('documented');
		(sim.settings as { answerVariant: string }).answerVariant = 'no-such-reading';
		const res = await fetch(`${sim.url}/account/review.json?api_key=${sim.apiKey}`);
		expect(res.status).toBe(500);
		expect(await res.text()).toContain('Unknown answerVariant');
	});

	it('can be chosen at start', async () => {
		const other = await startSimulator({ answerVariant: 'top-level-item-wrapped' });
		try {
			const token = other.createToken({ productCode: 'RapidSSL-12' });
			const res = await fetch(`${other.url}/order/productfields.json?order_token=${token}`);
			const body = (await res.json()) as { item: unknown[] };
			expect(body.item.slice(0, 1)).toEqual(['RapidSSL-12']);
		} finally {
			await other.close();
		}
	});
});

/** The structure of a value with its texts blanked out (tokens, keys, certificates and times vary). */
function skeleton(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(skeleton);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skeleton(v)]));
	}
	return value === '' ? '' : typeof value;
}
