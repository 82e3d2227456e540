/**
 * What the benchmark runs: Order → Place and n8n's HTTP Request node, both inside n8n's engine through
 * the same harness (test/harness), sending the same OV order built from the same 21 item fields.
 */
import { existsSync } from 'fs';
import { join, resolve } from 'path';

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import type { RunNodeResult } from '../harness';
import { ORGANISATION, TECH_ADDRESS, TECH_CONTACT } from '../support/contact';

export const ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
export const DIST = join(ROOT, 'dist');
export const NODES_BASE_CACHE = '/var/cache/n8n-nodes-servertastic/bench-n8n-nodes-base-2.41.1';

const { runNode } = require('../harness') as typeof import('../harness');
const { Servertastic } = require(join(DIST, 'nodes/Servertastic/Servertastic.node.js'));
const { ServertasticApi } = require(join(DIST, 'credentials/ServertasticApi.credentials.js'));

/** The one contact fixture (test/support/contact.ts), with the jurisdiction an OV order needs. */
export const CONTACT = {
	...TECH_CONTACT,
	...TECH_ADDRESS,
	...ORGANISATION,
	orgJurisdictionCity: 'London',
	orgJurisdictionRegion: 'Greater London',
	orgJurisdictionCountry: 'GB',
};
const FIELD_API_NAMES: Record<string, string[]> = {
	techFirstName: ['tech_contact_first_name', 'admin_contact_first_name'],
	techLastName: ['tech_contact_last_name', 'admin_contact_last_name'],
	techPhone: ['tech_contact_phone', 'admin_contact_phone'],
	techEmail: ['tech_contact_email', 'admin_contact_email'],
	techJobTitle: ['tech_contact_title', 'admin_contact_title'],
	techOrganisationName: ['tech_contact_organisation_name', 'admin_contact_organisation_name'],
	techAddressLine1: ['tech_contact_address_line1', 'admin_contact_address_line1'],
	techCity: ['tech_contact_address_city', 'admin_contact_address_city'],
	techRegion: ['tech_contact_address_region', 'admin_contact_address_region'],
	techPostCode: ['tech_contact_address_post_code', 'admin_contact_address_post_code'],
	techCountryCode: ['tech_contact_address_country', 'admin_contact_address_country'],
	orgName: ['org_name'],
	orgAddressLine1: ['org_address_line1'],
	orgCity: ['org_address_city'],
	orgRegion: ['org_address_region'],
	orgPostalCode: ['org_address_postal_code'],
	orgCountry: ['org_address_country'],
	orgPhone: ['org_address_phone'],
	orgJurisdictionCity: ['org_jurisdiction_city'],
	orgJurisdictionRegion: ['org_jurisdiction_region'],
	orgJurisdictionCountry: ['org_jurisdiction_country'],
};
/** The form body, as API name → item field (or a fixed value): what Place sends for this order. */
export function formFields(): Array<[string, string | { fixed: string }]> {
	const fields: Array<[string, string | { fixed: string }]> = [
		['order_token', 'orderToken'],
		['dv_auth_method', { fixed: 'DNS' }],
		['csr', 'csr'],
		['hashing_algorithm', { fixed: 'SHA-256' }],
		['web_server_type', { fixed: 'Other' }],
		['exclude_addon', { fixed: '0' }],
		['renewal', { fixed: '0' }],
	];
	for (const [field, apiNames] of Object.entries(FIELD_API_NAMES))
		for (const apiName of apiNames) fields.push([apiName, field]);
	return fields;
}

const credentials = (url: string, apiKey: string) => ({
	servertasticApi: { apiKey, environment: 'test', baseUrl: url },
});

/** Place's parameters: every order field an expression on the item. */
export function placeParameters(
	options: IDataObject,
	hashingAlgorithm = '',
	overrides: IDataObject = {},
): INodeParameters {
	const fields = Object.fromEntries(
		Object.keys(CONTACT).map((name) => [name, `={{ $json.${name} }}`]),
	);
	return {
		resource: 'order',
		operation: 'place',
		orderToken: '={{ $json.orderToken }}',
		validationLevel: 'OV',
		productBrand: 'geotrust',
		dvAuthMethod: 'DNS',
		csr: '={{ $json.csr }}',
		adminSameAsTech: true,
		hashingAlgorithm,
		...fields,
		options,
		...overrides,
	} as INodeParameters;
}

export type Contender = (
	url: string,
	apiKey: string,
	items: IDataObject[],
) => Promise<RunNodeResult>;

function expectDone(result: RunNodeResult, n: number, name: string): RunNodeResult {
	if (
		result.status !== 'success' ||
		result.success.length !== n ||
		result.success.some((item) => item.json.error)
	) {
		throw new Error(
			`${name} did not place ${n} orders: ${result.error?.message ?? JSON.stringify(result.success[0]?.json).slice(0, 300)}`,
		);
	}
	return result;
}

/** With the defaults (Check Order First, Check Against Product Fields, Hashing at the product's default). */
export const placeDefaults =
	(options: IDataObject = {}, overrides: IDataObject = {}): Contender =>
	async (url, apiKey, items) =>
		expectDone(
			await runNode({
				nodeType: new Servertastic(),
				parameters: placeParameters(options, '', overrides),
				inputItems: items,
				credentialTypes: [new ServertasticApi()],
				credentials: credentials(url, apiKey),
			}),
			items.length,
			'Place',
		);

/** Checks off and a chosen hashing algorithm: one request per item, the same one HTTP Request sends. */
export const placeChecksOff =
	(options: IDataObject = {}): Contender =>
	async (url, apiKey, items) =>
		expectDone(
			await runNode({
				nodeType: new Servertastic(),
				parameters: placeParameters(
					{ checkOrderFirst: false, preflight: false, ...options },
					'SHA-256',
				),
				inputItems: items,
				credentialTypes: [new ServertasticApi()],
				credentials: credentials(url, apiKey),
			}),
			items.length,
			'Place (checks off)',
		);

export function loadHttpRequestNode(): INodeType | undefined {
	const path = join(
		NODES_BASE_CACHE,
		'node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
	);
	if (!existsSync(path)) return undefined;
	const { HttpRequest } = require(path);
	return new HttpRequest();
}

/** n8n's HTTP Request node (v4.2), a form POST per item; with its defaults it sends every item at once. */
export const httpRequest =
	(node: INodeType, options: IDataObject = {}): Contender =>
	async (url, _apiKey, items) => {
		const parameters = {
			method: 'POST',
			url: `${url}/order/place.json`,
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: {
				parameters: formFields().map(([name, source]) => ({
					name,
					value: typeof source === 'string' ? `={{ $json.${source} }}` : source.fixed,
				})),
			},
			options,
		} as INodeParameters;
		return expectDone(
			await runNode({
				nodeType: node,
				nodeTypeName: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters,
				inputItems: items,
			}),
			items.length,
			'HTTP Request',
		);
	};
