import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account';
import * as certificate from './actions/certificate';
import * as order from './actions/order';
import * as product from './actions/product';
import { router } from './actions/router';
import {
	searchApproverEmails,
	searchOrderTokens,
	searchProducts,
	searchUnusedOrderTokens,
	searchUsedOrderTokens,
} from './methods/listSearch';

export class Servertastic implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Servertastic',
		name: 'servertastic',
		icon: { light: 'file:servertastic.svg', dark: 'file:servertastic.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Order and manage SSL/TLS certificates with the Servertastic reseller API',
		defaults: { name: 'Servertastic' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'servertasticApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Certificate', value: 'certificate' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
				],
				default: 'order',
			},
			...order.description,
			...product.description,
			...account.description,
			...certificate.description,
		],
	};

	methods = {
		listSearch: {
			searchApproverEmails,
			searchOrderTokens,
			searchProducts,
			searchUnusedOrderTokens,
			searchUsedOrderTokens,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
