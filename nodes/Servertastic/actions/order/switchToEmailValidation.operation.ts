import { orderTokenProperty } from '../common.descriptions';
import { actionOutputSpec, orderAction, orderApproverProperty } from './orderAction';
import { prepareWithApprover } from './orderInput';

export const { output, description, prepare, execute } = orderAction({
	operation: 'switchToEmailValidation',
	call: 'order/changeauthmethod',
	output: actionOutputSpec(['method', 'approverEmail']),
	properties: [
		orderTokenProperty,
		orderApproverProperty(
			false,
			"Where the validation email goes: one of the approver addresses allowed for the order's domain (see Get Approver Emails). Leave empty to let Servertastic choose.",
		),
	],
	prepare: prepareWithApprover(false),
	// api2.md documents only order_token; Servertastic's own client also sends the approver as
	// `email_address` (STOrderManager::changeAuth). The answer is `success` only.
	params: ({ orderToken, email }) => ({
		order_token: orderToken,
		...(email ? { email_address: email } : {}),
	}),
	fields: (_response, { email }) => ({ method: 'EMAIL', approverEmail: email || null }),
});
