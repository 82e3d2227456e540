import type { INodeParameters } from 'n8n-workflow';

import { productFields, findProduct } from '../../../../simulator';
import { runServertastic } from '../../../../support/servertastic';
import { describeApiErrors, expectNoSecret, expectQueries, useSimulator } from '../readChecks';

const simulator = useSimulator();

const getProductFields = (orderToken: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'getProductFields',
	orderToken,
	options,
});

describe('Order → Get Product Fields inside n8n', () => {
	it('one item per field, in the API order, tidy and paired; no api_key sent', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator(), getProductFields(token));
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/productfields', [{ order_token: token }]);
		const expected = productFields(findProduct('RapidSSL-12')!, 0);
		expect(result.success.map((item) => item.json.name)).toEqual(expected.map((field) => field.name));
		expect(result.success.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const byName = Object.fromEntries(result.success.map((item) => [item.json.name, item.json]));
		expect(byName.dv_auth_method).toEqual({
			name: 'dv_auth_method',
			required: true,
			inputType: 'select',
			options: ['EMAIL', 'DNS', 'FILE', 'SFILE'],
			requiredIf: null,
		});
		expect(byName.csr).toEqual({ name: 'csr', required: false, inputType: 'textarea', options: [], requiredIf: '!domain_name' });
		expect(byName.intermediate_ca.options).toEqual(['RapidSSL TLS RSA CA G1', 'RapidSSL Global TLS RSA4096 SHA256 2022 CA1']);
		for (const item of result.success) expect(Object.keys(item.json).sort()).toEqual(['inputType', 'name', 'options', 'required', 'requiredIf']);
		expectNoSecret(result);
	});

	it('One Item with All Fields: the fields and the names of the required ones, without the token', async () => {
		const token = simulator().createToken({ productCode: 'PositiveSSL-12' });
		const result = await runServertastic(simulator(), getProductFields(token, { output: 'allFields' }));
		expect(result.success).toHaveLength(1);
		const json = result.success[0].json as { fields: Array<{ name: string; required: boolean }>; requiredFields: string[] };
		expect(Object.keys(json).sort()).toEqual(['fields', 'requiredFields']);
		const expected = productFields(findProduct('PositiveSSL-12')!, 0);
		expect(json.fields.map((field) => field.name)).toEqual(expected.map((field) => field.name));
		expect(json.requiredFields).toEqual(expected.filter((field) => field.required).map((field) => field.name));
		expect(json.requiredFields).toContain('ida_email_address');
		expect(JSON.stringify(json)).not.toContain(token);
	});

	it('normalises required given as "1", "true", 1, true, "0" and "", and options as text or {option}', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		simulator().respondOnce('order/productfields', {
			status: 200,
			body: {
				success: 'ok',
				fields: [
					{ name: 'a', required: '1', input_type: 'text' },
					{ name: 'b', required: 'true', input_type: 'text' },
					{ name: 'c', required: 1, input_type: 'text' },
					{ name: 'd', required: true, input_type: 'text' },
					{ name: 'e', required: '0', input_type: 'text', required_if: '' },
					{ name: 'f', required: '', input_type: 'select', options: { option: 'ONLY' } },
					{ name: 'g', input_type: 'select', options: { option: [{ value: 'X' }, { value: 'Y' }] } },
				],
			},
		});
		const result = await runServertastic(simulator(), getProductFields(token));
		expect(result.success.map((item) => [item.json.name, item.json.required, item.json.options, item.json.requiredIf])).toEqual([
			['a', true, [], null],
			['b', true, [], null],
			['c', true, [], null],
			['d', true, [], null],
			['e', false, [], null],
			['f', false, ['ONLY'], null],
			['g', false, ['X', 'Y'], null],
		]);
	});

	it('xmlStyleLists: one field as a bare object gives one item; no fields ("") gives none', async () => {
		simulator().settings.xmlStyleLists = true;
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		simulator().respondOnce('order/productfields', {
			status: 200,
			body: { success: 'ok', fields: { name: 'csr', required: '1', input_type: 'textarea', options: '' } },
		});
		simulator().respondOnce('order/productfields', { status: 200, body: { success: 'ok', fields: '' } });
		const one = await runServertastic(simulator(), getProductFields(token));
		expect(one.success.map((item) => item.json)).toEqual([{ name: 'csr', required: true, inputType: 'textarea', options: [], requiredIf: null }]);
		const none = await runServertastic(simulator(), getProductFields(token, { output: 'allFields' }));
		expect(none.success.map((item) => item.json)).toEqual([{ fields: [], requiredFields: [] }]);
		// And the simulator's own list in XML style still comes out whole.
		const whole = await runServertastic(simulator(), getProductFields(token));
		expect(whole.success).toHaveLength(productFields(findProduct('RapidSSL-12')!, 0).length);
	});

	it('each input item gives its own list, paired to it', async () => {
		const tokens = [
			simulator().createToken({ productCode: 'RapidSSL-12' }),
			simulator().createToken({ productCode: 'TrueBizID-12', sanCount: 2 }),
		];
		const result = await runServertastic(simulator(), getProductFields('={{ $json.token }}'), {
			inputItems: tokens.map((token) => ({ token })),
		});
		const counts = [0, 1].map((index) => result.success.filter((item) => (item.pairedItem as { item: number }).item === index).length);
		expect(counts).toEqual([
			productFields(findProduct('RapidSSL-12')!, 0).length,
			productFields(findProduct('TrueBizID-12')!, 2).length,
		]);
		expect(result.success.filter((item) => item.json.name === 'san_domains').map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});

	it('refuses an unknown Output choice from an expression', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator(), getProductFields(token, { output: '={{ "everything" }}' }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('\'Output\' must be one of perField, allFields, not "everything" [item 0]');
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
