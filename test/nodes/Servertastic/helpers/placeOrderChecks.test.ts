import type { ItemProblem } from '../../../../nodes/Servertastic/helpers/itemProblem';
import {
	addAdditionalParameters,
	readExtraNames,
	readOrderToken,
	readServerOptions,
	readSubject,
} from '../../../../nodes/Servertastic/helpers/placeOrderChecks';
import { csrFixture } from '../../../fixtures/csrs';

// The steps of preparePlaceOrder one by one; test/nodes/Servertastic/helpers/placeOrder.test.ts
// covers them together, in the order they report.

const fields = (problems: ItemProblem[]) => problems.map((problem) => problem.field);

describe('the Place checks', () => {
	it('readOrderToken trims the token and reports an empty one as required', () => {
		const problems: ItemProblem[] = [];
		expect(readOrderToken('  tok_0123456789abcdef ', problems)).toBe('tok_0123456789abcdef');
		expect(problems).toEqual([]);
		expect(readOrderToken('  ', problems)).toBe('');
		expect(problems).toEqual([{ field: 'Order Token', problem: 'is required' }]);
	});

	it('readSubject takes the common name from the CSR, or the Domain Name when Servertastic makes the key pair', () => {
		const problems: ItemProblem[] = [];
		const pasted = readSubject({ generate: false, csr: csrFixture('rsa2048') }, problems);
		expect(pasted.csr).toBeDefined();
		expect(pasted.commonName).toBe(pasted.csr?.commonName?.toLowerCase());
		expect(
			readSubject({ generate: true, csr: '', domainName: ' Shop.Example.com ' }, problems),
		).toEqual({ csr: undefined, commonName: 'shop.example.com' });
		expect(problems).toEqual([]);
		readSubject({ generate: true, csr: '' }, problems);
		readSubject({ generate: false, csr: ' ' }, problems);
		readSubject({ generate: false, csr: 'not a CSR' }, problems);
		expect(fields(problems)).toEqual(['Domain Name', 'CSR', 'CSR']);
		expect(problems[2].problem).toMatch(/^cannot be read: /);
	});

	it('readExtraNames drops the common name from the SANs and refuses file validation for a wildcard', () => {
		const problems: ItemProblem[] = [];
		expect(
			readExtraNames(
				'shop.example.com, www.example.com',
				{ commonName: 'shop.example.com' },
				'DNS',
				problems,
			),
		).toEqual(['www.example.com']);
		expect(problems).toEqual([]);
		readExtraNames('*.example.com', { commonName: 'shop.example.com' }, 'FILE', problems);
		expect(fields(problems)).toEqual(['Validation Method']);
	});

	it('readServerOptions asks Web Server Type of OV and EV only', () => {
		const problems: ItemProblem[] = [];
		expect(
			readServerOptions({ hashingAlgorithm: ' SHA-256 ', webServerType: 'Apache' }, 'DV', problems),
		).toEqual({ hashing: 'SHA-256' });
		expect(readServerOptions({}, 'OV', problems)).toEqual({ hashing: '', webServerType: 'Other' });
		expect(problems).toEqual([]);
		readServerOptions({ hashingAlgorithm: 'SHA 256', webServerType: 'Apache' }, 'EV', problems);
		expect(fields(problems)).toEqual(['Hashing Algorithm', 'Web Server Type']);
	});

	it('addAdditionalParameters adds checked names to the body, last, and reports the others', () => {
		const body: Record<string, string> = { order_token: 'tok', dv_auth_method: 'DNS' };
		const problems: ItemProblem[] = [];
		addAdditionalParameters(
			body,
			[
				{ name: ' dv_auth_method ', value: 'EMAIL' },
				{ name: 'extra_field', value: 'x' },
				{ name: 'order_token', value: 'other' },
				{ name: 'extra_field', value: 'y' },
				{ name: '1bad', value: 'z' },
			],
			problems,
		);
		expect(body).toEqual({ order_token: 'tok', dv_auth_method: 'EMAIL', extra_field: 'x' });
		expect(problems.map((problem) => problem.problem)).toEqual([
			'cannot set order_token: use the Order Token field',
			'names "extra_field" twice',
			'has an invalid parameter name "1bad": use letters, digits and "_"',
		]);
	});
});
