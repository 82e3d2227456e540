import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseProductFields } from '../../helpers/productFields';
import { apiRequestJson } from '../../transport';
import { concurrencyOption, orderTokenProperty, optionsCollection } from '../common.descriptions';
import { asItems, asOneItem, readOptionChoice, readRequiredOrderToken } from '../listOperations';

const OUTPUTS = ['perField', 'allFields'] as const;

const properties: INodeProperties[] = [
	orderTokenProperty,
	optionsCollection([
		concurrencyOption,
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Field',
					value: 'perField',
					description:
						'Each field as its own item: productCode, productName, name, required, inputType, options, requiredIf',
				},
				{
					name: 'One Item with All Fields',
					value: 'allFields',
					description:
						'One item holding the product code and name, the list of fields and the names of the required ones',
				},
			],
			default: 'perField',
			description: 'How to return the fields',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getProductFields'] } },
	properties,
);

/**
 * The fields `place` takes for this token's product (`order/productfields`), the API's own authority.
 * Documented as a list (the product code, its label, then the fields): see helpers/productFields.ts.
 * `requiredIf` lists conditions (`x`: x given, `!x`: x not given); the field is required when all hold.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const orderToken = readRequiredOrderToken(this, itemIndex);
	const output = readOptionChoice(this, 'output', itemIndex, 'Output', OUTPUTS, 'perField');
	const answer = await apiRequestJson.call(
		this,
		'order/productfields',
		{ order_token: orderToken },
		{
			itemIndex,
			acceptList: true,
		},
	);
	const { productCode, productName, fields } = normaliseProductFields(answer);
	const product = { productCode, productName };
	if (output === 'allFields') {
		const requiredFields = fields.filter((field) => field.required).map((field) => field.name);
		return asOneItem(
			{ ...product, fields: fields.map((field) => ({ ...field })), requiredFields },
			itemIndex,
		);
	}
	return asItems(
		fields.map((field) => ({ ...product, ...field })),
		itemIndex,
	);
}
