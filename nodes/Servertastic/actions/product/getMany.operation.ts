import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { listedProduct, upTo } from '../../helpers/listEntries';
import { entriesOf } from '../../helpers/normalise';
import { VALIDATION_LEVELS, type ValidationLevel } from '../../helpers/placeOrderFields';
import { apiRequest } from '../../transport';
import { concurrencyOption, returnAllOrLimit, optionsCollection } from '../common.descriptions';
import { asItems, readLimit } from '../listOperations';
import { readChoice } from '../parameters';

/** api2.md "listproduct": product_group 'SSL', 'SmarterTools' or 'All'. */
const PRODUCT_GROUPS = ['SSL', 'SmarterTools', 'All'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Product Group',
		name: 'productGroup',
		type: 'options',
		options: [
			{ name: 'All', value: 'All', description: 'Every product of the account' },
			{ name: 'SmarterTools', value: 'SmarterTools', description: 'SmarterTools licences only' },
			{ name: 'SSL', value: 'SSL', description: 'SSL/TLS certificates only' },
		],
		default: 'SSL',
		description: 'Which group of products to list',
	},
	{
		displayName: 'Validation Level',
		name: 'validationLevels',
		type: 'multiOptions',
		options: [
			{ name: 'DV (Domain Validated)', value: 'DV' },
			{ name: 'EV (Extended Validation)', value: 'EV' },
			{ name: 'OV (Organisation Validated)', value: 'OV' },
		],
		default: [],
		description: 'Return only products of these validation levels. Leave empty for all.',
	},
	...returnAllOrLimit(),
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['getMany'] } },
	properties,
);

/** The chosen levels; an expression may give a list or comma-separated text. Empty means all. */
function readValidationLevels(context: IExecuteFunctions, itemIndex: number): ValidationLevel[] {
	const value = context.getNodeParameter('validationLevels', itemIndex, []) as unknown;
	const entries =
		typeof value === 'string'
			? value.split(',')
			: Array.isArray(value)
				? (value as unknown[])
				: [value];
	const levels: ValidationLevel[] = [];
	for (const entry of entries) {
		const text = typeof entry === 'string' ? entry.trim().toUpperCase() : undefined;
		if (text === '') continue;
		const level = VALIDATION_LEVELS.find((candidate) => candidate === text);
		if (!level) {
			throw new NodeOperationError(
				context.getNode(),
				`'Validation Level' must list only DV, OV and EV [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		if (!levels.includes(level)) levels.push(level);
	}
	return levels;
}

/** The products the account can order (`product/listproducts`), one item each. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const productGroup = readChoice(this, 'productGroup', itemIndex, 'Product Group', PRODUCT_GROUPS);
	const levels = readValidationLevels(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const answer = await apiRequest.call(
		this,
		'product/listproducts',
		{ product_group: productGroup },
		{ itemIndex },
	);
	// `products` repeats, one per product (api2.md "listproduct"): one object or a list.
	const products = entriesOf(answer.products)
		.map(listedProduct)
		.filter(
			(product) =>
				levels.length === 0 || levels.includes(product.validationLevel as ValidationLevel),
		);
	return asItems(upTo(products, limit), itemIndex);
}
