import { readFileSync } from 'fs';
import { join } from 'path';

import { PLACE_ORDER_FIELDS } from '../../../../nodes/Servertastic/helpers/placeOrderFields';

describe('the Place Order field spec', () => {
	it('has unique node names and unique API names', () => {
		const names = PLACE_ORDER_FIELDS.map((field) => field.name);
		const apiNames = PLACE_ORDER_FIELDS.map((field) => field.apiName);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(apiNames).size).toBe(apiNames.length);
	});

	it('uses the spellings of the API (organisation, post_code for contacts, postal_code for the organisation)', () => {
		const apiNames = PLACE_ORDER_FIELDS.map((field) => field.apiName);
		expect(apiNames).toEqual(
			expect.arrayContaining([
				'tech_contact_organisation_name',
				'admin_contact_address_post_code',
				'org_address_postal_code',
				'org_address_phone',
				'approver_email_address',
				'org_jurisdiction_country',
				'tech_contact_title',
			]),
		);
		expect(apiNames.filter((name) => name.includes('organization'))).toEqual([]);
	});

	it('is documented field by field in the README', () => {
		const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
		for (const field of PLACE_ORDER_FIELDS) {
			expect(readme).toContain(
				`| ${field.displayName} | \`${field.apiName}\`${field.unconfirmedName ? ' [?]' : ''} |`,
			);
		}
	});
});
