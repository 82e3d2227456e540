import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { DEFAULT_API_KEY, DEFAULT_POINTS, ErrorCode, makeCsr, startSimulator } from './index';
import { csrPublicKey, fromPem } from './x509';
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
	answer(
		await fetch(`${sim.url}/${call}.json`, { method: 'POST', body: new URLSearchParams(params) }),
	);

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
	org_jurisdiction_city: 'London',
	org_jurisdiction_region: 'Greater London',
	org_jurisdiction_country: 'GB',
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
		hashing_algorithm: 'SHA-256',
		approver_email_address: 'admin@example.com',
		csr: CSR.csr,
		...contact('tech_contact'),
		...contact('admin_contact'),
		...extra,
	};
}

/** What place needs instead of a CSR: domain_name and the organisation (DOC api2.md:244-250). */
function keygenParams(token: string, extra: Record<string, string> = {}): Record<string, string> {
	const params = dvParams(token, {
		domain_name: 'shop.example.com',
		approver_email_address: 'webmaster@example.com',
		org_name: 'Example Ltd',
		org_division: 'IT',
		org_address_city: 'London',
		org_address_region: 'Greater London',
		org_address_country: 'GB',
		...extra,
	});
	delete params.csr;
	return params;
}

function ovParams(token: string, extra: Record<string, string> = {}): Record<string, string> {
	return dvParams(token, {
		...contact('tech_contact', true),
		...contact('admin_contact', true),
		...ORG,
		...extra,
	});
}

async function placedToken(
	productCode = 'RapidSSL-12',
	extra: Record<string, string> = {},
): Promise<string> {
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
		expect(text).toMatch(
			/<response><error><code>-10<\/code><message>[^<]+<\/message><\/error><\/response>/,
		);
		const unknown = await fetch(`${sim.url}/order/nosuchcall`);
		expect(unknown.status).toBe(404);
		expect(unknown.headers.get('content-type')).toBe('text/xml');
		expect(await unknown.text()).toContain('<code>-9</code>');
	});

	it('answers 404 for an unknown call or service', async () => {
		expectError(
			await get('order/nosuchcall', key()),
			ErrorCode.UnknownCall,
			/order\/nosuchcall/,
			404,
		);
		expectError(await get('billing/review', key()), ErrorCode.UnknownCall, undefined, 404);
	});

	it('refuses methods other than GET and POST', async () => {
		const a = await answer(
			await fetch(`${sim.url}/account/review.json?api_key=${sim.apiKey}`, { method: 'PUT' }),
		);
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
		expectError(
			await get('account/review', { api_key: 'wrong' }),
			ErrorCode.InvalidApiKey,
			undefined,
			401,
		);
	});

	it('records every request', async () => {
		await get('account/review', key());
		await post('order/approverlist', { domain_name: 'example.com' });
		await fetch(`${sim.url}/order/review`);
		expect(sim.requests.map((r) => r.call)).toEqual([
			'account/review',
			'order/approverlist',
			'order/review',
		]);
		const [first] = sim.requestsTo('account/review');
		expect(first).toMatchObject({
			method: 'GET',
			path: '/account/review.json',
			query: key(),
			body: {},
			rawBody: '',
		});
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
		sim.respondOnce('order/place', {
			status: 500,
			body: { error: { code: 500, message: 'CA unavailable' } },
		});
		sim.respondOnce('/order/place.json', {
			status: 200,
			body: '<html>gateway</html>',
			contentType: 'text/html',
		});
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		const first = await post('order/place', dvParams(token));
		expect(first.status).toBe(500);
		expect(first.body.error.message).toBe('CA unavailable');
		const second = await post('order/place', dvParams(token));
		expect(second.headers.get('content-type')).toBe('text/html');
		expect(second.body).toBe('<html>gateway</html>');
		expect(sim.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 0 });
		expect(sim.getOrder(token)?.placedAt).toBeUndefined();
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

	it('returns a token, product code, order id and review URL (the keys of both documented forms)', async () => {
		const a = await get('order/generatetoken', params());
		expect(a.status).toBe(200);
		expect(a.body).toEqual({
			success: 'Order token generated',
			order_token: expect.stringMatching(/^[0-9a-f]{32}$/),
			product_code: 'RapidSSL-12',
			reseller_order_id: expect.stringMatching(/^ST\d+$/),
			review_url: expect.stringContaining(a.body.order_token),
		});
		const order = sim.getOrder(a.body.order_token);
		// The documented first status; placedAt says place has not taken effect.
		expect(order).toMatchObject({
			status: 'Order Placed',
			sanCount: 0,
			serverCount: 1,
			productCode: 'RapidSSL-12',
		});
		expect(order?.placedAt).toBeUndefined();
		const page = await fetch(a.body.review_url);
		expect(await page.text()).toContain(a.body.reseller_order_id);
	});

	it('refuses a reused reference, naming it', async () => {
		await get('order/generatetoken', params());
		expectError(
			await get('order/generatetoken', params()),
			ErrorCode.DuplicateReference,
			/ref-1.*used/,
		);
	});

	it('validates its parameters', async () => {
		expectError(
			await get('order/generatetoken', params({ api_key: 'nope' })),
			ErrorCode.InvalidApiKey,
			/api_key/,
			401,
		);
		expectError(
			await get('order/generatetoken', params({ api_key: '' })),
			ErrorCode.MissingParameter,
			'api_key is required',
		);
		expectError(
			await get('order/generatetoken', params({ st_product_code: 'Nope-12' })),
			ErrorCode.InvalidParameter,
			/Nope-12/,
		);
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
		expectError(
			await get('order/generatetoken', params({ san_count: '2' })),
			ErrorCode.InvalidParameter,
			/san_count/,
		);
		expectError(
			await get('order/generatetoken', params({ san_count: 'two' })),
			ErrorCode.InvalidParameter,
			/san_count/,
		);
		expectError(
			await get('order/generatetoken', params({ st_product_code: 'PositiveSSLMDC-12' })),
			ErrorCode.InvalidParameter,
			/san_count must be between 2/,
		);
		const ok = await get(
			'order/generatetoken',
			params({ st_product_code: 'SecureSite-12', san_count: '3', server_count: '2' }),
		);
		expect(sim.getOrder(ok.body.order_token)).toMatchObject({ sanCount: 3, serverCount: 2 });
	});
});

describe('order/productfields', () => {
	type Entry = {
		required: string;
		input_type: string;
		options: string | string[];
		required_if: string | string[];
	};

	async function answerFor(productCode: string, sanCount?: number): Promise<unknown[]> {
		const a = await get('order/productfields', {
			order_token: sim.createToken({ productCode, sanCount }),
		});
		expect(a.status).toBe(200);
		return a.body;
	}

	async function fields(productCode: string, sanCount?: number): Promise<Map<string, Entry>> {
		const [, , ...entries] = await answerFor(productCode, sanCount);
		return new Map(
			entries.map((entry) => {
				const [name, value] = Object.entries(entry as Record<string, Entry>)[0];
				return [name, value];
			}),
		);
	}

	it('answers a list: product code, label, then one {field: entry} each, without success', async () => {
		const body = await answerFor('RapidSSL-12');
		expect(Array.isArray(body)).toBe(true);
		expect(body.slice(0, 2)).toEqual(['RapidSSL-12', 'RapidSSL: RapidSSL Standard DV']);
		for (const entry of body.slice(2)) {
			expect(Object.keys(entry as object)).toHaveLength(1);
			expect(Object.values(entry as object)[0]).toEqual({
				required: expect.stringMatching(/^(1|)$/),
				input_type: expect.any(String),
				options: expect.anything(),
				required_if: expect.anything(),
			});
		}
		expect((body as unknown as Record<string, unknown>).success).toBeUndefined();
	});

	it('describes a DV DigiCert-family product as DOC shows it', async () => {
		const f = await fields('RapidSSL-12');
		expect(f.get('order_token')).toEqual({
			required: '1',
			input_type: 'hidden',
			options: '',
			required_if: '',
		});
		expect(f.get('approver_email_address')).toMatchObject({ required: '1', input_type: 'email' });
		expect(f.get('dv_auth_method')).toMatchObject({
			required: '1',
			input_type: 'select',
			options: ['EMAIL', 'FILE', 'DNS', 'SFILE'],
		});
		expect(f.get('hashing_algorithm')).toEqual({
			required: '1',
			input_type: 'select',
			options: ['SHA-256', 'SHA-256-FULL-CHAIN'],
			required_if: '',
		});
		expect(f.get('tech_contact_email')).toMatchObject({ required: '1', input_type: 'email' });
		expect(f.get('admin_contact_title')).toMatchObject({ required: '1' });
		expect(f.get('domain_name')).toMatchObject({ required: '', required_if: ['!csr'] });
		expect(f.get('csr')).toMatchObject({ required: '', required_if: ['!domain_name'] });
		expect(f.get('renewal')).toMatchObject({ input_type: 'checkbox', options: ['0', '1'] });
		expect(f.get('competitive_upgrade')).toMatchObject({
			input_type: 'checkbox',
			options: ['0', '1'],
		});
		for (const name of [
			'org_name',
			'org_division',
			'org_address_city',
			'org_address_region',
			'org_address_country',
		]) {
			expect(f.get(name)).toEqual({
				required: '',
				input_type: 'text',
				options: '',
				required_if: ['domain_name', '!csr'],
			});
		}
		expect(f.get('previous_order_token')).toMatchObject({ required_if: ['renewal'] });
		expect(f.get('intermediate_ca')).toMatchObject({
			input_type: 'select',
			options: expect.arrayContaining(['RapidSSL TLS RSA CA G1']),
		});
		expect(f.has('exclude_addon')).toBe(true);
		expect(f.has('san_domains')).toBe(false);
		expect(f.has('org_address_line1')).toBe(false);
		expect(f.has('tech_contact_organisation_name')).toBe(false);
		expect(f.has('ida_email_address')).toBe(false);
	});

	it('adds the two Sectigo fields for PositiveSSL and drops DigiCert-only ones', async () => {
		const f = await fields('PositiveSSL-12');
		expect(f.get('ida_email_address')).toMatchObject({ required: '1', input_type: 'email' });
		expect(f.get('ida_telephone_number')).toMatchObject({ required: '1', input_type: 'tel' });
		expect(f.has('intermediate_ca')).toBe(false);
		expect(f.has('previous_order_token')).toBe(false);
	});

	it('offers only EMAIL and DNS for wildcards', async () => {
		const f = await fields('PositiveSSLWildcard-12');
		expect(f.get('dv_auth_method')?.options).toEqual(['EMAIL', 'DNS']);
		expect(f.has('exclude_addon')).toBe(false);
	});

	it('adds organisation fields and the jurisdiction for OV and EV, SANs when counted', async () => {
		const ov = await fields('TrueBizID-12', 2);
		expect(ov.get('org_name')).toMatchObject({ required: '1' });
		expect(ov.get('org_division')).toMatchObject({
			required: '',
			required_if: ['domain_name', '!csr'],
		});
		expect(ov.get('org_address_postal_code')).toMatchObject({ required: '1' });
		expect(ov.get('org_address_line2')).toMatchObject({ required: '' });
		expect(ov.get('tech_contact_address_post_code')).toMatchObject({ required: '1' });
		expect(ov.get('admin_contact_address_line2')).toMatchObject({ required: '' });
		expect(ov.get('san_domains')).toMatchObject({ required: '1' });
		// The Place Order page (../shared/seeds/place-order.txt): "Required if ordering OV or EV", not EV only.
		for (const name of [
			'org_jurisdiction_city',
			'org_jurisdiction_region',
			'org_jurisdiction_country',
		]) {
			expect(ov.get(name)).toMatchObject({ required: '1' });
		}
		const ev = await fields('SecureSiteProEV-12');
		expect(ev.get('org_jurisdiction_country')).toMatchObject({ required: '1' });
		expect(ev.get('intermediate_ca')?.options).toContain(
			'DigiCert Global G2 TLS RSA SHA256 2020 CA1',
		);
		expect((await fields('SSLWebServerWildcard-12')).has('intermediate_ca')).toBe(false);
	});

	it('needs a known order_token and no api_key', async () => {
		expectError(
			await get('order/productfields', { order_token: 'f'.repeat(32) }),
			ErrorCode.InvalidOrderToken,
		);
		expectError(
			await get('order/productfields'),
			ErrorCode.MissingParameter,
			'order_token is required',
		);
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
		const token = await placedToken('RapidSSL-12', {
			dv_auth_method: 'DNS',
			approver_email_address: '',
		});
		const r = await get('order/review', { order_token: token });
		expect(r.body).toMatchObject({
			dv_auth_method: 'DNS',
			dv_auth_dns_name: 'www.example.com',
			dv_auth_dns_type: 'TXT',
			dv_auth_dns_string: expect.stringMatching(/\w{16,}/),
		});
		const placed = sim.requestsTo('order/place')[0];
		expect(placed.body.dv_auth_method).toBe('DNS');
	});

	it('returns dns_string or file_contents in the place answer, the record name and file name in review', async () => {
		const sectigo = sim.createToken({ productCode: 'PositiveSSL-12' });
		const dns = await post(
			'order/place',
			dvParams(sectigo, {
				dv_auth_method: 'DNS',
				ida_email_address: 'ida@example.com',
				ida_telephone_number: '+44 1',
			}),
		);
		expect(dns.body).toEqual({
			success: 'Order placed',
			reseller_order_id: expect.any(String),
			invite_url: expect.any(String),
			dns_string: expect.stringMatching(/\.sectigo\.com$/),
		});
		expect((await get('order/review', { order_token: sectigo })).body).toMatchObject({
			dv_auth_dns_name: expect.stringMatching(/^_[0-9A-F]{32}\.www\.example\.com$/),
			dv_auth_dns_type: 'CNAME',
			dv_auth_dns_string: dns.body.dns_string,
		});
		const fileToken = sim.createToken({ productCode: 'RapidSSL-12' });
		const file = await post('order/place', dvParams(fileToken, { dv_auth_method: 'FILE' }));
		expect(Object.keys(file.body)).toEqual([
			'success',
			'reseller_order_id',
			'invite_url',
			'file_contents',
		]);
		expect((await get('order/review', { order_token: fileToken })).body).toMatchObject({
			dv_auth_file_name: '/.well-known/pki-validation/fileauth.txt',
			dv_auth_file_contents: file.body.file_contents,
		});
		const sfileToken = sim.createToken({ productCode: 'QuickSSLPremium-12' });
		const sfile = await post('order/place', dvParams(sfileToken, { dv_auth_method: 'SFILE' }));
		expect(sfile.body.file_contents).toEqual(expect.any(String));
		expect((await get('order/review', { order_token: sfileToken })).body.dv_auth_file_name).toMatch(
			/^\/\.well-known\/pki-validation\//,
		);
	});

	it('needs POST for a CSR but takes GET with domain_name, generating the key pair once', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(await get('order/place', dvParams(token)), ErrorCode.PostRequired, /POST/);
		const a = await get('order/place', keygenParams(token));
		expect(a.body.success).toBeDefined();
		expect(a.body.csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
		expect(a.body.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
		expect(sim.getOrder(token)?.domainName).toBe('shop.example.com');
		// A real pair: the CSR's key is the private key's, and the subject holds the organisation and admin email.
		const csrKey = csrPublicKey(a.body.csr)!.export({ type: 'spki', format: 'der' });
		expect(
			createPublicKey(createPrivateKey(a.body.private_key)).export({ type: 'spki', format: 'der' }),
		).toEqual(csrKey);
		const subject = fromPem(a.body.csr)!.toString('latin1');
		for (const part of [
			'shop.example.com',
			'Example Ltd',
			'IT',
			'London',
			'admin_contact@example.com',
		])
			expect(subject).toContain(part);
		// Never again: review has no key.
		expect(JSON.stringify((await get('order/review', { order_token: token })).body)).not.toContain(
			'PRIVATE KEY',
		);
	});

	it('without a CSR asks for the organisation, as productfields says (required_if domain_name, !csr)', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		for (const name of [
			'org_name',
			'org_division',
			'org_address_city',
			'org_address_region',
			'org_address_country',
		]) {
			expectError(
				await get('order/place', keygenParams(token, { [name]: '' })),
				ErrorCode.MissingParameter,
				`${name} is required`,
			);
		}
		// With a CSR the organisation comes from it: not required.
		expect((await post('order/place', dvParams(token))).body.success).toBe('Order placed');
	});

	it('refuses to place a token twice', async () => {
		const token = await placedToken();
		const again = await post('order/place', dvParams(token));
		expectError(again, ErrorCode.InvalidState, /already been used/);
		expect(sim.points()).toBe(DEFAULT_POINTS - 20);
		// The status alone cannot tell: both a fresh and a placed token are Order Placed.
		expect(sim.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 1 });
	});

	it('keeps Order Placed after place, with what place wrote filled in', async () => {
		const fresh = sim.createToken({ productCode: 'RapidSSL-12' });
		const before = (await get('order/review', { order_token: fresh })).body;
		const token = await placedToken();
		const after = (await get('order/review', { order_token: token })).body;
		expect(before).toMatchObject({
			order_status: 'Order Placed',
			domain_name: '',
			approver_email_address: '',
			invite_url: '',
		});
		expect(after).toMatchObject({
			order_status: 'Order Placed',
			domain_name: 'www.example.com',
			approver_email_address: 'admin@example.com',
			approver_notified_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			admin_contact: {
				title: 'CTO',
				first_name: 'Ada',
				last_name: 'Lovelace',
				phone: '+44 20 7946 0000',
				email: 'admin_contact@example.com',
			},
			dv_auth_method: 'EMAIL',
			invite_url: expect.stringContaining(token),
		});
		expect(before.dv_auth_method).toBeUndefined();
		expect(
			after.modifications.modification.map((m: { event_name: string }) => m.event_name),
		).toEqual(['Order Placed', 'Approver Email Sent']);
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
		expectError(
			await post('order/place', dvParams(token, { dv_auth_method: '' })),
			ErrorCode.MissingParameter,
			'dv_auth_method is required',
		);
		const noCsr = dvParams(token);
		delete noCsr.csr;
		// domain_name comes before csr in productfields; each is required without the other.
		expectError(
			await post('order/place', noCsr),
			ErrorCode.MissingParameter,
			'domain_name is required',
		);
		expectError(
			await post('order/place', dvParams(token, { hashing_algorithm: '' })),
			ErrorCode.MissingParameter,
			'hashing_algorithm is required',
		);
		expectError(
			await post('order/place', dvParams(token, { hashing_algorithm: 'SHA2-256' })),
			ErrorCode.InvalidParameter,
			/hashing_algorithm must be one of: SHA-256, SHA-256-FULL-CHAIN/,
		);
		expectError(
			await post('order/place', dvParams(token, { renewal: 'yes' })),
			ErrorCode.InvalidParameter,
			/renewal must be one of: 0, 1/,
		);
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
		expect(sim.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 0 });
		expect(sim.getOrder(token)?.placedAt).toBeUndefined();
		expect(sim.points()).toBe(DEFAULT_POINTS);
	});

	it('requires organisation data and the jurisdiction for OV and EV', async () => {
		const ov = sim.createToken({ productCode: 'TrueBizID-12' });
		expectError(
			await post('order/place', dvParams(ov)),
			ErrorCode.MissingParameter,
			'tech_contact_organisation_name is required',
		);
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
		expectError(
			await post('order/place', ovParams(ov, { org_jurisdiction_country: '' })),
			ErrorCode.MissingParameter,
			'org_jurisdiction_country is required',
		);
		expect((await post('order/place', ovParams(ov))).body.success).toBe('Order placed');
		expect(sim.getOrder(ov)?.organisation).toMatchObject({
			name: 'Example Ltd',
			address_postal_code: 'EC1A 1AA',
		});

		const ev = sim.createToken({ productCode: 'TrueBizIDEV-12' });
		expectError(
			await post('order/place', ovParams(ev, { org_jurisdiction_city: '' })),
			ErrorCode.MissingParameter,
			'org_jurisdiction_city is required',
		);
		expect((await post('order/place', ovParams(ev))).body.success).toBe('Order placed');
	});

	it('validates method, approver, intermediate and names', async () => {
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(
			await post('order/place', dvParams(token, { dv_auth_method: 'HTTP' })),
			ErrorCode.InvalidParameter,
			/dv_auth_method/,
		);
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
			await post(
				'order/place',
				dvParams(token, {
					csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
				}),
			),
			ErrorCode.InvalidParameter,
			/common name/,
		);
		expectError(
			await post('order/place', dvParams('0'.repeat(32))),
			ErrorCode.InvalidOrderToken,
			'Invalid order_token',
		);
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
		expectError(
			await post('order/place', dvParams(token)),
			ErrorCode.InvalidParameter,
			/needs a wildcard common name/,
		);
		const dns = await post(
			'order/place',
			dvParams(token, { csr: WILD_CSR.csr, dv_auth_method: 'DNS' }),
		);
		expect(dns.body.success).toBe('Order placed');
		expect((await get('order/review', { order_token: token })).body.dv_auth_dns_name).toBe(
			'example.com',
		);

		const san = sim.createToken({ productCode: 'SecureSite-12', sanCount: 2 });
		expectError(
			await post(
				'order/place',
				ovParams(san, { dv_auth_method: 'FILE', san_domains: '*.example.org' }),
			),
			ErrorCode.InvalidParameter,
			/FILE validation is not available for wildcard/,
		);
	});

	it('limits SANs to the token count', async () => {
		const token = sim.createToken({ productCode: 'SSL123-12', sanCount: 2 });
		expectError(
			await post('order/place', dvParams(token)),
			ErrorCode.MissingParameter,
			'san_domains is required',
		);
		expectError(
			await post(
				'order/place',
				dvParams(token, { san_domains: 'a.example.com,b.example.com,c.example.com' }),
			),
			ErrorCode.InvalidParameter,
			/3 names.*allows 2/,
		);
		const ok = await post(
			'order/place',
			dvParams(token, { san_domains: 'a.example.com, b.example.com' }),
		);
		expect(ok.body.success).toBeDefined();
		expect(sim.getOrder(token)?.sanDomains).toEqual(['a.example.com', 'b.example.com']);
		expect(sim.points()).toBe(DEFAULT_POINTS - 40 - 2 * 30);
	});

	it('refuses an order the balance cannot pay for', async () => {
		sim.setPoints(10);
		const token = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(
			await post('order/place', dvParams(token)),
			ErrorCode.InsufficientPoints,
			/needs 20 points.*balance is 10/,
		);
		expect(sim.getOrder(token)).toMatchObject({ status: 'Order Placed', placements: 0 });
		expect(sim.getOrder(token)?.placedAt).toBeUndefined();
	});

	it('uses the csrCommonName hook, else finds a name in placeholder text', async () => {
		const hooked = await startSimulator({ csrCommonName: () => 'hooked.example.net' });
		try {
			const token = hooked.createToken({ productCode: 'RapidSSL-12' });
			const a = await answer(
				await fetch(`${hooked.url}/order/place.json`, {
					method: 'POST',
					body: new URLSearchParams(
						dvParams(token, { csr: 'anything', approver_email_address: 'admin@example.net' }),
					),
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
		const token = await placedToken('RapidSSL-12', {
			intermediate_ca: 'RapidSSL Global TLS RSA4096 SHA256 2022 CA1',
		});
		let r = await get('order/review', { order_token: token });
		expect(r.body).toMatchObject({
			order_status: 'Order Placed',
			certificate: '',
			expiry_date: '',
			provider_order_id: '',
		});
		expect(r.body.ca_certs).toBeUndefined();
		expect(r.body.pkcs7).toBeUndefined();

		const first = await get('order/advanceorder', { order_token: token });
		const id = sim.getOrder(token)!.resellerOrderId;
		expect(first.body).toEqual({
			success: `Order was pushed. Please wait up to 3 minutes for the status to update - ${id}`,
		});
		expect(sim.getOrder(token)?.status).toBe('Awaiting Customer Verification');
		await get('order/advanceorder', { order_token: token });
		expect(sim.getOrder(token)?.status).toBe('Completed');
		expectError(
			await get('order/advanceorder', { order_token: token }),
			ErrorCode.InvalidState,
			/Completed/,
		);

		r = await get('order/review', { order_token: token });
		expect(r.body).toMatchObject({
			success: expect.any(String),
			order_status: 'Completed',
			st_product_code: 'RapidSSL-12',
			domain_name: 'www.example.com',
			approver_email_address: 'admin@example.com',
			dv_auth_method: 'EMAIL',
			provider_order_id: expect.stringMatching(/^\d+$/),
			tech_contact: { first_name: 'Ada', last_name: 'Lovelace' },
			organisation_info: { name: '', division: '', address: { city: '', region: '', country: '' } },
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
		expect(new Date(leaf.validTo).toISOString().slice(0, 16)).toBe(
			r.body.expiry_date.replace(' ', 'T').slice(0, 16),
		);
		// STC looks for this event name to allow a cancel (classes/STOrderManager.php:432-435).
		expect(
			r.body.modifications.modification.map((m: { event_name: string }) => m.event_name),
		).toContain('Order Completed');
		expect(r.body.modifications.modification[0]).toEqual({
			timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			event_id: expect.stringMatching(/^\d+$/),
			event_name: 'Order Placed',
		});
		expect(r.body.reissued_certificates).toBeUndefined();
		expect(r.body.order_token).toBeUndefined();
	});

	it('answers an unplaced order with empty fields', async () => {
		const token = sim.createToken({ productCode: 'TrueBizID-12' });
		const r = await get('order/review', { order_token: token });
		expect(r.body).toEqual({
			success: 'Review Order',
			reseller_order_id: expect.any(String),
			provider_order_id: '',
			st_product_code: 'TrueBizID-12',
			order_status: 'Order Placed',
			order_state_further_info: '',
			domain_name: '',
			san_count: '0',
			additional_sans: '',
			invite_url: '',
			end_customer_email: 'customer@example.com',
			organisation_info: { name: '', division: '', address: { city: '', region: '', country: '' } },
			approver_notified_date: '',
			approver_email_address: '',
			admin_contact: { title: '', first_name: '', last_name: '', phone: '', email: '' },
			tech_contact: { title: '', first_name: '', last_name: '', phone: '', email: '' },
			modifications: '',
			certificate: '',
			expiry_date: '',
		});
		expect(() => sim.advance(token)).toThrow(/not been placed/);
	});

	it('shows server_count only for the products it is relevant to', async () => {
		const digicert = sim.createToken({ productCode: 'SecureSite-12', serverCount: 3 });
		expect((await get('order/review', { order_token: digicert })).body.server_count).toBe('3');
		const rapid = sim.createToken({ productCode: 'RapidSSL-12' });
		expect((await get('order/review', { order_token: rapid })).body.server_count).toBeUndefined();
	});

	it('gives the SANs as one comma-separated additional_sans', async () => {
		const token = sim.createToken({ productCode: 'SSL123-12', sanCount: 2 });
		await post('order/place', dvParams(token, { san_domains: 'a.example.com, b.example.com' }));
		expect((await get('order/review', { order_token: token })).body).toMatchObject({
			san_count: '2',
			additional_sans: 'a.example.com,b.example.com',
		});
	});

	it('cancels with a refund, once', async () => {
		const token = await placedToken();
		expect(sim.points()).toBe(DEFAULT_POINTS - 20);
		const a = await get('order/cancel', { order_token: token });
		expect(a.body).toEqual({
			success: `Order cancelled - ${sim.getOrder(token)!.resellerOrderId}`,
		});
		expect(sim.points()).toBe(DEFAULT_POINTS);
		expect(sim.getOrder(token)?.status).toBe('Cancelled');
		expectError(
			await get('order/cancel', { order_token: token }),
			ErrorCode.InvalidState,
			/already been cancelled/,
		);
		expectError(await post('order/place', dvParams(token)), ErrorCode.InvalidState, /cancelled/);
		const audit = await get('account/pointsaudit', key());
		expect(audit.body.record.map((e: { PointsAdjustment: string }) => e.PointsAdjustment)).toEqual([
			String(DEFAULT_POINTS),
			'-20',
			'20',
		]);
		expect(audit.body.record[1]).toMatchObject({
			OrderToken: token,
			OrderReference: sim.getOrder(token)!.resellerOrderId,
		});
	});

	it('refuses to cancel more than 30 days after issue', async () => {
		const token = await placedToken();
		sim.advance(token);
		sim.advance(token);
		sim.setNow(new Date(Date.now() + 31 * 24 * 3600 * 1000));
		expectError(
			await get('order/cancel', { order_token: token }),
			ErrorCode.InvalidState,
			/30 days/,
		);
	});

	it('resends emails', async () => {
		const token = await placedToken();
		const approver = await get('order/resendemail', { order_token: token, email_type: 'Approver' });
		expect(approver.body).toEqual({
			success: 'Email resent',
			type: 'Approver',
			email_sent_to: {
				approver_email: 'admin@example.com',
				admin_contact_email: '',
				tech_contact_email: '',
			},
		});
		expectError(
			await get('order/resendemail', { order_token: token, email_type: 'Fulfillment' }),
			ErrorCode.InvalidState,
		);
		expectError(
			await get('order/resendemail', { order_token: token, email_type: 'Other' }),
			ErrorCode.InvalidParameter,
			/Approver, Fulfillment/,
		);
		expectError(
			await get('order/resendemail', { order_token: token }),
			ErrorCode.MissingParameter,
			'email_type is required',
		);
		sim.advance(token);
		sim.advance(token);
		const done = await get('order/resendemail', { order_token: token, email_type: 'Fulfillment' });
		expect(done.body).toMatchObject({ type: 'Fulfillment' });
		expect(done.body.email_sent_to).toEqual({
			approver_email: '',
			admin_contact_email: 'admin_contact@example.com',
			tech_contact_email: 'tech_contact@example.com',
		});
		const fresh = sim.createToken({ productCode: 'RapidSSL-12' });
		expectError(
			await get('order/resendemail', { order_token: fresh, email_type: 'Approver' }),
			ErrorCode.InvalidState,
			/not been placed/,
		);
	});

	it('changes the approver email within the approver list', async () => {
		const token = await placedToken();
		const ok = await get('order/changeapproveremail', {
			order_token: token,
			email: 'hostmaster@www.example.com',
		});
		expect(ok.body).toEqual({ success: 'Change Approver Email Reset' });
		expect(sim.getOrder(token)?.approverEmail).toBe('hostmaster@www.example.com');
		expectError(
			await get('order/changeapproveremail', { order_token: token, email: 'me@gmail.com' }),
			ErrorCode.InvalidParameter,
			/approver list/,
		);
		expectError(
			await get('order/changeapproveremail', { order_token: token }),
			ErrorCode.MissingParameter,
			'email is required',
		);
	});

	it('switches DNS/FILE orders to EMAIL and polls validation', async () => {
		const token = await placedToken('RapidSSL-12', { dv_auth_method: 'FILE' });
		expect((await get('order/pollauth', { order_token: token })).body).toEqual({
			success: 'Order Polled',
			status: expect.any(String),
		});
		const changed = await get('order/changeauthmethod', { order_token: token });
		expect(changed.body).toEqual({ success: 'DV Auth Method Updated' });
		expect(sim.getOrder(token)).toMatchObject({
			dvAuthMethod: 'EMAIL',
			fileName: undefined,
			approverEmail: 'admin@www.example.com',
		});
		// DNS: no status; STC's email_address names the new approver (classes/STOrderManager.php:365-372).
		const dns = await placedToken('RapidSSL-12', { dv_auth_method: 'DNS' });
		expect((await get('order/pollauth', { order_token: dns })).body).toEqual({
			success: 'Order Polled',
		});
		await get('order/changeauthmethod', {
			order_token: dns,
			email_address: 'webmaster@example.com',
		});
		expect(sim.getOrder(dns)?.approverEmail).toBe('webmaster@example.com');
		expectError(
			await get('order/changeauthmethod', { order_token: token }),
			ErrorCode.InvalidState,
			/already uses EMAIL/,
		);
		expectError(
			await get('order/pollauth', { order_token: token }),
			ErrorCode.InvalidState,
			/EMAIL/,
		);
	});

	it('reissues completed orders by POST only', async () => {
		const token = await placedToken();
		expectError(
			await post('order/reissue', { order_token: token }),
			ErrorCode.InvalidState,
			/completed/,
		);
		sim.advance(token);
		sim.advance(token);
		const oldCert = sim.getOrder(token)?.certificate;
		expectError(await get('order/reissue', { order_token: token }), ErrorCode.PostRequired, /POST/);
		const fresh = makeCsr('www.example.com');
		const a = await post('order/reissue', {
			order_token: token,
			csr: fresh.csr,
			dv_auth_method: 'DNS',
		});
		expect(a.body).toEqual({
			dns_string: expect.stringMatching(/\w{16,}/),
			dns_name: 'www.example.com',
			file_name: '',
			file_contents: '',
			csr: fresh.csr.trim(),
			private_key: '',
			success: expect.any(String),
		});
		expect(sim.getOrder(token)?.status).toBe('Awaiting Customer Verification');
		sim.advance(token);
		const cert = sim.getOrder(token)!.certificate!;
		expect(cert).not.toBe(oldCert);
		expect(new X509Certificate(cert).checkPrivateKey(createPrivateKey(fresh.privateKey))).toBe(
			true,
		);
		// Two certificates now: review lists both under reissued_certificates.
		const reviewed = (await get('order/review', { order_token: token })).body;
		expect(reviewed.reissued_certificates.certificate_info).toEqual([
			{ hash: 'SHA-256', encryption: 'ECC', certificate: oldCert },
			{ hash: 'SHA-256', encryption: 'ECC', certificate: cert },
		]);
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
		expectError(
			await get('order/approverlist'),
			ErrorCode.MissingParameter,
			'domain_name is required',
		);
		expectError(
			await get('order/approverlist', { domain_name: 'not a domain' }),
			ErrorCode.InvalidParameter,
		);
	});

	it('collapses lists XML-style when asked (the old xmlStyleLists switch)', async () => {
		const xml = await startSimulator({ xmlStyleLists: true });
		try {
			const products = await answer(
				await fetch(`${xml.url}/order/showtokens.json?api_key=${xml.apiKey}`),
			);
			expect(products.body).toMatchObject({ unused_tokens: '', used_tokens: '' });
			const token = xml.createToken({ productCode: 'RapidSSL-12', reference: 'ref-9' });
			const one = await answer(
				await fetch(`${xml.url}/order/showtokens.json?api_key=${xml.apiKey}`),
			);
			expect(one.body.unused_tokens).toEqual({
				order_token: { token, reseller_unique_reference: 'ref-9' },
			});
		} finally {
			await xml.close();
		}
	});
});

describe('account-level order calls', () => {
	const id = (token: string): string => sim.getOrder(token)!.resellerOrderId;

	it('lists orders modified strictly after a date as records without a token, with data_accuracy', async () => {
		const base = new Date('2026-03-01T10:00:00Z');
		sim.setNow(base);
		const early = sim.createToken({ productCode: 'RapidSSL-12' });
		sim.setNow(new Date('2026-03-01T10:00:05Z'));
		const late = sim.createToken({ productCode: 'RapidSSL-12' });
		sim.setNow(new Date('2026-03-01T10:00:09Z'));
		const a = await get('order/modifiedorders', { ...key(), date: '2026-03-01 10:00:00' });
		// The time of the last modification in the returned data, not the server's clock.
		expect(a.body.data_accuracy).toBe('2026-03-01 10:00:05');
		expect(a.body.timestamp).toBeUndefined();
		expect(
			a.body.orders.order.map((o: { reseller_order_id: string }) => o.reseller_order_id),
		).toEqual([id(late)]);
		expect(a.body.orders.order[0].order_token).toBeUndefined();
		expect(a.body.orders.order[0]).toMatchObject({
			provider_order_id: '',
			truste_account_id: '',
			order_status: 'Order Placed',
			modifications: '',
		});
		const all = await get('order/modifiedorders', { ...key(), date: '2026-03-01 09:59:59' });
		expect(
			all.body.orders.order.map((o: { reseller_order_id: string }) => o.reseller_order_id),
		).toEqual([id(early), id(late)]);
		const none = await get('order/modifiedorders', { ...key(), date: '2026-03-01 10:00:05' });
		expect(none.body).toEqual({
			success: 'Modified Orders',
			orders: '',
			data_accuracy: '2026-03-01 10:00:05',
		});
		expectError(
			await get('order/modifiedorders', { ...key(), date: '2026-03-01' }),
			ErrorCode.InvalidParameter,
			/YYYY-MM-DD HH:MM:SS/,
		);
		expectError(
			await get('order/modifiedorders', key()),
			ErrorCode.MissingParameter,
			'date is required',
		);
		expectError(
			await get('order/modifiedorders', { api_key: 'x', date: '2026-03-01 10:00:00' }),
			ErrorCode.InvalidApiKey,
			undefined,
			401,
		);
	});

	it('lists expiring orders, leaving out a domain bought again that expires later', async () => {
		const token = await placedToken();
		sim.advance(token);
		sim.advance(token);
		expect((await get('order/expiring', key())).body).toEqual({
			success: 'Expiring Orders',
			orders: '',
		});
		sim.setNow(new Date(Date.now() + 150 * 24 * 3600 * 1000));
		const a = await get('order/expiring', key());
		expect(a.body.orders.order).toEqual([
			{
				reseller_order_id: id(token),
				order_status: 'Completed',
				order_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
				domain_name: 'www.example.com',
				order_points: '20',
				expiry_date: expect.any(String),
				st_product_code: 'RapidSSL-12',
			},
		]);
		expect((await get('order/expiring', { ...key(), days: '10' })).body.orders).toBe('');
		expectError(
			await get('order/expiring', { ...key(), days: 'soon' }),
			ErrorCode.InvalidParameter,
			/days/,
		);
		const renewal = await placedToken();
		sim.advance(renewal);
		sim.advance(renewal);
		const later = await get('order/expiring', { ...key(), days: '365' });
		expect(
			later.body.orders.order.map((o: { reseller_order_id: string }) => o.reseller_order_id),
		).toEqual([id(renewal)]);
	});

	it('shows used and unused tokens as {token, reseller_unique_reference}', async () => {
		const unused = sim.createToken({ productCode: 'RapidSSL-12', reference: 'ref-unused' });
		const used = await placedToken();
		const a = await get('order/showtokens', key());
		expect(a.body).toEqual({
			success: 'Order tokens',
			unused_tokens: { order_token: [{ token: unused, reseller_unique_reference: 'ref-unused' }] },
			used_tokens: {
				order_token: [{ token: used, reseller_unique_reference: expect.any(String) }],
			},
		});
		// Roll Back: to be placed again, so unused again.
		sim.rollBack(used);
		const b = await get('order/showtokens', key());
		expect(b.body.unused_tokens.order_token.map((t: { token: string }) => t.token)).toEqual([
			unused,
			used,
		]);
		expect(b.body.used_tokens).toBe('');
		expectError(await get('order/showtokens'), ErrorCode.MissingParameter, 'api_key is required');
	});
});

describe('account and product services', () => {
	it('reviews the account: records of active and completed orders', async () => {
		const active = await placedToken();
		const done = await placedToken();
		sim.advance(done);
		sim.advance(done);
		const a = await get('account/review', key());
		const record = (token: string) =>
			expect.objectContaining({ reseller_order_id: sim.getOrder(token)!.resellerOrderId });
		expect(a.body).toEqual({
			success: 'Reseller Overview',
			purchased_points: String(DEFAULT_POINTS - 40),
			active_orders: { active_order: [record(active)] },
			completed_orders: { completed_order: [record(done)] },
		});
		expect(Object.keys(a.body.completed_orders.completed_order[0])).toEqual([
			'reseller_order_id',
			'order_status',
			'order_date',
			'domain_name',
			'order_points',
			'expiry_date',
			'st_product_code',
		]);
	});

	it('adds and empties test points', async () => {
		expect((await get('account/addtestpoints', { ...key(), points: '100' })).body).toEqual({
			success: 'Points total updated',
			new_total: String(DEFAULT_POINTS + 100),
		});
		expectError(
			await get('account/addtestpoints', key()),
			ErrorCode.MissingParameter,
			'points is required',
		);
		expectError(
			await get('account/addtestpoints', { ...key(), points: '-5' }),
			ErrorCode.InvalidParameter,
		);
		expect((await get('account/emptytestpoints', key())).body).toEqual({
			success: 'Points total updated',
			new_total: '0',
		});
		expect(sim.points()).toBe(0);
		const audit = await get('account/pointsaudit', key());
		expect(audit.body.record).toHaveLength(3);
		expect(audit.body.record[2]).toEqual({
			Timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			PointsAdjustment: String(-(DEFAULT_POINTS + 100)),
			NewPointsTotal: '0',
			Description: expect.any(String),
			OrderDate: '',
			OrderReference: '',
			OrderToken: '',
			Notes: '',
		});
	});

	it('regenerates the api key', async () => {
		const old = sim.apiKey;
		const a = await get('account/regenerateapikey', key());
		expect(a.body).toEqual({ success: 'API Key reset', api_key: sim.apiKey });
		expect(sim.apiKey).not.toBe(old);
		expectError(
			await get('account/review', { api_key: old }),
			ErrorCode.InvalidApiKey,
			undefined,
			401,
		);
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
		expect(
			a.body.products.find(
				(x: { st_product_code: string }) => x.st_product_code === 'SecureSiteProEV-12',
			),
		).toEqual({
			st_product_code: 'SecureSiteProEV-12',
			product_name: expect.any(String),
			html_description: expect.any(String),
			max_server_count: expect.stringMatching(/^\d+$/),
			min_san_count: '0',
			max_san_count: '249',
			product_validation: 'EV',
			base_san_points: '600',
			product_points: '900',
		});
		expect((await get('product/listproducts', key())).body.products).toHaveLength(codes.length);
		expect(
			(await get('product/listproducts', { ...key(), product_group: 'SmarterTools' })).body,
		).toEqual({ success: 'Product list' });
		expectError(
			await get('product/listproducts', { ...key(), product_group: 'Hosting' }),
			ErrorCode.InvalidParameter,
			/product_group/,
		);
	});
});
