import type { INodeProperties } from 'n8n-workflow';

/** Properties shared by several operations; each operation file places them with updateDisplayOptions. */

export const orderTokenProperty: INodeProperties = {
	displayName: 'Order Token',
	name: 'orderToken',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description: 'The order token, from Generate Token or an earlier step',
};

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
