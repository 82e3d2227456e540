import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildCsr, csrToPem } from '../../helpers/csrWriter';
import {
	generateKeys,
	KEY_SPECS,
	KEY_TYPES,
	privateKeyPem,
	publicKeySha256,
} from '../../helpers/keyPair';
import { prepareKeyRequest, type KeyRequest } from '../../helpers/keyRequest';
import type { ItemProblem } from '../../helpers/itemProblem';
import { readChoice, readCollection, readText, readTextOrList } from '../parameters';
import { refuseItem } from '../order/orderInput';

export const CSR_BINARY_PROPERTY = 'csr';
export const KEY_BINARY_PROPERTY = 'key';
const PEM_MIME_TYPE = 'application/x-pem-file';
const PASSPHRASE_MIN_LENGTH = 4; // what OpenSSL asks of a PEM passphrase

const subjectField = (
	displayName: string,
	name: string,
	description: string,
	placeholder = '',
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

const properties: INodeProperties[] = [
	{
		displayName: 'Key Type',
		name: 'keyType',
		type: 'options',
		options: [
			{
				name: 'EC P-256',
				value: 'ecP256',
				description: 'Small and fast; accepted by every current CA',
			},
			{ name: 'EC P-384', value: 'ecP384' },
			{ name: 'RSA 2048', value: 'rsa2048', description: 'The most widely compatible' },
			{ name: 'RSA 3072', value: 'rsa3072' },
			{ name: 'RSA 4096', value: 'rsa4096', description: 'Takes a few seconds to generate' },
		],
		default: 'rsa2048',
		description:
			'The kind of private key to make. It never leaves n8n: only the CSR goes to Servertastic.',
	},
	{
		displayName: 'Common Name',
		name: 'commonName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'www.example.com',
		description: 'The main domain of the certificate, e.g. www.example.com or *.example.com',
	},
	{
		displayName: 'Additional Domains (SANs)',
		name: 'sanDomains',
		type: 'string',
		default: '',
		placeholder: 'shop.example.com, mail.example.com',
		description:
			'More names for the certificate, separated by commas. The common name is always included.',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'collection',
		placeholder: 'Add Subject Field',
		default: {},
		options: [
			subjectField('Country', 'country', 'Two-letter ISO 3166 country code', 'GB'),
			subjectField('Email', 'email', 'Contact address written into the subject', 'name@email.com'),
			subjectField('Locality', 'locality', 'City or town', 'London'),
			subjectField(
				'Organisation',
				'organisation',
				'Legal name of the organisation (OV and EV)',
				'Example Ltd',
			),
			subjectField('Organisational Unit', 'organisationalUnit', 'Department, e.g. IT', 'IT'),
			subjectField('State or Province', 'state', 'State, county or region', 'Greater London'),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Private Key Passphrase',
				name: 'privateKeyPassphrase',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Encrypt the private key (PKCS#8, AES-256-CBC) with this passphrase. Leave empty for an unencrypted key, as most web servers need.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['certificate'], operation: ['generateKeyAndCsr'] } },
	properties,
);

interface PreparedItem {
	request: KeyRequest;
	keyType: (typeof KEY_TYPES)[number];
	passphrase: string;
}

/** Reads and checks one item before any key is made. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const keyType = readChoice(this, 'keyType', itemIndex, 'Key Type', KEY_TYPES);
	const subject = (name: string, label: string) =>
		readText(this, `subject.${name}`, itemIndex, label);
	const prepared = prepareKeyRequest({
		commonName: readText(this, 'commonName', itemIndex, 'Common Name'),
		sanDomains: readTextOrList(this, 'sanDomains', itemIndex, 'Additional Domains (SANs)'),
		organisation: subject('organisation', 'Organisation'),
		organisationalUnit: subject('organisationalUnit', 'Organisational Unit'),
		locality: subject('locality', 'Locality'),
		state: subject('state', 'State or Province'),
		country: subject('country', 'Country'),
		email: subject('email', 'Email'),
	});
	const options = readCollection(this, 'options', itemIndex);
	const passphrase =
		typeof options.privateKeyPassphrase === 'string' ? options.privateKeyPassphrase : '';
	const problems: ItemProblem[] = prepared.ok ? [] : [...prepared.problems];
	if (passphrase && passphrase.length < PASSPHRASE_MIN_LENGTH) {
		// The passphrase itself is never repeated.
		problems.push({
			field: 'Private Key Passphrase',
			problem: `must be at least ${PASSPHRASE_MIN_LENGTH} characters long`,
		});
	}
	if (!prepared.ok || problems.length) {
		throw refuseItem(this, problems, itemIndex, 'No key was made.');
	}
	return { request: prepared.request, keyType, passphrase };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const { request, keyType, passphrase } = prepared ?? (await prepare.call(this, itemIndex));
	const spec = KEY_SPECS[keyType];
	const keys = await generateKeys(spec);
	const csr = csrToPem(buildCsr(request.subject, request.dnsNames, keys));
	const privateKey = privateKeyPem(keys.privateKey, passphrase || undefined);
	const json: IDataObject = {
		commonName: request.subject.commonName,
		domains: request.dnsNames,
		subject: { ...request.subject },
		keyType: spec.keyType,
		keySize: spec.keyType === 'RSA' ? spec.keySize : null,
		curve: spec.keyType === 'EC' ? spec.curve : null,
		publicKeySha256: publicKeySha256(keys.publicKey),
		csr,
		privateKey,
		privateKeyEncrypted: passphrase !== '',
	};
	const binary = {
		[CSR_BINARY_PROPERTY]: await this.helpers.prepareBinaryData(
			Buffer.from(csr),
			'csr.pem',
			PEM_MIME_TYPE,
		),
		[KEY_BINARY_PROPERTY]: await this.helpers.prepareBinaryData(
			Buffer.from(privateKey),
			'key.pem',
			PEM_MIME_TYPE,
		),
	};
	return [{ json, binary, pairedItem: { item: itemIndex } }];
}
