/**
 * The field spec of Order → Place: one row per API parameter that depends on the product, the
 * validation method, the CSR source or the renewal switch. The node's properties, what execute reads, what is
 * validated and the request body all come from these rows, so an API name is written only here (the
 * contact rows in placeOrderContactFields.ts, the organisation rows in placeOrderOrganisationFields.ts).
 * Names marked `unconfirmedName` are best guesses (see the README); correcting one is a one-line change.
 */

import { contactFields } from './placeOrderContactFields';
import { ORGANISATION_FIELDS } from './placeOrderOrganisationFields';

export type ValidationLevel = 'DV' | 'OV' | 'EV';
export type DvAuthMethod = 'EMAIL' | 'DNS' | 'FILE' | 'SFILE';
/** Paste a CSR, or let Servertastic make the key pair (no CSR sent: api2.md "SSL Products"). */
export type CsrSource = 'paste' | 'generate';
export type ProductBrand =
	| 'digicert'
	| 'geotrust'
	| 'rapidssl'
	| 'thawte'
	| 'positivessl'
	| 'sectigossl'
	| 'other';

export const VALIDATION_LEVELS: readonly ValidationLevel[] = ['DV', 'OV', 'EV'];
export const CSR_SOURCES: readonly CsrSource[] = ['paste', 'generate'];
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

/** Brands whose certificates DigiCert issues: their renewals need the previous order token. */
export const DIGICERT_SUPPLIED_BRANDS: ProductBrand[] = [
	'digicert',
	'geotrust',
	'rapidssl',
	'thawte',
];
/** The Place Order page: "DigiCert, RapidSSL and Geotrust products only". */
const INTERMEDIATE_CA_BRANDS: ProductBrand[] = ['digicert', 'rapidssl', 'geotrust'];
const SECTIGO_IDA_BRANDS: ProductBrand[] = ['positivessl', 'sectigossl'];

/** The switches that decide which fields apply to one order. */
export interface PlaceOrderContext {
	level: ValidationLevel;
	method: DvAuthMethod;
	brand: ProductBrand;
	renewal: boolean;
	adminSameAsTech: boolean;
	csrSource: CsrSource;
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
	/**
	 * When the field is shown, read and sent: every key of a condition must hold. A list: any one of
	 * its conditions (they never hold together; each becomes its own editor property).
	 */
	when?: FieldCondition | FieldCondition[];
	/** Required whenever the field applies, or only for some brands; a condition's `required` overrides. */
	required: boolean | { brands: ProductBrand[] };
	unconfirmedName?: true;
}

export interface FieldCondition {
	levels?: ValidationLevel[];
	methods?: DvAuthMethod[];
	brands?: ProductBrand[];
	renewal?: true;
	adminSeparate?: true;
	csrSources?: CsrSource[];
	required?: boolean;
}

export const PLACE_ORDER_FIELDS: readonly PlaceOrderField[] = [
	{
		name: 'approverEmail',
		apiName: 'approver_email_address',
		displayName: 'Approver Email',
		description:
			'Address that receives the validation email; it must be one Servertastic lists for the domain (admin@, administrator@, hostmaster@, postmaster@ or webmaster@). Choose From List, or type or map it By Value.',
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
	...ORGANISATION_FIELDS,
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

/** The field's conditions as a list (none: always). */
export function conditionsOf(field: PlaceOrderField): FieldCondition[] {
	if (!field.when) return [{}];
	return Array.isArray(field.when) ? field.when : [field.when];
}

export function conditionHolds(when: FieldCondition, context: PlaceOrderContext): boolean {
	if (when.levels && !when.levels.includes(context.level)) return false;
	if (when.methods && !when.methods.includes(context.method)) return false;
	if (when.brands && !when.brands.includes(context.brand)) return false;
	if (when.renewal && !context.renewal) return false;
	if (when.adminSeparate && context.adminSameAsTech) return false;
	if (when.csrSources && !when.csrSources.includes(context.csrSource)) return false;
	return true;
}

export function fieldApplies(field: PlaceOrderField, context: PlaceOrderContext): boolean {
	return conditionsOf(field).some((when) => conditionHolds(when, context));
}

/** Required in this context: the holding condition's `required`, else the field's own rule. */
export function fieldRequired(field: PlaceOrderField, context: PlaceOrderContext): boolean {
	const holding = conditionsOf(field).find((when) => conditionHolds(when, context));
	if (holding?.required !== undefined) return holding.required;
	if (typeof field.required === 'boolean') return field.required;
	return field.required.brands.includes(context.brand);
}

/** The admin contact's field of the same suffix: used when the admin is a copy of the technical contact. */
export function adminTwinOf(field: PlaceOrderField): string | undefined {
	return field.apiName.startsWith('tech_contact_')
		? field.apiName.replace(/^tech_/, 'admin_')
		: undefined;
}
