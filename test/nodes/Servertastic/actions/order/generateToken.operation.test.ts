import { readFileSync } from 'fs';
import { join } from 'path';

import type { IDataObject } from 'n8n-workflow';

import {
	canonicalJson,
	derivedReference,
} from '../../../../../nodes/Servertastic/helpers/reference';
import { searchProducts } from '../../../../../nodes/Servertastic/methods/listSearch';
import { Servertastic } from '../../../../../nodes/Servertastic/Servertastic.node';
import { retryPolicy } from '../../../../../nodes/Servertastic/transport';
import { type RunNodeResult, serialiseEverything } from '../../../../harness';
import { faultReply, type Simulator } from '../../../../simulator';
import { runServertastic, TECH_CONTACT } from '../../../../support/servertastic';
import { locator, runListSearch } from '../../../../support/listSearchContext';
import { API_KEY, expectNoSecret, useSimulator } from '../../../../support/readChecks';

const currentSimulator = useSimulator();
let simulator: Simulator;
beforeEach(() => {
	simulator = currentSimulator();
});

const generate = (extra: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'generateToken',
	productCode: 'RapidSSL-12',
	endCustomerEmail: 'jane@example.com',
	...extra,
});

/** One showtokens entry as documented (api2.md "showTokens"). */
interface ListedToken {
	token: string;
	reseller_unique_reference: string;
}

/**
 * Every token the simulator holds (the ledger), read over HTTP the way a client would (showtokens,
 * `unused_tokens.order_token[]` and `used_tokens.order_token[]` in the documented reading).
 * The read is recorded too: count the node's requests before calling this.
 */
async function allTokens(): Promise<ListedToken[]> {
	const answer = (await (
		await fetch(`${simulator.url}/order/showtokens.json?api_key=${encodeURIComponent(API_KEY)}`)
	).json()) as IDataObject;
	const listed = (list: unknown): ListedToken[] =>
		typeof list === 'object' && list !== null
			? ((list as { order_token?: ListedToken[] }).order_token ?? [])
			: [];
	return [...listed(answer.unused_tokens), ...listed(answer.used_tokens)];
}

async function tokensWithReference(reference: string): Promise<ListedToken[]> {
	return (await allTokens()).filter((token) => token.reseller_unique_reference === reference);
}

/** No order token of the simulator in the run's error (message, description, error items). */
async function expectNoTokenInErrors(results: RunNodeResult[]): Promise<void> {
	const tokens = (await allTokens()).map((token) => token.token);
	expect(tokens.length).toBeGreaterThan(0);
	for (const result of results) {
		const errorItems = [
			...result.errorOutput,
			...result.success.filter((item) => typeof item.json.error === 'string'),
		];
		const texts = serialiseEverything([
			result.error?.message,
			result.error?.description,
			errorItems.map((item) => item.json),
		]);
		for (const token of tokens) expect(texts).not.toContain(token);
	}
	expectNoSecret(results);
}

const savedPolicy = { ...retryPolicy };
beforeAll(() => Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 4 }));
afterAll(() => Object.assign(retryPolicy, savedPolicy));

const DERIVED = /^n8n-[0-9a-f]{31}$/;

describe('Order → Generate Token inside n8n', () => {
	it('sends exactly the call parameters (the credential adds the key) and returns a tidy item', async () => {
		const item = { customer: 'Jane', orderNo: 42 };
		const result = await runServertastic(simulator, generate(), { inputItems: [item] });
		expect(result.status).toBe('success');
		expect(simulator.requests).toHaveLength(1);
		const [request] = simulator.requestsTo('order/generatetoken');
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/order/generatetoken.json');
		const reference = derivedReference(item, 'RapidSSL-12');
		expect(reference).toMatch(DERIVED);
		expect(request.query).toEqual({
			api_key: API_KEY,
			st_product_code: 'RapidSSL-12',
			end_customer_email: 'jane@example.com',
			san_count: '0',
			server_count: '1',
			reseller_unique_reference: reference,
		});
		expect(result.success).toHaveLength(1);
		const [output] = result.success;
		expect(output.pairedItem).toEqual({ item: 0 });
		const order = simulator.getOrder(output.json.orderToken as string);
		expect(order).toMatchObject({
			productCode: 'RapidSSL-12',
			resellerUniqueReference: reference,
			endCustomerEmail: 'jane@example.com',
		});
		expect(output.json).toEqual({
			orderToken: order!.orderToken,
			success: true,
			message: 'Order token generated',
			resellerOrderId: order!.resellerOrderId,
			reviewUrl: `${simulator.url}/review/${order!.orderToken}`,
			resellerReference: reference,
			productCode: 'RapidSSL-12',
			generation: 'generated',
			orderStatus: null,
			tokenUsed: false,
		});
		expect(result.downstream.success.map((entry) => entry.json)).toEqual([output.json]);
		expectNoSecret(result);
		// Output Raw, for another item (another reference, another token): the answer as it came.
		const raw = await runServertastic(simulator, generate({ output: 'raw' }), {
			inputItems: [{ customer: 'Kim' }],
		});
		const token = raw.success[0].json.order_token as string;
		const other = simulator.getOrder(token)!;
		expect(raw.success.map((entry) => entry.json)).toEqual([
			{
				success: 'Order token generated',
				order_token: token,
				product_code: 'RapidSSL-12',
				reseller_order_id: other.resellerOrderId,
				review_url: `${simulator.url}/review/${token}`,
			},
		]);
	});

	it('sends SAN and server counts, also when an expression gives them as text', async () => {
		const result = await runServertastic(
			simulator,
			generate({ productCode: 'PositiveSSLMDC-12', sanCount: '={{ $json.sans }}', serverCount: 1 }),
			{ inputItems: [{ sans: '3' }] },
		);
		expect(result.status).toBe('success');
		const [request] = simulator.requestsTo('order/generatetoken');
		expect(request.query).toMatchObject({
			st_product_code: 'PositiveSSLMDC-12',
			san_count: '3',
			server_count: '1',
		});
		expect(simulator.getOrder(result.success[0].json.orderToken as string)?.sanCount).toBe(3);
	});

	describe('Reseller Reference: Derived From the Item', () => {
		it('the same item run twice buys one token: the second run returns it, marked "existing"', async () => {
			const item = { email: 'jane@example.com', plan: 'gold' };
			const parameters = generate({ endCustomerEmail: '={{ $json.email }}' });
			const first = await runServertastic(simulator, parameters, { inputItems: [item] });
			expect(first.status).toBe('success');
			const reference = first.success[0].json.resellerReference as string;
			expect(reference).toMatch(DERIVED);
			expect(first.success[0].json.generation).toBe('generated');

			const second = await runServertastic(simulator, parameters, { inputItems: [{ ...item }] });
			expect(second.status).toBe('success');
			const [output] = second.success;
			expect(output.pairedItem).toEqual({ item: 0 });
			const order = simulator.getOrder(first.success[0].json.orderToken as string)!;
			expect(output.json).toEqual({
				orderToken: order.orderToken,
				success: true,
				message: 'The reference was used before: this is the token bought with it',
				resellerOrderId: order.resellerOrderId,
				reviewUrl: null,
				resellerReference: reference,
				productCode: 'RapidSSL-12',
				generation: 'existing',
				// From the token's review: showtokens lists only the token and its reference.
				orderStatus: 'Order Placed',
				tokenUsed: false,
			});
			// The same keys as a fresh token, in the same order.
			expect(Object.keys(output.json)).toEqual(Object.keys(first.success[0].json));
			expect(
				simulator
					.requestsTo('order/generatetoken')
					.map((request) => request.query.reseller_unique_reference),
			).toEqual([reference, reference]);
			// The lookup is a read with the key only, added by the credential.
			expect(simulator.requestsTo('order/showtokens').map((request) => request.query)).toEqual([
				{ api_key: API_KEY },
			]);
			expect(simulator.requestsTo('order/review').map((request) => request.query)).toEqual([
				{ order_token: order.orderToken },
			]);
			expect(await tokensWithReference(reference)).toHaveLength(1);
			expectNoSecret(second);
			// Output Raw (a third run, after the counts above): the token's list entry as it came.
			const raw = await runServertastic(
				simulator,
				{ ...parameters, output: 'raw' },
				{ inputItems: [{ ...item }] },
			);
			expect(raw.success.map((entry) => entry.json)).toEqual([
				{ token: order.orderToken, reseller_unique_reference: reference },
			]);
		});

		it('If the Reference Was Used Before: Stop With an Error keeps the refusal, with no lookup', async () => {
			const item = { email: 'jane@example.com', plan: 'gold' };
			const parameters = generate({
				endCustomerEmail: '={{ $json.email }}',
				options: { ifReferenceUsed: 'error' },
			});
			const first = await runServertastic(simulator, parameters, { inputItems: [item] });
			expect(first.status).toBe('success');
			const reference = first.success[0].json.resellerReference as string;

			const second = await runServertastic(simulator, parameters, { inputItems: [{ ...item }] });
			expect(second.status).toBe('error');
			expect(second.error?.name).toBe('NodeApiError');
			expect(second.error?.message).toBe(
				`A token for this item already exists (reseller reference ${reference}) [item 0]`,
			);
			// The API's own words are kept, and the way to the existing token is named.
			expect(second.error?.description).toContain(
				`reseller_unique_reference ${reference} has already been used`,
			);
			expect(second.error?.description).toContain('Get Many Tokens');
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(0);
			expect(await tokensWithReference(reference)).toHaveLength(1);
			await expectNoTokenInErrors([second]);
		});

		it('an answer lost after the token was made: the token list confirms it, and a re-run buys nothing', async () => {
			simulator.respondOnce('order/generatetoken', {
				status: 0,
				body: '',
				process: true,
				destroy: true,
			});
			const item = { customer: 'Lost' };
			const first = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(first.status).toBe('success');
			const reference = derivedReference(item, 'RapidSSL-12');
			const [token] = await tokensWithReference(reference);
			expect(first.success[0].json).toMatchObject({
				orderToken: token.token,
				generation: 'confirmedAfterUncertainAnswer',
				resellerReference: reference,
				orderStatus: 'Order Placed',
				tokenUsed: false,
			});
			expect(first.success[0].pairedItem).toEqual({ item: 0 });
			// The transport never repeats a call that buys something, and neither does the node.
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);

			const rerun = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(rerun.success[0].json).toMatchObject({
				orderToken: token.token,
				generation: 'existing',
			});
			expect(await tokensWithReference(reference)).toHaveLength(1);
			expectNoSecret([first, rerun]);
		});

		it('an answer lost before the token was made: the lookup finds none, the error says a re-run is safe', async () => {
			simulator.respondOnce('order/generatetoken', { status: 0, body: '', destroy: true });
			const item = { customer: 'Lost early' };
			const first = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(first.status).toBe('error');
			expect(first.error?.message).toBe(
				'Servertastic could not be reached for order/generatetoken: the connection was reset',
			);
			expect(first.error?.description).toContain('listed no token with the reseller reference');
			expect(first.error?.description).toContain('Running this item again is safe');
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(1);
			const reference = derivedReference(item, 'RapidSSL-12');
			expect(await tokensWithReference(reference)).toHaveLength(0);

			const rerun = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(rerun.success[0].json.generation).toBe('generated');
			expect(await tokensWithReference(reference)).toHaveLength(1);
		});

		it('ignores key order: the same data in another order is the same item', async () => {
			expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
				canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
			);
			expect(derivedReference({ b: 1, a: 2 }, 'RapidSSL-12')).toBe(
				derivedReference({ a: 2, b: 1 }, 'RapidSSL-12'),
			);
			expect(derivedReference({ a: 2 }, 'RapidSSL-12')).not.toBe(
				derivedReference({ a: 2 }, 'RapidSSL-24'),
			);
		});

		it('different items get different references of at most 35 characters, one token each', async () => {
			const inputItems = [
				{ customer: 'A' },
				{ customer: 'B' },
				{ customer: 'C', nested: { deep: [1, 2] } },
			];
			const result = await runServertastic(simulator, generate(), { inputItems });
			expect(result.status).toBe('success');
			const references = result.success.map((item) => item.json.resellerReference as string);
			expect(new Set(references).size).toBe(3);
			for (const reference of references) {
				expect(reference.length).toBeLessThanOrEqual(35);
				expect(reference).toMatch(DERIVED);
			}
			expect(result.success.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(3);
		});

		it('two identical items in one run: the second is refused before it is sent (error output, paired)', async () => {
			const result = await runServertastic(simulator, generate(), {
				inputItems: [{ customer: 'A' }, { customer: 'A' }],
				onError: 'continueErrorOutput',
			});
			expect(result.status).toBe('success');
			expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
			expect(result.downstream.error[0].json.error).toMatch(
				/^'Reseller Reference' is the same as item 0/,
			);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);
		});
	});

	describe('Reseller Reference: Custom and Random', () => {
		it('Custom: sends the reference as given; a reused one returns the token bought with it', async () => {
			const parameters = generate({
				resellerReference: 'custom',
				customReference: 'INV-2024-0042',
			});
			const first = await runServertastic(simulator, parameters);
			expect(simulator.requestsTo('order/generatetoken')[0].query.reseller_unique_reference).toBe(
				'INV-2024-0042',
			);
			expect(first.success[0].json.resellerReference).toBe('INV-2024-0042');
			const second = await runServertastic(simulator, parameters);
			expect(second.success[0].json).toMatchObject({
				orderToken: first.success[0].json.orderToken,
				resellerReference: 'INV-2024-0042',
				generation: 'existing',
			});
			expect(await tokensWithReference('INV-2024-0042')).toHaveLength(1);
		});

		it('Custom with Stop With an Error: a reused one is refused, naming the reference', async () => {
			const parameters = generate({
				resellerReference: 'custom',
				customReference: 'INV-2024-0042',
				options: { ifReferenceUsed: 'error' },
			});
			await runServertastic(simulator, parameters);
			const second = await runServertastic(simulator, parameters);
			expect(second.error?.message).toBe(
				'A token with the reseller reference INV-2024-0042 already exists [item 0]',
			);
			expect(second.error?.description).toContain('Get Many Tokens');
			expect(second.error?.description).toContain('has already been used');
			expect(await tokensWithReference('INV-2024-0042')).toHaveLength(1);
		});

		it('Custom: a reference that bought a token for another product is refused, not returned', async () => {
			simulator.createToken({ productCode: 'SSL123-12', reference: 'INV-OTHER' });
			const result = await runServertastic(
				simulator,
				generate({ resellerReference: 'custom', customReference: 'INV-OTHER' }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				'A token with the reseller reference INV-OTHER already exists [item 0]',
			);
			expect(result.error?.description).toContain('is for SSL123-12, not RapidSSL-12');
			await expectNoTokenInErrors([result]);
		});

		it.each([
			[
				'longer than 35 characters',
				'x'.repeat(36),
				/^'Custom Reference' must be at most 35 characters long/,
			],
			['on two lines', '={{ "INV-1\\nINV-2" }}', /^'Custom Reference' must be a single line/],
			['empty (from an expression)', '={{ "" }}', /^'Custom Reference' is required/],
		])(
			'Custom: refuses a reference %s before any request',
			async (_name, customReference, message) => {
				const result = await runServertastic(
					simulator,
					generate({ resellerReference: 'custom', customReference }),
				);
				expect(result.status).toBe('error');
				expect(result.error?.message).toMatch(message);
				expect(simulator.requests).toHaveLength(0);
			},
		);

		it('Random: the same item run twice buys two tokens with different references of at most 35 characters', async () => {
			const parameters = generate({ resellerReference: 'random' });
			const first = await runServertastic(simulator, parameters, { inputItems: [{ a: 1 }] });
			const second = await runServertastic(simulator, parameters, { inputItems: [{ a: 1 }] });
			const references = [first, second].map(
				(result) => result.success[0].json.resellerReference as string,
			);
			expect(references[0]).not.toBe(references[1]);
			for (const reference of references) expect(reference.length).toBeLessThanOrEqual(35);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(2);
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(0);
		});

		it('Random: never looks a token up, neither after a refusal nor after a lost answer', async () => {
			const parameters = generate({ resellerReference: 'random' });
			simulator.respondOnce('order/generatetoken', {
				status: 400,
				body: {
					error: { code: -7, message: 'reseller_unique_reference n8n-rnd-x has already been used' },
				},
			});
			const refused = await runServertastic(simulator, parameters);
			expect(refused.error?.message).toMatch(
				/^A token with the reseller reference n8n-rnd-[0-9a-f]{27} already exists \[item 0\]$/,
			);
			simulator.respondOnce('order/generatetoken', {
				status: 0,
				body: '',
				process: true,
				destroy: true,
			});
			const lost = await runServertastic(simulator, parameters);
			expect(lost.error?.message).toBe(
				'Servertastic could not be reached for order/generatetoken: the connection was reset',
			);
			expect(lost.error?.description).toContain('running it again may buy a second token');
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(0);
			await expectNoTokenInErrors([refused, lost]);
		});
	});

	describe('a re-run after a crash resumes (If the Reference Was Used Before: Return the Existing Token)', () => {
		const customers = (count: number) =>
			Array.from({ length: count }, (_, n) => ({ customer: `C${n}` }));

		it('20 items run again: the same tokens, paired, from exactly one showtokens request; no second token', async () => {
			const inputItems = customers(20);
			const parameters = generate({ options: { concurrency: 10 } });
			const first = await runServertastic(simulator, parameters, { inputItems });
			expect(first.status).toBe('success');
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(0);
			simulator.reset();

			const second = await runServertastic(simulator, parameters, { inputItems });
			expect(second.status).toBe('success');
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(20);
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(1);
			expect(second.success.map((item) => item.pairedItem)).toEqual(
				inputItems.map((_, item) => ({ item })),
			);
			expect(second.success.map((item) => item.json.orderToken)).toEqual(
				first.success.map((item) => item.json.orderToken),
			);
			expect(second.success.every((item) => item.json.generation === 'existing')).toBe(true);
			expect(await allTokens()).toHaveLength(20);
		});

		it('a crashed run that bought some tokens: the re-run returns those and buys only the rest', async () => {
			const inputItems = customers(4);
			// The crashed run got as far as items 0 and 2.
			await runServertastic(simulator, generate(), { inputItems: [inputItems[0], inputItems[2]] });
			simulator.reset();
			const rerun = await runServertastic(simulator, generate(), { inputItems });
			expect(rerun.status).toBe('success');
			expect(rerun.success.map((item) => [item.pairedItem, item.json.generation])).toEqual([
				[{ item: 0 }, 'existing'],
				[{ item: 1 }, 'generated'],
				[{ item: 2 }, 'existing'],
				[{ item: 3 }, 'generated'],
			]);
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(1);
			expect(await allTokens()).toHaveLength(4);
		});

		it('then Place (Check Order First) skips the order the crashed run placed and places the other', async () => {
			const inputItems = customers(2);
			const first = await runServertastic(simulator, generate(), { inputItems });
			const tokens = first.success.map((item) => item.json.orderToken as string);
			const place = {
				resource: 'order',
				operation: 'place',
				orderToken: '={{ $json.orderToken }}',
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: readFileSync(join(__dirname, '../../../../fixtures/csr/rsa2048.csr'), 'utf8'),
				...TECH_CONTACT,
			};
			// The crashed run had placed item 0's token before it died.
			expect(
				(await runServertastic(simulator, place, { inputItems: [first.success[0].json] })).status,
			).toBe('success');

			const rerun = await runServertastic(simulator, generate(), { inputItems });
			expect(rerun.success.map((item) => [item.json.orderToken, item.json.generation])).toEqual([
				[tokens[0], 'existing'],
				[tokens[1], 'existing'],
			]);
			// A placed token is in the used list; its review shows what place wrote.
			expect(rerun.success.map((item) => item.json.tokenUsed)).toEqual([true, false]);
			const placed = await runServertastic(simulator, place, {
				inputItems: rerun.success.map((item) => item.json as IDataObject),
			});
			expect(placed.status).toBe('success');
			expect(placed.success.map((item) => item.json.placement)).toEqual([
				'alreadyPlaced',
				'placed',
			]);
			expect(tokens.map((token) => simulator.getOrder(token)?.placements)).toEqual([1, 1]);
			expect(await allTokens()).toHaveLength(2);
		});

		it.each([
			[
				'one token as a bare object, no used token ("")',
				(listed: ListedToken) => ({ unused_tokens: { order_token: listed }, used_tokens: '' }),
			],
			[
				'one token in a list, used tokens {}',
				(listed: ListedToken) => ({ unused_tokens: { order_token: [listed] }, used_tokens: {} }),
			],
			[
				'the token among the used ones, unused tokens absent',
				(listed: ListedToken) => ({ used_tokens: { order_token: [listed] } }),
			],
			[
				'a bare list of entries (no order_token wrapper)',
				(listed: ListedToken) => ({ unused_tokens: [listed], used_tokens: [] }),
			],
		])('reads the token list in the shapes XML-derived JSON takes: %s', async (_name, shape) => {
			const first = await runServertastic(simulator, generate(), {
				inputItems: [{ customer: 'X' }],
			});
			const token = first.success[0].json.orderToken as string;
			const [listed] = await allTokens();
			simulator.respondOnce('order/showtokens', {
				status: 200,
				body: { success: 'Order tokens', ...shape(listed) },
			});
			const rerun = await runServertastic(simulator, generate(), {
				inputItems: [{ customer: 'X' }],
			});
			expect(rerun.success[0].json).toMatchObject({ orderToken: token, generation: 'existing' });
		});

		it('a reference used before that the token list does not show: the refusal, naming the lookup', async () => {
			const item = { customer: 'Hidden' };
			const reference = derivedReference(item, 'RapidSSL-12');
			simulator.createToken({ productCode: 'RapidSSL-12', reference });
			// Entries without reseller_unique_reference cannot be matched.
			const [listed] = await allTokens();
			const { reseller_unique_reference: _dropped, ...withoutReference } = listed;
			simulator.respondOnce('order/showtokens', {
				status: 200,
				body: {
					success: 'Order tokens',
					unused_tokens: { order_token: [withoutReference] },
					used_tokens: '',
				},
			});
			const result = await runServertastic(simulator, generate(), {
				inputItems: [item],
				onError: 'continueErrorOutput',
			});
			expect(result.errorOutput.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }]);
			expect(result.downstream.error[0].json.error).toBe(
				`A token for this item already exists (reseller reference ${reference}) [item 0]`,
			);
			expect(result.downstream.error[0].json.message).toContain(
				`The lookup in Order → Get Many Tokens found no token with the reseller reference ${reference}`,
			);
			expect(await tokensWithReference(reference)).toHaveLength(1);
			await expectNoTokenInErrors([result]);
		});

		it('a token list that cannot be read: a clear error after the read is retried, nothing bought', async () => {
			const item = { customer: 'Unlucky' };
			await runServertastic(simulator, generate(), { inputItems: [item] });
			simulator.reset();
			for (let attempt = 0; attempt < retryPolicy.attempts; attempt++)
				simulator.respondOnce('order/showtokens', faultReply('http502'));
			const result = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				`A token for this item already exists (reseller reference ${derivedReference(item, 'RapidSSL-12')}) and could not be looked up: Servertastic sent an answer to order/showtokens that is not JSON (HTTP 502, text/html) (gave up after ${retryPolicy.attempts} attempts) [item 0]`,
			);
			expect(result.error?.description).toContain(
				'Nothing was bought. Run the workflow again to pick the token up',
			);
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(retryPolicy.attempts);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);
			expect(await allTokens()).toHaveLength(1);
			await expectNoTokenInErrors([result]);
		});

		it('many items and a token list that cannot be read: still one lookup, every item its own error', async () => {
			const inputItems = customers(6);
			await runServertastic(simulator, generate(), { inputItems });
			simulator.reset();
			simulator.respondOnce('order/showtokens', faultReply('errorWith200'));
			const result = await runServertastic(simulator, generate(), {
				inputItems,
				onError: 'continueErrorOutput',
			});
			expect(simulator.requestsTo('order/showtokens')).toHaveLength(1);
			expect(result.errorOutput.map((entry) => entry.pairedItem)).toEqual(
				inputItems.map((_, item) => ({ item })),
			);
			for (const [n, entry] of result.downstream.error.entries()) {
				expect(entry.json.error).toBe(
					`A token for this item already exists (reseller reference ${derivedReference(inputItems[n], 'RapidSSL-12')}) and could not be looked up: Servertastic refused order/showtokens: The service is temporarily unavailable [item ${n}]`,
				);
			}
			await expectNoTokenInErrors([result]);
		});
	});

	describe('an uncertain answer: the token list decides, generatetoken is never sent again', () => {
		it.each([
			['a timeout after the token was made', { status: 200, body: '', process: true, hang: true }],
			['an HTTP 502 after the token was made', faultReply('http502', { afterEffect: true })],
			[
				'an answer cut short after the token was made',
				faultReply('malformedJson', { afterEffect: true }),
			],
		])('%s: confirmedAfterUncertainAnswer, one token', async (_name, reply) => {
			simulator.respondOnce('order/generatetoken', reply);
			const item = { customer: 'Uncertain' };
			const result = await runServertastic(
				simulator,
				generate({ options: { ifReferenceUsed: 'error' } }),
				{
					inputItems: [item],
					timeoutSeconds: 1,
				},
			);
			expect(result.status).toBe('success');
			const reference = derivedReference(item, 'RapidSSL-12');
			const [token] = await tokensWithReference(reference);
			expect(result.success[0].json).toMatchObject({
				orderToken: token.token,
				generation: 'confirmedAfterUncertainAnswer',
			});
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);
			expect(await allTokens()).toHaveLength(1);
		});

		it('an answer cut short and a token list that cannot be read: an error without the token in it', async () => {
			simulator.respondOnce(
				'order/generatetoken',
				faultReply('malformedJson', { afterEffect: true }),
			);
			for (let attempt = 0; attempt < retryPolicy.attempts; attempt++)
				simulator.respondOnce('order/showtokens', faultReply('http500'));
			const item = { customer: 'Doubly unlucky' };
			const result = await runServertastic(simulator, generate(), { inputItems: [item] });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(
				/^Servertastic sent an answer to order\/generatetoken that is not JSON/,
			);
			expect(result.error?.description).toContain('The token may have been generated all the same');
			expect(result.error?.description).toContain('Looking for it in order/showtokens failed too');
			expect(result.error?.description).toContain(
				'Its text is not shown: it may hold the order token.',
			);
			expect(simulator.requestsTo('order/generatetoken')).toHaveLength(1);
			expect(await tokensWithReference(derivedReference(item, 'RapidSSL-12'))).toHaveLength(1);
			await expectNoTokenInErrors([result]);
		});
	});

	describe('checked before anything is sent', () => {
		it.each([
			[
				'a bad end customer email',
				{ endCustomerEmail: 'jane@' },
				/^'End Customer Email' is not a valid email address/,
			],
			[
				'a negative SAN count',
				{ sanCount: -1 },
				/^'SAN Count' must be a whole number of at least 0/,
			],
			[
				'a SAN count that is not a number',
				{ sanCount: '={{ "two" }}' },
				/^'SAN Count' must be a whole number/,
			],
			[
				'a server count of 0',
				{ serverCount: 0 },
				/^'Server Count' must be a whole number of at least 1/,
			],
			['no product', { productCode: '={{ "" }}' }, /is required/],
			[
				'a product code with spaces',
				{ productCode: 'Rapid SSL' },
				/must be a product code such as RapidSSL-12/,
			],
		])('refuses %s, naming the field and item', async (_name, extra, message) => {
			const result = await runServertastic(simulator, generate(extra));
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toMatch(/\[item 0\]$/);
			expect(result.error?.description).toMatch(/^Nothing was sent to Servertastic/);
			expect(simulator.requests).toHaveLength(0);
		});

		it('lists every problem of the item in the description', async () => {
			const result = await runServertastic(
				simulator,
				generate({ endCustomerEmail: 'nope', sanCount: -2 }),
			);
			expect(result.error?.message).toMatch(/\(and 1 more\) \[item 0\]$/);
			expect(result.error?.description).toContain("- 'End Customer Email' ");
			expect(result.error?.description).toContain("- 'SAN Count' ");
		});
	});

	describe('API errors and continue-on-fail', () => {
		it.each([
			['HTTP 200 with an error body', 200],
			['HTTP 400', 400],
		])(
			'an API error with %s becomes a NodeApiError with the API message, without the key',
			async (_name, status) => {
				simulator.respondOnce('order/generatetoken', {
					status,
					body: { error: { code: -6, message: `Account suspended for key ${API_KEY}` } },
				});
				const result = await runServertastic(simulator, generate());
				expect(result.status).toBe('error');
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(
					'Servertastic refused order/generatetoken: Account suspended for key ***',
				);
				expect(result.error?.description).toBe(`The API answered with error -6 (HTTP ${status}).`);
				expectNoSecret(result);
			},
		);

		it('a wrong API key: the API refusal is reported without the key', async () => {
			const result = await runServertastic(simulator, generate(), {
				apiKey: 'sk_wrong_key_0123456789',
			});
			expect(result.error?.message).toBe(
				'Servertastic refused order/generatetoken: Invalid api_key',
			);
			expect(serialiseEverything(result)).not.toContain('sk_wrong_key_0123456789');
		});

		it('Continue (using error output): an unknown product goes to the error branch, the others on', async () => {
			const result = await runServertastic(
				simulator,
				generate({ productCode: '={{ $json.product }}' }),
				{
					inputItems: [
						{ product: 'RapidSSL-12' },
						{ product: 'NoSuchProduct-12' },
						{ product: 'SSL123-12' },
					],
					onError: 'continueErrorOutput',
				},
			);
			expect(result.status).toBe('success');
			expect(result.success.map((item) => [item.pairedItem, item.json.productCode])).toEqual([
				[{ item: 0 }, 'RapidSSL-12'],
				[{ item: 2 }, 'SSL123-12'],
			]);
			expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
			expect(result.downstream.error[0].json.error).toBe(
				'Servertastic refused order/generatetoken: Invalid st_product_code NoSuchProduct-12',
			);
			expect(result.downstream.error[0].json.product).toBe('NoSuchProduct-12');
			expectNoSecret(result);
		});
	});
});

describe('Product From List (searchProducts)', () => {
	async function loadProducts() {
		const parameters = { resource: 'order', operation: 'generateToken' };
		return (await runListSearch(simulator, searchProducts, parameters, 'productCode')).results;
	}

	it('is registered on the node and lists listproducts as "name (code, level)"', async () => {
		const field = new Servertastic().description.properties.find(
			(property) => property.name === 'productCode',
		)!;
		expect(field.type).toBe('resourceLocator');
		expect(field.modes?.map((mode) => [mode.name, mode.displayName])).toEqual([
			['list', 'From List'],
			['id', 'By ID'],
		]);
		expect(field.modes?.[0].typeOptions).toEqual({
			searchListMethod: 'searchProducts',
			searchable: true,
		});
		expect(new Servertastic().methods.listSearch.searchProducts).toBe(searchProducts);
		const options = await loadProducts();
		expect(options).toContainEqual({
			name: 'RapidSSL Standard DV (RapidSSL-12, DV)',
			value: 'RapidSSL-12',
		});
		expect(options).toContainEqual({
			name: 'GeoTrust True BusinessID with EV (TrueBizIDEV-12, EV)',
			value: 'TrueBizIDEV-12',
		});
		expect(options).toHaveLength(13);
		const [request] = simulator.requestsTo('product/listproducts');
		expect(request.query.api_key).toBe(API_KEY);
		expect(serialiseEverything(options)).not.toContain(API_KEY);
	});

	it('copes with a one-element list sent as a bare object', async () => {
		simulator.respondOnce('product/listproducts', {
			status: 200,
			body: {
				success: 'Products retrieved',
				products: {
					st_product_code: 'RapidSSL-12',
					product_name: 'RapidSSL Standard DV',
					product_validation: 'DV',
				},
			},
		});
		expect(await loadProducts()).toEqual([
			{ name: 'RapidSSL Standard DV (RapidSSL-12, DV)', value: 'RapidSSL-12' },
		]);
	});
});

describe('Product as a resource locator', () => {
	it.each([
		['From List', locator('RapidSSL-12')],
		['By ID', locator('RapidSSL-12', 'id')],
		['By ID from an expression', locator('={{ $json.product }}', 'id')],
		['a plain string (a workflow saved before the locator)', 'RapidSSL-12'],
	])('%s: sends the product code', async (_label, productCode) => {
		const result = await runServertastic(simulator, generate({ productCode }), {
			inputItems: [{ product: 'RapidSSL-12' }],
		});
		expect(result.status).toBe('success');
		expect(simulator.requestsTo('order/generatetoken')[0].query.st_product_code).toBe(
			'RapidSSL-12',
		);
	});

	it("an empty locator is refused before anything is sent, naming 'Product'", async () => {
		const result = await runServertastic(
			simulator,
			generate({ productCode: locator('={{ "" }}', 'id') }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^'Product' is required \[item 0\]/);
		expect(simulator.requests).toEqual([]);
	});
});
