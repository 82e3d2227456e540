import { type INodeParameters, NodeHelpers } from 'n8n-workflow';

import {
	CSR_SOURCES,
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
	csrSource: context.csrSource,
});

const ALWAYS_VISIBLE = [
	'resource',
	'operation',
	'orderToken',
	'validationLevel',
	'productBrand',
	'dvAuthMethod',
	'csrSource',
	'hashingAlgorithm',
	'sanDomains',
	'excludeAddon',
	'renewal',
	'competitiveUpgrade',
	'adminSameAsTech',
	'additionalParameters',
	'output',
	'options',
];

/** The explicit properties that follow a switch (the spec rows follow fieldApplies). */
const switchedProperties = (context: PlaceOrderContext): string[] => [
	context.csrSource === 'paste' ? 'csr' : 'domainName',
	...(context.level === 'DV' ? [] : ['webServerType']),
];

describe('Order → Place: which fields the editor shows', () => {
	const contexts: PlaceOrderContext[] = [];
	for (const level of VALIDATION_LEVELS)
		for (const method of DV_AUTH_METHODS)
			for (const brand of PRODUCT_BRANDS)
				for (const renewal of [false, true])
					for (const adminSameAsTech of [false, true])
						for (const csrSource of CSR_SOURCES)
							contexts.push({ level, method, brand, renewal, adminSameAsTech, csrSource });

	it('shows exactly the fields that execute reads, for all 672 combinations of the switches', () => {
		expect(contexts).toHaveLength(672);
		for (const context of contexts) {
			const expected = [
				...ALWAYS_VISIBLE,
				...switchedProperties(context),
				...PLACE_ORDER_FIELDS.filter((field) => fieldApplies(field, context)).map(
					(field) => field.name,
				),
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
		csrSource: 'paste',
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
		const ovOnly = [
			'orgName',
			'orgAddressLine1',
			'orgPhone',
			'techOrganisationName',
			'adminCountryCode',
		];
		for (const name of ovOnly) {
			expect(visible({ level: 'DV' })).not.toContain(name);
			expect(visible({ level: 'OV' })).toContain(name);
			expect(visible({ level: 'EV' })).toContain(name);
		}
	});

	it('shows the jurisdiction fields for OV and EV (the Place Order page, ../shared/seeds/place-order.txt: "Required if ordering OV or EV"), required', () => {
		const jurisdiction = ['orgJurisdictionCity', 'orgJurisdictionRegion', 'orgJurisdictionCountry'];
		for (const name of jurisdiction) {
			expect(visible({ level: 'DV' })).not.toContain(name);
			expect(visible({ level: 'OV' })).toContain(name);
			expect(visible({ level: 'EV' })).toContain(name);
			expect(
				description.properties.filter((p) => p.name === name).every((p) => p.required === true),
			).toBe(true);
		}
	});

	it('CSR Source: pasting shows the CSR; generating shows Domain Name and, for DV, the organisation fields required_if names', () => {
		expect(visible({ csrSource: 'paste' })).toContain('csr');
		expect(visible({ csrSource: 'paste' })).not.toContain('domainName');
		const generated = visible({ csrSource: 'generate' });
		expect(generated).not.toContain('csr');
		expect(generated).toContain('domainName');
		const keyPairOrganisation = ['orgName', 'orgDivision', 'orgCity', 'orgRegion', 'orgCountry'];
		expect(generated.filter((name) => name.startsWith('org'))).toEqual(keyPairOrganisation);
		expect(visible({ csrSource: 'paste' }).filter((name) => name.startsWith('org'))).toEqual([]);
		// Shown for OV/EV either way; the division only becomes required without a CSR.
		for (const name of keyPairOrganisation)
			expect(visible({ level: 'OV', csrSource: 'paste' })).toContain(name);
	});

	it('marks the key-pair fields required exactly when they are shown for it', () => {
		const shown = (context: PlaceOrderContext, name: string) => {
			const values = NodeHelpers.getNodeParameters(
				description.properties,
				{ resource: 'order', operation: 'place', ...contextParameters(context) },
				true,
				false,
				node,
				description,
			)!;
			return description.properties.filter(
				(p) => p.name === name && NodeHelpers.displayParameter(values, p, node, description),
			);
		};
		const dvGenerate = { ...base, csrSource: 'generate' as const };
		for (const name of [
			'domainName',
			'orgName',
			'orgDivision',
			'orgCity',
			'orgRegion',
			'orgCountry',
		]) {
			expect({ name, required: shown(dvGenerate, name).map((p) => p.required) }).toEqual({
				name,
				required: [true],
			});
		}
		expect(shown({ ...base, level: 'OV' }, 'orgDivision').map((p) => p.required)).toEqual([false]);
		expect(
			shown({ ...base, level: 'OV', csrSource: 'generate' }, 'orgDivision').map((p) => p.required),
		).toEqual([true]);
	});

	it('shows the web server type for OV and EV only; Hashing Algorithm and Competitive Upgrade always', () => {
		expect(visible({ level: 'DV' })).not.toContain('webServerType');
		expect(visible({ level: 'OV' })).toContain('webServerType');
		expect(visible({ level: 'EV' })).toContain('webServerType');
		const hashing = description.properties.find((p) => p.name === 'hashingAlgorithm')!;
		// A fixed list (no per-token load, which fails in the editor on an expression token).
		expect(hashing.typeOptions?.loadOptionsMethod).toBeUndefined();
		expect(hashing.default).toBe('');
		expect(hashing.options!.map((option) => (option as { value: string }).value)).toEqual([
			'',
			'SHA-256',
			'SHA-256-FULL-CHAIN',
		]);
		expect(hashing.hint).toMatch(
			/reads Get Product Fields for the token and sends the first value it lists/,
		);
	});

	it('shows the previous order token only for a renewal', () => {
		expect(visible({ renewal: false })).not.toContain('previousOrderToken');
		expect(visible({ renewal: true })).toContain('previousOrderToken');
	});

	it('hides the admin contact when it copies the technical contact', () => {
		expect(visible({ adminSameAsTech: false })).toEqual(
			expect.arrayContaining(['adminFirstName', 'adminEmail']),
		);
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

	it('marks required in the editor what the Place Order page marks required', () => {
		// The first property of a name: for a field with several conditions, the OV/EV (or CSR) one.
		const required = (name: string) =>
			description.properties.find((p) => p.name === name)?.required === true;
		for (const name of [
			'orderToken',
			'csr',
			'domainName',
			'approverEmail',
			'techFirstName',
			'techJobTitle',
			'orgName',
			'orgPhone',
			'orgJurisdictionCity',
			'orgJurisdictionRegion',
			'orgJurisdictionCountry',
		]) {
			expect({ name, required: required(name) }).toEqual({ name, required: true });
		}
		for (const name of [
			'techAddressLine2',
			'orgDuns',
			'orgDivision',
			'orgIncorporatingAgency',
			'orgRegistrationNumber',
			'orgAddressLine2',
			'orgAddressLine3',
			'intermediateCa',
			'sanDomains',
			'hashingAlgorithm',
			'competitiveUpgrade',
		]) {
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
