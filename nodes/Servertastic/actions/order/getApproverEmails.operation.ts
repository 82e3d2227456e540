import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asList } from '../../helpers/normalise';
import { textOf } from '../../helpers/output';
import { hostnameProblem } from '../../helpers/validation/hostnames';
import { apiRequest } from '../../transport';
import { concurrencyOption, optionsCollection } from '../common.descriptions';
import { asItems, asOneItem, readOptionChoice } from '../listOperations';
import { readText } from '../parameters';

const OUTPUTS = ['perEmail', 'allEmails'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. shop.example.com',
		description:
			'The domain the certificate is for. A wildcard name (*.example.com) gives the addresses of its base domain.',
	},
	optionsCollection([
		concurrencyOption,
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Email',
					value: 'perEmail',
					description: 'Each allowed address as its own item: email',
				},
				{
					name: 'One Item with All Emails',
					value: 'allEmails',
					description: 'One item holding the domain and the list of allowed addresses',
				},
			],
			default: 'perEmail',
			description: 'How to return the addresses',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getApproverEmails'] } },
	properties,
);

/** The addresses Servertastic accepts as approver for a domain (`order/approverlist`). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const domain = readText(this, 'domain', itemIndex, 'Domain').trim().toLowerCase();
	const problem = hostnameProblem(domain, { allowWildcard: true });
	if (problem) {
		throw new NodeOperationError(this.getNode(), `'Domain' ${problem} [item ${itemIndex}]`, {
			itemIndex,
			description: 'Nothing was sent to Servertastic. Give a domain name such as shop.example.com.',
		});
	}
	const output = readOptionChoice(this, 'output', itemIndex, 'Output', OUTPUTS, 'perEmail');
	// The approver addresses of *.example.com are those of example.com.
	const domainName = domain.replace(/^\*\./, '');
	const answer = await apiRequest.call(
		this,
		'order/approverlist',
		{ domain_name: domainName },
		{ itemIndex },
	);
	// [{email}], one bare {email}, or XML's {email: [...]}: each entry may hold one address or several.
	const emails = asList(answer.approver_email)
		.flatMap((entry) =>
			typeof entry === 'object' && entry !== null ? asList((entry as IDataObject).email) : [entry],
		)
		.map((email) => textOf(email)?.trim() ?? '')
		.filter((email) => email.includes('@'));
	if (output === 'allEmails') {
		return asOneItem({ domain: domainName, emails }, itemIndex);
	}
	return asItems(
		emails.map((email) => ({ email })),
		itemIndex,
	);
}
