import {
	ServertasticApi,
	servertasticBaseUrl,
} from '../../credentials/ServertasticApi.credentials';
import { apiCallOfUrl, callNeedsApiKey } from '../../nodes/Servertastic/transport/calls';
import { serialiseEverything, testCredential } from '../harness';
import {
	applyVariant,
	fixture,
	fixtureCases,
	serveFixture,
	variantsFor,
	type Variant,
} from '../contract';
import { startSimulator, type Simulator } from '../simulator';

const credential = new ServertasticApi();

describe('ServertasticApi credential: where the key goes', () => {
	it('picks the base URL from the environment, or the override without trailing slashes', () => {
		expect(servertasticBaseUrl({ environment: 'live' })).toBe('https://api2.servertastic.com');
		expect(servertasticBaseUrl({ environment: 'test' })).toBe('https://test-api2.servertastic.com');
		expect(servertasticBaseUrl({ environment: 'test', baseUrl: ' http://127.0.0.1:9/// ' })).toBe(
			'http://127.0.0.1:9',
		);
	});

	it('knows which calls take the API key', () => {
		for (const call of [
			'account/review',
			'account/pointsaudit',
			'product/listproducts',
			'order/generatetoken',
			'order/modifiedorders',
			'order/expiring',
			'order/showtokens',
		]) {
			expect({ call, key: callNeedsApiKey(call) }).toEqual({ call, key: true });
		}
		for (const call of [
			'order/place',
			'order/review',
			'order/approverlist',
			'order/cancel',
			'order/reissue',
			'order/productfields',
		]) {
			expect({ call, key: callNeedsApiKey(call) }).toEqual({ call, key: false });
		}
		expect(apiCallOfUrl('/order/place.json')).toBe('order/place');
		expect(apiCallOfUrl('https://evil.example/order/place.json')).toBeUndefined();
	});

	it('adds api_key to account calls only, and sets the base URL', async () => {
		const data = { apiKey: 'k-123456', environment: 'test', baseUrl: '' };
		const account = await credential.authenticate(data, {
			url: '/account/review.json',
			qs: { a: '1' },
		});
		expect(account).toMatchObject({
			baseURL: 'https://test-api2.servertastic.com',
			qs: { a: '1', api_key: 'k-123456' },
		});
		const order = await credential.authenticate(data, {
			url: '/order/place.json',
			method: 'POST',
			body: 'order_token=x',
		});
		expect(order.baseURL).toBe('https://test-api2.servertastic.com');
		expect(order.qs).toBeUndefined();
		expect(JSON.stringify(order)).not.toContain('k-123456');
	});
});

describe('ServertasticApi credential test, run the way n8n runs it', () => {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startSimulator({ apiKey: 'right-key-0001' });
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.reset());

	it('succeeds with the right key, calling account/review with it', async () => {
		const result = await testCredential(credential, {
			apiKey: 'right-key-0001',
			environment: 'test',
			baseUrl: simulator.url,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = simulator.requestsTo('account/review');
		expect(request.method).toBe('GET');
		expect(request.query.api_key).toBe('right-key-0001');
	});

	it('fails with a wrong key, without echoing it', async () => {
		const result = await testCredential(credential, {
			apiKey: 'wrong-key-9999',
			environment: 'test',
			baseUrl: simulator.url,
		});
		expect(result.status).toBe('Error');
		expect(serialiseEverything(result)).not.toContain('wrong-key-9999');
	});

	const readings: Variant[] = ['documented', ...variantsFor('account/review')];
	it.each(
		readings.flatMap((variant) =>
			fixtureCases('account/review').map((caseName) => [variant, caseName ?? '(default)'] as const),
		),
	)('accepts the documented answer (%s reading, case %s)', async (variant, caseName) => {
		const answer = fixture('account/review', caseName === '(default)' ? undefined : caseName);
		serveFixture(simulator, 'account/review', applyVariant('account/review', answer, variant));
		const result = await testCredential(credential, {
			apiKey: 'right-key-0001',
			environment: 'test',
			baseUrl: simulator.url,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it.each([200, 401])('fails on the documented error body with HTTP %i', async (status) => {
		// n8n sends a request that got 401 once more; the API answers the same both times.
		serveFixture(simulator, 'account/review', fixture('error'), status);
		serveFixture(simulator, 'account/review', fixture('error'), status);
		const result = await testCredential(credential, {
			apiKey: 'right-key-0001',
			environment: 'test',
			baseUrl: simulator.url,
		});
		expect(result.status).toBe('Error');
		expect(serialiseEverything(result)).not.toContain('right-key-0001');
	});

	it('fails when the API sends an error body with HTTP 200', async () => {
		simulator.respondOnce('account/review', {
			status: 200,
			body: { error: { code: -2, message: 'Invalid API key' } },
		});
		const result = await testCredential(credential, {
			apiKey: 'right-key-0001',
			environment: 'test',
			baseUrl: simulator.url,
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'Servertastic refused the API key for this environment. Check the key and the Live/Test choice.',
		});
	});
});
