import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OutputSpec } from '../../helpers/outputMode';
import { concurrencyOption, optionsCollection, outputProperties } from '../common.descriptions';

/** tokenOutput's keys; Simplified keeps them all, without `response`. */
const TOKEN_KEYS = [
	'orderToken',
	'success',
	'message',
	'resellerOrderId',
	'reviewUrl',
	'resellerReference',
	'productCode',
	'generation',
	'orderStatus',
	'tokenUsed',
];
export const output: OutputSpec = { keys: TOKEN_KEYS, simple: TOKEN_KEYS };

const properties: INodeProperties[] = [
	{
		displayName: 'Product',
		name: 'productCode',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The product the token is for; its points are spent when the token is generated',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Choose a product...',
				typeOptions: { searchListMethod: 'searchProducts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. RapidSSL-12',
				hint: 'The Servertastic product code (Product → Get Many lists them as productCode)',
			},
		],
	},
	{
		displayName: 'End Customer Email',
		name: 'endCustomerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'The email address of the customer the certificate is for',
	},
	{
		displayName: 'SAN Count',
		name: 'sanCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How many additional domain names (SANs) the certificate may cover; 0 for a single-name certificate. Multi-domain products have a minimum.',
	},
	{
		displayName: 'Server Count',
		name: 'serverCount',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many servers the certificate is licensed for',
	},
	{
		displayName: 'Reseller Reference',
		name: 'resellerReference',
		type: 'options',
		options: [
			{
				name: 'Custom',
				value: 'custom',
				description: 'Your own unique reference, such as your order number (at most 35 characters)',
			},
			{
				name: 'Derived From the Item',
				value: 'derived',
				description:
					'The same input item and product always give the same reference, so running the workflow again cannot buy a second token for it',
			},
			{
				name: 'None (Random)',
				value: 'random',
				description:
					'A new random reference every time: running the workflow again buys another token. Not recommended.',
			},
		],
		default: 'derived',
		description:
			'Servertastic refuses a reference it has seen before, which guards against buying the same token twice. Derived From the Item: "n8n-" and a hash of the input item and the product.',
	},
	{
		displayName: 'Custom Reference',
		name: 'customReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. INV-2024-0042',
		displayOptions: { show: { resellerReference: ['custom'] } },
		description:
			'A reference unique to this purchase, at most 35 characters. A reference used before is refused, so the same purchase cannot be made twice.',
	},
	...outputProperties(output),
	optionsCollection([
		concurrencyOption,
		{
			displayName: 'If the Reference Was Used Before',
			name: 'ifReferenceUsed',
			type: 'options',
			displayOptions: { show: { '/resellerReference': ['derived', 'custom'] } },
			options: [
				{
					name: 'Return the Existing Token',
					value: 'returnExisting',
					description:
						'Look the token up (Get Many Tokens, once per run) and output it, marked generation "existing": a re-run picks up where it stopped',
				},
				{
					name: 'Stop With an Error',
					value: 'error',
					description: 'Treat the refused reference as an error for this item',
				},
			],
			default: 'returnExisting',
			description:
				'What to do when Servertastic refuses the reference because a token was already bought with it, e.g. when a crashed execution is run again',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['generateToken'] } },
	properties,
);
