import { type INodeParameters, NodeHelpers } from 'n8n-workflow';

import {
	DV_AUTH_METHODS,
	fieldApplies,
	PLACE_ORDER_FIELDS,
	PRODUCT_BRANDS,
	VALIDATION_LEVELS,
	type PlaceOrderContext,
} from '../../../../../nodes/Servertastic/helpers/placeOrderFields';
import { Servertastic } from '../../../../../nodes/Servertastic/Servertastic.node';

// Visibility is decided by n8n-workflow's own display logic, the one the editor and the engine use.
const description = new Servertastic().description;
const node = { typeVersion: 1 };

function visibleParameters(parameters: INodeParameters): string[] {
	const values = NodeHelpers.getNodeParameters(
		description.properties,
		{ resource: 'order', operation: 'place', ...parameters },
		true,
		false,
		node,
		description,
	)!;
	return description.properties
		.filter((property) => NodeHelpers.displayParameter(values, property, node, description))
		.map((property) => property.name);
}

const contextParameters = (context: PlaceOrderContext): INodeParameters => ({
	validationLevel: context.level,
	dvAuthMethod: context.method,
	productBrand: context.brand,
	renewal: context.renewal,
	adminSameAsTech: context.adminSameAsTech,
});

const ALWAYS_VISIBLE = [
	'resource',
	'operation',
	'orderToken',
	'validationLevel',
	'productBrand',
	'dvAuthMethod',
	'csr',
	'sanDomains',
	'excludeAddon',
	'renewal',
	'adminSameAsTech',
	'additionalParameters',
	'options',
];

describe('Order → Place: which fields the editor shows', () => {
	const contexts: PlaceOrderContext[] = [];
	for (const level of VALIDATION_LEVELS)
		for (const method of DV_AUTH_METHODS)
			for (const brand of PRODUCT_BRANDS)
				for (const renewal of [false, true])
					for (const adminSameAsTech of [false, true])
						contexts.push({ level, method, brand, renewal, adminSameAsTech });

	it('shows exactly the fields that execute reads, for all 336 combinations of the switches', () => {
		expect(contexts).toHaveLength(336);
		for (const context of contexts) {
			const expected = [
				...ALWAYS_VISIBLE,
				...PLACE_ORDER_FIELDS.filter((field) => fieldApplies(field, context)).map((field) => field.name),
			].sort();
			expect({ context, visible: visibleParameters(contextParameters(context)).sort() }).toEqual({
				context,
				visible: expected,
			});
		}
	});

	const base: PlaceOrderContext = {
		level: 'DV',
		method: 'DNS',
		brand: 'other',
		renewal: false,
		adminSameAsTech: false,
	};
	const visible = (changes: Partial<PlaceOrderContext>) =>
		visibleParameters(contextParameters({ ...base, ...changes }));

	it('shows the approver email only for the Email method', () => {
		expect(visible({ method: 'EMAIL' })).toContain('approverEmail');
		for (const method of ['DNS', 'FILE', 'SFILE'] as const) {
			expect(visible({ method })).not.toContain('approverEmail');
		}
	});

	it('shows the organisation block and the contacts addresses for OV and EV only', () => {
		const ovOnly = ['orgName', 'orgAddressLine1', 'orgPhone', 'techOrganisationName', 'adminCountryCode'];
		for (const name of ovOnly) {
			expect(visible({ level: 'DV' })).not.toContain(name);
			expect(visible({ level: 'OV' })).toContain(name);
			expect(visible({ level: 'EV' })).toContain(name);
		}
	});

	it('adds the jurisdiction fields for EV only', () => {
		const jurisdiction = ['orgJurisdictionCity', 'orgJurisdictionRegion', 'orgJurisdictionCountry'];
		for (const name of jurisdiction) {
			expect(visible({ level: 'OV' })).not.toContain(name);
			expect(visible({ level: 'EV' })).toContain(name);
		}
	});

	it('shows the previous order token only for a renewal', () => {
		expect(visible({ renewal: false })).not.toContain('previousOrderToken');
		expect(visible({ renewal: true })).toContain('previousOrderToken');
	});

	it('hides the admin contact when it copies the technical contact', () => {
		expect(visible({ adminSameAsTech: false })).toEqual(expect.arrayContaining(['adminFirstName', 'adminEmail']));
		expect(visible({ adminSameAsTech: true })).not.toContain('adminFirstName');
	});

	it('shows the Sectigo fields for PositiveSSL/SectigoSSL and the CA choice for DigiCert/RapidSSL/GeoTrust', () => {
		for (const brand of ['positivessl', 'sectigossl'] as const) {
			expect(visible({ brand })).toEqual(expect.arrayContaining(['idaEmail', 'idaPhone']));
			expect(visible({ brand })).not.toContain('intermediateCa');
		}
		for (const brand of ['digicert', 'rapidssl', 'geotrust'] as const) {
			expect(visible({ brand })).toContain('intermediateCa');
			expect(visible({ brand })).not.toContain('idaEmail');
		}
		for (const brand of ['thawte', 'other'] as const) {
			expect(visible({ brand })).not.toContain('intermediateCa');
			expect(visible({ brand })).not.toContain('idaPhone');
		}
	});

	it('marks required in the editor what the seed marks required', () => {
		const required = (name: string) => description.properties.find((p) => p.name === name)?.required === true;
		for (const name of ['orderToken', 'csr', 'approverEmail', 'techFirstName', 'techJobTitle', 'orgName', 'orgPhone', 'orgJurisdictionCountry']) {
			expect({ name, required: required(name) }).toEqual({ name, required: true });
		}
		for (const name of ['techAddressLine2', 'orgDuns', 'orgDivision', 'orgIncorporatingAgency', 'orgRegistrationNumber', 'orgAddressLine2', 'orgAddressLine3', 'intermediateCa', 'sanDomains']) {
			expect({ name, required: required(name) }).toEqual({ name, required: false });
		}
	});

	it('never shows two parameters of the same name at once', () => {
		for (const context of contexts) {
			const names = visibleParameters(contextParameters(context));
			expect(new Set(names).size).toBe(names.length);
		}
	});
});
