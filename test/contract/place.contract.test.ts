// Place, Generate Token and Get Product Fields run in n8n's real engine against every contract fixture
// of the calls they read (productfields, review, place, generatetoken, showtokens), in every XML→JSON
// reading: the tidy output must be the same, field by field, whichever reading the API uses.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { serialiseEverything } from '../harness';
import { startSimulator, type Simulator } from '../simulator';
import {
	allFields,
	ORGANISATION,
	runServertastic,
	TECH_ADDRESS,
	TECH_CONTACT,
} from '../support/servertastic';
import { applyVariant, fixture, fixtureCases, serveFixture, variantsFor, type Variant } from '.';
import * as expected from './place.expected';

const { TOKEN } = expected;

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset({ state: true }));

/** Every reading of a call's fixtures: [case, variant], the documented one first. */
function readings(call: string): Array<[string, Variant]> {
	const cases = fixtureCases(call).map((caseName) => caseName ?? '');
	return cases.flatMap((caseName) =>
		(['documented', ...variantsFor(call)] as Variant[]).map(
			(variant) => [caseName, variant] as [string, Variant],
		),
	);
}
const answerIn = (call: string, caseName: string, variant: Variant) =>
	applyVariant(call, fixture(call, caseName || undefined), variant);
const serve = (call: string, caseName: string, variant: Variant = 'documented') =>
	serveFixture(simulator, call, answerIn(call, caseName, variant));

/** Order → Place with every tidy field (Output: Selected Fields, all of them). */
const place = (extra: INodeParameters = {}): INodeParameters =>
	allFields({
		resource: 'order',
		operation: 'place',
		orderToken: TOKEN,
		productBrand: 'rapidssl',
		dvAuthMethod: 'DNS',
		csr: expected.CSR,
		...TECH_CONTACT,
		...extra,
	});
const calls = () => simulator.requests.map((request) => request.call);

describe('Get Product Fields reads productfields in every reading', () => {
	it.each(readings('order/productfields'))(
		'case "%s", %s: one tidy item per field, and all in one',
		async (caseName, variant) => {
			const { productCode, productName, fields } = expected.productFieldsOf(caseName || undefined);
			serve('order/productfields', caseName, variant);
			serve('order/productfields', caseName, variant);
			const perField = await runServertastic(simulator, {
				resource: 'order',
				operation: 'getProductFields',
				orderToken: TOKEN,
			});
			expect(perField.success.map((item) => item.json)).toEqual(
				fields.map((field) => ({ productCode, productName, ...field })),
			);
			const allFields = await runServertastic(simulator, {
				resource: 'order',
				operation: 'getProductFields',
				orderToken: TOKEN,
				options: { output: 'allFields' },
			});
			expect(allFields.success.map((item) => item.json)).toEqual([
				{
					productCode,
					productName,
					fields,
					requiredFields: fields.filter((field) => field.required).map((field) => field.name),
				},
			]);
			expect(serialiseEverything([perField, allFields])).not.toContain(TOKEN);
		},
	);
});

describe("Place's pre-flight reads productfields in every reading", () => {
	it.each(readings('order/productfields'))(
		'case "%s", %s: the default hashing algorithm is its first option',
		async (caseName, variant) => {
			serve('order/review', 'fresh-token');
			serve('order/productfields', caseName, variant);
			serve('order/place', 'dns');
			const result = await runServertastic(simulator, place());
			expect(result.status).toBe('success');
			expect(calls()).toEqual([
				'order/review',
				'product/listproducts',
				'order/productfields',
				'order/place',
			]);
			expect(simulator.requestsTo('order/place')[0].body).toMatchObject({
				hashing_algorithm: 'SHA-256',
				csr: expected.CSR,
			});
		},
	);

	it.each(readings('order/productfields'))(
		'case "%s", %s: a method productfields does not offer is refused before placing',
		async (caseName, variant) => {
			serve('order/review', 'fresh-token');
			serve('order/productfields', caseName, variant);
			const result = await runServertastic(simulator, place({ dvAuthMethod: 'SFILE' }));
			expect(result.error?.message).toBe(
				`'Validation Method' must be one of EMAIL, FILE, DNS for this product (got "SFILE") [item 0]`,
			);
			expect(calls()).toEqual(['order/review', 'product/listproducts', 'order/productfields']);
		},
	);
});

describe("Place's level and brand check reads listproducts in every reading", () => {
	const ov = {
		validationLevel: 'OV',
		...ORGANISATION,
		...TECH_ADDRESS,
		orgJurisdictionCity: 'Cardiff',
		orgJurisdictionRegion: 'Wales',
		orgJurisdictionCountry: 'GB',
	};
	it.each(readings('product/listproducts'))(
		'case "%s", %s: a level and a brand the token does not have are refused before productfields',
		async (caseName, variant) => {
			serve('order/review', 'fresh-token');
			serve('product/listproducts', caseName, variant);
			const result = await runServertastic(simulator, place(ov));
			expect(result.error?.message).toBe(
				"'Product Validation Level' is OV but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL [item 0]",
			);
			expect(calls()).toEqual(['order/review', 'product/listproducts']);
			serve('order/review', 'fresh-token');
			const brand = await runServertastic(simulator, place({ productBrand: 'geotrust' }));
			expect(brand.error?.message).toBe(
				"'Product Brand' is GeoTrust but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL [item 0]",
			);
		},
	);

	it.each(readings('product/listproducts'))(
		'case "%s", %s: the right level and brand are placed',
		async (caseName, variant) => {
			serve('order/review', 'fresh-token');
			serve('product/listproducts', caseName, variant);
			serve('order/productfields', '');
			serve('order/place', 'dns');
			const result = await runServertastic(simulator, place());
			expect(result.success[0].json.placement).toBe('placed');
			expect(calls()).toEqual([
				'order/review',
				'product/listproducts',
				'order/productfields',
				'order/place',
			]);
		},
	);

	it.each(['documented', ...variantsFor('order/review')] as Variant[])(
		'a fresh token of SecureSite-12 (not in the list), %s: the brand is checked from the code, not the level',
		async (variant) => {
			const fresh = {
				...(fixture('order/review', 'fresh-token') as IDataObject),
				st_product_code: 'SecureSite-12',
			};
			serveFixture(simulator, 'order/review', applyVariant('order/review', fresh, variant));
			serve('product/listproducts', '');
			const result = await runServertastic(simulator, place(ov));
			expect(result.error?.message).toBe(
				"'Product Brand' is RapidSSL but the token is for SecureSite-12 (brand DigiCert): choose DigiCert [item 0]",
			);
			expect(calls()).toEqual(['order/review', 'product/listproducts']);
		},
	);
});

describe('Check Order First reads review in every reading', () => {
	const pick = (json: IDataObject): IDataObject => ({
		...json,
		validationMethod: (json.validation as IDataObject).method,
		dnsRecordValue:
			((json.validation as IDataObject).dnsRecord as IDataObject | null)?.value ?? null,
	});
	const keys = Object.keys(expected.alreadyPlacedOf({}));
	const only = (json: IDataObject) => Object.fromEntries(keys.map((key) => [key, pick(json)[key]]));

	it.each(readings('order/review'))('case "%s", %s', async (caseName, variant) => {
		serve('order/review', caseName, variant);
		if (caseName === 'fresh-token') {
			// A fresh token reviews as Order Placed with nothing place writes: it is placed now.
			serve('order/productfields', '');
			serve('order/place', 'dns');
		}
		const result = await runServertastic(simulator, place());
		expect(result.status).toBe('success');
		const [item] = result.success;
		if (caseName === 'fresh-token') {
			expect(item.json).toMatchObject({ placement: 'placed', orderToken: TOKEN });
			expect(calls()).toEqual([
				'order/review',
				'product/listproducts',
				'order/productfields',
				'order/place',
			]);
			return;
		}
		expect(only(item.json)).toEqual(
			expected.alreadyPlacedOf(fixture('order/review', caseName) as IDataObject),
		);
		expect(calls()).toEqual(['order/review']);
	});

	it.each(['documented', ...variantsFor('order/review')] as Variant[])(
		'Roll Back, %s: placed again',
		async (variant) => {
			const rolledBack = {
				...(fixture('order/review', 'placed-status-order-placed') as IDataObject),
				order_status: 'Roll Back',
			};
			serveFixture(simulator, 'order/review', applyVariant('order/review', rolledBack, variant));
			serve('order/productfields', '');
			serve('order/place', 'dns');
			const result = await runServertastic(simulator, place());
			expect(result.success[0].json.placement).toBe('placed');
			expect(calls()).toEqual([
				'order/review',
				'product/listproducts',
				'order/productfields',
				'order/place',
			]);
		},
	);
});

describe('Place reads the place answer in every reading', () => {
	const keys = Object.keys(expected.placedOf('dns'));
	it.each(readings('order/place'))('case "%s", %s', async (caseName, variant) => {
		const placeCase = caseName as expected.PlaceCase;
		serve('order/review', 'fresh-token');
		serve('order/productfields', '');
		serve('order/place', caseName, variant);
		const result = await runServertastic(
			simulator,
			place(expected.placeParameters(placeCase) as INodeParameters),
		);
		expect(result.status).toBe('success');
		const [item] = result.success;
		const validation = item.json.validation as IDataObject;
		const shown: IDataObject = {
			...item.json,
			validation: {
				method: validation.method,
				approverEmail: validation.approverEmail,
				dnsRecord: validation.dnsRecord,
				file: validation.file,
			},
		};
		expect(Object.fromEntries(keys.map((key) => [key, shown[key]]))).toEqual(
			expected.placedOf(placeCase),
		);
		expect(item.json).not.toHaveProperty('response');
		const sent = simulator.requestsTo('order/place')[0].body;
		if (placeCase === 'key-generated') {
			expect(sent).not.toHaveProperty('csr');
			expect(sent.domain_name).toBe(expected.COMMON_NAME);
			expect(item.json.privateKeyNotice).toMatch(/only once/);
		} else {
			expect(sent.csr).toBe(expected.CSR);
			expect(item.json.privateKeyNotice).toBeNull();
		}
		// Raw: the answer as it came, private_key and all, with the notice when Servertastic made the key.
		serve('order/review', 'fresh-token');
		serve('order/productfields', '');
		serve('order/place', caseName, variant);
		const raw = await runServertastic(simulator, {
			...place(expected.placeParameters(placeCase) as INodeParameters),
			output: 'raw',
		});
		const answer = answerIn('order/place', caseName, variant) as IDataObject;
		expect(raw.success[0].json).toEqual(
			placeCase === 'key-generated'
				? { ...answer, privateKeyNotice: item.json.privateKeyNotice }
				: answer,
		);
	});
});

describe('Generate Token reads generatetoken and showtokens in every reading', () => {
	const generate = (reference: string): INodeParameters => ({
		resource: 'order',
		operation: 'generateToken',
		productCode: 'RapidSSL-12',
		endCustomerEmail: 'jane@example.com',
		resellerReference: 'custom',
		customReference: reference,
	});
	const withoutResponse = (json: IDataObject) =>
		Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'response'));

	it.each(readings('order/generatetoken'))(
		'generatetoken case "%s", %s',
		async (caseName, variant) => {
			serve('order/generatetoken', caseName, variant);
			const result = await runServertastic(simulator, generate('ref-contract-1'));
			expect(withoutResponse(result.success[0].json)).toEqual(
				expected.generatedOf(caseName, 'ref-contract-1'),
			);
			expect(result.success[0].json).not.toHaveProperty('response');
			serve('order/generatetoken', caseName, variant);
			const raw = await runServertastic(simulator, {
				...generate('ref-contract-2'),
				output: 'raw',
			});
			expect(raw.success.map((item) => item.json)).toEqual([
				answerIn('order/generatetoken', caseName, variant),
			]);
		},
	);

	it.each(readings('order/showtokens'))(
		'showtokens case "%s", %s: a used reference finds its token',
		async (caseName, variant) => {
			const tokens = expected.listedTokensOf(caseName || undefined);
			expect(tokens.length > 0).toBe(caseName !== 'none');
			for (const listed of tokens) {
				simulator.reset();
				simulator.respondOnce('order/generatetoken', {
					status: 400,
					body: {
						error: {
							code: 400,
							message: `reseller_unique_reference ${listed.reference} has already been used`,
						},
					},
				});
				serve('order/showtokens', caseName, variant);
				const reviewCase = listed.used ? 'placed-status-order-placed' : 'fresh-token';
				serve('order/review', reviewCase);
				const review = fixture('order/review', reviewCase) as IDataObject;
				const result = await runServertastic(simulator, generate(listed.reference));
				expect(withoutResponse(result.success[0].json)).toEqual({
					orderToken: listed.token,
					success: true,
					message: 'The reference was used before: this is the token bought with it',
					resellerOrderId: review.reseller_order_id,
					reviewUrl: null,
					resellerReference: listed.reference,
					productCode: review.st_product_code,
					generation: 'existing',
					orderStatus: review.order_status,
					tokenUsed: listed.used,
				});
				expect(simulator.requestsTo('order/review')[0].query).toEqual({
					order_token: listed.token,
				});
			}
		},
	);

	it.each(readings('order/showtokens'))(
		'showtokens case "%s", %s: a reference it does not list is reported',
		async (caseName, variant) => {
			simulator.respondOnce('order/generatetoken', {
				status: 400,
				body: {
					error: {
						code: 400,
						message: 'reseller_unique_reference ref-unknown has already been used',
					},
				},
			});
			serve('order/showtokens', caseName, variant);
			const result = await runServertastic(simulator, generate('ref-unknown'));
			expect(result.error?.message).toBe(
				'A token with the reseller reference ref-unknown already exists [item 0]',
			);
			expect(result.error?.description).toContain(
				'found no token with the reseller reference ref-unknown',
			);
		},
	);
});
