import {
	preflightProblems,
	requiredFor,
	withProductChoices,
} from '../../../../nodes/Servertastic/helpers/preflight';
import { normaliseProductFields } from '../../../../nodes/Servertastic/helpers/productFields';
import { fixture } from '../../../contract';

const entry = (name: string, definition: Record<string, unknown>) => ({ [name]: definition });

describe('preflightProblems', () => {
	const { fields } = normaliseProductFields([
		'Code-12',
		'Label',
		entry('order_token', { required: '1', input_type: 'hidden' }),
		entry('dv_auth_method', { required: '1', input_type: 'select', options: ['EMAIL', 'DNS'] }),
		entry('csr', { required: '', input_type: 'textarea', required_if: '!domain_name' }),
		entry('renewal', { required: '', input_type: 'checkbox', options: ['0', '1'] }),
		entry('previous_order_token', { required: '', input_type: 'text', required_if: ['renewal'] }),
		entry('san_domains', { required: '1', input_type: 'textarea' }),
		entry('org_name', { required: '1', input_type: 'text' }),
	]);
	const body = {
		order_token: 't',
		dv_auth_method: 'DNS',
		csr: 'PEM',
		renewal: '0',
		san_domains: 'a.example.com',
		org_name: 'X',
	};

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
		expect(
			preflightProblems(
				{ ...body, dv_auth_method: 'FILE', san_domains: 'a.example.com,b.example.com' },
				fields,
				{ additionalNames: ['org_name', 'made_up'], sanCount: 1 },
			),
		).toEqual([
			{
				field: 'Validation Method',
				problem: 'must be one of EMAIL, DNS for this product (got "FILE")',
			},
			{ field: 'Additional Parameter "made_up"', problem: 'is not a field of this product' },
			{ field: 'Additional Domains (SANs)', problem: 'lists 2 names but this token allows 1' },
		]);
	});

	it('refuses SANs for a token without a SAN count: review says 0, or productfields does not list san_domains', () => {
		const single = fields.filter((field) => field.name !== 'san_domains');
		const refused = [
			{
				field: 'Additional Domains (SANs)',
				problem: 'cannot be used: this token has no SAN count',
			},
		];
		expect(preflightProblems(body, single)).toEqual(refused);
		expect(preflightProblems(body, fields, { sanCount: 0 })).toEqual(refused);
		// A SAN count the review reports is enough, whether productfields lists san_domains or not.
		expect(preflightProblems(body, single, { sanCount: 2 })).toEqual([]);
	});

	it('names a required field the node has no input for, pointing at Additional Parameters', () => {
		const { fields: withExtra } = normaliseProductFields([
			'A',
			'B',
			entry('org_assumed_name', { required: '1' }),
		]);
		expect(preflightProblems({}, withExtra)).toEqual([
			{
				field: 'Parameter org_assumed_name',
				problem:
					'is required for this product: this node has no field for it, add it under Additional Parameters',
			},
		]);
		expect(
			preflightProblems({ org_assumed_name: 'Trading name' }, withExtra, {
				additionalNames: ['org_assumed_name'],
			}),
		).toEqual([]);
	});
});

describe('the documented productfields example (api2.md)', () => {
	const { fields } = normaliseProductFields(fixture('order/productfields'));
	const contacts = Object.fromEntries(
		['tech', 'admin'].flatMap((role) =>
			['first_name', 'last_name', 'phone', 'email', 'title'].map((suffix) => [
				`${role}_contact_${suffix}`,
				suffix === 'email' ? 'a@example.com' : 'x',
			]),
		),
	);
	const withCsr = {
		order_token: 't',
		dv_auth_method: 'DNS',
		csr: 'PEM',
		renewal: '0',
		hashing_algorithm: 'SHA-256',
		...contacts,
	};

	it('org_* are required only without a CSR: every required_if condition must hold (domain_name and !csr)', () => {
		const org = fields.find((field) => field.name === 'org_name')!;
		expect(requiredFor(org, { csr: 'PEM' })).toBe(false);
		expect(requiredFor(org, { csr: 'PEM', domain_name: 'example.com' })).toBe(false);
		expect(requiredFor(org, { domain_name: 'example.com' })).toBe(true);
	});

	it('a DNS order with a CSR passes; the approver address is asked for only with EMAIL', () => {
		expect(preflightProblems(withCsr, fields)).toEqual([]);
		expect(preflightProblems({ ...withCsr, dv_auth_method: 'EMAIL' }, fields)).toEqual([
			{ field: 'Approver Email', problem: 'is required for this product' },
		]);
	});

	it('without a CSR it needs domain_name, then the five organisation fields', () => {
		const { csr: _csr, ...noCsr } = withCsr;
		expect(preflightProblems(noCsr, fields).map((problem) => problem.field)).toEqual([
			'Domain Name',
			'CSR',
		]);
		expect(
			preflightProblems({ ...noCsr, domain_name: 'www.example.com' }, fields).map(
				(problem) => problem.field,
			),
		).toEqual([
			'Organisation Name',
			'Organisation Division',
			'Organisation City',
			'Organisation Region',
			'Organisation Country Code',
		]);
	});

	it('requires hashing_algorithm among its options; SFILE is not among its methods', () => {
		const { hashing_algorithm: _hashing, ...noHashing } = withCsr;
		expect(preflightProblems(noHashing, fields)).toEqual([
			{ field: 'Hashing Algorithm', problem: 'is required for this product' },
		]);
		expect(preflightProblems({ ...withCsr, hashing_algorithm: 'SHA2-256' }, fields)).toEqual([
			{
				field: 'Hashing Algorithm',
				problem: 'must be one of SHA-256, SHA-256-FULL-CHAIN for this product (got "SHA2-256")',
			},
		]);
		expect(preflightProblems({ ...withCsr, dv_auth_method: 'SFILE' }, fields)[0].problem).toBe(
			'must be one of EMAIL, FILE, DNS for this product (got "SFILE")',
		);
	});
});

describe('withProductChoices', () => {
	const { fields } = normaliseProductFields(fixture('order/productfields'));

	it('fills a default hashing algorithm with the first option productfields offers', () => {
		expect(withProductChoices({ order_token: 't' }, fields, { hashingDefault: true })).toEqual({
			order_token: 't',
			hashing_algorithm: 'SHA-256',
		});
		expect(withProductChoices({ order_token: 't' }, [], { hashingDefault: true })).toEqual({
			order_token: 't',
		});
		expect(
			withProductChoices({ hashing_algorithm: 'SHA-256-FULL-CHAIN' }, fields, {
				hashingDefault: false,
			}),
		).toEqual({ hashing_algorithm: 'SHA-256-FULL-CHAIN' });
	});

	it('sends the web server type under the name productfields uses', () => {
		const { fields: camel } = normaliseProductFields([
			'A',
			'B',
			entry('WebServerType', { required: '1', options: ['Other', 'IIS'] }),
		]);
		expect(
			withProductChoices({ web_server_type: 'IIS' }, camel, { hashingDefault: false }),
		).toEqual({ WebServerType: 'IIS' });
		expect(
			withProductChoices({ web_server_type: 'IIS' }, fields, { hashingDefault: false }),
		).toEqual({ web_server_type: 'IIS' });
	});
});
