import type { IDataObject } from 'n8n-workflow';

import {
	searchOrderTokens,
	searchUnusedOrderTokens,
	searchUsedOrderTokens,
} from '../../../../nodes/Servertastic/methods/listSearch';
import { Servertastic } from '../../../../nodes/Servertastic/Servertastic.node';
import {
	applyVariant,
	fixture,
	fixtureCases,
	serveFixture,
	variantsFor,
	type Variant,
} from '../../../contract';
import { startSimulator, type Simulator } from '../../../simulator';
import { placeDirectly } from '../../../support/operationTable';
import { type ListSearchMethod, runListSearch } from '../../../support/listSearchContext';

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset({ state: true }));

const tokens = async (method: ListSearchMethod, filter?: string, operation = 'get') =>
	(await runListSearch(simulator, method, { resource: 'order', operation }, 'orderToken', filter))
		.results;

/** The documented answer's tokens, read straight from the fixture: `<group>.order_token[]`. */
function documented(caseName: string | undefined, group: 'unused_tokens' | 'used_tokens') {
	const answer = fixture('order/showtokens', caseName) as IDataObject;
	const list = (answer[group] as IDataObject).order_token as IDataObject[] | undefined;
	return (list ?? []).map((entry) => ({
		token: String(entry.token),
		reference: String(entry.reseller_unique_reference),
	}));
}

const named = (entry: { token: string; reference: string }, used: boolean) => ({
	name: `${entry.reference}${used ? ' · used' : ''} (…${entry.token.slice(-6)})`,
	value: entry.token,
});

describe('Order Token From List reads order/showtokens in every documented reading', () => {
	const readings: Variant[] = ['documented', ...variantsFor('order/showtokens')];
	const runs = fixtureCases('order/showtokens').flatMap((caseName) =>
		readings.map((variant) => [caseName ?? '(default)', caseName, variant] as const),
	);

	it.each(runs)('case %s, %s reading', async (_label, caseName, variant) => {
		const answer = applyVariant('order/showtokens', fixture('order/showtokens', caseName), variant);
		const unused = documented(caseName, 'unused_tokens').map((entry) => named(entry, false));
		const used = documented(caseName, 'used_tokens').map((entry) => named(entry, true));
		serveFixture(simulator, 'order/showtokens', answer);
		expect(await tokens(searchOrderTokens)).toEqual([...unused, ...used]);
		serveFixture(simulator, 'order/showtokens', answer);
		expect(await tokens(searchUnusedOrderTokens, undefined, 'place')).toEqual(unused);
		serveFixture(simulator, 'order/showtokens', answer);
		expect(await tokens(searchUsedOrderTokens, undefined, 'place')).toEqual(used);
		expect(simulator.requestsTo('order/showtokens')[0].query).toEqual({
			api_key: simulator.apiKey,
		});
	});
});

describe('Order Token From List against the simulated account', () => {
	it('Place lists only the unused tokens; the other operations all of them, unused first', async () => {
		const fresh = simulator.createToken({ productCode: 'RapidSSL-12', reference: 'INV-0042' });
		const placed = simulator.createToken({ productCode: 'RapidSSL-12', reference: 'INV-0041' });
		await placeDirectly(simulator, placed);
		expect(await tokens(searchUnusedOrderTokens, undefined, 'place')).toEqual([
			{ name: `INV-0042 (…${fresh.slice(-6)})`, value: fresh },
		]);
		expect((await tokens(searchOrderTokens)).map((result) => result.value)).toEqual([
			fresh,
			placed,
		]);
		expect((await tokens(searchOrderTokens)).map((result) => result.name)).toEqual([
			`INV-0042 (…${fresh.slice(-6)})`,
			`INV-0041 · used (…${placed.slice(-6)})`,
		]);
	});

	it('searches the reference, the product and the token, in any case', async () => {
		const a = simulator.createToken({ productCode: 'RapidSSL-12', reference: 'shop-renewal-7' });
		const b = simulator.createToken({ productCode: 'RapidSSL-12', reference: 'INV-0099' });
		expect((await tokens(searchOrderTokens, 'SHOP')).map((result) => result.value)).toEqual([a]);
		expect((await tokens(searchOrderTokens, b.slice(4, 14))).map((result) => result.value)).toEqual(
			[b],
		);
		expect(await tokens(searchOrderTokens, 'nothing like it')).toEqual([]);
		expect((await tokens(searchOrderTokens, '  ')).length).toBe(2);
	});

	it('shows the product where an answer names one (showtokens as documented names none)', async () => {
		simulator.respondOnce('order/showtokens', {
			status: 200,
			body: {
				success: 'Order tokens',
				unused_tokens: {
					order_token: [
						{
							token: 'abcdef0123456789',
							reseller_unique_reference: 'r-1',
							product_name: 'RapidSSL',
						},
					],
				},
				used_tokens: { order_token: [{ token: 'fedcba9876543210' }] },
			},
		});
		expect(await tokens(searchOrderTokens)).toEqual([
			{ name: 'r-1 · RapidSSL (…456789)', value: 'abcdef0123456789' },
			{ name: 'No reference · used (…543210)', value: 'fedcba9876543210' },
		]);
	});

	it('an empty account gives an empty list, and a refused key an error without the key', async () => {
		expect(await tokens(searchOrderTokens)).toEqual([]);
		simulator.respondOnce('order/showtokens', {
			status: 400,
			body: { error: { code: -1, message: `Invalid api_key ${simulator.apiKey}` } },
		});
		const failure = await tokens(searchOrderTokens).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect(
			JSON.stringify({
				message: (failure as Error).message,
				description: (failure as { description?: string }).description,
			}),
		).not.toContain(simulator.apiKey);
	});
});

describe('Order Token fields', () => {
	const { description, methods } = new Servertastic();
	const tokenFields = description.properties.filter((property) => property.name === 'orderToken');

	it('every operation that takes a token has it as a locator: From List and By Value, with a hint', () => {
		const operations = tokenFields.flatMap((field) => field.displayOptions?.show?.operation ?? []);
		expect(operations.sort()).toEqual(
			[
				'advanceTestOrder',
				'cancel',
				'changeApproverEmail',
				'get',
				'getCertificateFiles',
				'getProductFields',
				'place',
				'recheckValidation',
				'reissue',
				'resendEmail',
				'switchToEmailValidation',
			].sort(),
		);
		for (const field of tokenFields) {
			expect(field.type).toBe('resourceLocator');
			expect(field.default).toEqual({ mode: 'list', value: '' });
			expect(field.modes?.map((mode) => [mode.name, mode.displayName])).toEqual([
				['list', 'From List'],
				['id', 'By Value'],
			]);
			expect(field.modes?.[0].typeOptions?.searchable).toBe(true);
			expect(field.hint).toMatch(/Generate Token.*reseller panel/);
			const method = field.modes?.[0].typeOptions?.searchListMethod as string;
			expect(methods.listSearch).toHaveProperty(method);
			const place = field.displayOptions?.show?.operation?.includes('place');
			expect(method).toBe(place ? 'searchUnusedOrderTokens' : 'searchOrderTokens');
		}
	});

	it("Place's Previous Order Token lists the used tokens", () => {
		const previous = description.properties.find(
			(property) => property.name === 'previousOrderToken',
		)!;
		expect(previous.type).toBe('resourceLocator');
		expect(previous.displayName).toBe('Previous Order Token');
		expect(previous.modes?.[0].typeOptions?.searchListMethod).toBe('searchUsedOrderTokens');
		expect(previous.hint).toMatch(/renews/);
	});
});
