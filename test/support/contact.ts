/**
 * The one contact of the tests (Ada Lovelace at Example Ltd), in the three forms they need: as the
 * e2e webhook takes it, as the node's fields, and as the API body the node should send for it as
 * both the technical and the administrative contact.
 */
export const CONTACT = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	phone: '+44 20 7946 0000',
	email: 'ada@example.com',
	jobTitle: 'Engineer',
};

export const TECH_CONTACT = {
	techFirstName: CONTACT.firstName,
	techLastName: CONTACT.lastName,
	techPhone: CONTACT.phone,
	techEmail: CONTACT.email,
	techJobTitle: CONTACT.jobTitle,
};

export const TECH_ADDRESS = {
	techOrganisationName: 'Example Ltd',
	techAddressLine1: '1 High Street',
	techCity: 'London',
	techRegion: 'Greater London',
	techPostCode: 'EC1A 1AA',
	techCountryCode: 'GB',
};

export const ORGANISATION = {
	orgName: 'Example Ltd',
	orgAddressLine1: '1 High Street',
	orgCity: 'London',
	orgRegion: 'Greater London',
	orgPostalCode: 'EC1A 1AA',
	orgCountry: 'GB',
	orgPhone: '+44 20 7946 0001',
};

const contactBody = (role: 'tech' | 'admin') => ({
	[`${role}_contact_first_name`]: CONTACT.firstName,
	[`${role}_contact_last_name`]: CONTACT.lastName,
	[`${role}_contact_phone`]: CONTACT.phone,
	[`${role}_contact_email`]: CONTACT.email,
	[`${role}_contact_title`]: CONTACT.jobTitle,
});

/** The API body the node should send for TECH_CONTACT as both contacts. */
export const CONTACT_BODY: Record<string, string> = {
	...contactBody('tech'),
	...contactBody('admin'),
};
