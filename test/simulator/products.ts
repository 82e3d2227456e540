// The simulator's catalogue and the per-product field list that `productfields` answers and `place`
// validates against: one definition, so the two cannot drift apart.

export type Validation = 'DV' | 'OV' | 'EV';
export type Supplier = 'DigiCert' | 'Sectigo';
export type Brand = 'RapidSSL' | 'GeoTrust' | 'DigiCert' | 'Thawte' | 'Sectigo';

export interface Product {
	code: string;
	name: string;
	validation: Validation;
	wildcard: boolean;
	supplier: Supplier;
	brand: Brand;
	minSanCount: number;
	maxSanCount: number;
	maxServerCount: number;
	/** Price of the base certificate, in account points. */
	points: number;
	/** Price of each additional SAN. */
	sanPoints: number;
}

const p = (
	code: string,
	name: string,
	validation: Validation,
	brand: Brand,
	points: number,
	extra: Partial<Product> = {},
): Product => ({
	code,
	name,
	validation,
	wildcard: /Wildcard/.test(code),
	supplier: brand === 'Sectigo' ? 'Sectigo' : 'DigiCert',
	brand,
	minSanCount: 0,
	maxSanCount: 0,
	maxServerCount: brand === 'Sectigo' ? 1 : 99,
	points,
	sanPoints: 0,
	...extra,
});

export const PRODUCTS: readonly Product[] = [
	p('RapidSSL-12', 'RapidSSL Standard DV', 'DV', 'RapidSSL', 20),
	p('RapidSSLWildcard-12', 'RapidSSL Wildcard DV', 'DV', 'RapidSSL', 90),
	p('PositiveSSL-12', 'Sectigo PositiveSSL', 'DV', 'Sectigo', 8),
	p('PositiveSSLWildcard-12', 'Sectigo PositiveSSL Wildcard', 'DV', 'Sectigo', 60),
	p('PositiveSSLMDC-12', 'Sectigo PositiveSSL Multi-Domain', 'DV', 'Sectigo', 25, {
		minSanCount: 2,
		maxSanCount: 247,
		sanPoints: 10,
	}),
	p('SectigoSSL-12', 'Sectigo SSL', 'DV', 'Sectigo', 15),
	p('QuickSSLPremium-12', 'GeoTrust QuickSSL Premium', 'DV', 'GeoTrust', 45),
	p('SSL123-12', 'Thawte SSL123', 'DV', 'Thawte', 40, { maxSanCount: 249, sanPoints: 30 }),
	p('TrueBizID-12', 'GeoTrust True BusinessID', 'OV', 'GeoTrust', 90, {
		maxSanCount: 249,
		sanPoints: 80,
	}),
	p('SecureSite-12', 'DigiCert Secure Site', 'OV', 'DigiCert', 300, {
		maxSanCount: 249,
		sanPoints: 250,
	}),
	p('SSLWebServerWildcard-12', 'Thawte SSL Web Server Wildcard', 'OV', 'Thawte', 350),
	p('TrueBizIDEV-12', 'GeoTrust True BusinessID with EV', 'EV', 'GeoTrust', 160, {
		maxSanCount: 249,
		sanPoints: 140,
	}),
	p('SecureSiteProEV-12', 'DigiCert Secure Site Pro with EV', 'EV', 'DigiCert', 900, {
		maxSanCount: 249,
		sanPoints: 600,
	}),
];

export function findProduct(code: string): Product | undefined {
	return PRODUCTS.find((x) => x.code === code);
}

export const orderCost = (product: Product, sanCount: number): number =>
	product.points + sanCount * product.sanPoints;

/** Issuing CA names a customer may pick; the first is the default. Only these brands offer a choice. */
export const INTERMEDIATES: Partial<Record<Brand, string[]>> = {
	RapidSSL: ['RapidSSL TLS RSA CA G1', 'RapidSSL Global TLS RSA4096 SHA256 2022 CA1'],
	GeoTrust: ['GeoTrust TLS RSA CA G1', 'GeoTrust Global TLS RSA4096 SHA256 2022 CA1'],
	DigiCert: [
		'DigiCert Global G2 TLS RSA SHA256 2020 CA1',
		'DigiCert Global G3 TLS ECC SHA384 2020 CA1',
	],
};

/** Issuing CA and root for brands without a choice. */
export function chainNames(
	product: Product,
	intermediate?: string,
): { intermediate: string; root: string } {
	if (product.supplier === 'Sectigo') {
		return {
			intermediate: 'Sectigo RSA Domain Validation Secure Server CA',
			root: 'USERTrust RSA Certification Authority',
		};
	}
	const choices = INTERMEDIATES[product.brand];
	return {
		intermediate: intermediate || choices?.[0] || 'Thawte TLS RSA CA G1',
		root: 'DigiCert Global Root G2',
	};
}

/** DOC api2.md:253 and its productfields example (EMAIL, FILE, DNS); SFILE from the place page (seed). */
export const DV_AUTH_METHODS = ['EMAIL', 'FILE', 'DNS', 'SFILE'];
/** DOC api2.md:456-463 (productfields); its Fields table (api2.md:254) spells them SHA2-256. */
export const HASHING_ALGORITHMS = ['SHA-256', 'SHA-256-FULL-CHAIN'];

export type InputType = 'hidden' | 'email' | 'text' | 'tel' | 'textarea' | 'checkbox' | 'select';

export interface ProductField {
	name: string;
	required: boolean;
	input_type: InputType;
	options?: string[];
	/** All must hold for the field to be required: `x` when x is given, `!x` when x is absent. */
	required_if?: string[];
}

const f = (
	name: string,
	input_type: InputType,
	required: boolean,
	extra: Partial<ProductField> = {},
): ProductField => ({
	name,
	required,
	input_type,
	...extra,
});

const CHECKBOX = ['0', '1'];
// DOC api2.md:465-509: for a DV product the organisation is needed only when the API makes the CSR.
const WITHOUT_CSR = ['domain_name', '!csr'];

function contact(prefix: string, organisation: boolean): ProductField[] {
	const fields = [
		f(`${prefix}_first_name`, 'text', true),
		f(`${prefix}_last_name`, 'text', true),
		f(`${prefix}_phone`, 'tel', true),
		f(`${prefix}_email`, 'email', true),
		f(`${prefix}_title`, 'text', true),
	];
	if (organisation) {
		// DOC api2.md:225-243 and the place page (seed): required for OV and EV, line 2 optional.
		fields.push(
			f(`${prefix}_organisation_name`, 'text', true),
			f(`${prefix}_address_line1`, 'text', true),
			f(`${prefix}_address_line2`, 'text', false),
			f(`${prefix}_address_city`, 'text', true),
			f(`${prefix}_address_region`, 'text', true),
			f(`${prefix}_address_post_code`, 'text', true),
			f(`${prefix}_address_country`, 'text', true),
		);
	}
	return fields;
}

/** DV: DOC api2.md:465-509 exactly. OV/EV: a guess from DOC's Fields table and the place page (seed). */
function organisation(business: boolean): ProductField[] {
	if (!business) {
		return [
			'org_name',
			'org_division',
			'org_address_city',
			'org_address_region',
			'org_address_country',
		].map((name) => f(name, 'text', false, { required_if: WITHOUT_CSR }));
	}
	return [
		f('org_name', 'text', true),
		f('org_duns', 'text', false),
		f('org_division', 'text', false, { required_if: WITHOUT_CSR }),
		f('org_incorporating_agency', 'text', false),
		f('org_registration_number', 'text', false),
		// The Place Order page (../shared/seeds/place-order.txt): "Required if ordering OV or EV", not EV only.
		f('org_jurisdiction_city', 'text', true),
		f('org_jurisdiction_region', 'text', true),
		f('org_jurisdiction_country', 'text', true),
		f('org_address_line1', 'text', true),
		f('org_address_line2', 'text', false),
		f('org_address_line3', 'text', false),
		f('org_address_city', 'text', true),
		f('org_address_region', 'text', true),
		f('org_address_postal_code', 'text', true),
		f('org_address_country', 'text', true),
		f('org_address_phone', 'tel', true),
	];
}

/**
 * The `place` fields for one token, in the order of DOC's productfields example (api2.md:312-510).
 * exclude_addon, san_domains, previous_order_token, ida_* and intermediate_ca come from the place
 * page (seed) and CHG; where they sit in the list, and their entries, are guesses.
 */
export function productFields(product: Product, sanCount: number): ProductField[] {
	const business = product.validation !== 'DV';
	const fields: ProductField[] = [
		f('order_token', 'hidden', true),
		// Required in DOC's example (api2.md:324-331); place still asks for it only with EMAIL (seed).
		f('approver_email_address', 'email', true),
		...contact('tech_contact', business),
		...contact('admin_contact', business),
		f('domain_name', 'text', false, { required_if: ['!csr'] }),
		f('csr', 'textarea', false, { required_if: ['!domain_name'] }),
		f('renewal', 'checkbox', false, { options: CHECKBOX }),
		f('competitive_upgrade', 'checkbox', false, { options: CHECKBOX }),
		f('dv_auth_method', 'select', true, {
			// CA/Browser Forum: no file-based validation for wildcard names.
			options: product.wildcard ? ['EMAIL', 'DNS'] : [...DV_AUTH_METHODS],
		}),
		f('hashing_algorithm', 'select', true, { options: [...HASHING_ALGORITHMS] }),
	];
	if (!product.wildcard && sanCount === 0)
		fields.push(f('exclude_addon', 'checkbox', false, { options: CHECKBOX }));
	if (sanCount > 0) fields.push(f('san_domains', 'textarea', true));
	if (product.supplier === 'DigiCert') {
		fields.push(f('previous_order_token', 'text', false, { required_if: ['renewal'] }));
	}
	if (/^(PositiveSSL|SectigoSSL)/.test(product.code)) {
		fields.push(f('ida_email_address', 'email', true), f('ida_telephone_number', 'tel', true));
	}
	fields.push(...organisation(business));
	const intermediates = INTERMEDIATES[product.brand];
	if (intermediates)
		fields.push(f('intermediate_ca', 'select', false, { options: [...intermediates] }));
	return fields;
}

/** The product's label in productfields: "<Brand>: <name>" (DOC api2.md:315). */
export const productLabel = (product: Product): string => `${product.brand}: ${product.name}`;
