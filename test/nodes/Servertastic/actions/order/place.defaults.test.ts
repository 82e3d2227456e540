import { csrFixture } from '../../../../fixtures/csrs';
import { startSimulator, type Simulator } from '../../../../simulator';
import {
	ORGANISATION,
	runServertastic,
	TECH_ADDRESS,
	TECH_CONTACT,
} from '../../../../support/servertastic';

/**
 * Order → Place with its options left at their defaults (Check Order First and Check Against
 * Product Fields on, Hashing Algorithm at the product's default), against the simulator in its
 * documented mode: a fresh token reviews as `Order Placed` and must still be placed.
 */

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset({ state: true }));

const place = (orderToken: string, extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'place',
	orderToken,
	productBrand: 'rapidssl',
	dvAuthMethod: 'DNS',
	csr: csrFixture('rsa2048'),
	...TECH_CONTACT,
	...extra,
});

describe('Order → Place with the defaults', () => {
	it('Generate Token → Place: the fresh token (status Order Placed) is placed, and a re-run places nothing', async () => {
		const generated = await runServertastic(simulator, {
			resource: 'order',
			operation: 'generateToken',
			productCode: 'RapidSSL-12',
			endCustomerEmail: 'jane@example.com',
		});
		const token = generated.success[0].json.orderToken as string;
		expect(simulator.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 0 });
		const placed = await runServertastic(simulator, place('={{ $json.orderToken }}'), {
			inputItems: [generated.success[0].json],
		});
		expect(placed.status).toBe('success');
		expect(placed.success[0].json).toMatchObject({
			orderToken: token,
			placement: 'placed',
			status: 'Order Placed',
		});
		expect(simulator.getOrder(token)?.placements).toBe(1);
		expect(simulator.requests.slice(-4).map((request) => request.call)).toEqual([
			'order/review',
			'product/listproducts',
			'order/productfields',
			'order/place',
		]);

		const again = await runServertastic(simulator, place(token));
		expect(again.success[0].json).toMatchObject({
			placement: 'alreadyPlaced',
			message: 'The order was already placed; nothing was sent',
		});
		expect(simulator.getOrder(token)?.placements).toBe(1);
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
	});

	it('Roll Back means place again', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(simulator, place(token));
		simulator.rollBack(token);
		const again = await runServertastic(simulator, place(token));
		expect(again.success[0].json.placement).toBe('placed');
		expect(simulator.getOrder(token)?.placements).toBe(2);
	});

	it('Hashing Algorithm at its default sends the first value productfields offers; a chosen one is sent as it is', async () => {
		const first = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(simulator, place(first));
		expect(simulator.requestsTo('order/place')[0].body.hashing_algorithm).toBe('SHA-256');
		const second = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(simulator, place(second, { hashingAlgorithm: 'SHA-256-FULL-CHAIN' }));
		expect(simulator.requestsTo('order/place')[1].body.hashing_algorithm).toBe(
			'SHA-256-FULL-CHAIN',
		);
		expect(simulator.getOrder(second)?.hashingAlgorithm).toBe('SHA-256-FULL-CHAIN');
	});

	it('with Check Against Product Fields off, the default still comes from productfields; a chosen value needs no read', async () => {
		const first = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(
			simulator,
			place(first, { options: { preflight: false, checkOrderFirst: false } }),
		);
		expect(result.status).toBe('success');
		expect(simulator.requests.map((request) => request.call)).toEqual([
			'order/productfields',
			'order/place',
		]);
		expect(simulator.requestsTo('order/place')[0].body.hashing_algorithm).toBe('SHA-256');
		simulator.reset();
		const second = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(
			simulator,
			place(second, {
				hashingAlgorithm: 'SHA-256',
				options: { preflight: false, checkOrderFirst: false },
			}),
		);
		expect(simulator.requests.map((request) => request.call)).toEqual(['order/place']);
	});

	it('refuses a hashing algorithm the product does not offer, before placing', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator, place(token, { hashingAlgorithm: 'SHA2-256' }));
		expect(result.error?.message).toBe(
			`'Hashing Algorithm' must be one of SHA-256, SHA-256-FULL-CHAIN for this product (got "SHA2-256") [item 0]`,
		);
		expect(simulator.requestsTo('order/place')).toHaveLength(0);
	});

	it('OV: sends the jurisdiction and the web server type; Competitive Upgrade sends competitive_upgrade=1', async () => {
		const token = simulator.createToken({ productCode: 'TrueBizID-12' });
		const result = await runServertastic(
			simulator,
			place(token, {
				validationLevel: 'OV',
				productBrand: 'geotrust',
				...TECH_ADDRESS,
				...ORGANISATION,
				orgJurisdictionCity: 'Cardiff',
				orgJurisdictionRegion: 'Wales',
				orgJurisdictionCountry: 'GB',
				webServerType: 'IIS',
				competitiveUpgrade: true,
			}),
		);
		expect(result.status).toBe('success');
		expect(simulator.requestsTo('order/place')[0].body).toMatchObject({
			org_jurisdiction_city: 'Cardiff',
			org_jurisdiction_region: 'Wales',
			org_jurisdiction_country: 'GB',
			web_server_type: 'IIS',
			competitive_upgrade: '1',
		});
	});
});
