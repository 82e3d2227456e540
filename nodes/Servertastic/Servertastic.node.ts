import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as order from './actions/order';
import { router } from './actions/router';
import { getApproverEmails } from './methods/loadOptions';

export class Servertastic implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Servertastic',
		name: 'servertastic',
		icon: { light: 'file:servertastic.svg', dark: 'file:servertastic.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Order SSL/TLS certificates with the Servertastic reseller API',
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
				options: [{ name: 'Order', value: 'order' }],
				default: 'order',
			},
			...order.description,
		],
	};

	methods = { loadOptions: { getApproverEmails } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
