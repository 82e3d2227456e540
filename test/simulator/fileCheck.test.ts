// The simulator's real HTTP file validation: a node:http server stands in for the customer's web server,
// reached through the name-to-address map (settings.fileValidation.hosts).
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { makeCsr, startSimulator } from './index';
import type { Simulator } from './index';

const CSR = makeCsr('www.example.com');

/** What the "web server" serves: path → body, per Host header; every request is recorded. */
let files: Record<string, Record<string, string>>;
const seen: Array<{ host?: string; path?: string }> = [];
let web: Server;
let webAddress: string;
let sim: Simulator;

beforeAll(async () => {
	web = createServer((req, res) => {
		seen.push({ host: req.headers.host, path: req.url });
		const body = files[req.headers.host ?? '']?.[req.url ?? ''];
		res.writeHead(body === undefined ? 404 : 200, {
			'content-type': 'text/plain',
			connection: 'close',
		});
		res.end(body ?? 'not found');
	});
	await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
	webAddress = `127.0.0.1:${(web.address() as AddressInfo).port}`;
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
	await new Promise((resolve) => web.close(resolve));
});
beforeEach(() => {
	sim.reset({ state: true });
	files = {};
	seen.length = 0;
	sim.settings.fileValidation = {
		hosts: { 'www.example.com': webAddress, 'shop.example.com': webAddress },
	};
});

async function call(name: string, params: Record<string, string>): Promise<any> {
	const res = await fetch(`${sim.url}/${name}.json`, {
		method: 'POST',
		body: new URLSearchParams(params),
	});
	return await res.json();
}

async function placeFileOrder(
	productCode = 'RapidSSL-12',
	extra: Record<string, string> = {},
): Promise<string> {
	const token = sim.createToken({ productCode, sanCount: extra.san_domains ? 1 : undefined });
	const contact = (prefix: string) => ({
		[`${prefix}_first_name`]: 'Ada',
		[`${prefix}_last_name`]: 'Lovelace',
		[`${prefix}_phone`]: '+44 20 7946 0000',
		[`${prefix}_email`]: 'ada@example.com',
		[`${prefix}_title`]: 'CTO',
	});
	const answer = await call('order/place', {
		order_token: token,
		dv_auth_method: 'FILE',
		hashing_algorithm: 'SHA-256',
		csr: CSR.csr,
		...contact('tech_contact'),
		...contact('admin_contact'),
		...extra,
	});
	expect(answer).toMatchObject({ success: 'Order placed' });
	return token;
}

/** Puts the order's documented file (review's dv_auth_file_name / _contents) on the web server for `host`. */
async function publish(
	token: string,
	host = 'www.example.com',
	contents?: string,
): Promise<{ name: string; contents: string }> {
	const review = await call('order/review', { order_token: token });
	files[host] = {
		...files[host],
		[review.dv_auth_file_name]: contents ?? review.dv_auth_file_contents,
	};
	return { name: review.dv_auth_file_name, contents: review.dv_auth_file_contents };
}

const status = async (token: string) =>
	(await call('order/review', { order_token: token })).order_status as string;
const recheck = async (token: string) => await call('order/pollauth', { order_token: token });

describe('real HTTP file validation (settings.fileValidation)', () => {
	it('a recheck before the file is there leaves the order waiting; once it is served, the order is validated and issued', async () => {
		const token = await placeFileOrder();
		expect(await recheck(token)).toEqual({ success: 'Order Polled', status: 'Pending' });
		expect(await status(token)).toBe('Order Placed');
		expect(seen).toEqual([
			{ host: 'www.example.com', path: '/.well-known/pki-validation/fileauth.txt' },
		]);
		expect(sim.getOrder(token)!.fileCheck!.results).toEqual({ 'www.example.com': 'HTTP 404' });

		const file = await publish(token);
		expect(file.name).toBe('/.well-known/pki-validation/fileauth.txt');
		expect(await recheck(token)).toEqual({ success: 'Order Polled', status: 'Validated' });
		// No delay: issued right after the matching check, by the simulator itself.
		const review = await call('order/review', { order_token: token });
		expect(review.order_status).toBe('Completed');
		const certificate = new X509Certificate(review.certificate);
		expect(certificate.checkPrivateKey(createPrivateKey(CSR.privateKey))).toBe(true);
		expect(sim.getOrder(token)!.modifications.map((m) => m.eventName)).toContain(
			'Domain Control Validated',
		);
	});

	it('wrong contents, a redirect or an unmapped name do not validate', async () => {
		const token = await placeFileOrder();
		await publish(token, 'www.example.com', 'not the token');
		expect((await recheck(token)).status).toBe('Pending');
		expect(sim.getOrder(token)!.fileCheck!.results).toEqual({
			'www.example.com': 'wrong contents',
		});

		// The right contents served for another host name do not count either: the Host header is the domain.
		const { name, contents } = await publish(token, 'other.example.com');
		files['www.example.com'] = {};
		expect((await recheck(token)).status).toBe('Pending');

		delete sim.settings.fileValidation!.hosts['www.example.com'];
		files['www.example.com'] = { [name]: contents };
		expect((await recheck(token)).status).toBe('Pending');
		expect(sim.getOrder(token)!.fileCheck!.results).toEqual({
			'www.example.com': 'no address for www.example.com',
		});
		expect(await status(token)).toBe('Order Placed');
	});

	it('line ends and trailing white space do not matter; the contents otherwise must match exactly', async () => {
		const token = await placeFileOrder('PositiveSSL-12', {
			ida_email_address: 'admin@example.com',
			ida_telephone_number: '+44 20 7946 0000',
		});
		const review = await call('order/review', { order_token: token });
		// Sectigo's file: three lines under <MD5>.txt.
		expect(review.dv_auth_file_name).toMatch(/^\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/);
		expect(review.dv_auth_file_contents.split('\n')).toHaveLength(3);
		await publish(
			token,
			'www.example.com',
			`${review.dv_auth_file_contents.replace(/\n/g, ' \n')}`,
		);
		expect((await recheck(token)).status).toBe('Pending');
		await publish(
			token,
			'www.example.com',
			`${review.dv_auth_file_contents.replace(/\n/g, '\r\n')}\r\n\n`,
		);
		expect((await recheck(token)).status).toBe('Validated');
	});

	it('every SAN must serve the file too', async () => {
		const token = await placeFileOrder('SSL123-12', { san_domains: 'shop.example.com' });
		await publish(token, 'www.example.com');
		expect((await recheck(token)).status).toBe('Pending');
		expect(sim.getOrder(token)!.fileCheck!.results).toEqual({
			'www.example.com': 'matched',
			'shop.example.com': 'HTTP 404',
		});
		await publish(token, 'shop.example.com');
		expect((await recheck(token)).status).toBe('Validated');
	});

	it('with issueDelayMs the validated order waits as Awaiting Provider Approval, then the simulator issues it by itself', async () => {
		sim.settings.fileValidation!.issueDelayMs = 300;
		const token = await placeFileOrder();
		await publish(token);
		expect((await recheck(token)).status).toBe('Validated');
		expect(await status(token)).toBe('Awaiting Provider Approval');
		await new Promise((resolve) => setTimeout(resolve, 350));
		// Any request lets the simulator catch up: here the trigger's kind of call.
		const modified = await call('account/review', { api_key: sim.apiKey });
		expect(
			modified.completed_orders.completed_order.map(
				(o: { reseller_order_id: string }) => o.reseller_order_id,
			),
		).toEqual([sim.getOrder(token)!.resellerOrderId]);
		expect(await status(token)).toBe('Completed');
	});

	it('with selfCheckEveryMs the simulator checks by itself, with no recheck asked for', async () => {
		sim.settings.fileValidation!.selfCheckEveryMs = 0;
		const token = await placeFileOrder();
		expect(await status(token)).toBe('Order Placed');
		await publish(token);
		expect(await status(token)).toBe('Completed');
		expect(sim.requestsTo('order/pollauth')).toHaveLength(0);
	});

	it('advanceorder is checked too: a push before the file is there leaves the order waiting', async () => {
		const token = await placeFileOrder();
		expect((await call('order/advanceorder', { order_token: token })).success).toMatch(
			/^Order was pushed/,
		);
		expect(await status(token)).toBe('Order Placed');
		await publish(token);
		await call('order/advanceorder', { order_token: token });
		expect(await status(token)).toBe('Completed');
	});

	it('a reissue needs its new file checked; DNS and EMAIL orders are not fetched', async () => {
		const token = await placeFileOrder();
		await publish(token);
		await recheck(token);
		expect(await status(token)).toBe('Completed');
		const reissued = await call('order/reissue', {
			order_token: token,
			csr: CSR.csr,
			dv_auth_method: 'FILE',
		});
		expect(reissued.file_contents).not.toBe(files['www.example.com'][reissued.file_name]);
		expect((await recheck(token)).status).toBe('Pending');
		await publish(token);
		expect((await recheck(token)).status).toBe('Validated');

		seen.length = 0;
		const dns = sim.createToken({ productCode: 'RapidSSL-12' });
		await call('order/place', {
			...sim.getOrder(token)!.placeParams,
			order_token: dns,
			dv_auth_method: 'DNS',
		});
		expect(await recheck(dns)).toEqual({ success: 'Order Polled' });
		expect(sim.advance(dns)).toBe('Awaiting Customer Verification');
		expect(seen).toEqual([]);
	});

	it('without the map (the default) nothing is fetched and advance moves FILE orders as before', async () => {
		delete sim.settings.fileValidation;
		const token = await placeFileOrder();
		expect(await recheck(token)).toEqual({ success: 'Order Polled', status: 'Pending' });
		await call('order/advanceorder', { order_token: token });
		expect(await status(token)).toBe('Awaiting Customer Verification');
		await call('order/advanceorder', { order_token: token });
		expect(await status(token)).toBe('Completed');
		expect(seen).toEqual([]);
	});

	it('sim.advance (the test helper) is not checked: it forces the order on', async () => {
		const token = await placeFileOrder();
		expect(sim.advance(token)).toBe('Awaiting Customer Verification');
		expect(sim.advance(token)).toBe('Completed');
		expect(seen).toEqual([]);
	});
});
