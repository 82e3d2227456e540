import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption, optionsCollection, orderTokenProperty } from '../common.descriptions';

const withKey = { show: { privateKeySource: ['text', 'binary'] } };

export const properties: INodeProperties[] = [
	{ ...orderTokenProperty, description: 'The token of an issued (Completed) order' },
	{
		displayName: 'Private Key',
		name: 'privateKeySource',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Certificate files only, no key.pem or PFX' },
			{ name: 'Text', value: 'text', description: 'The key as PEM text, e.g. from an expression' },
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A binary property of the input item, e.g. "key" from Generate Key and CSR',
			},
		],
		default: 'none',
		description:
			"The private key of the order's CSR: with it, the output also holds key.pem and a password-protected certificate.pfx",
	},
	{
		displayName: 'Private Key Text',
		name: 'privateKey',
		type: 'string',
		typeOptions: { password: true, rows: 4 },
		default: '',
		placeholder: '-----BEGIN PRIVATE KEY-----',
		displayOptions: { show: { privateKeySource: ['text'] } },
		description: 'The private key in PEM form (PKCS#8, or RSA/EC PRIVATE KEY)',
	},
	{
		displayName: 'Private Key Binary Property',
		name: 'privateKeyBinaryProperty',
		type: 'string',
		default: 'key',
		displayOptions: { show: { privateKeySource: ['binary'] } },
		description: 'The name of the input binary property that holds the key file',
	},
	{
		displayName: 'Private Key Passphrase',
		name: 'privateKeyPassphrase',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: withKey,
		description: 'The passphrase of an encrypted private key. Leave empty for an unencrypted key.',
	},
	{
		displayName: 'PFX Password',
		name: 'pfxPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: withKey,
		description: 'The password that protects certificate.pfx (at least 4 characters)',
	},
	optionsCollection([
		concurrencyOption,
		{
			displayName: 'Include Root Certificate',
			name: 'includeRoot',
			type: 'boolean',
			default: false,
			description:
				'Whether chain.pem, fullchain.pem and the PFX end with the root certificate. Servers should not send it: clients have it already.',
		},
		{
			displayName: 'Unencrypted Key File',
			name: 'unencryptedKeyFile',
			type: 'boolean',
			default: false,
			description:
				'Whether key.pem is written without a passphrase even when the given key had one (web servers that start unattended need this)',
		},
	]),
];
