import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_OUTPUT_MODE, fieldTitle, type OutputSpec } from '../helpers/outputMode';

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
				{ name: 'Simplified', value: 'simple', description: `The fields a next step usually needs: ${simple}` },
			],
			default: DEFAULT_OUTPUT_MODE,
			description: 'How much of the answer to return. Simplified keeps workflow data and an AI agent\'s context small.',
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
