import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { numberOrNull } from '../../helpers/lists';
import { apiRequest } from '../../transport';
import { concurrencyOption, optionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	properties,
);

/** The account's balance in points and its order counts (`account/review`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const review = await apiRequest.call(this, 'account/review', {}, { itemIndex });
	return [
		{
			json: {
				// purchased_points is the balance left to spend.
				points: numberOrNull(review.purchased_points),
				activeOrders: numberOrNull(review.active_orders),
				completedOrders: numberOrNull(review.completed_orders),
				response: review,
			},
			pairedItem: { item: itemIndex },
		},
	];
}
