import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBoolean, readChoice, readText } from './parameters';

/** What the read operations share: Return All / Limit, choice options, the order to read, the items. */

/** The Limit to apply, or undefined for Return All. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (readBoolean(context, 'returnAll', itemIndex, 'Return All')) return undefined;
	const value = context.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`'Limit' must be a whole number of at least 1 [item ${itemIndex}]`,
			{ itemIndex, description: 'Set a positive limit, or switch Return All on.' },
		);
	}
	return limit;
}

/** A choice in the Options collection; `fallback` when the option was not added. */
export function readOptionChoice<T extends string>(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	allowed: readonly T[],
	fallback: T,
): T {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = options?.[name];
	if (value === undefined || value === null || value === '') return fallback;
	return readChoice(context, `options.${name}`, itemIndex, label, allowed);
}

/** The Order Token of a read: required, then sent as given (the API answers for a wrong one). */
export function readRequiredOrderToken(context: IExecuteFunctions, itemIndex: number): string {
	const orderToken = readText(context, 'orderToken', itemIndex, 'Order Token').trim();
	if (!orderToken) {
		throw new NodeOperationError(
			context.getNode(),
			`'Order Token' must not be empty [item ${itemIndex}]`,
			{
				itemIndex,
			},
		);
	}
	return orderToken;
}

/** The one output item of a read that returns everything together. */
export function asOneItem(json: IDataObject, itemIndex: number): INodeExecutionData[] {
	return [{ json, pairedItem: { item: itemIndex } }];
}

/** One output item per entry; the router pairs each with the input item. */
export function asItems(entries: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return entries.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
