import {
	fieldApplies,
	fieldRequired,
	type PlaceOrderContext,
} from '../../../../nodes/Servertastic/helpers/placeOrderFields';
import {
	ORGANISATION_FIELDS,
	ORGANISATION_LEVELS,
} from '../../../../nodes/Servertastic/helpers/placeOrderOrganisationFields';

const context = (changes: Partial<PlaceOrderContext>): PlaceOrderContext => ({
	level: 'DV',
	method: 'DNS',
	brand: 'other',
	renewal: false,
	adminSameAsTech: true,
	csrSource: 'paste',
	...changes,
});

describe('the organisation rows of the Place Order field spec', () => {
	it('are the org_ parameters, sent for OV and EV orders', () => {
		expect(ORGANISATION_LEVELS).toEqual(['OV', 'EV']);
		for (const field of ORGANISATION_FIELDS) {
			expect(field.apiName).toMatch(/^org_/);
			expect(field.name).toMatch(/^org[A-Z]/);
			for (const level of ORGANISATION_LEVELS)
				for (const csrSource of ['paste', 'generate'] as const)
					expect(fieldApplies(field, context({ level, csrSource }))).toBe(true);
			expect(fieldApplies(field, context({ level: 'DV' }))).toBe(false);
		}
	});

	it('requires, for a DV key pair Servertastic makes, what api2.md requires without a CSR', () => {
		const generated = context({ level: 'DV', csrSource: 'generate' });
		const applying = ORGANISATION_FIELDS.filter((field) => fieldApplies(field, generated));
		expect(applying.map((field) => field.apiName)).toEqual([
			'org_name',
			'org_division',
			'org_address_city',
			'org_address_region',
			'org_address_country',
		]);
		for (const field of applying) expect(fieldRequired(field, generated)).toBe(true);
	});

	it('makes the division required only when no CSR is sent', () => {
		const division = ORGANISATION_FIELDS.find((field) => field.name === 'orgDivision')!;
		expect(fieldRequired(division, context({ level: 'OV', csrSource: 'paste' }))).toBe(false);
		expect(fieldRequired(division, context({ level: 'OV', csrSource: 'generate' }))).toBe(true);
		expect(fieldRequired(division, context({ level: 'EV', csrSource: 'generate' }))).toBe(true);
	});

	it('requires the jurisdiction of OV and EV orders', () => {
		const ev = context({ level: 'EV' });
		const jurisdiction = ORGANISATION_FIELDS.filter((field) =>
			field.name.startsWith('orgJurisdiction'),
		);
		expect(jurisdiction).toHaveLength(3);
		for (const field of jurisdiction) expect(fieldRequired(field, ev)).toBe(true);
	});
});
