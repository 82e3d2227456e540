import type { PlaceOrderField, ValueCheck } from './placeOrderFields';
import { ORGANISATION_LEVELS } from './placeOrderOrganisationFields';

/**
 * The contact rows of the Place Order field spec: the technical contact's, and the administrative
 * contact's, which apply only when it is not the same as the technical one.
 */

type ContactRole = 'tech' | 'admin';

export function contactFields(role: ContactRole): PlaceOrderField[] {
	// Labels fit the editor's default panel width (at most 28 characters); names stay as they were.
	const who = role === 'tech' ? 'Tech Contact' : 'Admin Contact';
	const separate = role === 'admin' ? { adminSeparate: true as const } : {};
	const person = (
		suffix: string,
		label: string,
		check: ValueCheck,
		extra: Partial<PlaceOrderField> = {},
	): PlaceOrderField => ({
		name: `${role}${label.replace(/ /g, '')}`,
		apiName: `${role}_contact_${suffix}`,
		displayName: `${who} ${label === 'Organisation Name' ? 'Organisation' : label}`,
		check,
		required: true,
		when: { ...separate },
		...extra,
	});
	const address = (
		suffix: string,
		label: string,
		check: ValueCheck,
		required = true,
		description?: string,
	): PlaceOrderField =>
		person(suffix, label, check, {
			required,
			description,
			when: { ...separate, levels: ORGANISATION_LEVELS },
		});
	return [
		person('first_name', 'First Name', 'text', { description: 'Must be a real person' }),
		person('last_name', 'Last Name', 'text'),
		person('phone', 'Phone', 'phone', { placeholder: '+44 20 7946 0000' }),
		person('email', 'Email', 'email', {
			placeholder: 'name@example.com',
			description:
				role === 'tech'
					? 'Receives a copy of the certificate once the order is processed'
					: undefined,
		}),
		person('title', 'Job Title', 'text'),
		address(
			'organisation_name',
			'Organisation Name',
			'text',
			true,
			"The contact's organisation name",
		),
		address('address_line1', 'Address Line 1', 'text'),
		address('address_line2', 'Address Line 2', 'text', false),
		address('address_city', 'City', 'text'),
		address('address_region', 'Region', 'text'),
		address('address_post_code', 'Post Code', 'text'),
		address('address_country', 'Country Code', 'country'),
	];
}
