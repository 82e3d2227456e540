import {
	fieldsForSanCount,
	normaliseProductFields,
	textsOf,
} from '../../../../nodes/Servertastic/helpers/productFields';
import { applyVariant, fixture, VARIANTS } from '../../../contract';

const field = (name: string, definition: Record<string, unknown>) => ({ [name]: definition });

describe('normaliseProductFields', () => {
	const documented = fixture('order/productfields');

	it('reads the documented list: the product code, its label, then the fields in order', () => {
		const list = normaliseProductFields(documented);
		expect(list.productCode).toBe('RapidSSL-12');
		expect(list.productName).toBe('RapidSSL: RapidSSL - 1 Year');
		expect(list.fields.map((entry) => entry.name)).toEqual([
			'order_token',
			'approver_email_address',
			'tech_contact_first_name',
			'tech_contact_last_name',
			'tech_contact_phone',
			'tech_contact_email',
			'tech_contact_title',
			'admin_contact_first_name',
			'admin_contact_last_name',
			'admin_contact_phone',
			'admin_contact_email',
			'admin_contact_title',
			'domain_name',
			'csr',
			'renewal',
			'competitive_upgrade',
			'dv_auth_method',
			'hashing_algorithm',
			'org_name',
			'org_division',
			'org_address_city',
			'org_address_region',
			'org_address_country',
		]);
		const byName = Object.fromEntries(list.fields.map((entry) => [entry.name, entry]));
		expect(byName.order_token).toEqual({
			name: 'order_token',
			required: true,
			inputType: 'hidden',
			options: [],
			requiredIf: [],
		});
		expect(byName.domain_name).toEqual({
			name: 'domain_name',
			required: false,
			inputType: 'text',
			options: [],
			requiredIf: ['!csr'],
		});
		expect(byName.renewal.options).toEqual(['0', '1']);
		expect(byName.dv_auth_method).toEqual({
			name: 'dv_auth_method',
			required: true,
			inputType: 'select',
			options: ['EMAIL', 'FILE', 'DNS'],
			requiredIf: [],
		});
		expect(byName.hashing_algorithm).toEqual({
			name: 'hashing_algorithm',
			required: true,
			inputType: 'select',
			options: ['SHA-256', 'SHA-256-FULL-CHAIN'],
			requiredIf: [],
		});
		expect(byName.org_name.requiredIf).toEqual(['domain_name', '!csr']);
	});

	it.each(VARIANTS)('reads the %s reading the same way', (variant) => {
		expect(
			normaliseProductFields(applyVariant('order/productfields', documented, variant)),
		).toEqual(normaliseProductFields(documented));
	});

	it('reads numeric keys out of order, an item list of one, and a merged object of fields', () => {
		expect(
			normaliseProductFields({ '1': 'Label', '0': 'Code-12', '2': field('csr', { required: '' }) }),
		).toMatchObject({
			productCode: 'Code-12',
			productName: 'Label',
			fields: [{ name: 'csr' }],
		});
		expect(normaliseProductFields({ item: field('csr', { required: '1' }) }).fields).toEqual([
			{ name: 'csr', required: true, inputType: null, options: [], requiredIf: [] },
		]);
		expect(
			normaliseProductFields({ item: { '0': 'Code-12', '1': field('csr', {}) } }),
		).toMatchObject({ productCode: 'Code-12', fields: [{ name: 'csr' }] });
		expect(
			normaliseProductFields({
				csr: { required: '1', input_type: 'textarea' },
				domain_name: '',
			}).fields.map((entry) => entry.name),
		).toEqual(['csr', 'domain_name']);
	});

	it('reads required as "1", 1, true, "true"; "", {}, "0" or absent as not required', () => {
		const fields = normaliseProductFields([
			'X-12',
			'X',
			field('a', { required: '1' }),
			field('b', { required: 1 }),
			field('c', { required: true }),
			field('d', { required: 'true' }),
			field('e', { required: '' }),
			field('f', { required: {} }),
			field('g', { required: '0' }),
			field('h', {}),
			{ i: '' },
		]).fields;
		expect(fields.map((entry) => [entry.name, entry.required])).toEqual([
			['a', true],
			['b', true],
			['c', true],
			['d', true],
			['e', false],
			['f', false],
			['g', false],
			['h', false],
			['i', false],
		]);
	});

	it('reads options and required_if as a list, one text, numbers, numeric keys or an {option} wrapper', () => {
		expect(textsOf(['0', 1])).toEqual(['0', '1']);
		expect(textsOf('!csr')).toEqual(['!csr']);
		expect(textsOf(0)).toEqual(['0']);
		expect(textsOf({ '0': 'EMAIL', '1': 'DNS' })).toEqual(['EMAIL', 'DNS']);
		expect(textsOf({ option: ['A', { value: 'B' }] })).toEqual(['A', 'B']);
		expect(textsOf('')).toEqual([]);
		expect(textsOf({})).toEqual([]);
		expect(textsOf(undefined)).toEqual([]);
		expect(textsOf([' ', ''])).toEqual([]);
	});

	it('gives nothing for an answer without fields, and keeps the first of a field named twice', () => {
		expect(normaliseProductFields([])).toEqual({
			productCode: null,
			productName: null,
			fields: [],
		});
		expect(normaliseProductFields('')).toEqual({
			productCode: null,
			productName: null,
			fields: [],
		});
		expect(
			normaliseProductFields([
				'A',
				'B',
				field('x', { required: '1' }),
				field('x', { required: '' }),
			]).fields,
		).toEqual([{ name: 'x', required: true, inputType: null, options: [], requiredIf: [] }]);
	});
});

describe('fieldsForSanCount: a product list read for one token, fitted to another token of the product', () => {
	const { fields } = normaliseProductFields(fixture('order/productfields'));
	const names = (list: ReturnType<typeof fieldsForSanCount>) => list.map((field) => field.name);

	it('without SANs there is no san_domains; the rest is kept in order', () => {
		const withSans = [
			...fields,
			{ name: 'san_domains', required: true, inputType: 'textarea', options: [], requiredIf: [] },
		];
		expect(names(fieldsForSanCount(withSans, 0))).toEqual(names(fields));
	});

	it('with SANs, san_domains is required (api2.md: "Required for MD Orders"), or kept as the product lists it', () => {
		const fitted = fieldsForSanCount(fields, 3);
		expect(fitted.slice(0, -1)).toEqual(fields.filter((field) => field.name !== 'san_domains'));
		expect(fitted[fitted.length - 1]).toEqual({
			name: 'san_domains',
			required: true,
			inputType: 'textarea',
			options: [],
			requiredIf: [],
		});
		const listed = {
			name: 'san_domains',
			required: false,
			inputType: 'text',
			options: [],
			requiredIf: [],
		};
		expect(
			fieldsForSanCount([...fields, listed], 2).filter((field) => field.name === 'san_domains'),
		).toEqual([listed]);
	});
});
