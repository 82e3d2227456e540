import {
	prepareKeyRequest,
	type KeyRequestInput,
} from '../../../../nodes/Servertastic/helpers/keyRequest';

const input = (fields: Partial<KeyRequestInput>): KeyRequestInput => ({
	commonName: 'www.example.com',
	sanDomains: '',
	organisation: '',
	organisationalUnit: '',
	locality: '',
	state: '',
	country: '',
	email: '',
	...fields,
});

const problems = (fields: Partial<KeyRequestInput>) => {
	const prepared = prepareKeyRequest(input(fields));
	return prepared.ok
		? []
		: prepared.problems.map((problem) => `${problem.field}: ${problem.problem}`);
};

describe('prepareKeyRequest', () => {
	it('trims, lower-cases the names, puts the common name first once, normalises the country', () => {
		const prepared = prepareKeyRequest(
			input({
				commonName: ' WWW.Example.com ',
				sanDomains: ['shop.example.com, www.example.com', 'API.example.com'],
				organisation: ' Example Ltd ',
				country: 'gb',
				email: 'certs@example.com',
			}),
		);
		expect(prepared).toEqual({
			ok: true,
			request: {
				subject: {
					commonName: 'www.example.com',
					organisation: 'Example Ltd',
					country: 'GB',
					email: 'certs@example.com',
				},
				dnsNames: ['www.example.com', 'shop.example.com', 'api.example.com'],
			},
		});
	});

	it('names the field of every problem, all at once', () => {
		expect(
			problems({
				commonName: 'https://www.example.com/',
				sanDomains: 'ok.example.com, bad_name.example.com',
				organisation: 'x'.repeat(65),
				locality: 'Line\nbreak',
				country: 'United Kingdom',
				email: 'Jane <jane@example.com>',
			}),
		).toEqual([
			'Common Name: must be just the host name, without "https://" or a path; did you mean "www.example.com"? (got "https://www.example.com/")',
			'Additional Domains (SANs): "bad_name.example.com" is not a valid host name: must not contain "_": underscores are not allowed in certificate names',
			`Organisation: must be at most 64 characters long, but has 65 (got "${'x'.repeat(59)}…")`,
			'Locality: must be a single line, without line breaks (found \\n at position 5) (got "Line\\nbreak")',
			'Country: must be a two-letter ISO 3166 country code; did you mean GB? (got "United Kingdom")',
			'Email: should be just the address ("jane@example.com"), without a name or angle brackets (got "Jane <jane@example.com>")',
		]);
	});

	it('requires a common name that fits the CN field, allows a wildcard', () => {
		expect(problems({ commonName: '  ' })).toEqual(['Common Name: must not be empty']);
		const long = `${'a'.repeat(60)}.example.com`;
		expect(problems({ commonName: long })).toEqual([
			`Common Name: is ${long.length} characters long; a certificate's common name holds at most 64 (put longer names in the SANs)`,
		]);
		expect(problems({ commonName: '*.example.com' })).toEqual([]);
		expect(problems({ commonName: 'intranet.local' })[0]).toMatch(/^Common Name: uses "\.local"/);
		expect(problems({ country: 'XK' })).toEqual([
			'Country: must be an officially assigned ISO 3166 country code, e.g. GB (got "XK")',
		]);
	});

	it('caps the number of names', () => {
		const many = Array.from({ length: 250 }, (_, index) => `n${index}.example.com`);
		expect(problems({ sanDomains: many.slice(0, 249) })).toEqual([]);
		expect(problems({ sanDomains: many })).toEqual([
			'Additional Domains (SANs): holds 250 names; at most 249 are allowed',
		]);
	});
});
