import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ORDER_KEYS, tidyOrder } from '../../helpers/orderReview';
import type { OutputSpec } from '../../helpers/outputMode';
import { apiRequest } from '../../transport';
import {
	concurrencyOption,
	orderTokenProperty,
	optionsCollection,
	outputProperties,
} from '../common.descriptions';
import { readRequiredOrderToken } from '../listOperations';
import { withValidationHandOff } from './validationHandOff';

/**
 * Simplified: who, what, where it stands, what to do to validate (with the file or DNS record to hand
 * on), and the certificate once issued.
 */
export const output: OutputSpec = {
	keys: [...ORDER_KEYS, 'validationFile', 'dnsRecord'],
	simple: [
		'orderToken',
		'resellerOrderId',
		'resellerReference',
		'status',
		'statusInfo',
		'isPlaced',
		'isIssued',
		'productCode',
		'domain',
		'sanDomains',
		'approverEmail',
		'validation',
		'certificate',
		'chain',
		'expiryDate',
		'modifiedDate',
		'validationFile',
		'dnsRecord',
	],
};

const properties: INodeProperties[] = [
	orderTokenProperty,
	...outputProperties(output),
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

/** Looks the order up (`order/review`): its status, DCV instructions, certificate, chain and expiry. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const orderToken = readRequiredOrderToken(this, itemIndex);
	const review = await apiRequest.call(
		this,
		'order/review',
		{ order_token: orderToken },
		{ itemIndex },
	);
	// The review carries no order token (api2.md): the one asked with is the order's.
	return [
		await withValidationHandOff(
			this,
			{ ...tidyOrder(review, orderToken), response: review },
			itemIndex,
		),
	];
}
