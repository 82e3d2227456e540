import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { objectOf } from '../../helpers/normalise';
import { textOf } from '../../helpers/output';
import { orderTokenProperty } from '../common.descriptions';
import { readChoice } from '../parameters';
import { actionOutputSpec, orderAction } from './orderAction';
import { type ItemProblem, readOrderToken, refuseItem } from './orderInput';

/** The API's spelling: Fulfillment. */
const EMAIL_TYPES = ['Approver', 'Fulfillment'] as const;
type EmailType = (typeof EMAIL_TYPES)[number];

export const output = actionOutputSpec(['emailType', 'sentTo', 'recipients']);

interface PreparedItem {
	orderToken: string;
	emailType: EmailType;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const problems: ItemProblem[] = [];
	const orderToken = readOrderToken(this, itemIndex, problems);
	const emailType = readChoice(this, 'emailType', itemIndex, 'Email', EMAIL_TYPES);
	if (problems.length) throw refuseItem(this, problems, itemIndex);
	return { orderToken, emailType };
}

/** `email_sent_to{approver_email, admin_contact_email, tech_contact_email}` (api2.md "resendemail"). */
function recipientsOf(value: unknown): IDataObject {
	const sentTo = objectOf(value);
	return {
		approverEmail: textOf(sentTo.approver_email),
		adminContactEmail: textOf(sentTo.admin_contact_email),
		techContactEmail: textOf(sentTo.tech_contact_email),
	};
}

export const { description, execute } = orderAction({
	operation: 'resendEmail',
	call: 'order/resendemail',
	output,
	properties: [
		orderTokenProperty,
		{
			displayName: 'Email',
			name: 'emailType',
			type: 'options',
			options: [
				{
					name: 'Approver Email',
					value: 'Approver',
					description:
						'The validation email, to the approver address of an order validated by email',
				},
				{
					name: 'Fulfilment Email (Certificate)',
					value: 'Fulfillment',
					description: 'The email with the issued certificate, for a completed order',
				},
			],
			default: 'Approver',
			description: 'Which email to send again',
		},
	],
	prepare,
	params: ({ orderToken, emailType }) => ({ order_token: orderToken, email_type: emailType }),
	fields: (response, { emailType }) => {
		const recipients = recipientsOf(response.email_sent_to);
		return {
			emailType: textOf(response.type) ?? emailType,
			// Every address the email went to, once each.
			sentTo: [
				...new Set(Object.values(recipients).filter((email): email is string => email !== null)),
			],
			recipients,
		};
	},
});
