import {
	preparePlaceOrder,
	type PlaceOrderInput,
} from '../../../../nodes/Servertastic/helpers/placeOrder';
import type { PlaceOrderContext } from '../../../../nodes/Servertastic/helpers/placeOrderFields';
import { csrFixture } from '../../../fixtures/csrs';
import { ORGANISATION, TECH_CONTACT } from '../../../support/contact';

const TECH = TECH_CONTACT;
// Lower case on purpose: the country code is normalised.
const TECH_ADDRESS = {
	techOrganisationName: 'Example Ltd',
	techAddressLine1: '1 High Street',
	techCity: 'London',
	techRegion: 'Greater London',
	techPostCode: 'EC1A 1AA',
	techCountryCode: 'gb',
};
const JURISDICTION = {
	orgJurisdictionCity: 'Cardiff',
	orgJurisdictionRegion: 'Wales',
	orgJurisdictionCountry: 'GB',
};

function input(
	context: Partial<PlaceOrderContext>,
	values: Record<string, string>,
	extra: Partial<PlaceOrderInput> = {},
): PlaceOrderInput {
	return {
		context: {
			level: 'DV',
			method: 'DNS',
			brand: 'other',
			renewal: false,
			adminSameAsTech: true,
			csrSource: 'paste',
			...context,
		},
		orderToken: 'tok_0123456789abcdef',
		csr: csrFixture('rsa2048'),
		sanDomains: '',
		excludeAddon: false,
		values: { ...TECH, ...values },
		additionalParameters: [],
		...extra,
	};
}

function problemsOf(result: ReturnType<typeof preparePlaceOrder>) {
	return result.ok ? [] : result.problems.map((p) => `${p.field}: ${p.problem}`);
}

describe('preparePlaceOrder', () => {
	it('builds a DV/DNS body in the order of the Place Order page (../shared/seeds/place-order.txt), with switches as 0/1 and the admin copied from tech', () => {
		const result = preparePlaceOrder(input({}, {}));
		expect(problemsOf(result)).toEqual([]);
		if (!result.ok) return;
		expect(Object.keys(result.order.body)).toEqual([
			'order_token',
			'dv_auth_method',
			'csr',
			'exclude_addon',
			'renewal',
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
		]);
		expect(result.order.body).toMatchObject({
			order_token: 'tok_0123456789abcdef',
			dv_auth_method: 'DNS',
			exclude_addon: '0',
			renewal: '0',
			admin_contact_email: 'ada@example.com',
		});
		expect(result.order.commonName).toBe('www.example.com');
		expect(result.order.domains).toEqual(['www.example.com']);
	});

	it('needs the approver email for EMAIL and sends it', () => {
		expect(problemsOf(preparePlaceOrder(input({ method: 'EMAIL' }, {})))).toEqual([
			'Approver Email: is required when the validation method is Email',
		]);
		const result = preparePlaceOrder(
			input({ method: 'EMAIL' }, { approverEmail: 'admin@example.com' }),
		);
		expect(result.ok && result.order.body.approver_email_address).toBe('admin@example.com');
	});

	it('never sends a field that does not apply, even when a value is given', () => {
		const result = preparePlaceOrder(
			input(
				{ method: 'DNS', level: 'DV' },
				{ approverEmail: 'admin@example.com', orgName: 'X', idaEmail: 'a@b.co' },
			),
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.order.body).not.toHaveProperty('approver_email_address');
		expect(result.order.body).not.toHaveProperty('org_name');
		expect(result.order.body).not.toHaveProperty('ida_email_address');
	});

	it('requires the OV block and upper-cases country codes', () => {
		const missing = problemsOf(preparePlaceOrder(input({ level: 'OV' }, {})));
		expect(missing).toEqual(
			expect.arrayContaining([
				'Tech Contact Organisation: is required for OV orders',
				'Tech Contact Country Code: is required for OV orders',
				'Organisation Name: is required for OV orders',
				'Organisation Phone: is required for OV orders',
			]),
		);
		expect(missing.join('\n')).not.toMatch(/Address Line 2|DUNS|Division/);
		const result = preparePlaceOrder(
			input({ level: 'OV' }, { ...TECH_ADDRESS, ...ORGANISATION, ...JURISDICTION }),
		);
		expect(problemsOf(result)).toEqual([]);
		if (!result.ok) return;
		expect(result.order.body.tech_contact_address_country).toBe('GB');
		expect(result.order.body.admin_contact_address_country).toBe('GB');
		expect(result.order.body.org_address_postal_code).toBe('EC1A 1AA');
		expect(result.order.body.web_server_type).toBe('Other');
	});

	it.each(['OV', 'EV'] as const)(
		'requires the jurisdiction for %s (the Place Order page: "Required if ordering OV or EV")',
		(level) => {
			const values = { ...TECH_ADDRESS, ...ORGANISATION };
			expect(problemsOf(preparePlaceOrder(input({ level }, values)))).toEqual([
				`Jurisdiction City: is required for ${level} orders`,
				`Jurisdiction Region: is required for ${level} orders`,
				`Jurisdiction Country Code: is required for ${level} orders`,
			]);
			const result = preparePlaceOrder(input({ level }, { ...values, ...JURISDICTION }));
			expect(result.ok && result.order.body).toMatchObject({
				org_jurisdiction_city: 'Cardiff',
				org_jurisdiction_region: 'Wales',
				org_jurisdiction_country: 'GB',
			});
		},
	);

	it('sends the web server type for OV and EV only, Other or IIS', () => {
		const values = { ...TECH_ADDRESS, ...ORGANISATION, ...JURISDICTION };
		const iis = preparePlaceOrder(input({ level: 'EV' }, values, { webServerType: 'IIS' }));
		expect(iis.ok && iis.order.body.web_server_type).toBe('IIS');
		expect(
			problemsOf(preparePlaceOrder(input({ level: 'OV' }, values, { webServerType: 'Apache' }))),
		).toEqual(['Web Server Type: must be Other or IIS, not "Apache"']);
		const dv = preparePlaceOrder(input({}, {}, { webServerType: 'IIS' }));
		expect(dv.ok && dv.order.body).not.toHaveProperty('web_server_type');
	});

	it('sends a chosen hashing algorithm and competitive_upgrade=1; the defaults send neither', () => {
		const defaults = preparePlaceOrder(input({}, {}));
		expect(defaults.ok && defaults.order).toMatchObject({
			hashingDefault: true,
			csrSource: 'paste',
		});
		expect(defaults.ok && Object.keys(defaults.order.body)).not.toEqual(
			expect.arrayContaining(['hashing_algorithm']),
		);
		expect(defaults.ok && defaults.order.body).not.toHaveProperty('competitive_upgrade');
		const chosen = preparePlaceOrder(
			input({}, {}, { hashingAlgorithm: 'SHA-256-FULL-CHAIN', competitiveUpgrade: true }),
		);
		expect(chosen.ok && chosen.order).toMatchObject({
			hashingDefault: false,
			body: { hashing_algorithm: 'SHA-256-FULL-CHAIN', competitive_upgrade: '1' },
		});
		expect(
			problemsOf(preparePlaceOrder(input({}, {}, { hashingAlgorithm: 'SHA 256; x' }))),
		).toEqual(['Hashing Algorithm: must be a value Get Product Fields lists, such as SHA-256']);
	});

	it('needs the previous token only for renewals of DigiCert-supplied brands', () => {
		expect(problemsOf(preparePlaceOrder(input({ renewal: true, brand: 'rapidssl' }, {})))).toEqual([
			'Previous Order Token: is required to renew a product supplied by DigiCert',
		]);
		expect(
			problemsOf(
				preparePlaceOrder(
					input(
						{ renewal: true, brand: 'positivessl' },
						{ idaEmail: 'ida@example.com', idaPhone: '+1 555 0100 200' },
					),
				),
			),
		).toEqual([]);
		const result = preparePlaceOrder(
			input({ renewal: true, brand: 'digicert' }, { previousOrderToken: 'old_token_1234' }),
		);
		expect(result.ok && result.order.body).toMatchObject({
			renewal: '1',
			previous_order_token: 'old_token_1234',
		});
	});

	it('de-duplicates SANs, drops the common name from them and checks each', () => {
		const result = preparePlaceOrder(
			input(
				{},
				{},
				{ sanDomains: 'Shop.Example.com, www.example.com,shop.example.com\nmail.example.com' },
			),
		);
		expect(result.ok && result.order.body.san_domains).toBe('shop.example.com,mail.example.com');
		expect(result.ok && result.order.domains).toEqual([
			'www.example.com',
			'shop.example.com',
			'mail.example.com',
		]);
		const bad = problemsOf(
			preparePlaceOrder(
				input({}, {}, { sanDomains: ['ok.example.com', 'bad..example.com', '10.0.0.1'] }),
			),
		);
		expect(bad).toHaveLength(2);
		expect(bad.every((text) => text.startsWith('Additional Domains (SANs): '))).toBe(true);
	});

	it('refuses file validation for a wildcard CSR, and for a wildcard SAN', () => {
		for (const method of ['FILE', 'SFILE'] as const) {
			expect(
				problemsOf(preparePlaceOrder(input({ method }, {}, { csr: csrFixture('wildcard') })))[0],
			).toMatch(
				/^Validation Method: cannot be HTTP or HTTPS file for the wildcard name "\*\.example\.com"/,
			);
			expect(
				problemsOf(
					preparePlaceOrder(input({ method }, {}, { sanDomains: '*.shop.example.com' })),
				)[0],
			).toMatch(/wildcard/);
		}
		expect(
			problemsOf(preparePlaceOrder(input({ method: 'DNS' }, {}, { csr: csrFixture('wildcard') }))),
		).toEqual([]);
	});

	it('refuses weak or unreadable CSRs', () => {
		expect(problemsOf(preparePlaceOrder(input({}, {}, { csr: csrFixture('rsa1024') })))[0]).toMatch(
			/^CSR: is not acceptable: RSA key is 1024 bits/,
		);
		expect(problemsOf(preparePlaceOrder(input({}, {}, { csr: csrFixture('ec-p521') })))[0]).toMatch(
			/^CSR: is not acceptable/,
		);
		expect(problemsOf(preparePlaceOrder(input({}, {}, { csr: 'hello' })))[0]).toMatch(
			/^CSR: cannot be read/,
		);
		expect(problemsOf(preparePlaceOrder(input({}, {}, { csr: '' })))).toEqual(['CSR: is required']);
	});

	it('sends the checked PEM block re-wrapped at 64 with LF, never the pasted text', () => {
		const pem = csrFixture('ec-p256').trim();
		const oneLine = pem.replace(/\n(?!-----)/g, '').replace(/\n/g, '\r\n');
		const result = preparePlaceOrder(input({}, {}, { csr: `\r\n  ${oneLine}\t\r\n` }));
		expect(problemsOf(result)).toEqual([]);
		expect(result.ok && result.order.body.csr).toBe(pem);
		expect(result.ok && result.order.body.csr.split('\n').every((line) => line.length <= 64)).toBe(
			true,
		);
	});

	it.each([
		['text before BEGIN', (pem: string) => `My CSR: ${pem}`, /other text before/],
		['a control character after END', (pem: string) => `${pem}\u0007`, /control character U\+0007/],
		[
			'a form feed inside the base64',
			(pem: string) => pem.replace(/\n(?!-)/, '\n\f'),
			/control character U\+000C/,
		],
		['two blocks', (pem: string) => `${pem}\n${pem}`, /more than one certificate signing request/],
	])('refuses a CSR with %s, so nothing unchecked is sent', (_name, change, message) => {
		const problems = problemsOf(
			preparePlaceOrder(input({}, {}, { csr: change(csrFixture('rsa2048').trim()) })),
		);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^CSR: cannot be read: /);
		expect(problems[0]).toMatch(message);
	});

	it('accepts a CSR pasted with literal \\n sequences and sends real newlines', () => {
		const escaped = csrFixture('ec-p256').trim().replace(/\n/g, '\\n');
		const result = preparePlaceOrder(input({}, {}, { csr: escaped }));
		expect(problemsOf(result)).toEqual([]);
		expect(result.ok && result.order.body.csr).toBe(csrFixture('ec-p256').trim());
	});

	it('checks emails, phones, countries and control characters, naming the field', () => {
		const problems = problemsOf(
			preparePlaceOrder(
				input(
					{ level: 'OV' },
					{
						...TECH_ADDRESS,
						...ORGANISATION,
						...JURISDICTION,
						techEmail: 'not-an-email',
						techPhone: 'call me',
						orgCountry: 'UK',
						techJobTitle: 'Boss\r\nBcc: x@y.z',
					},
				),
			),
		);
		expect(problems.map((text) => text.split(':')[0])).toEqual([
			'Tech Contact Phone',
			'Tech Contact Email',
			'Tech Contact Job Title',
			'Organisation Country Code',
		]);
		expect(problems[3]).toMatch(/GB/);
	});

	it('never echoes the order token in a problem', () => {
		const secretish = 'tok with spaces SECRET';
		const problems = problemsOf(preparePlaceOrder(input({}, {}, { orderToken: secretish })));
		expect(problems).toEqual(['Order Token: may only hold letters, digits, "-" and "_"']);
		expect(problems.join()).not.toContain('SECRET');
	});

	it('sends additional parameters as given, refusing bad names, duplicates and order_token', () => {
		const ok = preparePlaceOrder(
			input(
				{},
				{},
				{
					additionalParameters: [
						{ name: 'org_incorperating_agency', value: 'Companies House' },
						{ name: 'renewal', value: '1' },
					],
				},
			),
		);
		expect(ok.ok && ok.order.body).toMatchObject({
			org_incorperating_agency: 'Companies House',
			renewal: '1',
		});
		const bad = problemsOf(
			preparePlaceOrder(
				input(
					{},
					{},
					{
						additionalParameters: [
							{ name: 'bad name', value: 'x' },
							{ name: 'order_token', value: 'y' },
							{ name: 'a', value: '1' },
							{ name: 'a', value: '2' },
							{ name: 'b', value: 'line\nbreak' },
						],
					},
				),
			),
		);
		expect(bad).toHaveLength(4);
	});

	it('reports every problem of an item at once', () => {
		const problems = problemsOf(
			preparePlaceOrder(
				input({ method: 'EMAIL' }, { techEmail: '', techPhone: '' }, { orderToken: '' }),
			),
		);
		expect(problems).toEqual([
			'Order Token: is required',
			'Approver Email: is required when the validation method is Email',
			'Tech Contact Phone: is required',
			'Tech Contact Email: is required',
		]);
	});
});

describe('preparePlaceOrder: Servertastic generates the key pair', () => {
	const generate = (
		values: Record<string, string>,
		extra: Partial<PlaceOrderInput> = {},
		context: Partial<PlaceOrderContext> = {},
	) =>
		preparePlaceOrder(input({ csrSource: 'generate', ...context }, values, { csr: '', ...extra }));
	const keyPairOrganisation = {
		orgName: 'Example Ltd',
		orgDivision: 'IT',
		orgCity: 'London',
		orgRegion: 'Greater London',
		orgCountry: 'gb',
	};

	it('sends domain_name and the organisation instead of a CSR, with the admin email', () => {
		const result = generate(keyPairOrganisation, {
			domainName: 'Shop.Example.com',
			csr: csrFixture('rsa2048'),
		});
		expect(problemsOf(result)).toEqual([]);
		if (!result.ok) return;
		expect(result.order.body).not.toHaveProperty('csr');
		expect(result.order.body).toMatchObject({
			domain_name: 'shop.example.com',
			org_name: 'Example Ltd',
			org_division: 'IT',
			org_address_city: 'London',
			org_address_region: 'Greater London',
			org_address_country: 'GB',
			admin_contact_email: 'ada@example.com',
		});
		expect(result.order).toMatchObject({
			csrSource: 'generate',
			commonName: 'shop.example.com',
			domains: ['shop.example.com'],
		});
		expect(result.order.csr).toBeUndefined();
		expect(
			Object.keys(result.order.body)
				.filter((key) => key.startsWith('org_'))
				.sort(),
		).toEqual([
			'org_address_city',
			'org_address_country',
			'org_address_region',
			'org_division',
			'org_name',
		]);
	});

	it('requires the domain name and the organisation fields that required_if names (DV)', () => {
		expect(problemsOf(generate({}))).toEqual([
			'Domain Name: is required when Servertastic generates the key pair',
			'Organisation Name: is required when Servertastic generates the key pair',
			'Organisation Division: is required when Servertastic generates the key pair',
			'Organisation City: is required when Servertastic generates the key pair',
			'Organisation Region: is required when Servertastic generates the key pair',
			'Organisation Country Code: is required when Servertastic generates the key pair',
		]);
	});

	it('OV: the full organisation block, with the division required', () => {
		const values = { ...TECH_ADDRESS, ...ORGANISATION, ...JURISDICTION };
		expect(
			problemsOf(generate(values, { domainName: 'www.example.com' }, { level: 'OV' })),
		).toEqual(['Organisation Division: is required when Servertastic generates the key pair']);
		expect(
			problemsOf(
				generate(
					{ ...values, orgDivision: 'IT' },
					{ domainName: 'www.example.com' },
					{ level: 'OV' },
				),
			),
		).toEqual([]);
	});

	it('validates the domain, and keeps the wildcard rule for file validation', () => {
		expect(problemsOf(generate(keyPairOrganisation, { domainName: 'not a domain' }))[0]).toMatch(
			/^Domain Name: /,
		);
		expect(problemsOf(generate(keyPairOrganisation, { domainName: 'intranet.local' }))[0]).toMatch(
			/^Domain Name: .*reserved or private/,
		);
		for (const method of ['FILE', 'SFILE'] as const) {
			expect(
				problemsOf(generate(keyPairOrganisation, { domainName: '*.example.com' }, { method })),
			).toEqual([
				expect.stringMatching(
					/^Validation Method: cannot be HTTP or HTTPS file for the wildcard name "\*\.example\.com"/,
				),
			]);
		}
		expect(
			problemsOf(generate(keyPairOrganisation, { domainName: '*.example.com' }, { method: 'DNS' })),
		).toEqual([]);
	});
});
