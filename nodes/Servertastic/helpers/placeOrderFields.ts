/**
 * The field spec of Order → Place: one row per API parameter that depends on the product, the
 * validation method or the renewal switch. The node's properties, what execute reads, what is
 * validated and the request body all come from these rows, so an API name is written only here.
 * Names marked `unconfirmedName` are best guesses (see the README); correcting one is a one-line change.
 */

export type ValidationLevel = 'DV' | 'OV' | 'EV';
export type DvAuthMethod = 'EMAIL' | 'DNS' | 'FILE' | 'SFILE';
export type ProductBrand =
	| 'digicert'
	| 'geotrust'
	| 'rapidssl'
	| 'thawte'
	| 'positivessl'
	| 'sectigossl'
	| 'other';

export const VALIDATION_LEVELS: readonly ValidationLevel[] = ['DV', 'OV', 'EV'];
export const DV_AUTH_METHODS: readonly DvAuthMethod[] = ['EMAIL', 'DNS', 'FILE', 'SFILE'];
export const PRODUCT_BRANDS: readonly ProductBrand[] = [
	'digicert',
	'geotrust',
	'rapidssl',
	'thawte',
	'positivessl',
	'sectigossl',
	'other',
];

const ORGANISATION_LEVELS: ValidationLevel[] = ['OV', 'EV'];
/** Brands whose certificates DigiCert issues: their renewals need the previous order token. */
export const DIGICERT_SUPPLIED_BRANDS: ProductBrand[] = ['digicert', 'geotrust', 'rapidssl', 'thawte'];
/** The seed: "DigiCert, RapidSSL and Geotrust products only". */
const INTERMEDIATE_CA_BRANDS: ProductBrand[] = ['digicert', 'rapidssl', 'geotrust'];
const SECTIGO_IDA_BRANDS: ProductBrand[] = ['positivessl', 'sectigossl'];

/** The switches that decide which fields apply to one order. */
export interface PlaceOrderContext {
	level: ValidationLevel;
	method: DvAuthMethod;
	brand: ProductBrand;
	renewal: boolean;
	adminSameAsTech: boolean;
}

export type ValueCheck = 'text' | 'email' | 'phone' | 'country' | 'token';

export interface PlaceOrderField {
	/** The node parameter. */
	name: string;
	/** The API parameter. */
	apiName: string;
	displayName: string;
	description?: string;
	placeholder?: string;
	check: ValueCheck;
	/** Every listed condition must hold for the field to be shown, read and sent. */
	when?: {
		levels?: ValidationLevel[];
		methods?: DvAuthMethod[];
		brands?: ProductBrand[];
		renewal?: true;
		adminSeparate?: true;
	};
	/** Required whenever the field applies, or only for some brands. */
	required: boolean | { brands: ProductBrand[] };
	unconfirmedName?: true;
}

type ContactRole = 'tech' | 'admin';

function contactFields(role: ContactRole): PlaceOrderField[] {
	const who = role === 'tech' ? 'Technical Contact' : 'Admin Contact';
	const separate = role === 'admin' ? { adminSeparate: true as const } : {};
	const person = (
		suffix: string,
		label: string,
		check: ValueCheck,
		extra: Partial<PlaceOrderField> = {},
	): PlaceOrderField => ({
		name: `${role}${label.replace(/ /g, '')}`,
		apiName: `${role}_contact_${suffix}`,
		displayName: `${who} ${label}`,
		check,
		required: true,
		when: { ...separate },
		...extra,
	});
	const address = (suffix: string, label: string, check: ValueCheck, required = true): PlaceOrderField =>
		person(suffix, label, check, {
			required,
			when: { ...separate, levels: ORGANISATION_LEVELS },
		});
	return [
		person('first_name', 'First Name', 'text', { description: 'Must be a real person' }),
		person('last_name', 'Last Name', 'text'),
		person('phone', 'Phone', 'phone', { placeholder: '+44 20 7946 0000' }),
		person('email', 'Email', 'email', {
			placeholder: 'name@example.com',
			description:
				role === 'tech' ? 'Receives a copy of the certificate once the order is processed' : undefined,
		}),
		person('title', 'Job Title', 'text'),
		address('organisation_name', 'Organisation Name', 'text'),
		address('address_line1', 'Address Line 1', 'text'),
		address('address_line2', 'Address Line 2', 'text', false),
		address('address_city', 'City', 'text'),
		address('address_region', 'Region', 'text'),
		address('address_post_code', 'Post Code', 'text'),
		address('address_country', 'Country Code', 'country'),
	];
}

function organisationField(
	name: string,
	apiSuffix: string,
	displayName: string,
	check: ValueCheck,
	required: boolean,
	levels: ValidationLevel[] = ORGANISATION_LEVELS,
	description?: string,
): PlaceOrderField {
	return { name, apiName: `org_${apiSuffix}`, displayName, check, required, when: { levels }, description };
}

export const PLACE_ORDER_FIELDS: readonly PlaceOrderField[] = [
	{
		name: 'approverEmail',
		apiName: 'approver_email_address',
		displayName: 'Approver Email',
		description:
			'Address that receives the validation email; it must be one Servertastic lists for the domain (admin@, administrator@, hostmaster@, postmaster@ or webmaster@). Choose from the list, or specify an email using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		check: 'email',
		when: { methods: ['EMAIL'] },
		required: true,
	},
	{
		name: 'previousOrderToken',
		apiName: 'previous_order_token',
		displayName: 'Previous Order Token',
		description:
			'The order token of the certificate being renewed. Required for products supplied by DigiCert (DigiCert, GeoTrust, RapidSSL, Thawte).',
		check: 'token',
		when: { renewal: true },
		required: { brands: DIGICERT_SUPPLIED_BRANDS },
		unconfirmedName: true,
	},
	...contactFields('tech'),
	...contactFields('admin'),
	{
		name: 'idaEmail',
		apiName: 'ida_email_address',
		displayName: 'Sectigo Contact Email',
		description: 'Required by Sectigo for PositiveSSL and SectigoSSL orders',
		check: 'email',
		when: { brands: SECTIGO_IDA_BRANDS },
		required: true,
		unconfirmedName: true,
	},
	{
		name: 'idaPhone',
		apiName: 'ida_telephone_number',
		displayName: 'Sectigo Contact Phone',
		description: 'Required by Sectigo for PositiveSSL and SectigoSSL orders',
		check: 'phone',
		when: { brands: SECTIGO_IDA_BRANDS },
		required: true,
		unconfirmedName: true,
	},
	organisationField('orgName', 'name', 'Organisation Name', 'text', true, undefined, 'Legal name of the organisation'),
	organisationField('orgDuns', 'duns', 'Organisation DUNS Number', 'text', false),
	organisationField('orgDivision', 'division', 'Organisation Division', 'text', false),
	organisationField('orgIncorporatingAgency', 'incorporating_agency', 'Organisation Incorporating Agency', 'text', false),
	organisationField('orgRegistrationNumber', 'registration_number', 'Organisation Registration Number', 'text', false),
	organisationField('orgJurisdictionCity', 'jurisdiction_city', 'Jurisdiction City', 'text', true, ['EV'], 'City of incorporation'),
	organisationField('orgJurisdictionRegion', 'jurisdiction_region', 'Jurisdiction Region', 'text', true, ['EV'], 'State or region of incorporation'),
	organisationField('orgJurisdictionCountry', 'jurisdiction_country', 'Jurisdiction Country Code', 'country', true, ['EV'], 'Country of incorporation, ISO 3166 two-letter code'),
	organisationField('orgAddressLine1', 'address_line1', 'Organisation Address Line 1', 'text', true),
	organisationField('orgAddressLine2', 'address_line2', 'Organisation Address Line 2', 'text', false),
	organisationField('orgAddressLine3', 'address_line3', 'Organisation Address Line 3', 'text', false),
	organisationField('orgCity', 'address_city', 'Organisation City', 'text', true),
	organisationField('orgRegion', 'address_region', 'Organisation Region', 'text', true),
	organisationField('orgPostalCode', 'address_postal_code', 'Organisation Postal Code', 'text', true),
	organisationField('orgCountry', 'address_country', 'Organisation Country Code', 'country', true),
	organisationField('orgPhone', 'address_phone', 'Organisation Phone', 'phone', true),
	{
		name: 'intermediateCa',
		apiName: 'intermediate_ca',
		displayName: 'Intermediate CA',
		description:
			'Which issuing CA to chain to; leave empty for the default, most compatible one. The allowed values are listed by Get Product Fields for the order token.',
		check: 'text',
		when: { brands: INTERMEDIATE_CA_BRANDS },
		required: false,
		unconfirmedName: true,
	},
];

export function fieldApplies(field: PlaceOrderField, context: PlaceOrderContext): boolean {
	const when = field.when;
	if (!when) return true;
	if (when.levels && !when.levels.includes(context.level)) return false;
	if (when.methods && !when.methods.includes(context.method)) return false;
	if (when.brands && !when.brands.includes(context.brand)) return false;
	if (when.renewal && !context.renewal) return false;
	if (when.adminSeparate && context.adminSameAsTech) return false;
	return true;
}

export function fieldRequired(field: PlaceOrderField, context: PlaceOrderContext): boolean {
	if (typeof field.required === 'boolean') return field.required;
	return field.required.brands.includes(context.brand);
}

/** The admin contact's field of the same suffix: used when the admin is a copy of the technical contact. */
export function adminTwinOf(field: PlaceOrderField): string | undefined {
	return field.apiName.startsWith('tech_contact_')
		? field.apiName.replace(/^tech_/, 'admin_')
		: undefined;
}
