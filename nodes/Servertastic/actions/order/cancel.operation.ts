import { orderTokenProperty } from '../common.descriptions';
import { actionOutputSpec, orderAction } from './orderAction';
import { prepareOrderToken } from './orderInput';

export const { output, description, prepare, execute } = orderAction({
	operation: 'cancel',
	call: 'order/cancel',
	output: actionOutputSpec(['cancelled']),
	properties: [
		{
			...orderTokenProperty,
			description:
				'The token of the order to cancel. Destructive: a cancelled order cannot be restored, and its certificate must be ordered again. Allowed before approval or up to 30 days after issue; the points are refunded.',
		},
	],
	prepare: prepareOrderToken,
	// The answer is `success` only, "Order cancelled - [order reference]" (api2.md "cancel").
	fields: () => ({ cancelled: true }),
});
