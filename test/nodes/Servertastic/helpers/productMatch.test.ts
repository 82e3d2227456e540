import {
	brandOfProduct,
	levelBrandProblems,
	productFacts,
	tokenProduct,
} from '../../../../nodes/Servertastic/helpers/productMatch';
import { fixture, fixtureCases, applyVariant, variantsFor, type Variant } from '../../../contract';

describe('brandOfProduct', () => {
	it.each([
		['RapidSSL-12', 'rapidssl'],
		['RapidSSLWildcard-36', 'rapidssl'],
		['PositiveSSL-24', 'positivessl'],
		['PositiveSSLMDC-12', 'positivessl'],
		['SectigoSSL-12', 'sectigossl'],
		['QuickSSLPremiumMD-12', 'geotrust'],
		['TrueBizIDEVMD-24', 'geotrust'],
		['SSL123-12', 'thawte'],
		['SSLWebServerWildcard-12', 'thawte'],
		['SecureSite-12', 'digicert'],
		['SecureSiteProEV-24', 'digicert'],
	])('%s is %s (api2.md product codes)', (code, brand) => {
		expect(brandOfProduct(code)).toBe(brand);
	});

	it('falls back to the listed name, and knows no brand for anything else', () => {
		expect(brandOfProduct('NewCert-12', 'GeoTrust Something New')).toBe('geotrust');
		expect(brandOfProduct('NewCert-12', 'Sectigo PositiveSSL Multi-Domain')).toBe('positivessl');
		expect(brandOfProduct('SmarterMailPro-250', 'SmarterMail Pro - 250 Mailboxes')).toBeNull();
		expect(brandOfProduct('NewCert-12')).toBeNull();
	});
});

describe('productFacts reads listproducts in every reading', () => {
	const readings = fixtureCases('product/listproducts').flatMap((caseName) =>
		(['documented', ...variantsFor('product/listproducts')] as Variant[]).map(
			(variant) => [caseName ?? '', variant] as const,
		),
	);
	it.each(readings)('case "%s", %s', (caseName, variant) => {
		const documented = fixture('product/listproducts', caseName || undefined) as {
			products: Array<Record<string, string>>;
		};
		const answer = applyVariant(
			'product/listproducts',
			fixture('product/listproducts', caseName || undefined),
			variant,
		) as never;
		const facts = productFacts(answer);
		const products = Array.isArray(documented.products)
			? documented.products
			: [documented.products];
		expect([...facts.keys()]).toEqual(products.map((product) => product.st_product_code));
		for (const product of products) {
			expect(facts.get(product.st_product_code)).toEqual({
				name: product.product_name,
				level: product.product_validation,
			});
		}
	});

	it('an empty list, an unknown level and a missing code', () => {
		expect(productFacts({ success: 'Product list' }).size).toBe(0);
		const facts = productFacts({
			products: [
				{ st_product_code: ' X-12 ', product_validation: 'dv ' },
				{ product_name: 'no code' },
				{ st_product_code: 'Y', product_validation: 'QV' },
			],
		});
		expect([...facts.entries()]).toEqual([
			['X-12', { name: null, level: 'DV' }],
			['Y', { name: null, level: null }],
		]);
	});
});

describe('levelBrandProblems', () => {
	const rapid = tokenProduct(
		'RapidSSL-12',
		productFacts({ products: [{ st_product_code: 'RapidSSL-12', product_validation: 'DV' }] }),
	);

	it('nothing when both agree', () => {
		expect(levelBrandProblems({ level: 'DV', brand: 'rapidssl' }, rapid)).toEqual([]);
	});

	it("says the field, the token's product and what to choose", () => {
		expect(levelBrandProblems({ level: 'EV', brand: 'rapidssl' }, rapid)).toEqual([
			{
				field: 'Product Validation Level',
				problem:
					'is EV but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL',
			},
		]);
		expect(levelBrandProblems({ level: 'DV', brand: 'other' }, rapid)).toEqual([
			{
				field: 'Product Brand',
				problem:
					'is Other but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL',
			},
		]);
		expect(levelBrandProblems({ level: 'OV', brand: 'thawte' }, rapid)).toEqual([
			{
				field: 'Product Validation Level',
				problem:
					"is OV and 'Product Brand' is Thawte but the token is for RapidSSL-12 (DV, brand RapidSSL): choose DV / RapidSSL",
			},
		]);
	});

	it('checks only what is known: no level without the list, no brand for an unknown family', () => {
		const unlisted = tokenProduct('RapidSSL-12', undefined);
		expect(unlisted).toEqual({ code: 'RapidSSL-12', level: null, brand: 'rapidssl' });
		expect(levelBrandProblems({ level: 'EV', brand: 'rapidssl' }, unlisted)).toEqual([]);
		expect(levelBrandProblems({ level: 'EV', brand: 'geotrust' }, unlisted)[0].problem).toBe(
			'is GeoTrust but the token is for RapidSSL-12 (brand RapidSSL): choose RapidSSL',
		);
		const unknown = tokenProduct(
			'SmarterMailPro-250',
			productFacts({ products: { st_product_code: 'SmarterMailPro-250', product_validation: '' } }),
		);
		expect(levelBrandProblems({ level: 'EV', brand: 'digicert' }, unknown)).toEqual([]);
	});
});
