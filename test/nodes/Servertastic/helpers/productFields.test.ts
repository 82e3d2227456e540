import { normaliseProductFields, preflightProblems } from '../../../../nodes/Servertastic/helpers/productFields';

describe('normaliseProductFields', () => {
	it('reads the list, a single field given as an object, and XML-style values', () => {
		expect(normaliseProductFields({ fields: [{ name: 'csr', required: '1', input_type: 'textarea', required_if: '!domain_name' }] })).toEqual([
			{ name: 'csr', required: true, inputType: 'textarea', options: [], requiredIf: '!domain_name' },
		]);
		expect(normaliseProductFields({ fields: { name: 'dv_auth_method', required: true, input_type: 'select', options: { option: ['EMAIL', 'DNS'] } } })).toEqual([
			{ name: 'dv_auth_method', required: true, inputType: 'select', options: ['EMAIL', 'DNS'], requiredIf: null },
		]);
		expect(normaliseProductFields({ fields: { field: [{ name: 'a', required: 'false', required_if: {} }, { name: '' }] } })).toEqual([
			{ name: 'a', required: false, inputType: null, options: [], requiredIf: null },
		]);
		expect(normaliseProductFields({ fields: '' })).toEqual([]);
	});
});

describe('preflightProblems', () => {
	const fields = normaliseProductFields({
		fields: [
			{ name: 'order_token', required: true, input_type: 'hidden' },
			{ name: 'dv_auth_method', required: true, input_type: 'select', options: ['EMAIL', 'DNS'] },
			{ name: 'csr', required: false, input_type: 'textarea', required_if: '!domain_name' },
			{ name: 'renewal', required: false, input_type: 'checkbox' },
			{ name: 'previous_order_token', required: false, input_type: 'text', required_if: 'renewal' },
			{ name: 'san_domains', required: true, input_type: 'textarea' },
			{ name: 'org_name', required: true, input_type: 'text' },
		],
	});
	const body = { order_token: 't', dv_auth_method: 'DNS', csr: 'PEM', renewal: '0', san_domains: 'a.example.com', org_name: 'X' };

	it('passes a body that meets the product fields', () => {
		expect(preflightProblems(body, fields, { sanCount: 1 })).toEqual([]);
	});

	it('finds missing required fields, with required_if in both forms', () => {
		expect(preflightProblems({ ...body, org_name: '', renewal: '1', csr: '' }, fields)).toEqual([
			{ field: 'CSR', problem: 'is required for this product' },
			{ field: 'Previous Order Token', problem: 'is required for this product' },
			{ field: 'Organisation Name', problem: 'is required for this product' },
		]);
	});

	it('checks select values, unknown additional parameters and the SAN count', () => {
		expect(preflightProblems({ ...body, dv_auth_method: 'FILE', san_domains: 'a.example.com,b.example.com' }, fields, { additionalNames: ['org_name', 'made_up'], sanCount: 1 })).toEqual([
			{ field: 'Validation Method', problem: 'must be one of EMAIL, DNS for this product (got "FILE")' },
			{ field: 'Additional Parameter "made_up"', problem: 'is not a field of this product' },
			{ field: 'Additional Domains (SANs)', problem: 'lists 2 names but this token allows 1' },
		]);
	});

	it('refuses SANs for a token without a SAN count', () => {
		const single = fields.filter((field) => field.name !== 'san_domains');
		expect(preflightProblems(body, single)).toEqual([
			{ field: 'Additional Domains (SANs)', problem: 'cannot be used: this token has no SAN count' },
		]);
	});
});
