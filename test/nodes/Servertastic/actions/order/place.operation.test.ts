import { retryPolicy } from '../../../../../nodes/Servertastic/transport';
import { serialiseEverything } from '../../../../harness';
import { startSimulator, type Simulator } from '../../../../simulator';
import { csrFixture } from '../../../../fixtures/csrs';
import {
	CONTACT_BODY,
	ORGANISATION,
	runServertastic,
	TECH_ADDRESS,
	TECH_CONTACT,
} from '../../../../support/servertastic';

const API_KEY = 'sk_live_Secret+Key/With=Chars_0123456789';
/** Required for OV and EV (the Place Order page, ../shared/seeds/place-order.txt: "Required if ordering OV or EV certificate"). */
const JURISDICTION = {
	orgJurisdictionCity: 'Cardiff',
	orgJurisdictionRegion: 'Wales',
	orgJurisdictionCountry: 'GB',
};

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator({ apiKey: API_KEY });
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset());

const place = (extra: Record<string, unknown>) => ({
	resource: 'order',
	operation: 'place',
	...TECH_CONTACT,
	...extra,
});

function onlyPlaceRequest() {
	const requests = simulator.requestsTo('order/place');
	expect(requests).toHaveLength(1);
	const [request] = requests;
	expect(request.method).toBe('POST');
	expect(request.path).toBe('/order/place.json');
	expect(request.contentType).toBe('application/x-www-form-urlencoded');
	expect(request.query).toEqual({});
	return request;
}

function expectNoSecret(text: string) {
	expect(text).not.toContain(API_KEY);
	expect(text).not.toContain(encodeURIComponent(API_KEY));
}

describe('Order → Place inside n8n', () => {
	it('DV with Email validation: sends exactly the parameters of the Place Order page and returns a tidy item', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const csr = csrFixture('rsa2048');
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				validationLevel: 'DV',
				productBrand: 'rapidssl',
				dvAuthMethod: 'EMAIL',
				approverEmail: 'admin@example.com',
				csr,
			}),
		);
		expect(result.status).toBe('success');
		const request = onlyPlaceRequest();
		expect(request.body).toEqual({
			order_token: token,
			dv_auth_method: 'EMAIL',
			approver_email_address: 'admin@example.com',
			csr: csr.trim(),
			exclude_addon: '0',
			renewal: '0',
			...CONTACT_BODY,
			// Hashing Algorithm left at the product's default: the first value productfields offers.
			hashing_algorithm: 'SHA-256',
		});
		expect(result.success).toHaveLength(1);
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			orderToken: token,
			commonName: 'www.example.com',
			domains: ['www.example.com'],
			validation: {
				method: 'EMAIL',
				approverEmail: 'admin@example.com',
				dnsRecord: null,
				file: null,
			},
		});
		expect(item.json.resellerOrderId).toEqual(expect.any(String));
		expect(item.json.inviteUrl).toEqual(expect.any(String));
		expect(item.json.message).toEqual(expect.any(String));
		expect(item.json).not.toHaveProperty('response');
		expect(simulator.getOrder(token)?.status).toBe('Order Placed');
		expect(result.downstream.success.map((entry) => entry.json)).toEqual([item.json]);
		expectNoSecret(serialiseEverything(result));
	});

	it('DV with DNS validation from expressions, one order per item, each paired', async () => {
		const tokens = [
			simulator.createToken({ productCode: 'RapidSSL-12' }),
			simulator.createToken({ productCode: 'RapidSSL-12' }),
		];
		const result = await runServertastic(
			simulator,
			{
				resource: 'order',
				operation: 'place',
				orderToken: '={{ $json.token }}',
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: '={{ $json.csr }}',
				techFirstName: '={{ $json.first }}',
				techLastName: 'Lovelace',
				techPhone: '={{ $json.phone }}',
				techEmail: '={{ $json.email }}',
				techJobTitle: 'Engineer',
			},
			{
				inputItems: [
					{
						token: tokens[0],
						csr: csrFixture('ec-p256'),
						first: 'Ada',
						phone: 442079460000,
						email: 'ada@example.com',
					},
					{
						token: tokens[1],
						csr: csrFixture('ec-p384'),
						first: 'Grace',
						phone: '+1 555 010 0200',
						email: 'grace@example.net',
					},
				],
			},
		);
		expect(result.status).toBe('success');
		const bodies = simulator.requestsTo('order/place').map((request) => request.body);
		expect(
			bodies.map((body) => [
				body.order_token,
				body.dv_auth_method,
				body.tech_contact_first_name,
				body.tech_contact_phone,
			]),
		).toEqual([
			[tokens[0], 'DNS', 'Ada', '442079460000'],
			[tokens[1], 'DNS', 'Grace', '+1 555 010 0200'],
		]);
		expect(bodies[0]).not.toHaveProperty('approver_email_address');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const dns = result.success[0].json.validation as {
			dnsRecord: { name: string; type: string; value: string };
		};
		expect(dns.dnsRecord.value).toEqual(expect.any(String));
		expect(dns.dnsRecord.value.length).toBeGreaterThan(0);
		expect(result.success[1].json.commonName).toBe('secure.example.net');
	});

	it('OV: sends the organisation block and both contacts addresses', async () => {
		const token = simulator.createToken({ productCode: 'TrueBizID-12' });
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				validationLevel: 'OV',
				productBrand: 'geotrust',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
				...TECH_ADDRESS,
				techAddressLine2: 'Floor 2',
				...ORGANISATION,
				...JURISDICTION,
				orgDuns: '123456789',
				intermediateCa: 'GeoTrust TLS RSA CA G1',
			}),
		);
		expect(result.status).toBe('success');
		const { body } = onlyPlaceRequest();
		expect(body).toEqual({
			order_token: token,
			dv_auth_method: 'DNS',
			csr: csrFixture('rsa2048').trim(),
			exclude_addon: '0',
			renewal: '0',
			web_server_type: 'Other',
			...CONTACT_BODY,
			tech_contact_organisation_name: 'Example Ltd',
			tech_contact_address_line1: '1 High Street',
			tech_contact_address_line2: 'Floor 2',
			tech_contact_address_city: 'London',
			tech_contact_address_region: 'Greater London',
			tech_contact_address_post_code: 'EC1A 1AA',
			tech_contact_address_country: 'GB',
			admin_contact_organisation_name: 'Example Ltd',
			admin_contact_address_line1: '1 High Street',
			admin_contact_address_line2: 'Floor 2',
			admin_contact_address_city: 'London',
			admin_contact_address_region: 'Greater London',
			admin_contact_address_post_code: 'EC1A 1AA',
			admin_contact_address_country: 'GB',
			org_name: 'Example Ltd',
			org_duns: '123456789',
			org_jurisdiction_city: 'Cardiff',
			org_jurisdiction_region: 'Wales',
			org_jurisdiction_country: 'GB',
			org_address_line1: '1 High Street',
			org_address_city: 'London',
			org_address_region: 'Greater London',
			org_address_postal_code: 'EC1A 1AA',
			org_address_country: 'GB',
			org_address_phone: '+44 20 7946 0001',
			intermediate_ca: 'GeoTrust TLS RSA CA G1',
			hashing_algorithm: 'SHA-256',
		});
	});

	it('EV with a separate admin contact: adds the jurisdiction', async () => {
		const token = simulator.createToken({ productCode: 'TrueBizIDEV-12' });
		const admin = {
			adminFirstName: 'Grace',
			adminLastName: 'Hopper',
			adminPhone: '+1 555 010 0200',
			adminEmail: 'grace@example.com',
			adminJobTitle: 'Director',
			adminOrganisationName: 'Example Ltd',
			adminAddressLine1: '2 Low Road',
			adminCity: 'Leeds',
			adminRegion: 'West Yorkshire',
			adminPostCode: 'LS1 1AA',
			adminCountryCode: 'gb',
		};
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				validationLevel: 'EV',
				productBrand: 'geotrust',
				dvAuthMethod: 'EMAIL',
				approverEmail: 'admin@example.org',
				csr: csrFixture('rsa4096'),
				adminSameAsTech: false,
				...TECH_ADDRESS,
				...admin,
				...ORGANISATION,
				orgJurisdictionCity: 'Cardiff',
				orgJurisdictionRegion: 'Wales',
				orgJurisdictionCountry: 'GB',
			}),
		);
		expect(result.status).toBe('success');
		const { body } = onlyPlaceRequest();
		expect(body).toMatchObject({
			admin_contact_first_name: 'Grace',
			admin_contact_email: 'grace@example.com',
			admin_contact_address_city: 'Leeds',
			admin_contact_address_country: 'GB',
			tech_contact_first_name: 'Ada',
			org_jurisdiction_city: 'Cardiff',
			org_jurisdiction_region: 'Wales',
			org_jurisdiction_country: 'GB',
		});
	});

	it('renewal: sends renewal=1 and the previous order token', async () => {
		const previous = simulator.createToken({ productCode: 'RapidSSL-12' });
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
				renewal: true,
				previousOrderToken: previous,
				excludeAddon: true,
			}),
		);
		expect(result.status).toBe('success');
		expect(onlyPlaceRequest().body).toMatchObject({
			renewal: '1',
			previous_order_token: previous,
			exclude_addon: '1',
		});
	});

	it('SANs and additional parameters: sent de-duplicated and as given', async () => {
		const token = simulator.createToken({ productCode: 'PositiveSSLMDC-12', sanCount: 3 });
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'positivessl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
				sanDomains: 'shop.example.com, mail.example.com, SHOP.example.com',
				idaEmail: 'ida@example.com',
				idaPhone: '+44 20 7946 0002',
				hashingAlgorithm: 'SHA-256-FULL-CHAIN',
				additionalParameters: {
					parameter: [{ name: 'ida_fax_number', value: '+44 20 7946 0003' }],
				},
				// ida_fax_number is not among this product's fields: the pre-flight would refuse it.
				options: { preflight: false },
			}),
		);
		expect(result.status).toBe('success');
		const { body } = onlyPlaceRequest();
		expect(body).toMatchObject({
			san_domains: 'shop.example.com,mail.example.com',
			ida_email_address: 'ida@example.com',
			ida_telephone_number: '+44 20 7946 0002',
			ida_fax_number: '+44 20 7946 0003',
			hashing_algorithm: 'SHA-256-FULL-CHAIN',
		});
		expect(result.success[0].json.domains).toEqual([
			'www.example.com',
			'shop.example.com',
			'mail.example.com',
		]);
	});

	it('never sends the API key to the place call', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
			}),
		);
		const request = onlyPlaceRequest();
		expectNoSecret(JSON.stringify(request));
		expect(request.rawBody).not.toContain('api_key');
	});
});

describe('Order → Place: bad input is refused before anything is sent', () => {
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['a CSR that is not PEM', { csr: 'not a csr' }, /^'CSR' cannot be read: .* \[item 0\]$/],
		[
			'an RSA 1024 key',
			{ csr: csrFixture('rsa1024') },
			/^'CSR' is not acceptable: RSA key is 1024 bits/,
		],
		['an Ed25519 key', { csr: csrFixture('ed25519') }, /^'CSR' is not acceptable/],
		[
			'file validation for a wildcard',
			{ csr: csrFixture('wildcard'), dvAuthMethod: 'FILE' },
			/^'Validation Method' cannot be HTTP or HTTPS file for the wildcard name/,
		],
		[
			'HTTPS file validation for a wildcard SAN',
			{ dvAuthMethod: 'SFILE', sanDomains: '*.shop.example.com' },
			/wildcard/,
		],
		// Empty required fields are stopped by n8n itself before the run; expressions that come out empty reach the node.
		[
			'an approver email that comes out empty',
			{ dvAuthMethod: 'EMAIL', approverEmail: '={{ $json.nothing ?? "" }}' },
			/^'Approver Email' is required when the validation method is Email \[item 0\]$/,
		],
		['a malformed email', { techEmail: 'ada at example' }, /^'Tech Contact Email' /],
		['a malformed phone', { techPhone: 'call me maybe' }, /^'Tech Contact Phone' /],
		[
			'a bad country',
			{
				validationLevel: 'OV',
				...TECH_ADDRESS,
				...ORGANISATION,
				...JURISDICTION,
				orgCountry: 'UK',
			},
			/^'Organisation Country Code' .*GB/,
		],
		[
			'OV fields that come out empty',
			{
				validationLevel: 'OV',
				...TECH_ADDRESS,
				...ORGANISATION,
				...JURISDICTION,
				orgName: '={{ "" }}',
				orgPhone: '={{ " " }}',
			},
			/^'Organisation Name' is required for OV orders \(and 1 more\) \[item 0\]$/,
		],
		[
			'an OV order whose jurisdiction comes out empty',
			{
				validationLevel: 'OV',
				...TECH_ADDRESS,
				...ORGANISATION,
				orgJurisdictionCity: '={{ "" }}',
				orgJurisdictionRegion: '={{ "" }}',
				orgJurisdictionCountry: '={{ "" }}',
			},
			/^'Jurisdiction City' is required for OV orders \(and 2 more\) \[item 0\]$/,
		],
		[
			'text before the CSR block',
			{ csr: `My CSR:\n${csrFixture('rsa2048')}` },
			/^'CSR' cannot be read: Paste only the certificate signing request: there is other text before/,
		],
		[
			'a control character after the CSR block',
			{ csr: `${csrFixture('rsa2048')}\u0000` },
			/^'CSR' cannot be read: .*control character U\+0000/,
		],
		[
			'a form feed inside the CSR',
			{ csr: csrFixture('rsa2048').replace(/\n(?!-)/, '\n\f') },
			/^'CSR' cannot be read: The CSR is not valid base64: it contains the control character U\+000C/,
		],
		[
			'two CSR blocks',
			{ csr: `${csrFixture('rsa2048')}${csrFixture('ec-p256')}` },
			/^'CSR' cannot be read: The text contains more than one certificate signing request/,
		],
		[
			'a SAN that is not a host name',
			{ sanDomains: 'ok.example.com, not_a host' },
			/^'Additional Domains \(SANs\)' /,
		],
		['CR/LF in a field', { techJobTitle: 'CTO\r\nX-Injected: 1' }, /^'Tech Contact Job Title' /],
		[
			'an object from an expression',
			{ techPhone: '={{ { "number": 1 } }}' },
			/^'Tech Contact Phone' must be text, but its value is an object \[item 0\]$/,
		],
		[
			'an unknown validation method from an expression',
			{ dvAuthMethod: '={{ "POST" }}', approverEmail: '={{ "admin@example.com" }}' },
			/^'Validation Method' must be one of EMAIL, DNS, FILE, SFILE/,
		],
		[
			'a renewal of a DigiCert product without the previous token',
			{ renewal: true, productBrand: 'digicert' },
			/^'Previous Order Token' is required/,
		],
	];

	it.each(cases)('refuses %s, naming the field and the item', async (_name, changes, message) => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
				...changes,
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(simulator.requests).toHaveLength(0);
		expect(result.error?.message).not.toContain(token);
		expect(String(result.error?.description ?? '')).not.toContain(token);
	});

	it('lists every problem of the item in the description', async () => {
		const result = await runServertastic(
			simulator,
			place({
				orderToken: 'tok_1',
				dvAuthMethod: 'EMAIL',
				approverEmail: '={{ "" }}',
				csr: 'x',
				techEmail: 'bad',
			}),
		);
		expect(result.error?.description).toMatch(
			/^Nothing was sent to Servertastic\. Fix:\n- 'CSR' cannot be read/,
		);
		expect(result.error?.description).toContain("- 'Approver Email' is required");
		expect(result.error?.description).toContain("- 'Tech Contact Email' ");
	});
});

describe('Order → Place: errors, continue-on-fail and pairing', () => {
	const items = () => [
		{ token: simulator.createToken({ productCode: 'RapidSSL-12' }), csr: csrFixture('rsa2048') },
		{ token: simulator.createToken({ productCode: 'RapidSSL-12' }), csr: 'broken' },
		{ token: simulator.createToken({ productCode: 'RapidSSL-12' }), csr: csrFixture('ec-p256') },
	];
	const expressionPlace = place({
		orderToken: '={{ $json.token }}',
		productBrand: 'rapidssl',
		dvAuthMethod: 'DNS',
		csr: '={{ $json.csr }}',
	});

	it('stops the workflow on a bad item by default, before any order of the batch is placed', async () => {
		const result = await runServertastic(simulator, expressionPlace, { inputItems: items() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^'CSR' cannot be read: .* \[item 1\]$/);
		// Every item is checked before the first one is sent, so a bad item costs nothing.
		expect(simulator.requests).toHaveLength(0);
	});

	it('Continue (using error output): the bad item goes to the error branch, the rest on, all paired', async () => {
		const inputItems = items();
		const result = await runServertastic(simulator, expressionPlace, {
			inputItems,
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(result.downstream.error).toHaveLength(1);
		expect(result.downstream.error[0].json.error).toMatch(/^'CSR' cannot be read: .* \[item 1\]$/);
		// n8n merges the failed input item into the error item, so the branch can report it.
		expect(result.downstream.error[0].json.token).toBe(inputItems[1].token);
		expect(result.downstream.success.map((item) => item.json.orderToken)).toEqual([
			inputItems[0].token,
			inputItems[2].token,
		]);
		expect(simulator.requestsTo('order/place')).toHaveLength(2);
	});

	it('Continue (regular output): one item per input, the failed one carrying error and message (its description)', async () => {
		const result = await runServertastic(simulator, expressionPlace, {
			inputItems: items(),
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(result.success).toHaveLength(3);
		expect(result.success.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(Object.keys(result.success[1].json).sort()).toEqual(['error', 'message']);
		expect(result.success[1].json.message).toMatch(/^Nothing was sent to Servertastic/);
	});

	it.each([
		['HTTP 200 with an error body', 200],
		['HTTP 400', 400],
		['HTTP 500', 500],
	])(
		'turns an API error with %s into a NodeApiError carrying the API message',
		async (_name, status) => {
			const token = simulator.createToken({ productCode: 'RapidSSL-12' });
			simulator.respondOnce('order/place', {
				status,
				body: {
					error: { code: -9, message: `Insufficient points to place this order (${API_KEY})` },
				},
			});
			const result = await runServertastic(
				simulator,
				place({
					orderToken: token,
					productBrand: 'rapidssl',
					dvAuthMethod: 'DNS',
					csr: csrFixture('rsa2048'),
				}),
			);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				'Servertastic refused order/place: Insufficient points to place this order (***)',
			);
			expect(result.error?.description).toBe(`The API answered with error -9 (HTTP ${status}).`);
			expect(simulator.requestsTo('order/place')).toHaveLength(1);
			expectNoSecret(serialiseEverything(result));
			// The node's own parameters travel with n8n's error object; the texts must not hold the token.
			const { message, description, context, errorResponse } = result.error as unknown as Record<
				string,
				unknown
			>;
			expect(serialiseEverything({ message, description, context, errorResponse })).not.toContain(
				token,
			);
		},
	);

	it('routes an API error to the error output too, without the key anywhere in the run', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', {
			status: 200,
			body: { error: { code: -1, message: 'Token already used' } },
		});
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
			}),
			{ onError: 'continueErrorOutput' },
		);
		expect(result.status).toBe('success');
		expect(result.success).toHaveLength(0);
		expect(result.downstream.error).toHaveLength(1);
		expect(result.downstream.error[0].json.error).toBe(
			'Servertastic refused order/place: Token already used',
		);
		expect(result.errorOutput[0].pairedItem).toEqual({ item: 0 });
		expectNoSecret(serialiseEverything(result));
	});

	it('without the check first, a second place of the same token gets the API refusal, not a retry', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const parameters = place({
			orderToken: token,
			productBrand: 'rapidssl',
			dvAuthMethod: 'DNS',
			csr: csrFixture('rsa2048'),
			options: { checkOrderFirst: false },
		});
		expect((await runServertastic(simulator, parameters)).status).toBe('success');
		const second = await runServertastic(simulator, parameters);
		expect(second.status).toBe('error');
		expect(second.error?.message).toMatch(/^Servertastic refused order\/place: /);
		expect(second.error?.message).not.toContain(token);
		expect(simulator.requestsTo('order/place')).toHaveLength(2);
	});

	it('reports an unreachable API without the key: the place call is sent once, the read check retried', async () => {
		const closed = await startSimulator({ apiKey: API_KEY });
		const url = closed.url;
		await closed.close();
		const unreachable = { ...simulator, url, apiKey: API_KEY } as Simulator;
		const parameters = place({
			orderToken: 'tok_123456',
			dvAuthMethod: 'DNS',
			csr: csrFixture('rsa2048'),
		});
		const saved = { ...retryPolicy };
		Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 4 });
		try {
			// A chosen hashing algorithm: no productfields read is needed, the place call is the first request.
			const direct = await runServertastic(unreachable, {
				...parameters,
				hashingAlgorithm: 'SHA-256',
				options: { checkOrderFirst: false, preflight: false },
			});
			expect(direct.error?.message).toBe(
				'Servertastic could not be reached for order/place: the connection was refused',
			);
			const checked = await runServertastic(unreachable, parameters);
			expect(checked.error?.message).toBe(
				'Servertastic could not be reached for order/review: the connection was refused (gave up after 4 attempts)',
			);
			expectNoSecret(serialiseEverything(direct) + serialiseEverything(checked));
		} finally {
			Object.assign(retryPolicy, saved);
		}
	});

	it('reports a body that is not JSON', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', {
			status: 502,
			body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
			contentType: 'text/html',
		});
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
			}),
		);
		expect(result.error?.message).toBe(
			'Servertastic sent an answer to order/place that is not JSON (HTTP 502, text/html)',
		);
		expect(result.error?.description).toBe('It began: 502 Bad Gateway');
	});

	it('refuses an answer with neither success nor error', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', { status: 200, body: { something: 'else' } });
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
			}),
		);
		expect(result.error?.message).toBe('Servertastic did not confirm the order');
	});
});

describe('Order → Place: safer placing', () => {
	const dns = (token: string, extra: Record<string, unknown> = {}) =>
		place({
			orderToken: token,
			productBrand: 'rapidssl',
			dvAuthMethod: 'DNS',
			csr: csrFixture('rsa2048'),
			...extra,
		});

	it('checks the order first: a re-run returns the current state and spends nothing', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const first = await runServertastic(simulator, dns(token));
		expect(first.success[0].json).toMatchObject({ placement: 'placed', status: 'Order Placed' });
		const points = simulator.points();
		const again = await runServertastic(simulator, dns(token));
		expect(again.status).toBe('success');
		expect(again.success[0].json).toMatchObject({
			orderToken: token,
			placement: 'alreadyPlaced',
			status: 'Order Placed',
			message: 'The order was already placed; nothing was sent',
			resellerOrderId: first.success[0].json.resellerOrderId,
		});
		expect((again.success[0].json.validation as { dnsRecord: unknown }).dnsRecord).toEqual(
			(first.success[0].json.validation as { dnsRecord: unknown }).dnsRecord,
		);
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
		expect(simulator.points()).toBe(points);
		expect(simulator.requests.map((r) => r.call)).toEqual([
			'order/review',
			'product/listproducts',
			'order/productfields',
			'order/place',
			'order/review',
		]);
	});

	it('can fail instead when the order is already placed', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(simulator, dns(token));
		const again = await runServertastic(
			simulator,
			dns(token, { options: { ifAlreadyPlaced: 'fail' } }),
		);
		expect(again.status).toBe('error');
		expect(again.error?.message).toBe(
			'The order is already placed (status: Order Placed) [item 0]',
		);
	});

	it('places a token whose earlier placement rolled back', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(simulator, dns(token));
		simulator.rollBack(token);
		const result = await runServertastic(simulator, dns(token));
		expect(result.success[0].json.placement).toBe('placed');
		expect(simulator.requestsTo('order/place')).toHaveLength(2);
	});

	it('pre-flight: refuses what the product fields forbid before placing, naming each field', async () => {
		const token = simulator.createToken({ productCode: 'PositiveSSLMDC-12', sanCount: 2 });
		const result = await runServertastic(
			simulator,
			place({
				orderToken: token,
				productBrand: 'positivessl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
				sanDomains: 'a.example.com, b.example.com, c.example.com',
				idaEmail: 'ida@example.com',
				idaPhone: '+44 20 7946 0002',
				additionalParameters: { parameter: [{ name: 'made_up_parameter', value: '1' }] },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`'Additional Parameter "made_up_parameter"' is not a field of this product (and 1 more) [item 0]`,
		);
		expect(result.error?.description).toContain(
			"'Additional Domains (SANs)' lists 3 names but this token allows 2",
		);
		expect(simulator.requestsTo('order/place')).toHaveLength(0);
	});

	it('pre-flight: a multi-domain token needs its SANs; a select value must be allowed', async () => {
		const multi = simulator.createToken({ productCode: 'PositiveSSLMDC-12', sanCount: 2 });
		const noSans = await runServertastic(
			simulator,
			place({
				orderToken: multi,
				productBrand: 'positivessl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('rsa2048'),
				idaEmail: 'ida@example.com',
				idaPhone: '+44 20 7946 0002',
			}),
		);
		expect(noSans.error?.message).toBe(
			"'Additional Domains (SANs)' is required for this product [item 0]",
		);
		const digicert = simulator.createToken({ productCode: 'RapidSSL-12' });
		const badCa = await runServertastic(simulator, dns(digicert, { intermediateCa: 'Made Up CA' }));
		expect(badCa.error?.message).toMatch(
			/^'Intermediate CA' must be one of .* for this product \(got "Made Up CA"\) \[item 0\]$/,
		);
		expect(simulator.requestsTo('order/place')).toHaveLength(0);
	});

	it('Validate Only: reports what would be sent, spends nothing', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const points = simulator.points();
		const result = await runServertastic(
			simulator,
			dns(token, { options: { validateOnly: true } }),
		);
		expect(result.status).toBe('success');
		expect(result.success[0].json).toMatchObject({
			valid: true,
			problems: [],
			checkedAgainstProductFields: true,
			orderToken: token,
			commonName: 'www.example.com',
			wouldSend: {
				order_token: token,
				dv_auth_method: 'DNS',
				tech_contact_email: 'ada@example.com',
			},
		});
		expect(simulator.requestsTo('order/place')).toHaveLength(0);
		expect(simulator.points()).toBe(points);
	});

	it('Validate Only: returns local problems as a report instead of failing, without calling the API', async () => {
		const result = await runServertastic(
			simulator,
			dns('tok_123456', { csr: 'broken', techEmail: 'nope', options: { validateOnly: true } }),
		);
		expect(result.status).toBe('success');
		expect(result.success[0].json).toMatchObject({
			valid: false,
			checkedAgainstProductFields: false,
			wouldSend: null,
		});
		expect(result.success[0].json.problems).toEqual([
			expect.stringMatching(/^'CSR' cannot be read/),
			expect.stringMatching(/^'Tech Contact Email' /),
		]);
		expect(simulator.requests).toHaveLength(0);
	});

	it('after a lost answer, checks the order state instead of placing again: placed', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', { status: 0, body: '', process: true, destroy: true });
		const result = await runServertastic(simulator, dns(token));
		expect(result.status).toBe('success');
		expect(result.success[0].json).toMatchObject({
			placement: 'confirmedAfterUncertainAnswer',
			status: 'Order Placed',
		});
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
		expect(simulator.requests.map((r) => r.call).slice(-2)).toEqual([
			'order/place',
			'order/review',
		]);
	});

	it('after a lost answer, checks the order state instead of placing again: not placed', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', {
			status: 502,
			body: '<html>Bad Gateway</html>',
			contentType: 'text/html',
		});
		const result = await runServertastic(simulator, dns(token));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Servertastic sent an answer to order/place that is not JSON (HTTP 502, text/html)',
		);
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
		expect(simulator.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 0 });
	});

	it('with a concurrency of 3, keeps the input order and pairing of 12 items', async () => {
		const tokens = Array.from({ length: 12 }, () =>
			simulator.createToken({ productCode: 'RapidSSL-12' }),
		);
		const result = await runServertastic(
			simulator,
			place({
				orderToken: '={{ $json.token }}',
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: csrFixture('ec-p256'),
				options: { concurrency: 3 },
			}),
			{ inputItems: tokens.map((token) => ({ token })) },
		);
		expect(result.success.map((item) => item.json.orderToken)).toEqual(tokens);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			tokens.map((_token, item) => ({ item })),
		);
		expect(new Set(simulator.requestsTo('order/place').map((r) => r.body.order_token)).size).toBe(
			12,
		);
	});
});
