import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import { orderTokenProperty } from '../common.descriptions';
import {
	actionOptionsProperty,
	actionOutput,
	type ItemProblem,
	readOrderToken,
	refuseItem,
	sendOrderAction,
} from './orderAction';

const properties: INodeProperties[] = [
	{
		...orderTokenProperty,
		description:
			'The token of the order to cancel. Destructive: a cancelled order cannot be restored, and its certificate must be ordered again. Allowed before approval or up to 30 days after issue; the points are refunded.',
	},
	actionOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancel'] } },
	properties,
);

interface PreparedItem {
	orderToken: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const problems: ItemProblem[] = [];
	const orderToken = readOrderToken(this, itemIndex, problems);
	if (problems.length) throw refuseItem(this, problems, itemIndex);
	return { orderToken };
}

function pointsOf(value: unknown): number | null {
	const text = textOf(value);
	if (text === null) return null;
	const points = Number(text);
	return Number.isFinite(points) ? points : null;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const { orderToken } = prepared ?? (await prepare.call(this, itemIndex));
	// Never retried: the transport sends calls that change an order exactly once.
	const response = await sendOrderAction(this, 'order/cancel', { order_token: orderToken }, itemIndex);
	const json = actionOutput(orderToken, response, {
		cancelled: true,
		pointsRefunded: pointsOf(response.points_refunded),
	});
	return [{ json, pairedItem: { item: itemIndex } }];
}
