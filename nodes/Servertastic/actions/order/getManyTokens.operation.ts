import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listedToken, upTo } from '../../helpers/listEntries';
import { entriesOf } from '../../helpers/normalise';
import { apiRequest } from '../../transport';
import { concurrencyOption, returnAllOrLimit, optionsCollection } from '../common.descriptions';
import { asItems, readLimit } from '../listOperations';
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
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const which = readChoice(this, 'which', itemIndex, 'Which', WHICH);
	const limit = readLimit(this, itemIndex);
	const answer = await apiRequest.call(this, 'order/showtokens', {}, { itemIndex });
	// unused_tokens.order_token / used_tokens.order_token, each {token, reseller_unique_reference} (api2.md "showTokens").
	const read = (group: unknown, isUsed: boolean) =>
		entriesOf(group, 'order_token').map((entry) => listedToken(entry, isUsed));
	const unused = which === 'used' ? [] : read(answer.unused_tokens, false);
	const used = which === 'unused' ? [] : read(answer.used_tokens, true);
	return asItems(upTo([...unused, ...used], limit), itemIndex);
}
