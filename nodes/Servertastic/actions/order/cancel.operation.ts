import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderTokenProperty, outputProperties } from '../common.descriptions';
import {
	actionOptionsProperty,
	actionOutput,
	actionOutputSpec,
	type OrderTokenItem,
	prepareOrderToken,
	sendOrderAction,
} from './orderAction';

export const output = actionOutputSpec(['cancelled']);

const properties: INodeProperties[] = [
	{
		...orderTokenProperty,
		description:
			'The token of the order to cancel. Destructive: a cancelled order cannot be restored, and its certificate must be ordered again. Allowed before approval or up to 30 days after issue; the points are refunded.',
	},
	...outputProperties(output),
	actionOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancel'] } },
	properties,
);

export const prepare = prepareOrderToken;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: OrderTokenItem,
): Promise<INodeExecutionData[]> {
	const { orderToken } = prepared ?? (await prepare.call(this, itemIndex));
	// Never retried: the transport sends calls that change an order exactly once.
	const response = await sendOrderAction(this, 'order/cancel', { order_token: orderToken }, itemIndex);
	// The answer is `success` only, "Order cancelled - [order reference]" (api2.md "cancel").
	const json = actionOutput(orderToken, response, { cancelled: true });
	return [{ json, pairedItem: { item: itemIndex } }];
}
