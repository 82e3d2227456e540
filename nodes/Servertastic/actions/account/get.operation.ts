import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountOrder } from '../../helpers/listEntries';
import { entriesOf, numberOrNull } from '../../helpers/normalise';
import type { OutputSpec } from '../../helpers/outputMode';
import { apiRequest } from '../../transport';
import { concurrencyOption, optionsCollection, outputProperties } from '../common.descriptions';

const ACCOUNT_KEYS = [
	'points',
	'activeOrderCount',
	'completedOrderCount',
	'activeOrders',
	'completedOrders',
];
/** Simplified keeps every tidy key, without `response`. */
export const output: OutputSpec = { keys: ACCOUNT_KEYS, simple: ACCOUNT_KEYS };

const properties: INodeProperties[] = [
	...outputProperties(output),
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	properties,
);

/**
 * The account's balance in points and its orders (`account/review`): `active_orders.active_order`
 * (not Completed or Cancelled) and `completed_orders.completed_order`, each one record or several.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const review = await apiRequest.call(this, 'account/review', {}, { itemIndex });
	const activeOrders = entriesOf(review.active_orders, 'active_order').map(accountOrder);
	const completedOrders = entriesOf(review.completed_orders, 'completed_order').map(accountOrder);
	return [
		{
			json: {
				// purchased_points is the only points figure: the balance left to spend (api2.md).
				points: numberOrNull(review.purchased_points),
				activeOrderCount: activeOrders.length,
				completedOrderCount: completedOrders.length,
				activeOrders,
				completedOrders,
				response: review,
			},
			pairedItem: { item: itemIndex },
		},
	];
}
