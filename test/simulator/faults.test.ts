import {
	FAULT_KINDS,
	FAULTS_THAT_MAY_FOLLOW_THE_EFFECT,
	faultReply,
	makeCsr,
	READ_ONLY_CALLS,
	seededRandom,
	startSimulator,
} from './index';
import type { FaultKind, Simulator } from './index';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset({ state: true }));

interface Outcome {
	status?: number;
	contentType?: string | null;
	retryAfter?: string | null;
	text?: string;
	/** Set when no complete answer arrived. */
	failed?: string;
	ms: number;
}

/** One request, whatever happens to it: a complete answer, or why none came. */
async function call(
	path: string,
	params: Record<string, string> = {},
	method: 'GET' | 'POST' = 'GET',
	timeoutMs = 2000,
): Promise<Outcome> {
	const started = Date.now();
	const query = method === 'GET' ? `?${new URLSearchParams(params)}` : '';
	try {
		const response = await fetch(`${sim.url}/${path}.json${query}`, {
			method,
			body: method === 'POST' ? new URLSearchParams(params) : undefined,
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		return {
			status: response.status,
			contentType: response.headers.get('content-type'),
			retryAfter: response.headers.get('retry-after'),
			text,
			ms: Date.now() - started,
		};
	} catch (error) {
		const failure = error as Error & { cause?: { code?: string } };
		return { failed: failure.cause?.code ?? failure.name, ms: Date.now() - started };
	}
}

const CSR = makeCsr('www.example.com').csr;

function placeParams(token: string): Record<string, string> {
	const contact = (prefix: string) => ({
		[`${prefix}_first_name`]: 'Ada',
		[`${prefix}_last_name`]: 'Lovelace',
		[`${prefix}_phone`]: '+44 20 7946 0000',
		[`${prefix}_email`]: 'ada@example.com',
		[`${prefix}_title`]: 'CTO',
	});
	return {
		order_token: token,
		dv_auth_method: 'DNS',
		hashing_algorithm: 'SHA-256',
		csr: CSR,
		...contact('tech_contact'),
		...contact('admin_contact'),
	};
}

const parses = (text: string | undefined): boolean => {
	try {
		JSON.parse(text ?? '');
		return true;
	} catch {
		return false;
	}
};

describe('seeded generator', () => {
	it('gives the same sequence for the same seed, another for another seed, all in [0, 1)', () => {
		const a = seededRandom(42);
		const b = seededRandom(42);
		const c = seededRandom(43);
		const first = Array.from({ length: 1000 }, () => a());
		expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
		expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first);
		expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
		const mean = first.reduce((sum, value) => sum + value, 0) / first.length;
		expect(mean).toBeGreaterThan(0.45);
		expect(mean).toBeLessThan(0.55);
	});
});

describe('each fault kind, as the client sees it', () => {
	const expectations: Record<FaultKind, (outcome: Outcome) => void> = {
		http500: (o) =>
			expect([o.status, o.contentType, o.text]).toEqual([
				500,
				'text/plain',
				'Internal Server Error',
			]),
		http502: (o) => {
			expect([o.status, o.contentType]).toEqual([502, 'text/html']);
			expect(o.text).toContain('502 Bad Gateway');
		},
		http503: (o) => expect([o.status, JSON.parse(o.text!).error]).toEqual([503, undefined]),
		http429: (o) => expect([o.status, o.retryAfter]).toEqual([429, null]),
		http429RetryAfter: (o) => expect([o.status, o.retryAfter]).toEqual([429, '1']),
		timeout: (o) => expect(o.failed).toBe('TimeoutError'),
		resetMidBody: (o) => expect(o.failed).toEqual(expect.any(String)),
		malformedJson: (o) => {
			expect([o.status, o.contentType]).toEqual([200, 'application/json']);
			expect(o.text!.length).toBeGreaterThan(0);
			expect(parses(o.text)).toBe(false);
		},
		htmlPage: (o) => {
			expect([o.status, o.contentType]).toEqual([200, 'text/html; charset=utf-8']);
			expect(o.text).toMatch(/^<!DOCTYPE html>/);
		},
		xmlBody: (o) => {
			expect([o.status, o.contentType]).toEqual([400, 'text/xml']);
			expect(o.text).toMatch(/^<\?xml/);
		},
		emptyBody: (o) => expect([o.status, o.text]).toEqual([200, '']),
		errorWith200: (o) =>
			expect([o.status, typeof JSON.parse(o.text!).error.message]).toEqual([200, 'string']),
		slow: (o) => {
			expect([o.status, JSON.parse(o.text!).success]).toEqual([200, 'Reseller Overview']);
			expect(o.ms).toBeGreaterThanOrEqual(140);
		},
	};

	it.each(FAULT_KINDS.map((kind) => [kind]))('%s through settings.faults', async (kind) => {
		sim.settings.faults = { rate: 1, kinds: [kind], slowMs: 150 };
		const outcome = await call('account/review', { api_key: sim.apiKey }, 'GET', 500);
		expectations[kind](outcome);
		expect(sim.injectedFaults).toEqual([
			{ requestIndex: 0, call: 'account/review', kind, afterEffect: kind === 'slow' },
		]);
		// The next request without faults is answered normally.
		sim.settings.faults = undefined;
		expect((await call('account/review', { api_key: sim.apiKey })).status).toBe(200);
	});

	it.each(FAULT_KINDS.map((kind) => [kind]))(
		'%s through respondOnce(faultReply(...))',
		async (kind) => {
			sim.respondOnce('account/review', faultReply(kind, { slowMs: 150 }));
			expectations[kind](await call('account/review', { api_key: sim.apiKey }, 'GET', 500));
			expect(sim.injectedFaults).toEqual([]);
		},
	);
});

describe('changing calls: before or after the effect', () => {
	it.each(FAULTS_THAT_MAY_FOLLOW_THE_EFFECT.map((kind) => [kind]))(
		'%s after the effect: the order is placed, its answer lost',
		async (kind) => {
			const token = sim.createToken({ productCode: 'RapidSSL-12' });
			const points = sim.points();
			sim.settings.faults = { rate: 1, kinds: [kind], afterEffectShare: 1, calls: ['order/place'] };
			const outcome = await call('order/place', placeParams(token), 'POST', 500);
			expect(
				outcome.status === 200 && parses(outcome.text) && JSON.parse(outcome.text!).success,
			).toBeFalsy();
			expect(sim.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 1 });
			expect(sim.points()).toBeLessThan(points);
			expect(sim.injectedFaults).toEqual([
				{ requestIndex: 0, call: 'order/place', kind, afterEffect: true },
			]);
		},
	);

	it.each(FAULT_KINDS.filter((kind) => kind !== 'slow').map((kind) => [kind]))(
		'%s before the effect: nothing happened',
		async (kind) => {
			const token = sim.createToken({ productCode: 'RapidSSL-12' });
			const points = sim.points();
			sim.settings.faults = { rate: 1, kinds: [kind], afterEffectShare: 0 };
			await call('order/place', placeParams(token), 'POST', 500);
			// A fresh token is already Order Placed (the documented first status): placements tell.
			expect(sim.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 0 });
			expect(sim.points()).toBe(points);
			expect(sim.injectedFaults[0]).toMatchObject({ kind, afterEffect: false });
		},
	);

	it('a refusal (429, error body) never follows the effect; a slow answer always does', async () => {
		for (const kind of ['http429', 'http429RetryAfter', 'errorWith200'] as const) {
			const token = sim.createToken({ productCode: 'RapidSSL-12' });
			sim.settings.faults = { rate: 1, kinds: [kind], afterEffectShare: 1 };
			await call('order/place', placeParams(token), 'POST');
			expect(sim.getOrder(token)?.placements).toBe(0);
		}
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		sim.settings.faults = { rate: 1, kinds: ['slow'], afterEffectShare: 0, slowMs: 20 };
		const outcome = await call('order/place', placeParams(token), 'POST');
		expect(JSON.parse(outcome.text!).success).toBe('Order placed');
		expect(sim.getOrder(token)?.placements).toBe(1);
	});

	it('cuts the real answer in half after the effect (malformed JSON, reset mid-body)', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		sim.settings.faults = { rate: 1, kinds: ['malformedJson'], afterEffectShare: 1 };
		const outcome = await call('order/place', placeParams(token), 'POST');
		expect(outcome.text).toMatch(/^\{"success":"Order placed"/);
		expect(parses(outcome.text)).toBe(false);
	});

	it('marks no fault on a read as after the effect, except a slow answer', async () => {
		sim.settings.faults = {
			rate: 1,
			seed: 3,
			afterEffectShare: 1,
			kinds: FAULT_KINDS.filter((kind) => kind !== 'timeout'),
		};
		for (const path of READ_ONLY_CALLS.filter((path) => path.startsWith('account/'))) {
			for (let i = 0; i < 10; i++) await call(path, { api_key: sim.apiKey });
		}
		expect(sim.injectedFaults).toHaveLength(20);
		for (const fault of sim.injectedFaults) expect(fault.afterEffect).toBe(fault.kind === 'slow');
	});
});

describe('the random mode', () => {
	const quick: FaultKind[] = ['http500', 'http503', 'emptyBody', 'errorWith200', 'htmlPage'];

	it('faults about the given share of the answers, drawing every kind', async () => {
		sim.settings.faults = { rate: 0.1, kinds: quick, seed: 7 };
		for (let i = 0; i < 1000; i++) await call('account/review', { api_key: sim.apiKey });
		expect(sim.injectedFaults.length).toBeGreaterThan(70);
		expect(sim.injectedFaults.length).toBeLessThan(130);
		expect(new Set(sim.injectedFaults.map((fault) => fault.kind))).toEqual(new Set(quick));
		for (const fault of sim.injectedFaults)
			expect(sim.requests[fault.requestIndex].call).toBe('account/review');
	});

	it('is deterministic: the same seed and requests give the same faults', async () => {
		const run = async () => {
			sim.reset();
			sim.settings.faults = { rate: 0.3, kinds: quick, seed: 99 };
			for (let i = 0; i < 100; i++) await call('account/review', { api_key: sim.apiKey });
			return sim.injectedFaults.map(({ requestIndex, kind }) => [requestIndex, kind]);
		};
		const first = await run();
		expect(first.length).toBeGreaterThan(10);
		expect(await run()).toEqual(first);
		sim.reset();
		sim.settings.faults = { rate: 0.3, kinds: quick, seed: 100 };
		for (let i = 0; i < 100; i++) await call('account/review', { api_key: sim.apiKey });
		expect(sim.injectedFaults.map(({ requestIndex, kind }) => [requestIndex, kind])).not.toEqual(
			first,
		);
	});

	it('rate 0 injects nothing; `calls` limits the faults to those calls; respondOnce comes first', async () => {
		sim.settings.faults = { rate: 0, seed: 1 };
		for (let i = 0; i < 20; i++)
			expect((await call('account/review', { api_key: sim.apiKey })).status).toBe(200);
		expect(sim.injectedFaults).toHaveLength(0);

		sim.settings.faults = { rate: 1, kinds: ['http503'], calls: ['account/pointsaudit'] };
		expect((await call('account/review', { api_key: sim.apiKey })).status).toBe(200);
		expect((await call('account/pointsaudit', { api_key: sim.apiKey })).status).toBe(503);

		sim.respondOnce('account/pointsaudit', {
			status: 418,
			body: { error: { code: 1, message: 'canned' } },
		});
		expect((await call('account/pointsaudit', { api_key: sim.apiKey })).status).toBe(418);
		expect(sim.injectedFaults.map((fault) => fault.requestIndex)).toEqual([21]);
	});

	it('leaves pages and unknown paths alone', async () => {
		sim.settings.faults = { rate: 1, kinds: ['http500'] };
		expect((await call('order/nosuchcall')).status).toBe(404);
		expect(sim.injectedFaults).toHaveLength(0);
	});

	it('reset() clears the log and keeps the switch; reset({ state: true }) turns it off', async () => {
		sim.settings.faults = { rate: 1, kinds: ['http500'] };
		await call('account/review', { api_key: sim.apiKey });
		sim.reset();
		expect(sim.injectedFaults).toHaveLength(0);
		expect((await call('account/review', { api_key: sim.apiKey })).status).toBe(500);
		sim.reset({ state: true });
		expect(sim.settings.faults).toBeUndefined();
		expect((await call('account/review', { api_key: sim.apiKey })).status).toBe(200);
	});

	it('can be switched on from the start', async () => {
		const faulty = await startSimulator({ faults: { rate: 1, kinds: ['http502'] } });
		try {
			const response = await fetch(
				`${faulty.url}/product/listproducts.json?api_key=${faulty.apiKey}`,
			);
			expect(response.status).toBe(502);
			faulty.reset({ state: true });
			expect(faulty.settings.faults).toEqual({ rate: 1, kinds: ['http502'] });
		} finally {
			await faulty.close();
		}
	});
});

describe('the placement ledger', () => {
	it('counts every place that took effect, per token', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expect(sim.getOrder(token)?.placements).toBe(0);
		expect(
			JSON.parse((await call('order/place', placeParams(token), 'POST')).text!).success,
		).toBeDefined();
		expect(
			JSON.parse((await call('order/place', placeParams(token), 'POST')).text!).error,
		).toBeDefined();
		expect(sim.getOrder(token)?.placements).toBe(1);
		// A rolled back order may be placed again: the ledger shows both.
		sim.rollBack(token);
		await call('order/place', placeParams(token), 'POST');
		expect(sim.getOrder(token)?.placements).toBe(2);
	});
});
