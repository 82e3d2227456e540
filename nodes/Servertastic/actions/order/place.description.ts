import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { PLACE_ORDER_FIELDS } from '../../helpers/placeOrderFields';
import { DCV_METHOD_OPTIONS, orderTokenLocator } from '../common.descriptions';
import { PLACE_SETTINGS } from './place.settings';
import { specProperties } from './place.specProperties';

/** The editor properties of Order → Place. What execute reads follows the same switches (fieldApplies). */

const spec = (name: string) =>
	specProperties(PLACE_ORDER_FIELDS.find((field) => field.name === name)!);
const specGroup = (prefix: string) =>
	PLACE_ORDER_FIELDS.filter((field) => field.name.startsWith(prefix)).flatMap(specProperties);

export const PRIVATE_KEY_NOTICE =
	'Servertastic made this key pair and returns the private key only once, in this answer: it is never stored, neither by Servertastic nor by this node. Save it now, somewhere safe; if it is lost, reissue the order (Order → Reissue) for a new key pair.';

const properties: INodeProperties[] = [
	// The order a person fills it in: token, product, CSR, validation, names, organisation, contacts.
	orderTokenLocator(
		'unused',
		'The token to place the order with: From List shows the unused tokens of the account. Placing the order spends the points of its product.',
	),
	{
		displayName: 'Product Validation Level',
		name: 'validationLevel',
		type: 'options',
		options: [
			{ name: 'DV (Domain Validated)', value: 'DV' },
			{ name: 'OV (Organisation Validated)', value: 'OV' },
			{ name: 'EV (Extended Validation)', value: 'EV' },
		],
		default: 'DV',
		description:
			"The validation level of the token's product. OV and EV need the organisation's details.",
	},
	{
		displayName: 'Product Brand',
		name: 'productBrand',
		type: 'options',
		options: [
			{ name: 'DigiCert (Secure Site)', value: 'digicert' },
			{ name: 'GeoTrust (QuickSSL, True BusinessID)', value: 'geotrust' },
			{ name: 'Other', value: 'other' },
			{ name: 'PositiveSSL', value: 'positivessl' },
			{ name: 'RapidSSL', value: 'rapidssl' },
			{ name: 'SectigoSSL', value: 'sectigossl' },
			{ name: 'Thawte (SSL123, SSL Web Server)', value: 'thawte' },
		],
		default: 'other',
		description:
			'Some brands take extra fields: the intermediate CA choice, Sectigo contact details',
	},
	...spec('intermediateCa'),
	{
		displayName: 'CSR Source',
		name: 'csrSource',
		type: 'options',
		options: [
			{
				name: 'Paste a CSR',
				value: 'paste',
				description:
					'Send a certificate signing request made on your server; the private key never leaves it',
			},
			{
				name: 'Let Servertastic Generate the Key Pair',
				value: 'generate',
				description:
					'Send no CSR: Servertastic makes the key pair from the domain name, the organisation and the admin contact email, and returns the private key once',
			},
		],
		default: 'paste',
		description:
			'Where the certificate signing request comes from. A generated private key is shown once in the output and never stored.',
	},
	{
		displayName: 'CSR',
		name: 'csr',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: '-----BEGIN CERTIFICATE REQUEST-----',
		displayOptions: { show: { csrSource: ['paste'] } },
		description:
			'The certificate signing request in PEM form, made with an RSA key of at least 2048 bits or an EC P-256/P-384 key. Only the one PEM block, with nothing but whitespace around it.',
	},
	{
		displayName: 'Domain Name',
		name: 'domainName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'www.example.com',
		displayOptions: { show: { csrSource: ['generate'] } },
		description:
			'The name the certificate is for (a wildcard such as *.example.com only for wildcard products); Servertastic puts it in the CSR it makes',
	},
	{
		displayName: 'Validation Method',
		name: 'dvAuthMethod',
		type: 'options',
		options: DCV_METHOD_OPTIONS,
		default: 'EMAIL',
		description: 'How the certificate authority checks control of the domain (DCV)',
	},
	...spec('approverEmail'),
	{
		displayName: 'Additional Domains (SANs)',
		name: 'sanDomains',
		type: 'string',
		default: '',
		placeholder: 'shop.example.com, mail.example.com',
		description:
			"Extra names for a multi-domain order, separated by commas; at most the token's SAN count",
		hint: "Only the names besides the main one (the CSR's or the Domain Name). Leave empty for a single-name certificate; a list from an expression works too.",
	},
	{
		displayName: 'Exclude Free Www',
		name: 'excludeAddon',
		type: 'boolean',
		default: false,
		hint: 'Off: a certificate for example.com covers www.example.com too, and one for www.example.com covers example.com, at no extra cost. On: only the name itself.',
		description:
			"Whether to certify only the order's name. Otherwise a single-domain certificate also covers www (or, for a www name, the base domain).",
	},
	{
		displayName: 'Hashing Algorithm',
		name: 'hashingAlgorithm',
		type: 'options',
		// A fixed list: a dropdown loaded per token shows an error in the editor whenever the token is
		// an expression, as it is in most workflows. The values are those of api2.md's productfields.
		options: [
			{
				name: "The Product's Default (First Offered)",
				value: '',
				description: 'Sends the first value Get Product Fields lists for the token',
			},
			{ name: 'SHA-256', value: 'SHA-256' },
			{ name: 'SHA-256 Full Chain', value: 'SHA-256-FULL-CHAIN' },
		],
		default: '',
		description:
			'The signature hash of the certificate; Servertastic requires one (api2.md productfields)',
		hint: "The product's default reads Get Product Fields for the token and sends the first value it lists (SHA-256 in Servertastic's documentation), also with Check Against Product Fields off; a product that lists none gets none. Choose a value to send it as it is, or use an expression for a value a product lists that is not here.",
	},
	{
		displayName: 'Web Server Type',
		name: 'webServerType',
		type: 'options',
		options: [
			{ name: 'Other', value: 'Other' },
			{ name: 'Microsoft IIS', value: 'IIS' },
		],
		default: 'Other',
		displayOptions: { show: { validationLevel: ['OV', 'EV'] } },
		description:
			'The server the certificate goes on; Servertastic requires it for OV and EV orders',
	},
	{
		displayName: 'Renewal',
		name: 'renewal',
		type: 'boolean',
		default: false,
		description:
			'Whether this order renews an earlier certificate. Up to 90 days left on the old one carry over.',
	},
	...spec('previousOrderToken'),
	{
		displayName: 'Competitive Upgrade',
		name: 'competitiveUpgrade',
		type: 'boolean',
		default: false,
		description:
			'Whether the domain has a certificate from another provider that this order replaces',
	},
	// The organisation with its jurisdiction (OV/EV, or a DV key pair Servertastic makes), then the contacts.
	...specGroup('org'),
	...specGroup('tech'),
	{
		displayName: 'Admin Same as Tech Contact',
		name: 'adminSameAsTech',
		type: 'boolean',
		default: true,
		description: 'Whether to send the technical contact as the administrative contact too',
	},
	...specGroup('admin'),
	...specGroup('ida'),
	...PLACE_SETTINGS,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['place'] } },
	properties,
);
