import type { INodeProperties } from 'n8n-workflow';

import * as generateKeyAndCsr from './generateKeyAndCsr.operation';

export const operations = { generateKeyAndCsr };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['certificate'] } },
		options: [
			{
				name: 'Generate Key and CSR',
				value: 'generateKeyAndCsr',
				description:
					'Make a private key and a certificate signing request in n8n, ready for Place or Reissue',
				action: 'Generate a key and CSR',
			},
		],
		default: 'generateKeyAndCsr',
	},
	...generateKeyAndCsr.description,
];
