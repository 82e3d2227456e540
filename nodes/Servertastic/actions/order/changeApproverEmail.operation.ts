import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { approverEmailLocator, ORDER_APPROVER_HINT, orderTokenProperty, outputProperties } from '../common.descriptions';
import {
	actionOptionsProperty,
	actionOutput,
	actionOutputSpec,
	type ItemProblem,
	readEmail,
	readOrderToken,
	refuseItem,
	sendOrderAction,
} from './orderAction';

export const output = actionOutputSpec(['approverEmail']);

const properties: INodeProperties[] = [
	orderTokenProperty,
	approverEmailLocator(
		{
			name: 'approverEmailAddress',
			required: true,
			description:
				"The new address for the validation email. It must be one of the approver addresses allowed for the order's domain (see Get Approver Emails).",
		},
		ORDER_APPROVER_HINT,
	),
	...outputProperties(output),
	actionOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['changeApproverEmail'] } },
	properties,
);

interface PreparedItem {
	orderToken: string;
	email: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const problems: ItemProblem[] = [];
	const orderToken = readOrderToken(this, itemIndex, problems);
	const email = readEmail(this, 'approverEmailAddress', 'Approver Email', itemIndex, problems, true);
	if (problems.length) throw refuseItem(this, problems, itemIndex);
	return { orderToken, email };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const { orderToken, email } = prepared ?? (await prepare.call(this, itemIndex));
	const response = await sendOrderAction(
		this,
		'order/changeapproveremail',
		{ order_token: orderToken, email },
		itemIndex,
	);
	// The answer is `success` only (api2.md "changeapproveremail"): the address is the one sent.
	const json = actionOutput(orderToken, response, { approverEmail: email });
	return [{ json, pairedItem: { item: itemIndex } }];
}
