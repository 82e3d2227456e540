import { textOf } from '../../helpers/output';
import { orderTokenProperty } from '../common.descriptions';
import { actionOutputSpec, orderAction } from './orderAction';
import { prepareOrderToken } from './orderInput';

export const { output, description, prepare, execute } = orderAction({
	operation: 'recheckValidation',
	call: 'order/pollauth',
	output: actionOutputSpec(['status']),
	properties: [
		{
			...orderTokenProperty,
			description:
				'The token of an order validated by DNS or file. Publish the record or file first, then ask for the check; Get shows the result.',
		},
	],
	prepare: prepareOrderToken,
	// `status`: the check's result, sent for FILE validation (api2.md "pollAuth").
	fields: (response) => ({ status: textOf(response.status) }),
});
