import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_OUTPUT_MODE, fieldTitle, type OutputSpec } from '../helpers/outputMode';

/** Properties shared by several operations; each operation file places them with updateDisplayOptions. */

export const ORDER_TOKEN_HINT =
	"Tokens come from Order → Generate Token, or from the Servertastic reseller panel. From List shows the account's tokens by reseller reference.";

type TokenList = 'all' | 'unused' | 'used';
const TOKEN_LIST_METHOD: Record<TokenList, string> = {
	all: 'searchOrderTokens',
	unused: 'searchUnusedOrderTokens',
	used: 'searchUsedOrderTokens',
};

/**
 * The Order Token field: a resource locator, From List (the account's tokens from showtokens) or
 * By Value (a pasted token or an expression). `which`: Place lists the tokens not placed yet, a
 * renewal's Previous Order Token the placed ones.
 * Read with extractValue (actions/parameters.ts), so workflows that saved a plain string still run.
 */
export function orderTokenLocator(which: TokenList = 'all', description?: string): INodeProperties {
	return {
		displayName: 'Order Token',
		name: 'orderToken',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: description ?? 'The token of the order, from Generate Token or an earlier step',
		hint: ORDER_TOKEN_HINT,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: {
					all: 'Choose a token...',
					unused: 'Choose an unused token...',
					used: 'Choose a used token...',
				}[which],
				typeOptions: {
					searchListMethod: TOKEN_LIST_METHOD[which],
					searchable: true,
				},
			},
			{
				displayName: 'By Value',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5f2b7c9e1a3d4f60b8c2e4a6d8f0b1c3',
			},
		],
	};
}

export const orderTokenProperty: INodeProperties = orderTokenLocator();

/**
 * An approver address field: From List (the addresses Servertastic allows for the domain, see
 * methods/listSearch.ts) or By Value. `waitsFor` tells, under the list, what the list is made from.
 */
export function approverEmailLocator(
	property: Pick<INodeProperties, 'name' | 'description' | 'displayOptions' | 'required'>,
	waitsFor: string,
): INodeProperties {
	return {
		displayName: 'Approver Email',
		default: { mode: 'list', value: '' },
		...property,
		type: 'resourceLocator',
		required: property.required ?? false,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Choose an approver address...',
				hint: waitsFor,
				typeOptions: { searchListMethod: 'searchApproverEmails', searchable: true },
			},
			{
				displayName: 'By Value',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. admin@example.com',
			},
		],
	};
}

export const ORDER_APPROVER_HINT =
	"The addresses Servertastic allows for the order's domain, read with the order token. The list stays empty until a token is chosen; for a token from an expression, type or map the address By Value.";

/** The validation methods Place and Reissue offer (the API's dv_auth_method values). */
export const DCV_METHOD_OPTIONS: INodePropertyOptions[] = [
	{ name: 'DNS', value: 'DNS', description: 'Add a DNS record to the domain' },
	{ name: 'Email', value: 'EMAIL', description: 'Approve an email sent to an approver address' },
	{
		name: 'HTTP File',
		value: 'FILE',
		description: 'Publish a file over HTTP (not for wildcard names)',
	},
	{
		name: 'HTTPS File',
		value: 'SFILE',
		description: 'Publish a file over HTTPS (not for wildcard names)',
	},
];

export const DEFAULT_CONCURRENCY = 5;

/** Goes into an operation's Options collection; the router reads it once per execution. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items to send to Servertastic at the same time. 1 handles the items strictly one after another. Output order and item pairing stay the same.',
};

/** An operation's Options collection (n8n's usual "Add Option" list). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/**
 * Output (Simplified / Raw / Selected Fields) and its Fields list, for an operation's properties;
 * the router reads them for every item before the first request (helpers/outputMode.ts).
 */
export function outputProperties(spec: OutputSpec): INodeProperties[] {
	const simple = spec.simple.map(fieldTitle).join(', ');
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Raw', value: 'raw', description: "The API's answer exactly as it came" },
				{ name: 'Selected Fields', value: 'selected', description: 'Only the fields chosen below' },
				{
					name: 'Simplified',
					value: 'simple',
					description: `The fields a next step usually needs: ${simple}`,
				},
			],
			default: DEFAULT_OUTPUT_MODE,
			description:
				"How much of the answer to return. Simplified keeps workflow data and an AI agent's context small.",
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: spec.keys
				.map((key) => ({ name: fieldTitle(key), value: key }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: [],
			description: spec.alwaysKept?.length
				? `The fields to return. ${spec.alwaysKept.map(fieldTitle).join(' and ')} always stay when they hold a value: Servertastic sends them only once.`
				: 'The fields to return',
			displayOptions: { show: { output: ['selected'] } },
		},
	];
}
