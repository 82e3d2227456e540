import type {
	FieldCondition,
	PlaceOrderField,
	ValidationLevel,
	ValueCheck,
} from './placeOrderFields';

/**
 * The organisation rows of the Place Order field spec: OV and EV orders send them, and DV orders
 * some of them when Servertastic makes the key pair.
 */

/** The levels whose orders carry the organisation and the contacts' addresses. */
export const ORGANISATION_LEVELS: ValidationLevel[] = ['OV', 'EV'];

/** An organisation field of OV and EV orders; `keyPair` adds when Servertastic makes the key pair. */
function organisationField(
	name: string,
	apiSuffix: string,
	displayName: string,
	check: ValueCheck,
	required: boolean,
	description?: string,
	keyPair?: FieldCondition[],
): PlaceOrderField {
	const when = keyPair
		? [{ levels: ORGANISATION_LEVELS }, ...keyPair]
		: { levels: ORGANISATION_LEVELS };
	return { name, apiName: `org_${apiSuffix}`, displayName, check, required, when, description };
}

// Without a CSR, api2.md's productfields example requires org_name, org_division, org_address_city,
// _region and _country (required_if domain_name and !csr), and its Fields table says the same:
// "required if the csr isn't supplied". For DV orders they then appear; for OV/EV the division turns required.
const DV_KEY_PAIR: FieldCondition[] = [
	{ levels: ['DV'], csrSources: ['generate'], required: true },
];
const DIVISION_WHEN: FieldCondition[] = [
	{ levels: ORGANISATION_LEVELS, csrSources: ['paste'] },
	{ csrSources: ['generate'], required: true },
];

/** In the spec's order, which is the editor's. */
export const ORGANISATION_FIELDS: readonly PlaceOrderField[] = [
	organisationField(
		'orgName',
		'name',
		'Organisation Name',
		'text',
		true,
		'Legal name of the organisation',
		DV_KEY_PAIR,
	),
	organisationField('orgDuns', 'duns', 'Organisation DUNS Number', 'text', false),
	{
		...organisationField('orgDivision', 'division', 'Organisation Division', 'text', false),
		when: DIVISION_WHEN,
	},
	organisationField(
		'orgIncorporatingAgency',
		'incorporating_agency',
		'Incorporating Agency',
		'text',
		false,
		'The agency the organisation is incorporated with, e.g. Companies House',
	),
	organisationField(
		'orgRegistrationNumber',
		'registration_number',
		'Registration Number',
		'text',
		false,
		"The organisation's company registration number",
	),
	// The Place Order page: "Required if ordering OV or EV certificate", for all three.
	organisationField(
		'orgJurisdictionCity',
		'jurisdiction_city',
		'Jurisdiction City',
		'text',
		true,
		'City of incorporation',
	),
	organisationField(
		'orgJurisdictionRegion',
		'jurisdiction_region',
		'Jurisdiction Region',
		'text',
		true,
		'State or region of incorporation',
	),
	organisationField(
		'orgJurisdictionCountry',
		'jurisdiction_country',
		'Jurisdiction Country Code',
		'country',
		true,
		'Country of incorporation, ISO 3166 two-letter code',
	),
	organisationField(
		'orgAddressLine1',
		'address_line1',
		'Organisation Address Line 1',
		'text',
		true,
	),
	organisationField(
		'orgAddressLine2',
		'address_line2',
		'Organisation Address Line 2',
		'text',
		false,
	),
	organisationField(
		'orgAddressLine3',
		'address_line3',
		'Organisation Address Line 3',
		'text',
		false,
	),
	organisationField(
		'orgCity',
		'address_city',
		'Organisation City',
		'text',
		true,
		undefined,
		DV_KEY_PAIR,
	),
	organisationField(
		'orgRegion',
		'address_region',
		'Organisation Region',
		'text',
		true,
		undefined,
		DV_KEY_PAIR,
	),
	organisationField(
		'orgPostalCode',
		'address_postal_code',
		'Organisation Postal Code',
		'text',
		true,
	),
	organisationField(
		'orgCountry',
		'address_country',
		'Organisation Country Code',
		'country',
		true,
		undefined,
		DV_KEY_PAIR,
	),
	organisationField('orgPhone', 'address_phone', 'Organisation Phone', 'phone', true),
];
