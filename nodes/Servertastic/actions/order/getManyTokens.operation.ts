import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { entriesOf, listedToken, upTo } from '../../helpers/lists';
import { apiRequest } from '../../transport';
import { concurrencyOption, returnAllOrLimit, optionsCollection } from '../common.descriptions';
import { asItems, readLimit } from '../lists';
import { readChoice } from '../parameters';

const WHICH = ['unused', 'used', 'all'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Which',
		name: 'which',
		type: 'options',
		options: [
			{ name: 'All', value: 'all', description: 'Unused tokens first, then used ones' },
			{ name: 'Unused', value: 'unused', description: 'Tokens that can still be placed' },
			{ name: 'Used', value: 'used', description: 'Tokens whose orders have been placed' },
		],
		default: 'unused',
		description: 'Which order tokens to return',
	},
	...returnAllOrLimit(),
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getManyTokens'] } },
	properties,
);

/** The account's order tokens (`order/showtokens`), one item each, marked `used`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const which = readChoice(this, 'which', itemIndex, 'Which', WHICH);
	const limit = readLimit(this, itemIndex);
	const answer = await apiRequest.call(this, 'order/showtokens', {}, { itemIndex });
	const unused = which === 'used' ? [] : entriesOf(answer.unused_tokens, 'token').map((entry) => listedToken(entry, false));
	const used = which === 'unused' ? [] : entriesOf(answer.used_tokens, 'token').map((entry) => listedToken(entry, true));
	return asItems(upTo([...unused, ...used], limit), itemIndex);
}
