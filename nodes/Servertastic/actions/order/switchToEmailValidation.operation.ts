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

export const output = actionOutputSpec(['method', 'approverEmail']);

const properties: INodeProperties[] = [
	orderTokenProperty,
	approverEmailLocator(
		{
			name: 'approverEmailAddress',
			description:
				"Where the validation email goes: one of the approver addresses allowed for the order's domain (see Get Approver Emails). Leave empty to let Servertastic choose.",
		},
		ORDER_APPROVER_HINT,
	),
	...outputProperties(output),
	actionOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['switchToEmailValidation'] } },
	properties,
);

interface PreparedItem {
	orderToken: string;
	email: string;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const problems: ItemProblem[] = [];
	const orderToken = readOrderToken(this, itemIndex, problems);
	const email = readEmail(this, 'approverEmailAddress', 'Approver Email', itemIndex, problems, false);
	if (problems.length) throw refuseItem(this, problems, itemIndex);
	return { orderToken, email };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const { orderToken, email } = prepared ?? (await prepare.call(this, itemIndex));
	const params: Record<string, string> = { order_token: orderToken };
	// api2.md documents only order_token; Servertastic's own client also sends the approver as
	// `email_address` (STOrderManager::changeAuth). The answer is `success` only.
	if (email) params.email_address = email;
	const response = await sendOrderAction(this, 'order/changeauthmethod', params, itemIndex);
	const json = actionOutput(orderToken, response, { method: 'EMAIL', approverEmail: email || null });
	return [{ json, pairedItem: { item: itemIndex } }];
}
