import type { INodeProperties } from 'n8n-workflow';

import * as generateToken from './generateToken.operation';
import * as getProductFields from './getProductFields.operation';
import * as place from './place.operation';
import * as get from './get.operation';
import * as getCertificateFiles from './getCertificateFiles.operation';
import * as getApproverEmails from './getApproverEmails.operation';
import * as changeApproverEmail from './changeApproverEmail.operation';
import * as switchToEmailValidation from './switchToEmailValidation.operation';
import * as recheckValidation from './recheckValidation.operation';
import * as resendEmail from './resendEmail.operation';
import * as reissue from './reissue.operation';
import * as cancel from './cancel.operation';
import * as getManyExpiring from './getManyExpiring.operation';
import * as getManyModified from './getManyModified.operation';
import * as getManyTokens from './getManyTokens.operation';
import * as advanceTestOrder from './advanceTestOrder.operation';

export const operations = {
	generateToken,
	getProductFields,
	place,
	get,
	getCertificateFiles,
	getApproverEmails,
	changeApproverEmail,
	switchToEmailValidation,
	recheckValidation,
	resendEmail,
	reissue,
	cancel,
	getManyExpiring,
	getManyModified,
	getManyTokens,
	advanceTestOrder,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Advance Test Order',
				value: 'advanceTestOrder',
				description: 'Move a test order to its next stage (test environment only)',
				action: 'Advance a test order',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel an order and refund its points. This cannot be undone.',
				action: 'Cancel an order',
			},
			{
				name: 'Change Approver Email',
				value: 'changeApproverEmail',
				description: 'Send the validation email of an order to another approver address',
				action: 'Change the approver email of an order',
			},
			{
				name: 'Generate Token',
				value: 'generateToken',
				description:
					'Create an order token for a product. Spends no points until the order is placed.',
				action: 'Generate an order token',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get an order's status, validation instructions, certificate and chain",
				action: 'Get an order',
			},
			{
				name: 'Get Approver Emails',
				value: 'getApproverEmails',
				description: 'Get the approver addresses allowed for a domain',
				action: 'Get approver emails for a domain',
			},
			{
				name: 'Get Certificate Files',
				value: 'getCertificateFiles',
				description:
					'Get the issued certificate as files: certificate.pem, chain.pem, fullchain.pem, certificate.p7b, and with the private key key.pem and certificate.pfx',
				action: 'Get the certificate files of an order',
			},
			{
				name: 'Get Many Expiring',
				value: 'getManyExpiring',
				description: 'Get the orders whose certificates expire within a number of days',
				action: 'Get many expiring orders',
			},
			{
				name: 'Get Many Modified',
				value: 'getManyModified',
				description: 'Get the orders changed since a date',
				action: 'Get many modified orders',
			},
			{
				name: 'Get Many Tokens',
				value: 'getManyTokens',
				description: "Get the account's order tokens, used or unused",
				action: 'Get many order tokens',
			},
			{
				name: 'Get Product Fields',
				value: 'getProductFields',
				description: "Get the fields the API expects when placing this token's order",
				action: 'Get the product fields of an order token',
			},
			{
				name: 'Place',
				value: 'place',
				description:
					'Place a certificate order for an order token. Spends the points of the product.',
				action: 'Place an order',
			},
			{
				name: 'Recheck Validation',
				value: 'recheckValidation',
				description: 'Ask the certificate authority to check DNS or file validation now',
				action: 'Recheck the validation of an order',
			},
			{
				name: 'Reissue',
				value: 'reissue',
				description: 'Reissue an issued certificate, e.g. with a new CSR',
				action: 'Reissue a certificate',
			},
			{
				name: 'Resend Email',
				value: 'resendEmail',
				description: 'Resend the approver or the fulfilment email of an order',
				action: 'Resend an order email',
			},
			{
				name: 'Switch Validation to Email',
				value: 'switchToEmailValidation',
				description: 'Switch an order from DNS or file validation to email',
				action: 'Switch an order to email validation',
			},
		],
		default: 'place',
	},
	...generateToken.description,
	...getProductFields.description,
	...place.description,
	...get.description,
	...getCertificateFiles.description,
	...getApproverEmails.description,
	...changeApproverEmail.description,
	...switchToEmailValidation.description,
	...recheckValidation.description,
	...resendEmail.description,
	...reissue.description,
	...cancel.description,
	...getManyExpiring.description,
	...getManyModified.description,
	...getManyTokens.description,
	...advanceTestOrder.description,
];
