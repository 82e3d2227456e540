import { useFastRetries } from '../../../../support/jestHooks';
import { csrFixture } from '../../../../fixtures/csrs';
import { startSimulator, type Simulator } from '../../../../simulator';
import {
	ORGANISATION,
	runServertastic,
	TECH_ADDRESS,
	TECH_CONTACT,
} from '../../../../support/servertastic';

/**
 * Order → Place with its defaults, counted against the simulator's recording: review and place per
 * item, productfields once per product code and the product list once per execution; and the level
 * and brand check that the list serves.
 */

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset({ state: true }));
useFastRetries();

const place = (extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'place',
	orderToken: '={{ $json.token }}',
	productBrand: 'rapidssl',
	dvAuthMethod: 'DNS',
	csr: csrFixture('rsa2048'),
	...TECH_CONTACT,
	...extra,
});
/** What OV, EV and the Sectigo brands take locally, so that a wrong choice reaches the check against the token. */
const OV_FIELDS = {
	...ORGANISATION,
	...TECH_ADDRESS,
	orgJurisdictionCity: 'Cardiff',
	orgJurisdictionRegion: 'Wales',
	orgJurisdictionCountry: 'GB',
	idaEmail: 'ida@example.com',
	idaPhone: '+44 20 7946 0002',
};
const tokens = (n: number, productCode: string, sanCount?: number) =>
	Array.from({ length: n }, () => simulator.createToken({ productCode, sanCount }));
const count = (call: string) => simulator.requestsTo(call).length;
const counts = () => ({
	review: count('order/review'),
	productfields: count('order/productfields'),
	listproducts: count('product/listproducts'),
	place: count('order/place'),
});
const hintsOf = (result: Awaited<ReturnType<typeof runServertastic>>) =>
	(result.run.data.resultData.runData.Servertastic?.[0]?.hints ?? []).map((hint) => hint.message);

describe('Order → Place with the defaults: calls per execution', () => {
	it('1 item: review, the product list, productfields, place', async () => {
		const result = await runServertastic(simulator, place(), {
			inputItems: tokens(1, 'RapidSSL-12').map((token) => ({ token })),
		});
		expect(result.status).toBe('success');
		expect(simulator.requests.map((request) => request.call)).toEqual([
			'order/review',
			'product/listproducts',
			'order/productfields',
			'order/place',
		]);
	});

	it('5 items of one product (default concurrency): 5 reviews, 5 places, 1 productfields, 1 product list', async () => {
		const batch = tokens(5, 'RapidSSL-12');
		const result = await runServertastic(simulator, place(), {
			inputItems: batch.map((token) => ({ token })),
		});
		expect(result.success.map((item) => item.json.placement)).toEqual(Array(5).fill('placed'));
		expect(counts()).toEqual({ review: 5, productfields: 1, listproducts: 1, place: 5 });
		expect(batch.map((token) => simulator.getOrder(token)?.placements)).toEqual([1, 1, 1, 1, 1]);
		expect(
			simulator.requestsTo('order/place').map((request) => request.body.hashing_algorithm),
		).toEqual(Array(5).fill('SHA-256'));
	});

	it('items of 2 products, one at a time: one productfields per product code', async () => {
		const rapid = tokens(3, 'RapidSSL-12').map((token) => ({ token, brand: 'rapidssl' }));
		const positive = tokens(3, 'PositiveSSL-12').map((token) => ({ token, brand: 'positivessl' }));
		const inputItems = [rapid[0], positive[0], rapid[1], positive[1], rapid[2], positive[2]];
		const parameters = place({
			productBrand: '={{ $json.brand }}',
			idaEmail: 'ida@example.com',
			idaPhone: '+44 20 7946 0002',
			options: { concurrency: 1 },
		});
		const result = await runServertastic(simulator, parameters, { inputItems });
		expect(result.status).toBe('success');
		expect(counts()).toEqual({ review: 6, productfields: 2, listproducts: 1, place: 6 });
		const askedWith = simulator
			.requestsTo('order/productfields')
			.map((request) => simulator.getOrder(request.query.order_token)?.productCode);
		expect(askedWith).toEqual(['RapidSSL-12', 'PositiveSSL-12']);
	});

	it('a re-run places nothing and reads neither productfields nor the list', async () => {
		const batch = tokens(3, 'RapidSSL-12');
		await runServertastic(simulator, place(), { inputItems: batch.map((token) => ({ token })) });
		simulator.reset();
		const again = await runServertastic(simulator, place(), {
			inputItems: batch.map((token) => ({ token })),
		});
		expect(again.success.map((item) => item.json.placement)).toEqual(
			Array(3).fill('alreadyPlaced'),
		);
		expect(counts()).toEqual({ review: 3, productfields: 0, listproducts: 0, place: 0 });
	});

	it("a shared list follows each token's own SAN count from review", async () => {
		const none = simulator.createToken({ productCode: 'SSL123-12', sanCount: 0 });
		const two = simulator.createToken({ productCode: 'SSL123-12', sanCount: 2 });
		const parameters = place({
			productBrand: 'thawte',
			sanDomains: '={{ $json.sans }}',
			options: { concurrency: 1 },
		});
		const inputItems = [
			{ token: none, sans: '' },
			{ token: two, sans: '' },
			{ token: two, sans: 'a.example.com,b.example.com,c.example.com' },
			{ token: none, sans: 'a.example.com' },
		];
		const result = await runServertastic(simulator, parameters, {
			inputItems,
			onError: 'continueRegularOutput',
		});
		expect(result.success.map((item) => item.json.error ?? item.json.placement)).toEqual([
			'placed',
			"'Additional Domains (SANs)' is required for this product [item 1]",
			"'Additional Domains (SANs)' lists 3 names but this token allows 2 [item 2]",
			// The first item placed this token: its re-run finds it placed, SANs or not.
			'alreadyPlaced',
		]);
		expect(counts()).toMatchObject({ productfields: 1, place: 1 });
	});

	it('a failed productfields read is not shared: the next token of the product reads its own', async () => {
		const batch = tokens(2, 'RapidSSL-12');
		simulator.respondOnce('order/productfields', {
			status: 200,
			body: { error: { code: -2, message: 'Invalid order token' } },
		});
		const result = await runServertastic(simulator, place({ options: { concurrency: 1 } }), {
			inputItems: batch.map((token) => ({ token })),
			onError: 'continueRegularOutput',
		});
		expect(result.success[0].json.error).toMatch(/Invalid order token/);
		expect(result.success[1].json.placement).toBe('placed');
		expect(counts()).toEqual({ review: 2, productfields: 2, listproducts: 1, place: 1 });
	});

	it('a productfields answer naming another product is used for its own token only', async () => {
		const batch = tokens(2, 'RapidSSL-12');
		const own = (await (
			await fetch(`${simulator.url}/order/productfields.json?order_token=${batch[0]}`)
		).json()) as unknown[];
		simulator.reset();
		simulator.respondOnce('order/productfields', {
			status: 200,
			body: ['SomethingElse-12', 'Other: label', ...own.slice(2)],
		});
		const result = await runServertastic(simulator, place({ options: { concurrency: 1 } }), {
			inputItems: batch.map((token) => ({ token })),
		});
		expect(result.status).toBe('success');
		expect(counts()).toMatchObject({ productfields: 2, place: 2 });
	});

	it('with Check Order First off, each token reads its own productfields (its product is unknown before)', async () => {
		const batch = tokens(3, 'RapidSSL-12');
		const result = await runServertastic(
			simulator,
			place({ options: { checkOrderFirst: false } }),
			{ inputItems: batch.map((token) => ({ token })) },
		);
		expect(result.status).toBe('success');
		expect(counts()).toEqual({ review: 0, productfields: 3, listproducts: 1, place: 3 });
	});
});

describe('Order → Place: level and brand against the token', () => {
	const run = (productCode: string, extra: Record<string, unknown>) =>
		runServertastic(simulator, place({ ...OV_FIELDS, ...extra }), {
			inputItems: [{ token: simulator.createToken({ productCode }) }],
		});

	it.each([
		[
			'RapidSSL-12',
			{ validationLevel: 'EV' },
			"'Product Validation Level' is EV but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL [item 0]",
		],
		[
			'RapidSSL-12',
			{ productBrand: 'other' },
			"'Product Brand' is Other but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL [item 0]",
		],
		[
			'TrueBizID-12',
			{ validationLevel: 'EV', productBrand: 'thawte' },
			"'Product Validation Level' is EV and 'Product Brand' is Thawte but the token is for TrueBizID-12 (OV, brand GeoTrust): choose OV / GeoTrust [item 0]",
		],
		[
			'SecureSiteProEV-12',
			{ validationLevel: 'OV', productBrand: 'digicert' },
			"'Product Validation Level' is OV but the token is for SecureSiteProEV-12 (EV, brand DigiCert): choose EV / DigiCert [item 0]",
		],
		[
			'PositiveSSL-12',
			{ productBrand: 'sectigossl' },
			"'Product Brand' is SectigoSSL but the token is for PositiveSSL-12 (DV, brand PositiveSSL): choose DV / PositiveSSL [item 0]",
		],
	])(
		'%s with %j is refused before productfields and place',
		async (productCode, extra, message) => {
			const result = await run(productCode, extra);
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toMatch(/^Nothing was sent to Servertastic/);
			expect(simulator.requests.map((request) => request.call)).toEqual([
				'order/review',
				'product/listproducts',
			]);
		},
	);

	it('names the item: the second of three, the others placed (continue on fail)', async () => {
		const inputItems = [
			simulator.createToken({ productCode: 'RapidSSL-12' }),
			simulator.createToken({ productCode: 'TrueBizID-12' }),
			simulator.createToken({ productCode: 'RapidSSL-12' }),
		].map((token) => ({ token }));
		const result = await runServertastic(simulator, place(), {
			inputItems,
			onError: 'continueRegularOutput',
		});
		expect(result.success.map((item) => item.json.error ?? item.json.placement)).toEqual([
			'placed',
			"'Product Validation Level' is DV and 'Product Brand' is RapidSSL but the token is for TrueBizID-12 (OV, brand GeoTrust): choose OV / GeoTrust [item 1]",
			'placed',
		]);
		expect(counts()).toEqual({ review: 3, productfields: 1, listproducts: 1, place: 2 });
	});

	it('Validate Only reports the mismatch with the other problems, and sends nothing', async () => {
		const result = await run('RapidSSL-12', {
			validationLevel: 'OV',
			options: { validateOnly: true },
		});
		const report = result.success[0].json;
		expect(report.valid).toBe(false);
		expect((report.problems as string[])[0]).toBe(
			"'Product Validation Level' is OV but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL",
		);
		expect(count('order/place')).toBe(0);
	});

	it('with Check Order First off, productfields names the product', async () => {
		const result = await run('RapidSSL-12', {
			validationLevel: 'EV',
			options: { checkOrderFirst: false },
		});
		expect(result.error?.message).toMatch(
			/^'Product Validation Level' is EV but the token is for RapidSSL-12/,
		);
		expect(simulator.requests.map((request) => request.call)).toEqual([
			'order/productfields',
			'product/listproducts',
		]);
	});

	it('with Check Against Product Fields off, nothing is checked and the list is not read', async () => {
		const result = await run('RapidSSL-12', {
			productBrand: 'other',
			hashingAlgorithm: 'SHA-256',
			options: { preflight: false },
		});
		expect(result.success[0].json.placement).toBe('placed');
		expect(simulator.requests.map((request) => request.call)).toEqual([
			'order/review',
			'order/place',
		]);
	});

	it('a product list that cannot be read does not stop the order: the brand is still checked from the code, and a hint says so', async () => {
		for (let attempt = 0; attempt < 4; attempt++)
			simulator.respondOnce('product/listproducts', { status: 503, body: 'busy' });
		// OV for a DV token, with every OV field: productfields finds nothing missing, and the API takes it.
		const placed = await run('RapidSSL-12', { validationLevel: 'OV' });
		expect(placed.success[0].json.placement).toBe('placed');
		expect(hintsOf(placed)).toEqual([
			expect.stringMatching(
				/^Product Validation Level was not checked .* product list could not be read/,
			),
		]);
		simulator.reset();
		for (let attempt = 0; attempt < 4; attempt++)
			simulator.respondOnce('product/listproducts', { status: 503, body: 'busy' });
		const refused = await run('RapidSSL-12', { productBrand: 'geotrust' });
		expect(refused.error?.message).toBe(
			"'Product Brand' is GeoTrust but the token is for RapidSSL-12 (brand RapidSSL): choose RapidSSL [item 0]",
		);
		expect(count('order/place')).toBe(0);
	});

	it('a product missing from the list: its level is not checked, its brand is', async () => {
		simulator.respondOnce('product/listproducts', {
			status: 200,
			body: { success: 'Product list' },
		});
		const placed = await run('RapidSSL-12', { validationLevel: 'OV' });
		expect(placed.success[0].json.placement).toBe('placed');
		expect(hintsOf(placed)).toEqual([]);
		simulator.respondOnce('product/listproducts', {
			status: 200,
			body: { success: 'Product list' },
		});
		const refused = await run('RapidSSL-12', { productBrand: 'thawte' });
		expect(refused.error?.message).toBe(
			"'Product Brand' is Thawte but the token is for RapidSSL-12 (brand RapidSSL): choose RapidSSL [item 0]",
		);
		expect(count('product/listproducts')).toBe(2);
		expect(count('order/place')).toBe(1);
	});
});
