import type { INodeProperties } from 'n8n-workflow';

import type { OutputSpec } from '../../helpers/outputMode';
import { concurrencyOption, optionsCollection, outputProperties } from '../common.descriptions';

/**
 * placedOutput's keys. A private key Servertastic generated is sent once and never stored: every
 * mode shows it once (Simplified and Selected as privateKey, Raw as the answer's private_key), each
 * with its notice.
 */
const PLACED_KEYS = [
	'orderToken',
	'placement',
	'status',
	'resellerOrderId',
	'inviteUrl',
	'message',
	'commonName',
	'domains',
	'validation',
	'validationFile',
	'dnsRecord',
	'csrSource',
	'csr',
	'privateKey',
	'privateKeyNotice',
];
/** What Simplified leaves out: the CSR and its source, long and rarely needed next (Selected Fields and Raw keep them). */
const NOT_SIMPLE = ['csrSource', 'csr'];

export const output: OutputSpec = {
	keys: PLACED_KEYS,
	simple: PLACED_KEYS.filter((key) => !NOT_SIMPLE.includes(key)),
	alwaysKept: ['privateKey', 'privateKeyNotice'],
	rawExtras: ['privateKeyNotice'],
};

/** The last properties of Order → Place: parameters sent as given, and the Options collection. */
export const PLACE_SETTINGS: INodeProperties[] = [
	{
		displayName: 'Additional Parameters',
		name: 'additionalParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Parameter',
		description:
			'Parameters sent as given, for names that Get Product Fields reports and this node has no field for',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. org_incorperating_agency',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	...outputProperties(output),
	optionsCollection([
		{
			displayName: 'Check Against Product Fields',
			name: 'preflight',
			type: 'boolean',
			default: true,
			description:
				"Whether to check the order against the token's product before placing: level and brand, and its product fields (Get Product Fields): required fields, allowed values, SAN count, unknown additional parameters",
		},
		{
			displayName: 'Check Order First',
			name: 'checkOrderFirst',
			type: 'boolean',
			default: true,
			description:
				'Whether to look the order up before placing it, so that running the workflow again never places a token twice',
		},
		concurrencyOption,
		{
			displayName: 'If Already Placed',
			name: 'ifAlreadyPlaced',
			type: 'options',
			options: [
				{
					name: 'Return Its Current State',
					value: 'returnState',
					description: 'Output the order as it is now, marked placement "alreadyPlaced"',
				},
				{ name: 'Fail', value: 'fail', description: 'Treat it as an error for this item' },
			],
			default: 'returnState',
			description: 'What to do when Check Order First finds the order already placed',
		},
		{
			displayName: 'Validate Only (Dry Run)',
			name: 'validateOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to run every check and report what would be sent and what is missing, without placing the order or spending points',
		},
	]),
];
