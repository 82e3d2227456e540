import { isReadCall, redact, retryPolicy } from '../../../../nodes/Servertastic/transport';
import { csrFixture } from '../../../fixtures/csrs';
import { serialiseEverything } from '../../../harness';
import { startSimulator, type Simulator } from '../../../simulator';
import { runServertastic, TECH_CONTACT } from '../../../support/servertastic';

let simulator: Simulator;
const saved = { ...retryPolicy };
beforeAll(async () => {
	simulator = await startSimulator();
	Object.assign(retryPolicy, { baseDelayMs: 2, maxDelayMs: 8 });
});
afterAll(async () => {
	Object.assign(retryPolicy, saved);
	await simulator.close();
});
beforeEach(() => simulator.reset());

const placeParameters = (token: string) => ({
	resource: 'order',
	operation: 'place',
	orderToken: token,
	productBrand: 'rapidssl',
	dvAuthMethod: 'DNS',
	csr: csrFixture('rsa2048'),
	...TECH_CONTACT,
});

describe('transport: which calls may be sent again', () => {
	it('retries only reads', () => {
		for (const call of [
			'order/review',
			'order/productfields',
			'order/approverlist',
			'order/expiring',
			'order/modifiedorders',
			'order/showtokens',
			'account/review',
			'account/pointsaudit',
			'product/listproducts',
		]) {
			expect({ call, read: isReadCall(call) }).toEqual({ call, read: true });
		}
		for (const call of [
			'order/place',
			'order/generatetoken',
			'order/reissue',
			'order/cancel',
			'order/changeapproveremail',
			'order/changeauthmethod',
			'order/pollauth',
			'order/resendemail',
			'order/advanceorder',
		]) {
			expect({ call, read: isReadCall(call) }).toEqual({ call, read: false });
		}
	});

	it('redacts secrets raw and URL-encoded', () => {
		expect(redact('key=a+b/c and a%2Bb%2Fc', ['a+b/c'])).toBe('key=*** and ***');
	});
});

describe('transport: retrying reads', () => {
	it.each([
		['HTTP 503 without a body', { status: 503, body: '' }],
		[
			'an HTML error page',
			{ status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' },
		],
		[
			'HTTP 500 with an error body',
			{ status: 500, body: { error: { code: -500, message: 'Database away' } } },
		],
		['HTTP 429 with Retry-After', { status: 429, body: '', headers: { 'Retry-After': '0' } }],
		['a connection reset', { status: 0, body: '', destroy: true }],
	])('sends a read again after %s, then goes on', async (_name, reply) => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/review', reply);
		const result = await runServertastic(simulator, placeParameters(token));
		expect(result.status).toBe('success');
		expect(simulator.requests.map((r) => r.call)).toEqual([
			'order/review',
			'order/review',
			'product/listproducts',
			'order/productfields',
			'order/place',
		]);
	});

	it('does not send a read again after a definite API error', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/review', {
			status: 400,
			body: { error: { code: -2, message: 'Invalid order token' } },
		});
		const result = await runServertastic(simulator, placeParameters(token));
		expect(result.error?.message).toBe('Servertastic refused order/review: Invalid order token');
		expect(simulator.requests).toHaveLength(1);
	});

	it('gives up after the attempts with a message naming the call and the count', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		for (let i = 0; i < 4; i++)
			simulator.respondOnce('order/review', {
				status: 503,
				body: 'busy',
				contentType: 'text/plain',
			});
		const result = await runServertastic(simulator, placeParameters(token));
		expect(result.error?.message).toBe(
			'Servertastic sent an answer to order/review that is not JSON (HTTP 503, text/plain) (gave up after 4 attempts)',
		);
		expect(simulator.requestsTo('order/review')).toHaveLength(4);
		expect(simulator.requestsTo('order/place')).toHaveLength(0);
		expect(serialiseEverything(result)).not.toContain(simulator.apiKey);
	});

	it('honours Retry-After in seconds', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/review', {
			status: 429,
			body: '',
			headers: { 'Retry-After': '1' },
		});
		const started = Date.now();
		await runServertastic(simulator, placeParameters(token));
		const review = simulator.requestsTo('order/review');
		expect(review).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	it('never sends a place call twice, whatever went wrong', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', { status: 503, body: '' });
		const result = await runServertastic(simulator, placeParameters(token));
		expect(result.status).toBe('error');
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
	});

	it('gives up waiting after the credential timeout; a place that went through is then confirmed, not repeated', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', { status: 200, body: '', process: true, hang: true });
		const result = await runServertastic(simulator, placeParameters(token), { timeoutSeconds: 1 });
		expect(result.status).toBe('success');
		expect(result.success[0].json.placement).toBe('confirmedAfterUncertainAnswer');
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
	});

	it('reports a read timeout after its attempts', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		for (let i = 0; i < 2; i++)
			simulator.respondOnce('order/review', { status: 200, body: '', hang: true });
		const saved = retryPolicy.attempts;
		retryPolicy.attempts = 2;
		try {
			const result = await runServertastic(simulator, placeParameters(token), {
				timeoutSeconds: 1,
			});
			expect(result.error?.message).toBe(
				'Servertastic could not be reached for order/review: no answer within 1 s (gave up after 2 attempts)',
			);
		} finally {
			retryPolicy.attempts = saved;
		}
	});
});
