import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ErrorReporter } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { retryPolicy } from '../../../../../nodes/Servertastic/transport';
import { type RunNodeResult, serialiseEverything } from '../../../../harness';
import {
	type CannedReply,
	faultReply,
	type Simulator,
	startSimulator,
} from '../../../../simulator';
import { allFields, runServertastic, TECH_CONTACT } from '../../../../support/servertastic';

/**
 * Order → Place with CSR Source "Let Servertastic Generate the Key Pair" (api2.md "SSL Products": no
 * CSR, domain_name and the organisation instead; csr and private_key come back once, never stored).
 * The private key must reach the output and nothing else: no error, description, log or later request.
 */

const logs: unknown[] = [];
const capture = (message: unknown, meta?: unknown) => logs.push({ message, meta });
const logger = {
	error: capture,
	warn: capture,
	info: capture,
	debug: capture,
	verbose: capture,
	scoped: () => logger,
};

let simulator: Simulator;
const savedPolicy = { ...retryPolicy };
beforeAll(async () => {
	LoggerProxy.init(logger as never);
	Container.set(Logger, logger as never);
	(Container.get(ErrorReporter) as unknown as { logger: unknown }).logger = logger;
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 2 });
	simulator = await startSimulator();
});
afterAll(async () => {
	Object.assign(retryPolicy, savedPolicy);
	await simulator.close();
});
beforeEach(() => {
	simulator.reset({ state: true });
	logs.length = 0;
});

const KEY_PAIR_ORGANISATION = {
	orgName: 'Example Ltd',
	orgDivision: 'IT',
	orgCity: 'London',
	orgRegion: 'Greater London',
	orgCountry: 'GB',
};
const generate = (orderToken: string, extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'place',
	orderToken,
	productBrand: 'rapidssl',
	dvAuthMethod: 'DNS',
	csrSource: 'generate',
	domainName: 'shop.example.com',
	...KEY_PAIR_ORGANISATION,
	...TECH_CONTACT,
	...extra,
});

/** The key's text and its first line of base64: neither may appear anywhere but the output's privateKey. */
function keyForms(key: string): string[] {
	const body = key.split('\n').find((line) => line && !line.startsWith('-----')) ?? '';
	return [key, body, JSON.stringify(key).slice(1, 40), encodeURIComponent(body)];
}

function expectKeyOnlyInOutput(result: RunNodeResult, key: string) {
	const outputs = result.success.map((item) => item.json.privateKey);
	const rest = serialiseEverything({
		error: result.error,
		errorOutput: result.errorOutput,
		success: result.success.map((item) => ({ ...item.json, privateKey: undefined })),
		logs,
		laterRequests: simulator.requests.filter((request) => request.call !== 'order/place'),
		placeRequests: simulator.requestsTo('order/place').map((request) => request.rawBody),
	});
	for (const form of keyForms(key))
		expect({ form, leaks: rest.includes(form) }).toEqual({ form, leaks: false });
	expect(
		outputs
			.filter((value) => value !== null && value !== undefined)
			.every((value) => value === key),
	).toBe(true);
}

describe('Order → Place: Servertastic generates the key pair', () => {
	it('sends domain_name and the organisation, no CSR; outputs the key once with a plain notice', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator, allFields(generate(token)));
		expect(result.status).toBe('success');
		const [request] = simulator.requestsTo('order/place');
		expect(request.body).not.toHaveProperty('csr');
		expect(request.body).toMatchObject({
			domain_name: 'shop.example.com',
			org_name: 'Example Ltd',
			org_division: 'IT',
			org_address_city: 'London',
			org_address_region: 'Greater London',
			org_address_country: 'GB',
			admin_contact_email: 'ada@example.com',
			hashing_algorithm: 'SHA-256',
		});
		const order = simulator.getOrder(token)!;
		const [item] = result.success;
		expect(item.json).toMatchObject({
			placement: 'placed',
			csrSource: 'generate',
			commonName: 'shop.example.com',
			domains: ['shop.example.com'],
			csr: order.csr,
			privateKey: order.privateKey,
		});
		expect(item.json.privateKeyNotice).toMatch(/returns the private key only once.*never stored/);
		expect(item.json.privateKeyNotice).toMatch(/reissue the order \(Order → Reissue\)/);
		// The key is in exactly one field: the raw answer is not in the tidy output.
		expect(item.json).not.toHaveProperty('response');
		const hints = result.run.data.resultData.runData.Servertastic?.[0]?.hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([
			expect.stringMatching(/private key .* shown once/),
		]);
		// The check below would notice the key: it is in the run, under privateKey.
		expect(serialiseEverything(result)).toContain(keyForms(order.privateKey!)[1]);
		expectKeyOnlyInOutput(result, order.privateKey!);
	});

	it('Output Raw: the answer as it came, its private_key once, with the notice next to it', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator, generate(token, { output: 'raw' }));
		expect(result.status).toBe('success');
		const order = simulator.getOrder(token)!;
		const [item] = result.success;
		expect(item.json).toMatchObject({
			success: 'Order placed',
			csr: order.csr,
			private_key: order.privateKey,
		});
		expect(item.json.privateKeyNotice).toMatch(/returns the private key only once/);
		expect(
			Object.keys(item.json)
				.filter((key) => key !== 'privateKeyNotice')
				.every((key) => /^[a-z_]+$/.test(key)),
		).toBe(true);
		const text = serialiseEverything(result.success);
		expect(text.split(JSON.stringify(order.privateKey).slice(1, -1)).length - 1).toBe(1);
	});

	it('a re-run finds the order placed: no second place, no key, a notice saying how to get a new one', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		await runServertastic(simulator, generate(token));
		const key = simulator.getOrder(token)!.privateKey!;
		simulator.reset();
		const again = await runServertastic(simulator, allFields(generate(token)));
		expect(again.success[0].json).toMatchObject({
			placement: 'alreadyPlaced',
			privateKey: null,
			csrSource: 'generate',
		});
		expect(again.success[0].json.privateKeyNotice).toMatch(
			/only in that first answer.*reissue the order/,
		);
		expect(simulator.requestsTo('order/place')).toHaveLength(0);
		expectKeyOnlyInOutput(again, key);
	});

	it('Validate Only reports the body without a CSR and spends nothing', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(
			simulator,
			generate(token, { options: { validateOnly: true } }),
		);
		expect(result.success[0].json).toMatchObject({
			valid: true,
			commonName: 'shop.example.com',
			wouldSend: { domain_name: 'shop.example.com' },
		});
		expect(result.success[0].json.wouldSend).not.toHaveProperty('csr');
		expect(simulator.requestsTo('order/place')).toHaveLength(0);
	});

	it('the pre-flight asks for what required_if names without a CSR', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const result = await runServertastic(simulator, generate(token, { orgDivision: '={{ "" }}' }));
		expect(result.error?.message).toBe(
			"'Organisation Division' is required when Servertastic generates the key pair [item 0]",
		);
		expect(simulator.requests).toHaveLength(0);
	});

	it('refuses a wildcard domain with file validation, and a domain that is not a host name, before sending', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSLWildcard-12' });
		const wildcard = await runServertastic(
			simulator,
			generate(token, { domainName: '*.example.com', dvAuthMethod: 'FILE' }),
		);
		expect(wildcard.error?.message).toMatch(
			/^'Validation Method' cannot be HTTP or HTTPS file for the wildcard name "\*\.example\.com"/,
		);
		const bad = await runServertastic(
			simulator,
			generate(token, { domainName: 'shop example com' }),
		);
		expect(bad.error?.message).toMatch(/^'Domain Name' /);
		expect(simulator.requests).toHaveLength(0);
	});
});

describe('Order → Place: a generated key never leaks, whatever goes wrong', () => {
	/** Replies to place that take effect (the key pair is made) and then go wrong. */
	const afterEffect: Array<[string, CannedReply, RegExp]> = [
		[
			'the answer lost',
			{ status: 0, process: true, destroy: true },
			/^Servertastic placed the order, but the answer to order\/place, which held the only copy of the generated private key, was lost/,
		],
		[
			'the answer cut short',
			{ status: 200, process: true, halfBody: true },
			/^Servertastic placed the order, but the answer to order\/place/,
		],
		[
			'the connection reset mid-answer',
			{ status: 200, process: true, resetMidBody: true },
			/^Servertastic placed the order, but the answer to order\/place/,
		],
		[
			'an HTML page instead',
			{ status: 502, process: true, contentType: 'text/html', body: '<html>Bad gateway</html>' },
			/^Servertastic placed the order, but the answer to order\/place/,
		],
		[
			'no success and no error',
			{ status: 200, process: true, body: { private_key: 'see below' } },
			/^Servertastic did not confirm the order$/,
		],
	];

	it.each(afterEffect)(
		'%s: the error says to reissue, and the key is nowhere',
		async (_name, reply, message) => {
			const token = simulator.createToken({ productCode: 'RapidSSL-12' });
			simulator.respondOnce('order/place', reply);
			const result = await runServertastic(simulator, generate(token), { timeoutSeconds: 2 });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(String(result.error?.description)).toMatch(/reissue it \(Order → Reissue\)/);
			expect(String(result.error?.description)).toMatch(
				/do not place it again|Do not place the order again/i,
			);
			expect(simulator.requestsTo('order/place')).toHaveLength(1);
			expect(simulator.getOrder(token)?.placements).toBe(1);
			// n8n logged the failure (so the logs are searched for real).
			expect(logs.length).toBeGreaterThan(0);
			expectKeyOnlyInOutput(result, simulator.getOrder(token)!.privateKey!);
		},
	);

	it('the answer lost and the order unreadable: the message says the key would be lost with it', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', { status: 0, process: true, destroy: true });
		simulator.respondOnce('order/review', { status: 200, process: true });
		simulator.respondOnce('order/review', faultReply('errorWith200'));
		const result = await runServertastic(simulator, generate(token), {
			onError: 'continueErrorOutput',
		});
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].json.error).toMatch(
			/the order may have been placed and its state could not be read$/,
		);
		expect(result.errorOutput[0].json.message).toMatch(
			/the private key Servertastic generated was in the lost answer and is lost with it.*reissue it/,
		);
		expectKeyOnlyInOutput(result, simulator.getOrder(token)!.privateKey!);
		// The re-run does not place again.
		const again = await runServertastic(simulator, generate(token));
		expect(again.success[0].json.placement).toBe('alreadyPlaced');
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
	});

	it('an API error that quotes a key shows no PEM block', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const fake =
			'-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgFAKEFAKEFAKEFAKE\n-----END PRIVATE KEY-----';
		simulator.respondOnce('order/place', {
			status: 200,
			body: { error: { code: -1, message: `Could not store ${fake}` } },
		});
		const result = await runServertastic(simulator, generate(token));
		expect(result.error?.message).toBe(
			'Servertastic refused order/place: Could not store [PEM block not shown]',
		);
		expectKeyOnlyInOutput(result, fake);
	});

	it('an unreadable answer that was not placed: the plain failure, its quote cut before any key', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const fake =
			'-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgFAKEFAKEFAKEFAKE\n-----END PRIVATE KEY-----';
		simulator.respondOnce('order/place', {
			status: 502,
			contentType: 'text/plain',
			body: `upstream said: ${fake}`,
		});
		const result = await runServertastic(simulator, generate(token));
		expect(result.error?.message).toBe(
			'Servertastic sent an answer to order/place that is not JSON (HTTP 502, text/plain)',
		);
		expect(result.error?.description).toBe(
			'It began: upstream said: [the rest is not shown: it may hold a key]',
		);
		expect(simulator.getOrder(token)?.placements).toBe(0);
		expectKeyOnlyInOutput(result, fake);
	});
});
