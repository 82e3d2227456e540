import { contactFields } from '../../../../nodes/Servertastic/helpers/placeOrderContactFields';
import {
	adminTwinOf,
	fieldApplies,
	fieldRequired,
	type PlaceOrderContext,
} from '../../../../nodes/Servertastic/helpers/placeOrderFields';

const context = (changes: Partial<PlaceOrderContext>): PlaceOrderContext => ({
	level: 'DV',
	method: 'DNS',
	brand: 'other',
	renewal: false,
	adminSameAsTech: false,
	csrSource: 'paste',
	...changes,
});

const ADDRESS_SUFFIXES = [
	'organisation_name',
	'address_line1',
	'address_line2',
	'address_city',
	'address_region',
	'address_post_code',
	'address_country',
];

describe('the contact rows of the Place Order field spec', () => {
	const tech = contactFields('tech');
	const admin = contactFields('admin');

	it('gives the admin contact a twin of every technical contact row', () => {
		expect(tech.map(adminTwinOf)).toEqual(admin.map((field) => field.apiName));
		expect(admin.map(adminTwinOf)).toEqual(admin.map(() => undefined));
		expect(admin.map((field) => field.name)).toEqual(
			tech.map((field) => field.name.replace(/^tech/, 'admin')),
		);
	});

	it('shows the admin contact only when it is not the technical one', () => {
		for (const field of admin) {
			expect(fieldApplies(field, context({ level: 'OV', adminSameAsTech: false }))).toBe(true);
			expect(fieldApplies(field, context({ level: 'OV', adminSameAsTech: true }))).toBe(false);
		}
		for (const field of tech)
			expect(fieldApplies(field, context({ level: 'OV', adminSameAsTech: true }))).toBe(true);
	});

	it('asks for the addresses of OV and EV orders only', () => {
		const address = tech.filter((field) =>
			ADDRESS_SUFFIXES.includes(field.apiName.replace('tech_contact_', '')),
		);
		expect(address).toHaveLength(ADDRESS_SUFFIXES.length);
		for (const field of address) {
			expect(fieldApplies(field, context({ level: 'DV' }))).toBe(false);
			expect(fieldApplies(field, context({ level: 'OV' }))).toBe(true);
			expect(fieldApplies(field, context({ level: 'EV' }))).toBe(true);
		}
		const person = tech.filter((field) => !address.includes(field));
		for (const field of person) expect(fieldApplies(field, context({ level: 'DV' }))).toBe(true);
	});

	it('requires every contact field but the second address line', () => {
		const ov = context({ level: 'OV' });
		const optional = [...tech, ...admin].filter((field) => !fieldRequired(field, ov));
		expect(optional.map((field) => field.name)).toEqual(['techAddressLine2', 'adminAddressLine2']);
	});

	it('keeps the labels within the width of the editor panel', () => {
		for (const field of [...tech, ...admin])
			expect(field.displayName.length).toBeLessThanOrEqual(28);
	});
});
