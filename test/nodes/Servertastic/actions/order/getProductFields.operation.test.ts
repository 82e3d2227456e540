import type { INodeParameters } from 'n8n-workflow';

import { findProduct, productFields, productLabel } from '../../../../simulator';
import { runServertastic } from '../../../../support/servertastic';
import {
	describeApiErrors,
	expectNoSecret,
	expectQueries,
	useSimulator,
} from '../../../../support/readChecks';

const simulator = useSimulator();

const getProductFields = (orderToken: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'getProductFields',
	orderToken,
	options,
});

describe('Order → Get Product Fields inside n8n', () => {
	const FIELD_KEYS = [
		'inputType',
		'name',
		'options',
		'productCode',
		'productName',
		'required',
		'requiredIf',
	];

	it('one item per field, in the API order, tidy and paired; no api_key sent', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator(), getProductFields(token));
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/productfields', [{ order_token: token }]);
		const product = findProduct('RapidSSL-12')!;
		const expected = productFields(product, 0);
		expect(result.success.map((item) => item.json.name)).toEqual(
			expected.map((field) => field.name),
		);
		expect(result.success.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
		const byName = Object.fromEntries(result.success.map((item) => [item.json.name, item.json]));
		expect(byName.dv_auth_method).toEqual({
			productCode: 'RapidSSL-12',
			productName: productLabel(product),
			name: 'dv_auth_method',
			required: true,
			inputType: 'select',
			options: ['EMAIL', 'FILE', 'DNS', 'SFILE'],
			requiredIf: [],
		});
		expect(byName.csr).toMatchObject({
			name: 'csr',
			required: false,
			inputType: 'textarea',
			options: [],
			requiredIf: ['!domain_name'],
		});
		expect(byName.hashing_algorithm).toMatchObject({
			required: true,
			options: ['SHA-256', 'SHA-256-FULL-CHAIN'],
		});
		expect(byName.intermediate_ca.options).toEqual([
			'RapidSSL TLS RSA CA G1',
			'RapidSSL Global TLS RSA4096 SHA256 2022 CA1',
		]);
		for (const item of result.success) expect(Object.keys(item.json).sort()).toEqual(FIELD_KEYS);
		expectNoSecret(result);
	});

	it('One Item with All Fields: the product, the fields and the names of the required ones, without the token', async () => {
		const token = simulator().createToken({ productCode: 'PositiveSSL-12' });
		const result = await runServertastic(
			simulator(),
			getProductFields(token, { output: 'allFields' }),
		);
		expect(result.success).toHaveLength(1);
		const json = result.success[0].json as {
			productCode: string;
			fields: Array<{ name: string; required: boolean }>;
			requiredFields: string[];
		};
		expect(Object.keys(json).sort()).toEqual([
			'fields',
			'productCode',
			'productName',
			'requiredFields',
		]);
		expect(json.productCode).toBe('PositiveSSL-12');
		const expected = productFields(findProduct('PositiveSSL-12')!, 0);
		expect(json.fields.map((field) => field.name)).toEqual(expected.map((field) => field.name));
		expect(json.requiredFields).toEqual(
			expected.filter((field) => field.required).map((field) => field.name),
		);
		expect(json.requiredFields).toContain('ida_email_address');
		expect(JSON.stringify(json)).not.toContain(token);
	});

	it('normalises required given as "1", "true", 1, true, "0", "" and {}, and options as a list, a text or numeric keys', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const entry = (name: string, definition: Record<string, unknown>) => ({ [name]: definition });
		simulator().respondOnce('order/productfields', {
			status: 200,
			body: [
				'RapidSSL-12',
				'RapidSSL: RapidSSL - 1 Year',
				entry('a', { required: '1', input_type: 'text' }),
				entry('b', { required: 'true', input_type: 'text' }),
				entry('c', { required: 1, input_type: 'text' }),
				entry('d', { required: true, input_type: 'text' }),
				entry('e', { required: '0', input_type: 'text', required_if: '' }),
				entry('f', { required: '', input_type: 'select', options: 'ONLY' }),
				entry('g', {
					required: {},
					input_type: 'select',
					options: { '0': 'X', '1': 'Y' },
					required_if: ['domain_name', '!csr'],
				}),
			],
		});
		const result = await runServertastic(simulator(), getProductFields(token));
		expect(
			result.success.map((item) => [
				item.json.name,
				item.json.required,
				item.json.options,
				item.json.requiredIf,
			]),
		).toEqual([
			['a', true, [], []],
			['b', true, [], []],
			['c', true, [], []],
			['d', true, [], []],
			['e', false, [], []],
			['f', false, ['ONLY'], []],
			['g', false, ['X', 'Y'], ['domain_name', '!csr']],
		]);
	});

	it('reads the list as numeric keys and as {"item": [...]}; a list of no fields gives none', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const fields = [
			{ csr: { required: '1', input_type: 'textarea', options: '', required_if: '' } },
		];
		simulator().respondOnce('order/productfields', {
			status: 200,
			body: { '0': 'RapidSSL-12', '1': 'RapidSSL', '2': fields[0] },
		});
		simulator().respondOnce('order/productfields', {
			status: 200,
			body: { item: ['RapidSSL-12', 'RapidSSL', ...fields] },
		});
		simulator().respondOnce('order/productfields', {
			status: 200,
			body: ['RapidSSL-12', 'RapidSSL'],
		});
		const csr = {
			productCode: 'RapidSSL-12',
			productName: 'RapidSSL',
			name: 'csr',
			required: true,
			inputType: 'textarea',
			options: [],
			requiredIf: [],
		};
		const numbered = await runServertastic(simulator(), getProductFields(token));
		expect(numbered.success.map((item) => item.json)).toEqual([csr]);
		const wrapped = await runServertastic(simulator(), getProductFields(token));
		expect(wrapped.success.map((item) => item.json)).toEqual([csr]);
		const none = await runServertastic(
			simulator(),
			getProductFields(token, { output: 'allFields' }),
		);
		expect(none.success.map((item) => item.json)).toEqual([
			{ productCode: 'RapidSSL-12', productName: 'RapidSSL', fields: [], requiredFields: [] },
		]);
	});

	it('an error inside a top-level list is still an error', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		simulator().respondOnce('order/productfields', {
			status: 200,
			body: [{ error: { code: -2, message: 'Invalid order token' } }],
		});
		const result = await runServertastic(simulator(), getProductFields(token));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Servertastic refused order/productfields: Invalid order token',
		);
	});

	it('each input item gives its own list, paired to it', async () => {
		const tokens = [
			simulator().createToken({ productCode: 'RapidSSL-12' }),
			simulator().createToken({ productCode: 'TrueBizID-12', sanCount: 2 }),
		];
		const result = await runServertastic(simulator(), getProductFields('={{ $json.token }}'), {
			inputItems: tokens.map((token) => ({ token })),
		});
		const counts = [0, 1].map(
			(index) =>
				result.success.filter((item) => (item.pairedItem as { item: number }).item === index)
					.length,
		);
		expect(counts).toEqual([
			productFields(findProduct('RapidSSL-12')!, 0).length,
			productFields(findProduct('TrueBizID-12')!, 2).length,
		]);
		expect(
			result.success
				.filter((item) => item.json.name === 'san_domains')
				.map((item) => item.pairedItem),
		).toEqual([{ item: 1 }]);
	});

	it('refuses an unknown Output choice from an expression', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(
			simulator(),
			getProductFields(token, { output: '={{ "everything" }}' }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'\'Output\' must be one of perField, allFields, not "everything" [item 0]',
		);
		expect(simulator().requests).toEqual([]);
	});

	let errorToken = '';
	describeApiErrors(
		simulator,
		'order/productfields',
		() => {
			errorToken = simulator().createToken({ productCode: 'RapidSSL-12' });
			return getProductFields(errorToken);
		},
		() => [errorToken],
	);
});
