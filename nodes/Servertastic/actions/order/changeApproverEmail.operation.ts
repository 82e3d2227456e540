import { orderTokenProperty } from '../common.descriptions';
import { actionOutputSpec, orderAction, orderApproverProperty } from './orderAction';
import { prepareWithApprover } from './orderInput';

export const { output, description, prepare, execute } = orderAction({
	operation: 'changeApproverEmail',
	call: 'order/changeapproveremail',
	output: actionOutputSpec(['approverEmail']),
	properties: [
		orderTokenProperty,
		orderApproverProperty(
			true,
			"The new address for the validation email. It must be one of the approver addresses allowed for the order's domain (see Get Approver Emails).",
		),
	],
	prepare: prepareWithApprover(true),
	params: ({ orderToken, email }) => ({ order_token: orderToken, email }),
	// The answer is `success` only (api2.md "changeapproveremail"): the address is the one sent.
	fields: (_response, { email }) => ({ approverEmail: email }),
});
