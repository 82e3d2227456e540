import { fixture, serveFixture } from '../../../../contract';
import { PRODUCTS } from '../../../../simulator';
import { runServertastic } from '../../../../support/servertastic';
import {
	API_KEY,
	describeApiErrors,
	expectNoSecret,
	expectQueries,
	useSimulator,
} from '../../../../support/readChecks';

const simulator = useSimulator();

const getMany = (extra: Record<string, unknown> = {}) => ({
	resource: 'product',
	operation: 'getMany',
	returnAll: true,
	...extra,
});

describe('Product → Get Many inside n8n', () => {
	it('SSL by default: one tidy item per product with numbers; api_key sent', async () => {
		const result = await runServertastic(simulator(), getMany());
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'product/listproducts', [
			{ product_group: 'SSL', api_key: API_KEY },
		]);
		expect(result.success.map((item) => item.json)).toEqual(
			PRODUCTS.map((product) => ({
				productCode: product.code,
				name: product.name,
				description: `<p>${product.name}</p>`,
				validationLevel: product.validation,
				minSanCount: product.minSanCount,
				maxSanCount: product.maxSanCount,
				maxServerCount: product.maxServerCount,
				points: product.points,
				baseSanPoints: product.sanPoints,
			})),
		);
		expect(result.success.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
		expectNoSecret(result);
	});

	it('Product Group All and SmarterTools are sent as named (api2.md)', async () => {
		await runServertastic(simulator(), getMany({ productGroup: 'All' }));
		await runServertastic(simulator(), getMany({ productGroup: 'SmarterTools' }));
		expect(
			simulator()
				.requestsTo('product/listproducts')
				.map((request) => request.query.product_group),
		).toEqual(['All', 'SmarterTools']);
	});

	it('Validation Level filters; empty means all', async () => {
		const ev = await runServertastic(simulator(), getMany({ validationLevels: ['EV'] }));
		expect(ev.success.map((item) => item.json.productCode)).toEqual([
			'TrueBizIDEV-12',
			'SecureSiteProEV-12',
		]);
		const ovEv = await runServertastic(simulator(), getMany({ validationLevels: ['OV', 'EV'] }));
		expect(ovEv.success.map((item) => item.json.validationLevel)).toEqual([
			'OV',
			'OV',
			'OV',
			'EV',
			'EV',
		]);
		const fromText = await runServertastic(
			simulator(),
			getMany({ validationLevels: '={{ "ov, ev" }}' }),
		);
		expect(fromText.success).toHaveLength(5);
		const none = await runServertastic(simulator(), getMany({ validationLevels: [] }));
		expect(none.success).toHaveLength(PRODUCTS.length);
	});

	it('refuses an unknown validation level before sending anything', async () => {
		const result = await runServertastic(
			simulator(),
			getMany({ validationLevels: '={{ ["DV", "XV"] }}' }),
		);
		expect(result.error?.message).toBe("'Validation Level' must list only DV, OV and EV [item 0]");
		expect(simulator().requests).toEqual([]);
	});

	it('Limit applies after the filter; Return All gives every product', async () => {
		const limited = await runServertastic(
			simulator(),
			getMany({ returnAll: false, limit: 2, validationLevels: ['OV'] }),
		);
		expect(limited.success.map((item) => item.json.productCode)).toEqual([
			'TrueBizID-12',
			'SecureSite-12',
		]);
		const byDefault = await runServertastic(simulator(), {
			resource: 'product',
			operation: 'getMany',
			limit: 3,
		});
		expect(byDefault.success).toHaveLength(3);
	});

	it('one product as a bare object with numbers as text, none as "" or absent', async () => {
		simulator().settings.answerVariant = 'one-as-object';
		const whole = await runServertastic(simulator(), getMany());
		expect(whole.success).toHaveLength(PRODUCTS.length);
		simulator().respondOnce('product/listproducts', {
			status: 200,
			body: {
				success: 'Product list',
				products: {
					st_product_code: 'RapidSSL-12',
					product_name: 'RapidSSL',
					html_description: '',
					product_validation: 'dv',
					min_san_count: '0',
					max_san_count: '',
					max_server_count: ' 99 ',
					base_san_points: {},
					product_points: '20.5',
				},
			},
		});
		const one = await runServertastic(simulator(), getMany());
		expect(one.success.map((item) => item.json)).toEqual([
			{
				productCode: 'RapidSSL-12',
				name: 'RapidSSL',
				description: null,
				validationLevel: 'DV',
				minSanCount: 0,
				maxSanCount: null,
				maxServerCount: 99,
				points: 20.5,
				baseSanPoints: null,
			},
		]);
		for (const body of [{ success: 'Product list', products: '' }, { success: 'Product list' }]) {
			simulator().respondOnce('product/listproducts', { status: 200, body });
			const none = await runServertastic(simulator(), getMany());
			expect(none.status).toBe('success');
			expect(none.success).toEqual([]);
		}
	});

	it('reads the documented answer field by field', async () => {
		serveFixture(simulator(), 'product/listproducts', fixture('product/listproducts'));
		const result = await runServertastic(simulator(), getMany());
		expect(result.success.map((item) => item.json)).toEqual([
			{
				productCode: 'RapidSSL-12',
				name: 'RapidSSL - 1 Years',
				description: '<p>Domain validated certificate.</p>',
				validationLevel: 'DV',
				minSanCount: 0,
				maxSanCount: 0,
				maxServerCount: 0,
				points: 10,
				baseSanPoints: 0,
			},
			{
				productCode: 'QuickSSLPremiumMD-12',
				name: 'QuickSSL Premium Multi Domain - 1 Years',
				description: '<p>Multi domain, four SANs included.</p>',
				validationLevel: 'DV',
				minSanCount: 4,
				maxSanCount: 4,
				maxServerCount: 0,
				points: 120,
				baseSanPoints: 0,
			},
			{
				productCode: 'TrueBizID-12',
				name: 'True BusinessID - 1 Years',
				description: '<p>Organisation validated certificate.</p>',
				validationLevel: 'OV',
				minSanCount: 0,
				maxSanCount: 0,
				maxServerCount: 0,
				points: 95,
				baseSanPoints: 0,
			},
		]);
	});

	it('each input item gives its own list, paired to it', async () => {
		const result = await runServertastic(
			simulator(),
			getMany({ validationLevels: '={{ $json.levels }}' }),
			{
				inputItems: [{ levels: ['EV'] }, { levels: ['OV'] }],
			},
		);
		expect(result.success.map((item) => [item.pairedItem, item.json.validationLevel])).toEqual([
			[{ item: 0 }, 'EV'],
			[{ item: 0 }, 'EV'],
			[{ item: 1 }, 'OV'],
			[{ item: 1 }, 'OV'],
			[{ item: 1 }, 'OV'],
		]);
	});

	describeApiErrors(simulator, 'product/listproducts', () => getMany());
});
