import { X509Certificate, createPrivateKey } from 'node:crypto';
import { DEFAULT_API_KEY, DEFAULT_POINTS, ErrorCode, makeCsr, startSimulator } from './index';
import type { Simulator } from './index';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset({ state: true }));

interface Answer {
	status: number;
	headers: Headers;
	body: any;
}

async function answer(res: Response): Promise<Answer> {
	const text = await res.text();
	const json = (res.headers.get('content-type') ?? '').includes('json');
	return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text };
}

const get = async (call: string, params: Record<string, string> = {}): Promise<Answer> =>
	answer(await fetch(`${sim.url}/${call}.json?${new URLSearchParams(params)}`));

const post = async (call: string, params: Record<string, string> = {}): Promise<Answer> =>
	answer(await fetch(`${sim.url}/${call}.json`, { method: 'POST', body: new URLSearchParams(params) }));

const key = (): Record<string, string> => ({ api_key: sim.apiKey });

function expectError(a: Answer, code: number, message?: string | RegExp, status = 400): void {
	expect(a.status).toBe(status);
	expect(a.body).toEqual({ error: { code, message: expect.any(String) } });
	expect(a.body.success).toBeUndefined();
	if (message !== undefined) expect(a.body.error.message).toMatch(message);
}

function contact(prefix: string, organisation = false): Record<string, string> {
	const c: Record<string, string> = {
		[`${prefix}_first_name`]: 'Ada',
		[`${prefix}_last_name`]: 'Lovelace',
		[`${prefix}_phone`]: '+44 20 7946 0000',
		[`${prefix}_email`]: `${prefix}@example.com`,
		[`${prefix}_title`]: 'CTO',
	};
	if (organisation) {
		Object.assign(c, {
			[`${prefix}_organisation_name`]: 'Example Ltd',
			[`${prefix}_address_line1`]: '1 High Street',
			[`${prefix}_address_city`]: 'London',
			[`${prefix}_address_region`]: 'Greater London',
			[`${prefix}_address_post_code`]: 'EC1A 1AA',
			[`${prefix}_address_country`]: 'GB',
		});
	}
	return c;
}

const ORG = {
	org_name: 'Example Ltd',
	org_address_line1: '1 High Street',
	org_address_city: 'London',
	org_address_region: 'Greater London',
	org_address_postal_code: 'EC1A 1AA',
	org_address_country: 'GB',
	org_address_phone: '+44 20 7946 0000',
};

const CSR = makeCsr('www.example.com');
const WILD_CSR = makeCsr('*.example.com');

function dvParams(token: string, extra: Record<string, string> = {}): Record<string, string> {
	return {
		order_token: token,
		dv_auth_method: 'EMAIL',
		approver_email_address: 'admin@example.com',
		csr: CSR.csr,
		...contact('tech_contact'),
		...contact('admin_contact'),
		...extra,
	};
}

function ovParams(token: string, extra: Record<string, string> = {}): Record<string, string> {
	return dvParams(token, { ...contact('tech_contact', true), ...contact('admin_contact', true), ...ORG, ...extra });
}

async function placedToken(productCode = 'RapidSSL-12', extra: Record<string, string> = {}): Promise<string> {
	const token = sim.createToken({ productCode });
	const a = await post('order/place', dvParams(token, extra));
	expect(a.body.success).toBeDefined();
	return token;
}

describe('transport', () => {
	it('starts fast on a free 127.0.0.1 port with the default key', async () => {
		const started = Date.now();
		const other = await startSimulator({ apiKey: 'other-key' });
		expect(Date.now() - started).toBeLessThan(1000);
		expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(other.url).not.toBe(sim.url);
		expect(other.apiKey).toBe('other-key');
		await other.close();
		expect(sim.apiKey).toBe(DEFAULT_API_KEY);
	});

	it('answers JSON with Connection: close', async () => {
		const a = await get('account/review', key());
		expect(a.status).toBe(200);
		expect(a.headers.get('content-type')).toBe('application/json');
		expect(a.headers.get('connection')).toBe('close');
		expect(a.body.success).toEqual(expect.any(String));
	});

	it('answers a small XML error without .json', async () => {
		const res = await fetch(`${sim.url}/account/review?api_key=${sim.apiKey}`);
		expect(res.headers.get('content-type')).toBe('text/xml');
		expect(res.headers.get('connection')).toBe('close');
		const text = await res.text();
		expect(res.status).toBe(400);
		expect(text).toMatch(/<response><error><code>-10<\/code><message>[^<]+<\/message><\/error><\/response>/);
		const unknown = await fetch(`${sim.url}/order/nosuchcall`);
		expect(unknown.status).toBe(404);
		expect(unknown.headers.get('content-type')).toBe('text/xml');
		expect(await unknown.text()).toContain('<code>-9</code>');
	});

	it('answers 404 for an unknown call or service', async () => {
		expectError(await get('order/nosuchcall', key()), ErrorCode.UnknownCall, /order\/nosuchcall/, 404);
		expectError(await get('billing/review', key()), ErrorCode.UnknownCall, undefined, 404);
	});

	it('refuses methods other than GET and POST', async () => {
		const a = await answer(await fetch(`${sim.url}/account/review.json?api_key=${sim.apiKey}`, { method: 'PUT' }));
		expectError(a, ErrorCode.InvalidParameter, /PUT/, 405);
	});

	it('merges query and form body, the body winning', async () => {
		const a = await answer(
			await fetch(`${sim.url}/product/listproducts.json?api_key=wrong&product_group=SSL`, {
				method: 'POST',
				body: new URLSearchParams({ api_key: sim.apiKey }),
			}),
		);
		expect(a.status).toBe(200);
		expect(a.body.products.length).toBeGreaterThan(10);
	});

	it('ignores a JSON body, as the real API does', async () => {
		const a = await answer(
			await fetch(`${sim.url}/account/review.json`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ api_key: sim.apiKey }),
			}),
		);
		expectError(a, ErrorCode.MissingParameter, 'api_key is required');
	});

	it('can send error bodies with HTTP 200', async () => {
		sim.settings.errorsWithHttp200 = true;
		const a = await get('account/review', { api_key: 'wrong' });
		expectError(a, ErrorCode.InvalidApiKey, 'Invalid api_key', 200);
		sim.reset({ state: true });
		expect(sim.settings.errorsWithHttp200).toBe(false);
		expectError(await get('account/review', { api_key: 'wrong' }), ErrorCode.InvalidApiKey, undefined, 401);
	});

	it('records every request', async () => {
		await get('account/review', key());
		await post('order/approverlist', { domain_name: 'example.com' });
		await fetch(`${sim.url}/order/review`);
		expect(sim.requests.map((r) => r.call)).toEqual(['account/review', 'order/approverlist', 'order/review']);
		const [first] = sim.requestsTo('account/review');
		expect(first).toMatchObject({ method: 'GET', path: '/account/review.json', query: key(), body: {}, rawBody: '' });
		const [second] = sim.requestsTo('/order/approverlist.json');
		expect(second.method).toBe('POST');
		expect(second.contentType).toMatch(/^application\/x-www-form-urlencoded/);
		expect(second.body).toEqual({ domain_name: 'example.com' });
		expect(second.rawBody).toBe('domain_name=example.com');
		expect(second.headers.host).toBe(sim.url.slice('http://'.length));
		sim.reset();
		expect(sim.requests).toHaveLength(0);
	});

	it('serves canned replies once each, in order', async () => {
		sim.respondOnce('order/place', { status: 500, body: { error: { code: 500, message: 'CA unavailable' } } });
		sim.respondOnce('/order/place.json', { status: 200, body: '<html>gateway</html>', contentType: 'text/html' });
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		const first = await post('order/place', dvParams(token));
		expect(first.status).toBe(500);
		expect(first.body.error.message).toBe('CA unavailable');
		const second = await post('order/place', dvParams(token));
		expect(second.headers.get('content-type')).toBe('text/html');
		expect(second.body).toBe('<html>gateway</html>');
		expect(sim.getOrder(token)?.status).toBe('Order Generated');
		const third = await post('order/place', dvParams(token));
		expect(third.body.success).toBe('Order placed');
		expect(sim.requestsTo('order/place')).toHaveLength(3);
	});
});

describe('order/generatetoken', () => {
	const params = (extra: Record<string, string> = {}): Record<string, string> => ({
		...key(),
		st_product_code: 'RapidSSL-12',
		end_customer_email: 'buyer@example.com',
		reseller_unique_reference: 'ref-1',
		...extra,
	});

	it('returns a token, order id and review URL', async () => {
		const a = await get('order/generatetoken', params());
		expect(a.status).toBe(200);
		expect(a.body).toEqual({
			success: expect.any(String),
			order_token: expect.stringMatching(/^[0-9a-f]{32}$/),
			reseller_order_id: expect.stringMatching(/^ST\d+$/),
			review_url: expect.stringContaining(a.body.order_token),
		});
		const order = sim.getOrder(a.body.order_token);
		expect(order).toMatchObject({ status: 'Order Generated', sanCount: 0, serverCount: 1, productCode: 'RapidSSL-12' });
		const page = await fetch(a.body.review_url);
		expect(await page.text()).toContain(a.body.reseller_order_id);
	});

	it('refuses a reused reference, naming it', async () => {
		await get('order/generatetoken', params());
		expectError(await get('order/generatetoken', params()), ErrorCode.DuplicateReference, /ref-1.*used/);
	});

	it('validates its parameters', async () => {
		expectError(await get('order/generatetoken', params({ api_key: 'nope' })), ErrorCode.InvalidApiKey, /api_key/, 401);
		expectError(await get('order/generatetoken', params({ api_key: '' })), ErrorCode.MissingParameter, 'api_key is required');
		expectError(await get('order/generatetoken', params({ st_product_code: 'Nope-12' })), ErrorCode.InvalidParameter, /Nope-12/);
		expectError(
			await get('order/generatetoken', params({ end_customer_email: '' })),
			ErrorCode.MissingParameter,
			'end_customer_email is required',
		);
		expectError(
			await get('order/generatetoken', params({ reseller_unique_reference: 'x'.repeat(36) })),
			ErrorCode.InvalidParameter,
			/35/,
		);
		expectError(await get('order/generatetoken', params({ san_count: '2' })), ErrorCode.InvalidParameter, /san_count/);
		expectError(await get('order/generatetoken', params({ san_count: 'two' })), ErrorCode.InvalidParameter, /san_count/);
		expectError(
			await get('order/generatetoken', params({ st_product_code: 'PositiveSSLMDC-12' })),
			ErrorCode.InvalidParameter,
			/san_count must be between 2/,
		);
		const ok = await get('order/generatetoken', params({ st_product_code: 'SecureSite-12', san_count: '3', server_count: '2' }));
		expect(sim.getOrder(ok.body.order_token)).toMatchObject({ sanCount: 3, serverCount: 2 });
	});
});

describe('order/productfields', () => {
	async function fields(productCode: string, sanCount?: number): Promise<Map<string, Record<string, unknown>>> {
		const a = await get('order/productfields', { order_token: sim.createToken({ productCode, sanCount }) });
		expect(a.status).toBe(200);
		expect(a.body.success).toBeDefined();
		return new Map(a.body.fields.map((f: { name: string }) => [f.name, f]));
	}

	it('describes a DV DigiCert-family product', async () => {
		const f = await fields('RapidSSL-12');
		expect(f.get('order_token')).toEqual({ name: 'order_token', required: true, input_type: 'hidden' });
		expect(f.get('dv_auth_method')).toMatchObject({ required: true, input_type: 'select', options: ['EMAIL', 'DNS', 'FILE', 'SFILE'] });
		expect(f.get('tech_contact_email')).toMatchObject({ required: true, input_type: 'email' });
		expect(f.get('admin_contact_title')).toMatchObject({ required: true });
		expect(f.get('csr')).toMatchObject({ required: false, required_if: '!domain_name' });
		expect(f.get('previous_order_token')).toMatchObject({ required_if: 'renewal' });
		expect(f.get('intermediate_ca')).toMatchObject({ input_type: 'select', options: expect.arrayContaining(['RapidSSL TLS RSA CA G1']) });
		expect(f.has('exclude_addon')).toBe(true);
		expect(f.has('san_domains')).toBe(false);
		expect(f.has('org_name')).toBe(false);
		expect(f.has('tech_contact_organisation_name')).toBe(false);
		expect(f.has('ida_email_address')).toBe(false);
	});

	it('adds the two Sectigo fields for PositiveSSL and drops DigiCert-only ones', async () => {
		const f = await fields('PositiveSSL-12');
		expect(f.get('ida_email_address')).toMatchObject({ required: true, input_type: 'email' });
		expect(f.get('ida_telephone_number')).toMatchObject({ required: true, input_type: 'tel' });
		expect(f.has('intermediate_ca')).toBe(false);
		expect(f.has('previous_order_token')).toBe(false);
	});

	it('offers only EMAIL and DNS for wildcards', async () => {
		const f = await fields('PositiveSSLWildcard-12');
		expect(f.get('dv_auth_method')?.options).toEqual(['EMAIL', 'DNS']);
		expect(f.has('exclude_addon')).toBe(false);
	});

	it('adds organisation fields for OV, jurisdiction for EV, SANs when counted', async () => {
		const ov = await fields('TrueBizID-12', 2);
		expect(ov.get('org_name')).toMatchObject({ required: true });
		expect(ov.get('org_address_postal_code')).toMatchObject({ required: true });
		expect(ov.get('org_address_line2')).toMatchObject({ required: false });
		expect(ov.get('tech_contact_address_post_code')).toMatchObject({ required: true });
		expect(ov.get('admin_contact_address_line2')).toMatchObject({ required: false });
		expect(ov.get('san_domains')).toMatchObject({ required: true });
		expect(ov.has('org_jurisdiction_country')).toBe(false);
		const ev = await fields('SecureSiteProEV-12');
		expect(ev.get('org_jurisdiction_country')).toMatchObject({ required: true });
		expect(ev.get('org_jurisdiction_city')).toMatchObject({ required: false });
		expect(ev.get('intermediate_ca')?.options).toContain('DigiCert Global G2 TLS RSA SHA256 2020 CA1');
		expect((await fields('SSLWebServerWildcard-12')).has('intermediate_ca')).toBe(false);
	});

	it('needs a known order_token and no api_key', async () => {
		expectError(await get('order/productfields', { order_token: 'f'.repeat(32) }), ErrorCode.InvalidOrderToken);
		expectError(await get('order/productfields'), ErrorCode.MissingParameter, 'order_token is required');
	});
});

describe('order/place', () => {
	it('places a DV EMAIL order, spends points and records what it got', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		const a = await post('order/place', dvParams(token));
		expect(a.status).toBe(200);
		expect(a.body).toEqual({
			success: 'Order placed',
			reseller_order_id: expect.stringMatching(/^ST\d+$/),
			invite_url: expect.stringContaining(token),
		});
		expect(sim.points()).toBe(DEFAULT_POINTS - 20);
		const order = sim.getOrder(token)!;
		expect(order).toMatchObject({
			status: 'Order Placed',
			domainName: 'www.example.com',
			dvAuthMethod: 'EMAIL',
			approverEmail: 'admin@example.com',
			pointsSpent: 20,
			techContact: { first_name: 'Ada', email: 'tech_contact@example.com' },
		});
		expect(order.placeParams?.csr).toBe(CSR.csr);
	});

	it('gives DNS data', async () => {
		const token = await placedToken('RapidSSL-12', { dv_auth_method: 'DNS', approver_email_address: '' });
		const r = await get('order/review', { order_token: token });
		expect(r.body).toMatchObject({
			dv_auth_method: 'DNS',
			dv_auth_dns_name: '_dnsauth.www.example.com',
			dv_auth_dns_type: 'TXT',
			dv_auth_dns_string: expect.stringMatching(/\w{16,}/),
		});
		const placed = sim.requestsTo('order/place')[0];
		expect(placed.body.dv_auth_method).toBe('DNS');
	});

	it('returns DNS and file data in the place answer', async () => {
		const dns = await post('order/place', dvParams(sim.createToken({ productCode: 'PositiveSSL-12' }), {
			dv_auth_method: 'DNS',
			ida_email_address: 'ida@example.com',
			ida_telephone_number: '+44 1',
		}));
		expect(dns.body).toMatchObject({ dv_auth_dns_name: expect.stringMatching(/^_[0-9A-F]{32}\.www\.example\.com$/), dv_auth_dns_type: 'CNAME' });
		expect(dns.body.dns_string).toMatch(/\.sectigo\.com$/);
		const file = await post('order/place', dvParams(sim.createToken({ productCode: 'RapidSSL-12' }), { dv_auth_method: 'FILE' }));
		expect(file.body).toMatchObject({ file_name: '/.well-known/pki-validation/fileauth.txt', file_contents: expect.any(String) });
		const sfile = await post('order/place', dvParams(sim.createToken({ productCode: 'QuickSSLPremium-12' }), { dv_auth_method: 'SFILE' }));
		expect(sfile.body.file_name).toMatch(/^\/\.well-known\/pki-validation\//);
	});

	it('needs POST for a CSR but takes GET with domain_name, generating the key pair', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(await get('order/place', dvParams(token)), ErrorCode.PostRequired, /POST/);
		const params = dvParams(token, { domain_name: 'shop.example.com', approver_email_address: 'webmaster@example.com' });
		delete params.csr;
		const a = await get('order/place', params);
		expect(a.body.success).toBeDefined();
		expect(a.body.csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
		expect(a.body.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
		expect(sim.getOrder(token)?.domainName).toBe('shop.example.com');
	});

	it('refuses to place a token twice', async () => {
		const token = await placedToken();
		const again = await post('order/place', dvParams(token));
		expectError(again, ErrorCode.InvalidState, /already been used/);
		expect(sim.points()).toBe(DEFAULT_POINTS - 20);
	});

	it('places again after a Roll Back, with the points refunded in between', async () => {
		const token = await placedToken();
		sim.rollBack(token);
		expect(sim.getOrder(token)?.status).toBe('Roll Back');
		expect(sim.points()).toBe(DEFAULT_POINTS);
		expect((await post('order/place', dvParams(token))).body.success).toBe('Order placed');
		expect(sim.points()).toBe(DEFAULT_POINTS - 20);
	});

	it('names a missing required parameter', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(
			await post('order/place', dvParams(token, { tech_contact_email: '' })),
			ErrorCode.MissingParameter,
			'tech_contact_email is required',
		);
		expectError(await post('order/place', dvParams(token, { dv_auth_method: '' })), ErrorCode.MissingParameter, 'dv_auth_method is required');
		const noCsr = dvParams(token);
		delete noCsr.csr;
		expectError(await post('order/place', noCsr), ErrorCode.MissingParameter, 'csr is required');
		expectError(
			await post('order/place', dvParams(token, { approver_email_address: '' })),
			ErrorCode.MissingParameter,
			'approver_email_address is required',
		);
		expectError(
			await post('order/place', dvParams(sim.createToken({ productCode: 'PositiveSSL-12' }))),
			ErrorCode.MissingParameter,
			'ida_email_address is required',
		);
		expectError(
			await post('order/place', dvParams(token, { renewal: '1' })),
			ErrorCode.MissingParameter,
			'previous_order_token is required',
		);
		expect(sim.getOrder(token)?.status).toBe('Order Generated');
		expect(sim.points()).toBe(DEFAULT_POINTS);
	});

	it('requires organisation data for OV and jurisdiction for EV', async () => {
		const ov = sim.createToken({ productCode: 'TrueBizID-12' });
		expectError(await post('order/place', dvParams(ov)), ErrorCode.MissingParameter, 'tech_contact_organisation_name is required');
		expectError(
			await post('order/place', ovParams(ov, { org_address_postal_code: '' })),
			ErrorCode.MissingParameter,
			'org_address_postal_code is required',
		);
		expectError(
			await post('order/place', ovParams(ov, { admin_contact_address_country: '' })),
			ErrorCode.MissingParameter,
			'admin_contact_address_country is required',
		);
		expectError(
			await post('order/place', ovParams(ov, { org_address_country: 'United Kingdom' })),
			ErrorCode.InvalidParameter,
			/org_address_country.*two-letter/,
		);
		expect((await post('order/place', ovParams(ov))).body.success).toBe('Order placed');
		expect(sim.getOrder(ov)?.organisation).toMatchObject({ name: 'Example Ltd', address_postal_code: 'EC1A 1AA' });

		const ev = sim.createToken({ productCode: 'TrueBizIDEV-12' });
		expectError(await post('order/place', ovParams(ev)), ErrorCode.MissingParameter, 'org_jurisdiction_country is required');
		expect((await post('order/place', ovParams(ev, { org_jurisdiction_country: 'GB' }))).body.success).toBe('Order placed');
	});

	it('validates method, approver, intermediate and names', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(await post('order/place', dvParams(token, { dv_auth_method: 'HTTP' })), ErrorCode.InvalidParameter, /dv_auth_method/);
		expectError(
			await post('order/place', dvParams(token, { approver_email_address: 'ceo@example.com' })),
			ErrorCode.InvalidParameter,
			/not in the approver list/,
		);
		expectError(
			await post('order/place', dvParams(token, { intermediate_ca: 'Some CA' })),
			ErrorCode.InvalidParameter,
			/intermediate_ca must be one of/,
		);
		expectError(
			await post('order/place', dvParams(token, { csr: WILD_CSR.csr })),
			ErrorCode.InvalidParameter,
			/not a wildcard product/,
		);
		expectError(
			await post('order/place', dvParams(token, { csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----' })),
			ErrorCode.InvalidParameter,
			/common name/,
		);
		expectError(await post('order/place', dvParams('0'.repeat(32))), ErrorCode.InvalidOrderToken, 'Invalid order_token');
	});

	it('refuses FILE and SFILE for wildcards', async () => {
		const token = sim.createToken({ productCode: 'RapidSSLWildcard-12' });
		for (const method of ['FILE', 'SFILE']) {
			expectError(
				await post('order/place', dvParams(token, { csr: WILD_CSR.csr, dv_auth_method: method })),
				ErrorCode.InvalidParameter,
				new RegExp(`${method} validation is not available for wildcard`),
			);
		}
		expectError(await post('order/place', dvParams(token)), ErrorCode.InvalidParameter, /needs a wildcard common name/);
		const dns = await post('order/place', dvParams(token, { csr: WILD_CSR.csr, dv_auth_method: 'DNS' }));
		expect(dns.body.dv_auth_dns_name).toBe('_dnsauth.example.com');

		const san = sim.createToken({ productCode: 'SecureSite-12', sanCount: 2 });
		expectError(
			await post('order/place', ovParams(san, { dv_auth_method: 'FILE', san_domains: '*.example.org' })),
			ErrorCode.InvalidParameter,
			/FILE validation is not available for wildcard/,
		);
	});

	it('limits SANs to the token count', async () => {
		const token = sim.createToken({ productCode: 'SSL123-12', sanCount: 2 });
		expectError(await post('order/place', dvParams(token)), ErrorCode.MissingParameter, 'san_domains is required');
		expectError(
			await post('order/place', dvParams(token, { san_domains: 'a.example.com,b.example.com,c.example.com' })),
			ErrorCode.InvalidParameter,
			/3 names.*allows 2/,
		);
		const ok = await post('order/place', dvParams(token, { san_domains: 'a.example.com, b.example.com' }));
		expect(ok.body.success).toBeDefined();
		expect(sim.getOrder(token)?.sanDomains).toEqual(['a.example.com', 'b.example.com']);
		expect(sim.points()).toBe(DEFAULT_POINTS - 40 - 2 * 30);
	});

	it('refuses an order the balance cannot pay for', async () => {
		sim.setPoints(10);
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(await post('order/place', dvParams(token)), ErrorCode.InsufficientPoints, /needs 20 points.*balance is 10/);
		expect(sim.getOrder(token)?.status).toBe('Order Generated');
	});

	it('uses the csrCommonName hook, else finds a name in placeholder text', async () => {
		const hooked = await startSimulator({ csrCommonName: () => 'hooked.example.net' });
		try {
			const token = hooked.createToken({ productCode: 'RapidSSL-12' });
			const a = await answer(
				await fetch(`${hooked.url}/order/place.json`, {
					method: 'POST',
					body: new URLSearchParams(dvParams(token, { csr: 'anything', approver_email_address: 'admin@example.net' })),
				}),
			);
			expect(a.body.success).toBeDefined();
			expect(hooked.getOrder(token)?.domainName).toBe('hooked.example.net');
		} finally {
			await hooked.close();
		}
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		await post('order/place', dvParams(token, { csr: 'fake CSR for mail.example.com' }));
		expect(sim.getOrder(token)?.domainName).toBe('mail.example.com');
	});
});

describe('life cycle', () => {
	it('advances Placed -> Awaiting Customer Verification -> Completed and issues a real chain', async () => {
		const token = await placedToken('RapidSSL-12', { intermediate_ca: 'RapidSSL Global TLS RSA4096 SHA256 2022 CA1' });
		let r = await get('order/review', { order_token: token });
		expect(r.body).toMatchObject({ order_status: 'Order Placed', certificate: '', ca_certs: {}, expiry_date: '' });

		const first = await get('order/advanceorder', { order_token: token });
		expect(first.body).toEqual({ success: expect.any(String), order_status: 'Awaiting Customer Verification' });
		const second = await get('order/advanceorder', { order_token: token });
		expect(second.body.order_status).toBe('Completed');
		expectError(await get('order/advanceorder', { order_token: token }), ErrorCode.InvalidState, /Completed/);

		r = await get('order/review', { order_token: token });
		expect(r.body).toMatchObject({
			success: expect.any(String),
			order_status: 'Completed',
			st_product_code: 'RapidSSL-12',
			domain_name: 'www.example.com',
			approver_email_address: 'admin@example.com',
			dv_auth_method: 'EMAIL',
			tech_contact: { first_name: 'Ada', last_name: 'Lovelace' },
			organisation_info: {},
			expiry_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			pkcs7: expect.stringMatching(/^-----BEGIN PKCS7-----/),
		});
		const info = r.body.ca_certs.certificate_info;
		expect(info.map((c: { type: string }) => c.type)).toEqual(['INTERMEDIATE', 'ROOT']);
		const leaf = new X509Certificate(r.body.certificate);
		const intermediate = new X509Certificate(info[0].certificate);
		const root = new X509Certificate(info[1].certificate);
		expect(leaf.subject).toBe('CN=www.example.com');
		expect(leaf.subjectAltName).toBe('DNS:www.example.com, DNS:example.com');
		expect(intermediate.subject).toContain('CN=RapidSSL Global TLS RSA4096 SHA256 2022 CA1');
		expect(leaf.verify(intermediate.publicKey)).toBe(true);
		expect(intermediate.verify(root.publicKey)).toBe(true);
		expect(leaf.checkPrivateKey(createPrivateKey(CSR.privateKey))).toBe(true);
		expect(new Date(leaf.validTo).toISOString().slice(0, 16)).toBe(r.body.expiry_date.replace(' ', 'T').slice(0, 16));
		expect(r.body.modifications.modification.map((m: { description: string }) => m.description)).toContain(
			'Status changed to Completed',
		);
	});

	it('answers an unplaced order with empty fields', async () => {
		const token = sim.createToken({ productCode: 'TrueBizID-12' });
		const r = await get('order/review', { order_token: token });
		expect(r.body).toMatchObject({ order_status: 'Order Generated', domain_name: '', admin_contact: {}, certificate: '' });
		expect(() => sim.advance(token)).toThrow(/Order Generated/);
	});

	it('cancels with a refund, once', async () => {
		const token = await placedToken();
		expect(sim.points()).toBe(DEFAULT_POINTS - 20);
		const a = await get('order/cancel', { order_token: token });
		expect(a.body).toMatchObject({ success: expect.any(String), points_refunded: 20 });
		expect(sim.points()).toBe(DEFAULT_POINTS);
		expect(sim.getOrder(token)?.status).toBe('Cancelled');
		expectError(await get('order/cancel', { order_token: token }), ErrorCode.InvalidState, /already been cancelled/);
		expectError(await post('order/place', dvParams(token)), ErrorCode.InvalidState, /cancelled/);
		const audit = await get('account/pointsaudit', key());
		expect(audit.body.points_audit.map((e: { points: number }) => e.points)).toEqual([DEFAULT_POINTS, -20, 20]);
	});

	it('refuses to cancel more than 30 days after issue', async () => {
		const token = await placedToken();
		sim.advance(token);
		sim.advance(token);
		sim.setNow(new Date(Date.now() + 31 * 24 * 3600 * 1000));
		expectError(await get('order/cancel', { order_token: token }), ErrorCode.InvalidState, /30 days/);
	});

	it('resends emails', async () => {
		const token = await placedToken();
		const approver = await get('order/resendemail', { order_token: token, email_type: 'Approver' });
		expect(approver.body).toEqual({ success: expect.any(String), email_sent_to: { email: 'admin@example.com' } });
		expectError(await get('order/resendemail', { order_token: token, email_type: 'Fulfillment' }), ErrorCode.InvalidState);
		expectError(await get('order/resendemail', { order_token: token, email_type: 'Other' }), ErrorCode.InvalidParameter, /Approver, Fulfillment/);
		expectError(await get('order/resendemail', { order_token: token }), ErrorCode.MissingParameter, 'email_type is required');
		sim.advance(token);
		sim.advance(token);
		const done = await get('order/resendemail', { order_token: token, email_type: 'Fulfillment' });
		expect(done.body.email_sent_to).toEqual({ email: 'tech_contact@example.com' });
	});

	it('changes the approver email within the approver list', async () => {
		const token = await placedToken();
		const ok = await get('order/changeapproveremail', { order_token: token, email: 'hostmaster@www.example.com' });
		expect(ok.body.success).toBeDefined();
		expect(sim.getOrder(token)?.approverEmail).toBe('hostmaster@www.example.com');
		expectError(
			await get('order/changeapproveremail', { order_token: token, email: 'me@gmail.com' }),
			ErrorCode.InvalidParameter,
			/approver list/,
		);
		expectError(await get('order/changeapproveremail', { order_token: token }), ErrorCode.MissingParameter, 'email is required');
	});

	it('switches DNS/FILE orders to EMAIL and polls validation', async () => {
		const token = await placedToken('RapidSSL-12', { dv_auth_method: 'FILE' });
		expect((await get('order/pollauth', { order_token: token })).body.success).toBeDefined();
		const changed = await get('order/changeauthmethod', { order_token: token });
		expect(changed.body).toMatchObject({ success: expect.any(String), approver_email_address: 'admin@www.example.com' });
		expect(sim.getOrder(token)).toMatchObject({ dvAuthMethod: 'EMAIL', fileName: undefined });
		expectError(await get('order/changeauthmethod', { order_token: token }), ErrorCode.InvalidState, /already uses EMAIL/);
		expectError(await get('order/pollauth', { order_token: token }), ErrorCode.InvalidState, /EMAIL/);
	});

	it('reissues completed orders by POST only', async () => {
		const token = await placedToken();
		expectError(await post('order/reissue', { order_token: token }), ErrorCode.InvalidState, /completed/);
		sim.advance(token);
		sim.advance(token);
		const oldCert = sim.getOrder(token)?.certificate;
		expectError(await get('order/reissue', { order_token: token }), ErrorCode.PostRequired, /POST/);
		const fresh = makeCsr('www.example.com');
		const a = await post('order/reissue', { order_token: token, csr: fresh.csr, dv_auth_method: 'DNS' });
		expect(a.body).toMatchObject({ success: expect.any(String), csr: fresh.csr.trim(), dv_auth_dns_name: '_dnsauth.www.example.com' });
		expect(a.body.private_key).toBeUndefined();
		expect(sim.getOrder(token)?.status).toBe('Awaiting Customer Verification');
		sim.advance(token);
		const cert = sim.getOrder(token)!.certificate!;
		expect(cert).not.toBe(oldCert);
		expect(new X509Certificate(cert).checkPrivateKey(createPrivateKey(fresh.privateKey))).toBe(true);
		const generated = await post('order/reissue', { order_token: token });
		expect(generated.body.private_key).toMatch(/PRIVATE KEY/);
	});
});

describe('order/approverlist', () => {
	it('lists the five mailboxes of the name and of its base domain', async () => {
		const a = await get('order/approverlist', { domain_name: '*.shop.example.co.uk' });
		const emails = a.body.approver_email.map((e: { email: string }) => e.email);
		expect(emails).toHaveLength(10);
		expect(emails).toContain('admin@shop.example.co.uk');
		expect(emails).toContain('webmaster@example.co.uk');
		const base = await get('order/approverlist', { domain_name: 'example.com' });
		expect(base.body.approver_email).toHaveLength(5);
		expect(base.body.approver_email[0]).toEqual({ email: 'admin@example.com' });
	});

	it('can answer the one-element form', async () => {
		sim.settings.approverListSingle = true;
		const a = await get('order/approverlist', { domain_name: 'example.com' });
		expect(a.body.approver_email).toEqual({ email: 'admin@example.com' });
	});

	it('validates the domain', async () => {
		expectError(await get('order/approverlist'), ErrorCode.MissingParameter, 'domain_name is required');
		expectError(await get('order/approverlist', { domain_name: 'not a domain' }), ErrorCode.InvalidParameter);
	});

	it('collapses lists XML-style when asked', async () => {
		const xml = await startSimulator({ xmlStyleLists: true });
		try {
			const products = await answer(await fetch(`${xml.url}/order/showtokens.json?api_key=${xml.apiKey}`));
			expect(products.body).toMatchObject({ unused_tokens: '', used_tokens: '' });
			xml.createToken({ productCode: 'RapidSSL-12' });
			const one = await answer(await fetch(`${xml.url}/order/showtokens.json?api_key=${xml.apiKey}`));
			expect(one.body.unused_tokens).toMatchObject({ st_product_code: 'RapidSSL-12' });
		} finally {
			await xml.close();
		}
	});
});

describe('account-level order calls', () => {
	it('lists orders modified strictly after a date, with a server timestamp', async () => {
		const base = new Date('2026-03-01T10:00:00Z');
		sim.setNow(base);
		const early = sim.createToken({ productCode: 'RapidSSL-12' });
		sim.setNow(new Date('2026-03-01T10:00:05Z'));
		const late = sim.createToken({ productCode: 'RapidSSL-12' });
		const a = await get('order/modifiedorders', { ...key(), date: '2026-03-01 10:00:00' });
		expect(a.body.timestamp).toBe('2026-03-01 10:00:05');
		expect(a.body.orders.map((o: { order_token: string }) => o.order_token)).toEqual([late]);
		const all = await get('order/modifiedorders', { ...key(), date: '2026-03-01 09:59:59' });
		expect(all.body.orders.map((o: { order_token: string }) => o.order_token)).toEqual([early, late]);
		expectError(await get('order/modifiedorders', { ...key(), date: '2026-03-01' }), ErrorCode.InvalidParameter, /YYYY-MM-DD HH:MM:SS/);
		expectError(await get('order/modifiedorders', key()), ErrorCode.MissingParameter, 'date is required');
		expectError(await get('order/modifiedorders', { api_key: 'x', date: '2026-03-01 10:00:00' }), ErrorCode.InvalidApiKey, undefined, 401);
	});

	it('lists expiring orders', async () => {
		const token = await placedToken();
		sim.advance(token);
		sim.advance(token);
		expect((await get('order/expiring', key())).body.orders).toEqual([]);
		sim.setNow(new Date(Date.now() + 150 * 24 * 3600 * 1000));
		const a = await get('order/expiring', key());
		expect(a.body.orders).toEqual([
			expect.objectContaining({ order_token: token, expiry_date: expect.any(String), days_remaining: expect.any(Number) }),
		]);
		expect((await get('order/expiring', { ...key(), days: '10' })).body.orders).toEqual([]);
		expectError(await get('order/expiring', { ...key(), days: 'soon' }), ErrorCode.InvalidParameter, /days/);
	});

	it('shows used and unused tokens', async () => {
		const unused = sim.createToken({ productCode: 'RapidSSL-12' });
		const used = await placedToken();
		const a = await get('order/showtokens', key());
		expect(a.body.unused_tokens.map((t: { order_token: string }) => t.order_token)).toEqual([unused]);
		expect(a.body.used_tokens.map((t: { order_token: string }) => t.order_token)).toEqual([used]);
		expectError(await get('order/showtokens'), ErrorCode.MissingParameter, 'api_key is required');
	});
});

describe('account and product services', () => {
	it('reviews the account', async () => {
		await placedToken();
		const done = await placedToken();
		sim.advance(done);
		sim.advance(done);
		const a = await get('account/review', key());
		expect(a.body).toEqual({
			success: expect.any(String),
			purchased_points: DEFAULT_POINTS - 40,
			active_orders: 1,
			completed_orders: 1,
		});
	});

	it('adds and empties test points', async () => {
		expect((await get('account/addtestpoints', { ...key(), points: '100' })).body.purchased_points).toBe(DEFAULT_POINTS + 100);
		expectError(await get('account/addtestpoints', key()), ErrorCode.MissingParameter, 'points is required');
		expectError(await get('account/addtestpoints', { ...key(), points: '-5' }), ErrorCode.InvalidParameter);
		expect((await get('account/emptytestpoints', key())).body.purchased_points).toBe(0);
		expect(sim.points()).toBe(0);
		const audit = await get('account/pointsaudit', key());
		expect(audit.body.points_audit).toHaveLength(3);
		expect(audit.body.points_audit[2]).toMatchObject({ points: -(DEFAULT_POINTS + 100), balance: 0 });
	});

	it('regenerates the api key', async () => {
		const old = sim.apiKey;
		const a = await get('account/regenerateapikey', key());
		expect(a.body.api_key).toBe(sim.apiKey);
		expect(sim.apiKey).not.toBe(old);
		expectError(await get('account/review', { api_key: old }), ErrorCode.InvalidApiKey, undefined, 401);
	});

	it('lists the catalogue', async () => {
		const a = await get('product/listproducts', { ...key(), product_group: 'SSL' });
		const codes = a.body.products.map((x: { st_product_code: string }) => x.st_product_code);
		for (const code of [
			'RapidSSL-12',
			'RapidSSLWildcard-12',
			'PositiveSSL-12',
			'PositiveSSLWildcard-12',
			'QuickSSLPremium-12',
			'SSL123-12',
			'TrueBizID-12',
			'SecureSite-12',
			'SSLWebServerWildcard-12',
			'TrueBizIDEV-12',
			'SecureSiteProEV-12',
		]) {
			expect(codes).toContain(code);
		}
		expect(a.body.products.find((x: { st_product_code: string }) => x.st_product_code === 'SecureSiteProEV-12')).toEqual({
			st_product_code: 'SecureSiteProEV-12',
			product_name: expect.any(String),
			product_validation: 'EV',
			min_san_count: 0,
			max_san_count: 249,
			max_server_count: expect.any(Number),
			points: 900,
			san_points: 600,
		});
		expect((await get('product/listproducts', key())).body.products).toHaveLength(codes.length);
		expectError(await get('product/listproducts', { ...key(), product_group: 'Hosting' }), ErrorCode.InvalidParameter, /product_group/);
	});
});
