import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getPointsAudit from './getPointsAudit.operation';

export const operations = { get, getPointsAudit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the account balance in points and its active and completed orders',
				action: 'Get the account',
			},
			{
				name: 'Get Points Audit',
				value: 'getPointsAudit',
				description: 'Get the history of points spent and added',
				action: 'Get the points audit',
			},
		],
		default: 'get',
	},
	...get.description,
	...getPointsAudit.description,
];
