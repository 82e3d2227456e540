import type { IDataObject } from 'n8n-workflow';

import { entriesOf } from './normalise';
import { textOf } from './output';
import type { ItemProblem } from './itemProblem';
import { type ProductBrand, VALIDATION_LEVELS, type ValidationLevel } from './placeOrderFields';

/**
 * Product Validation Level and Product Brand against the token's product, before anything is
 * spent. The product code comes from review (`st_product_code`) or productfields (its first entry);
 * the level from `product/listproducts` (`product_validation`, api2.md "listproduct"); the brand from
 * the code's family (api2.md "Further Field Definitions"), else from the listed product name.
 */

export interface TokenProduct {
	code: string;
	/** Null when the product list does not say (product not listed, or the list could not be read). */
	level: ValidationLevel | null;
	/** Null when neither the code nor the name names a brand this node knows: the brand is then not checked. */
	brand: ProductBrand | null;
}

export const BRAND_NAMES: Record<ProductBrand, string> = {
	digicert: 'DigiCert',
	geotrust: 'GeoTrust',
	other: 'Other',
	positivessl: 'PositiveSSL',
	rapidssl: 'RapidSSL',
	sectigossl: 'SectigoSSL',
	thawte: 'Thawte',
};

/** Code families as api2.md lists them (RapidSSL-12, QuickSSLPremiumMD-12, SSL123-12, SecureSiteProEV-12, …). */
const CODE_FAMILIES: Array<[RegExp, ProductBrand]> = [
	[/^RapidSSL/i, 'rapidssl'],
	[/^PositiveSSL/i, 'positivessl'],
	[/^SectigoSSL/i, 'sectigossl'],
	[/^(QuickSSL|TrueBizID|GeoTrust)/i, 'geotrust'],
	[/^(SSL123|SSLWebServer|Thawte)/i, 'thawte'],
	[/^(SecureSite|DigiCert)/i, 'digicert'],
];
/** The listed name, for a code outside those families ("GeoTrust True BusinessID"). PositiveSSL before Sectigo. */
const NAME_BRANDS: Array<[RegExp, ProductBrand]> = [
	[/\bRapidSSL\b/i, 'rapidssl'],
	[/\bPositiveSSL\b/i, 'positivessl'],
	[/\bGeoTrust\b/i, 'geotrust'],
	[/\bThawte\b/i, 'thawte'],
	[/\bDigiCert\b/i, 'digicert'],
];

export function brandOfProduct(code: string, name: string | null = null): ProductBrand | null {
	const byCode = CODE_FAMILIES.find(([pattern]) => pattern.test(code.trim()));
	if (byCode) return byCode[1];
	const byName = name ? NAME_BRANDS.find(([pattern]) => pattern.test(name)) : undefined;
	return byName ? byName[1] : null;
}

export interface ListedFacts {
	name: string | null;
	level: ValidationLevel | null;
}

/** `product/listproducts` in any reading (`products` one object or a list) as code → name and level. */
export function productFacts(answer: IDataObject): Map<string, ListedFacts> {
	const facts = new Map<string, ListedFacts>();
	for (const entry of entriesOf(answer.products)) {
		const code = textOf(entry.st_product_code)?.trim();
		if (!code) continue;
		const text = textOf(entry.product_validation)?.trim().toUpperCase();
		const level = VALIDATION_LEVELS.find((candidate) => candidate === text) ?? null;
		facts.set(code, { name: textOf(entry.product_name)?.trim() || null, level });
	}
	return facts;
}

/** The token's product as far as the list tells; `listed` undefined when the list could not be read. */
export function tokenProduct(
	code: string,
	listed: Map<string, ListedFacts> | undefined,
): TokenProduct {
	const facts = listed?.get(code);
	return { code, level: facts?.level ?? null, brand: brandOfProduct(code, facts?.name ?? null) };
}

/** One problem at most: the first field that differs, and everything to choose. Empty when all agree. */
export function levelBrandProblems(
	chosen: { level: ValidationLevel; brand: ProductBrand },
	product: TokenProduct,
): ItemProblem[] {
	const levelWrong = product.level !== null && chosen.level !== product.level;
	const brandWrong = product.brand !== null && chosen.brand !== product.brand;
	if (!levelWrong && !brandWrong) return [];
	const facts = [product.level, product.brand && `brand ${BRAND_NAMES[product.brand]}`]
		.filter(Boolean)
		.join(', ');
	const choose = [product.level, product.brand && BRAND_NAMES[product.brand]]
		.filter(Boolean)
		.join(' / ');
	const said = levelWrong
		? `is ${chosen.level}${brandWrong ? ` and 'Product Brand' is ${BRAND_NAMES[chosen.brand]}` : ''}`
		: `is ${BRAND_NAMES[chosen.brand]}`;
	return [
		{
			field: levelWrong ? 'Product Validation Level' : 'Product Brand',
			problem: `${said} but the token is for ${product.code} (${facts}): choose ${choose}`,
		},
	];
}
