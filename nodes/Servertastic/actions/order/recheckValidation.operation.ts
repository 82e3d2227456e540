import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import { orderTokenProperty, outputProperties } from '../common.descriptions';
import {
	actionOptionsProperty,
	actionOutput,
	actionOutputSpec,
	type OrderTokenItem,
	prepareOrderToken,
	sendOrderAction,
} from './orderAction';

export const output = actionOutputSpec(['status']);

const properties: INodeProperties[] = [
	{
		...orderTokenProperty,
		description:
			'The token of an order validated by DNS or file. Publish the record or file first, then ask for the check; Get shows the result.',
	},
	...outputProperties(output),
	actionOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['recheckValidation'] } },
	properties,
);

export const prepare = prepareOrderToken;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: OrderTokenItem,
): Promise<INodeExecutionData[]> {
	const { orderToken } = prepared ?? (await prepare.call(this, itemIndex));
	const response = await sendOrderAction(this, 'order/pollauth', { order_token: orderToken }, itemIndex);
	// `status`: the check's result, sent for FILE validation (api2.md "pollAuth").
	const json = actionOutput(orderToken, response, { status: textOf(response.status) });
	return [{ json, pairedItem: { item: itemIndex } }];
}
