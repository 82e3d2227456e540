import { dcvInstructions } from '../../../../nodes/Servertastic/helpers/dcv';

describe('dcvInstructions', () => {
	it('describes a DNS record from the API fields', () => {
		expect(
			dcvInstructions(
				'DNS',
				'www.example.com',
				{
					dns_string: 'abc123',
					dv_auth_dns_name: '_dnsauth.www.example.com',
					dv_auth_dns_type: 'txt',
				},
				null,
			),
		).toEqual({
			method: 'DNS',
			approverEmail: null,
			dnsRecord: { name: '_dnsauth.www.example.com', type: 'TXT', value: 'abc123' },
			file: null,
			instructions: 'Create a DNS TXT record named _dnsauth.www.example.com with the value abc123.',
		});
	});

	it("names the record from reissue's dns_name (api2.md) when the review's dv_auth_dns_name is absent", () => {
		expect(
			dcvInstructions(
				'DNS',
				'www.example.com',
				{ dns_string: 'v', dns_name: '_x.www.example.com' },
				null,
			).dnsRecord,
		).toEqual({
			name: '_x.www.example.com',
			type: 'TXT',
			value: 'v',
		});
	});

	it('falls back to the domain without its wildcard label when the API names no record', () => {
		expect(dcvInstructions('DNS', '*.example.com', { dns_string: 'v' }, null).dnsRecord).toEqual({
			name: 'example.com',
			type: 'TXT',
			value: 'v',
		});
	});

	it('builds the file URL under /.well-known/pki-validation/ with the scheme of the method', () => {
		const file = dcvInstructions(
			'SFILE',
			'example.com',
			{ file_contents: 'token', file_name: 'ABC.txt' },
			null,
		);
		expect(file.file).toEqual({
			name: 'ABC.txt',
			path: '/.well-known/pki-validation/ABC.txt',
			url: 'https://example.com/.well-known/pki-validation/ABC.txt',
			contents: 'token',
		});
		expect(
			dcvInstructions('FILE', 'example.com', { file_contents: 'token', file_name: 'ABC.txt' }, null)
				.file?.url,
		).toBe('http://example.com/.well-known/pki-validation/ABC.txt');
	});

	it('says the data is not ready rather than inventing it', () => {
		const pending = dcvInstructions('FILE', 'example.com', { file_contents: {} }, null);
		expect(pending.file).toBeNull();
		expect(pending.instructions).toMatch(/not ready yet/);
	});

	it('names the approver for EMAIL', () => {
		expect(dcvInstructions('EMAIL', 'example.com', {}, 'admin@example.com').instructions).toMatch(
			/admin@example.com/,
		);
	});
});
