import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { expiringOrder, upTo } from '../../helpers/listEntries';
import { entriesOf } from '../../helpers/normalise';
import { apiRequest } from '../../transport';
import { concurrencyOption, returnAllOrLimit, optionsCollection } from '../common.descriptions';
import { asItems, readLimit } from '../listOperations';

const MIN_DAYS = 1;
const MAX_DAYS = 365;

const properties: INodeProperties[] = [
	{
		displayName: 'Days',
		name: 'days',
		type: 'number',
		typeOptions: { minValue: MIN_DAYS, maxValue: MAX_DAYS },
		default: 60,
		description: 'Return the orders whose certificates expire within this many days from now',
	},
	...returnAllOrLimit(),
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getManyExpiring'] } },
	properties,
);

function readDays(context: IExecuteFunctions, itemIndex: number): number {
	const value = context.getNodeParameter('days', itemIndex, 60) as unknown;
	const days = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) {
		throw new NodeOperationError(
			context.getNode(),
			`'Days' must be a whole number from ${MIN_DAYS} to ${MAX_DAYS} [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return days;
}

/** The orders whose certificates expire within the given days (`order/expiring`), one item each. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const days = readDays(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const answer = await apiRequest.call(
		this,
		'order/expiring',
		{ days: String(days) },
		{ itemIndex },
	);
	const now = new Date();
	// orders.order: one record or several, no token; days remaining are counted here (api2.md "expiring").
	const orders = entriesOf(answer.orders, 'order').map((entry) => expiringOrder(entry, now));
	return asItems(upTo(orders, limit), itemIndex);
}
