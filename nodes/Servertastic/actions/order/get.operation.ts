import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { tidyOrder } from '../../helpers/orderReview';
import { apiRequest } from '../../transport';
import { concurrencyOption, orderTokenProperty, optionsCollection } from '../common.descriptions';
import { readBoolean, readText } from '../parameters';
import { withValidationHandOff } from './validationHandOff';

const properties: INodeProperties[] = [
	orderTokenProperty,
	optionsCollection([
		concurrencyOption,
		{
			displayName: 'Raw Output',
			name: 'rawOutput',
			type: 'boolean',
			default: false,
			description:
				"Whether to return the API's answer exactly as it came instead of the tidy order (status, validation instructions, certificate, chain, expiry)",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

/** Looks the order up (`order/review`): its status, DCV instructions, certificate, chain and expiry. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderToken = readText(this, 'orderToken', itemIndex, 'Order Token').trim();
	if (!orderToken) {
		throw new NodeOperationError(this.getNode(), `'Order Token' must not be empty [item ${itemIndex}]`, {
			itemIndex,
		});
	}
	const raw = readBoolean(this, 'options.rawOutput', itemIndex, 'Raw Output');
	const review = await apiRequest.call(this, 'order/review', { order_token: orderToken }, { itemIndex });
	if (raw) return [{ json: review, pairedItem: { item: itemIndex } }];
	// The review carries no order token (api2.md): the one asked with is the order's.
	return [await withValidationHandOff(this, { ...tidyOrder(review, orderToken), response: review }, itemIndex)];
}
