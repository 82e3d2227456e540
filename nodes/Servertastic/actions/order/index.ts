import type { INodeProperties } from 'n8n-workflow';

import * as place from './place.operation';

export { place };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Place',
				value: 'place',
				description: 'Place a certificate order for an order token. Spends the points of the product.',
				action: 'Place an order',
			},
		],
		default: 'place',
	},
	...place.description,
];
