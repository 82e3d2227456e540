import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { modifiedOrder, upTo } from '../../helpers/listEntries';
import { entriesOf } from '../../helpers/normalise';
import { apiDate, isoDate, ORDER_KEYS } from '../../helpers/orderReview';
import type { OutputSpec } from '../../helpers/outputMode';
import { apiRequest } from '../../transport';
import {
	concurrencyOption,
	outputProperties,
	returnAllOrLimit,
	optionsCollection,
} from '../common.descriptions';
import { asItems, readLimit } from '../listOperations';

/** Simplified: which order changed, where it stands, its dates. Raw: each record as the API sent it. */
export const output: OutputSpec = {
	keys: [...ORDER_KEYS, 'checkedAt'],
	simple: [
		'resellerOrderId',
		'resellerReference',
		'status',
		'statusInfo',
		'isIssued',
		'productCode',
		'domain',
		'sanDomains',
		'expiryDate',
		'orderDate',
		'modifiedDate',
		'checkedAt',
	],
};

const properties: INodeProperties[] = [
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Return the orders changed after this moment (GMT). Each item carries checkedAt, the data_accuracy time of the answer, to use as Since next time. The API sends no order token with these orders: each is identified by its resellerOrderId.',
	},
	...returnAllOrLimit(),
	...outputProperties(output),
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getManyModified'] } },
	properties,
);

function describeValue(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The Since field as a moment: text, a number of milliseconds, a Date or a Luxon DateTime from an expression. */
function readSince(context: IExecuteFunctions, itemIndex: number): Date {
	const value = context.getNodeParameter('since', itemIndex, '') as unknown;
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new NodeOperationError(
			context.getNode(),
			`'Since' must not be empty [item ${itemIndex}]`,
			{
				itemIndex,
				description: 'Give the date and time after which changed orders are wanted.',
			},
		);
	}
	let date: Date | undefined;
	if (value instanceof Date) date = value;
	else if (typeof value === 'string') date = new Date(value.trim());
	else if (typeof value === 'number') date = new Date(value);
	// A Luxon DateTime (e.g. {{ $now.minus({ days: 1 }) }}) prints itself as ISO 8601.
	else if (
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		date = new Date(String(value));
	}
	if (!date || Number.isNaN(date.getTime())) {
		throw new NodeOperationError(
			context.getNode(),
			`'Since' is not a valid date and time (got "${describeValue(value)}") [item ${itemIndex}]`,
			{ itemIndex, description: 'Use an ISO 8601 date such as 2026-01-31T09:00:00Z.' },
		);
	}
	return date;
}

/** The orders changed since a moment (`order/modifiedorders`), one item each. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const since = readSince(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	// The API takes `YYYY-MM-DD HH:MM:SS` in GMT.
	const answer = await apiRequest.call(
		this,
		'order/modifiedorders',
		{ date: apiDate(since) },
		{ itemIndex },
	);
	// data_accuracy: the time of the last modification the answer covers, to send as the next date
	// (api2.md "modifiedorders"). The records are review-like and carry no order token.
	const checkedAt = isoDate(answer.data_accuracy);
	const orders = entriesOf(answer.orders, 'order').map((entry) => ({
		...modifiedOrder(entry, checkedAt),
		response: entry,
	}));
	return asItems(upTo(orders, limit), itemIndex);
}
