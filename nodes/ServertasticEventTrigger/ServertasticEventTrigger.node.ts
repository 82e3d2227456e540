import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ORDER_STATUSES } from './helpers/listedOrders';
import { pollServertastic } from './poll';

export class ServertasticEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Servertastic Trigger',
		// Not "servertasticTrigger": n8n's node creator folds a trigger named "<action node>Trigger" into the
		// action node's entry, with the trigger's description; under this name each has its own entry.
		name: 'servertasticEventTrigger',
		icon: { light: 'file:servertastic.svg', dark: 'file:servertastic.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"certificateIssued": "Certificate Issued", "orderStatusChanged": "Order Status Changed", "certificateExpiring": "Certificate Expiring"}[$parameter["event"]] }}',
		description:
			'Starts the workflow when a Servertastic certificate is issued, an order changes status, or a certificate nears its expiry date',
		defaults: { name: 'Servertastic Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'servertasticApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: [
					{
						name: 'Certificate Expiring',
						value: 'certificateExpiring',
						description:
							'A completed order enters the expiry window. Fires once per order and expiry date. The item carries the reseller order ID, domain, product and expiry date.',
					},
					{
						name: 'Certificate Issued',
						value: 'certificateIssued',
						description:
							'An order reaches Completed with a certificate, including a reissue. The item carries the reseller order ID, domain, certificate and expiry date.',
					},
					{
						name: 'Order Status Changed',
						value: 'orderStatusChanged',
						description:
							'An order moves to another status (optionally only to the chosen statuses)',
					},
				],
				default: 'certificateIssued',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORDER_STATUSES.map((status) => ({ name: status, value: status })),
				default: [],
				description:
					'Only changes into these statuses start the workflow. Leave empty for any status.',
				displayOptions: { show: { event: ['orderStatusChanged'] } },
			},
			{
				displayName: 'Expiring Within (Days)',
				name: 'withinDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3650 },
				default: 30,
				description: 'Fire when a certificate expires within this many days',
				displayOptions: { show: { event: ['certificateExpiring'] } },
			},
			{
				displayName:
					'The first poll after activation only notes where things stand: it does not replay orders that were issued, changed or already expiring before it',
				name: 'baselineNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					"Servertastic's lists of changed and expiring orders carry no order token: each item names its order by resellerOrderId, and orderToken is empty. Keep the token with the reseller order ID when you place an order, to act on it later.",
				name: 'orderTokenNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollServertastic.call(this);
	}
}
