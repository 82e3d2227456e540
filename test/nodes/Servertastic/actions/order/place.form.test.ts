import { type INodeParameters, NodeHelpers } from 'n8n-workflow';

import { labelOfParameter } from '../../../../../nodes/Servertastic/helpers/productFields';
import { Servertastic } from '../../../../../nodes/Servertastic/Servertastic.node';

// The form as a person fills it in, with labels that fit the panel. The editor lists the parameters
// in the order of the description, shown ones only (n8n-workflow's own display logic decides which).
const description = new Servertastic().description;
const node = { typeVersion: 1 };

function shownInOrder(parameters: INodeParameters): string[] {
	const all = { resource: 'order', operation: 'place', ...parameters };
	const values = NodeHelpers.getNodeParameters(
		description.properties,
		all,
		true,
		false,
		node,
		description,
	)!;
	return description.properties
		.filter((property) => NodeHelpers.displayParameter(values, property, node, description))
		.map((property) => property.name);
}

/** Where each field's group comes in the form; every shown field must belong to one. */
const GROUPS: Array<[string, (name: string) => boolean]> = [
	['token', (name) => name === 'orderToken'],
	['product', (name) => ['validationLevel', 'productBrand', 'intermediateCa'].includes(name)],
	['csr', (name) => ['csrSource', 'csr', 'domainName'].includes(name)],
	['validation', (name) => ['dvAuthMethod', 'approverEmail'].includes(name)],
	['names', (name) => ['sanDomains', 'excludeAddon'].includes(name)],
	[
		'certificate',
		(name) =>
			[
				'hashingAlgorithm',
				'webServerType',
				'renewal',
				'previousOrderToken',
				'competitiveUpgrade',
			].includes(name),
	],
	['organisation', (name) => name.startsWith('org')],
	['contacts', (name) => /^(tech|admin|ida)/.test(name)],
	['settings', (name) => ['additionalParameters', 'output', 'fields', 'options'].includes(name)],
];
const groupOf = (name: string) => GROUPS.findIndex(([, member]) => member(name));

describe('Order → Place: the form in the order a person fills it in', () => {
	const contexts: INodeParameters[] = [
		{},
		{
			validationLevel: 'OV',
			dvAuthMethod: 'EMAIL',
			productBrand: 'sectigossl',
			renewal: true,
			adminSameAsTech: false,
		},
		{ validationLevel: 'EV', productBrand: 'digicert', csrSource: 'generate' },
		{ validationLevel: 'DV', csrSource: 'generate', dvAuthMethod: 'EMAIL' },
	];

	it.each(contexts.map((context) => [JSON.stringify(context), context]))(
		'%s: token, product, CSR, validation, names, certificate, organisation, contacts',
		(_label, context) => {
			const shown = shownInOrder(context as INodeParameters).filter(
				(name) => !['resource', 'operation'].includes(name),
			);
			const groups = shown.map(groupOf);
			expect({ unknown: shown.filter((_name, index) => groups[index] < 0) }).toEqual({
				unknown: [],
			});
			expect(groups).toEqual([...groups].sort((a, b) => a - b));
		},
	);

	it.each(contexts.map((context) => [JSON.stringify(context), context]))(
		'%s: no two shown fields have the same label',
		(_label, context) => {
			const shown = shownInOrder(context as INodeParameters);
			const labels = shown.map(
				(name) => description.properties.find((property) => property.name === name)!.displayName,
			);
			expect(labels.filter((label, index) => labels.indexOf(label) !== index)).toEqual([]);
		},
	);

	it('puts the CSR (and CSR Source, and Domain Name) above Approver Email, which depends on it', () => {
		const shown = shownInOrder({ dvAuthMethod: 'EMAIL' });
		expect(shown.indexOf('csrSource')).toBeLessThan(shown.indexOf('csr'));
		expect(shown.indexOf('csr')).toBeLessThan(shown.indexOf('approverEmail'));
		const generated = shownInOrder({ dvAuthMethod: 'EMAIL', csrSource: 'generate' });
		expect(generated.indexOf('domainName')).toBeLessThan(generated.indexOf('approverEmail'));
	});

	it('keeps the jurisdiction with the organisation: the organisation fields come as one block', () => {
		const shown = shownInOrder({ validationLevel: 'OV' });
		const organisation = shown.filter((name) => name.startsWith('org'));
		const first = shown.indexOf(organisation[0]);
		expect(shown.slice(first, first + organisation.length)).toEqual(organisation);
		expect(organisation.slice(0, 8)).toEqual([
			'orgName',
			'orgDuns',
			'orgDivision',
			'orgIncorporatingAgency',
			'orgRegistrationNumber',
			'orgJurisdictionCity',
			'orgJurisdictionRegion',
			'orgJurisdictionCountry',
		]);
	});
});

describe('labels and hints', () => {
	it('no label of any operation is longer than 28 characters (cut short in the default panel width)', () => {
		const long = description.properties
			.filter((property) => property.type !== 'notice' && property.displayName.length > 28)
			.map((property) => property.displayName);
		expect(long).toEqual([]);
	});

	it('the labels the pre-flight names fields by are the labels the Place form shows', () => {
		const shown = new Set(description.properties.map((property) => property.displayName));
		const names = [
			'order_token',
			'dv_auth_method',
			'csr',
			'domain_name',
			'san_domains',
			'hashing_algorithm',
			'web_server_type',
			'WebServerType',
			'competitive_upgrade',
			'renewal',
			'exclude_addon',
		];
		expect(names.filter((name) => !shown.has(labelOfParameter(name)))).toEqual([]);
	});

	it('gives Previous Order Token, the SANs, Exclude Free Www and the Order Token a hint', () => {
		const place = (name: string) =>
			description.properties.find(
				(property) =>
					property.name === name && property.displayOptions?.show?.operation?.includes('place'),
			)!;
		expect(place('previousOrderToken').hint).toMatch(/renews/);
		expect(place('sanDomains').hint).toMatch(/besides the main one/);
		expect(place('excludeAddon').hint).toMatch(/www\.example\.com/);
		expect(place('orderToken').hint).toMatch(/Generate Token.*reseller panel/);
		expect(place('excludeAddon').displayName).toBe('Exclude Free Www');
		expect(place('adminSameAsTech').displayName).toBe('Admin Same as Tech Contact');
	});

	it("Approver Email's list says, under the field, why it can be empty", () => {
		const approver = description.properties.find((property) => property.name === 'approverEmail')!;
		expect(approver.type).toBe('resourceLocator');
		expect(approver.default).toEqual({ mode: 'list', value: '' });
		expect(approver.required).toBe(true);
		expect(approver.modes?.[0].hint).toMatch(/empty until the CSR is entered above/);
		expect(approver.modes?.[1]).toMatchObject({
			name: 'email',
			displayName: 'By Value',
			type: 'string',
		});
	});
});
