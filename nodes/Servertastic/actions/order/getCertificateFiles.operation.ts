import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { CertificateFilesError } from '../../helpers/certificateChain';
import { readPrivateKey } from '../../helpers/certificateFiles';
import { tidyOrder } from '../../helpers/orderReview';
import { apiRequest } from '../../transport';
import { readRequiredOrderToken } from '../listOperations';
import { readBoolean, readChoice, readCollection, readText } from '../parameters';
import { properties } from './getCertificateFiles.description';
import { type FileOptions, type Files, makeFiles } from './getCertificateFiles.files';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getCertificateFiles'] } },
	properties,
);

const KEY_SOURCES = ['none', 'text', 'binary'] as const;
const PASSWORD_MIN_LENGTH = 4;

interface PreparedItem extends FileOptions {
	orderToken: string;
}

function refusal(
	context: IExecuteFunctions,
	message: string,
	itemIndex: number,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		...(description ? { description } : {}),
	});
}

async function keyText(
	context: IExecuteFunctions,
	source: 'text' | 'binary',
	itemIndex: number,
): Promise<string> {
	if (source === 'text') return readText(context, 'privateKey', itemIndex, 'Private Key');
	const property = readText(
		context,
		'privateKeyBinaryProperty',
		itemIndex,
		'Private Key Binary Property',
	).trim();
	if (!property)
		throw refusal(context, "'Private Key Binary Property' must not be empty", itemIndex);
	const binary = context.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) {
		throw refusal(
			context,
			`The input item has no binary property "${property}" holding the private key`,
			itemIndex,
			'Generate Key and CSR puts the key in "key".',
		);
	}
	return (await context.helpers.getBinaryDataBuffer(itemIndex, property)).toString('utf8');
}

/** Reads and checks one item, the private key included, before any request. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const orderToken = readRequiredOrderToken(this, itemIndex);
	const source = readChoice(this, 'privateKeySource', itemIndex, 'Private Key', KEY_SOURCES);
	const options = readCollection(this, 'options', itemIndex);
	const prepared: PreparedItem = {
		orderToken,
		passphrase: '',
		pfxPassword: '',
		includeRoot: readBoolean(this, 'options.includeRoot', itemIndex, 'Include Root Certificate'),
		unencryptedKeyFile: options.unencryptedKeyFile === true,
	};
	if (source === 'none') return prepared;
	prepared.passphrase = readText(this, 'privateKeyPassphrase', itemIndex, 'Private Key Passphrase');
	prepared.pfxPassword = readText(this, 'pfxPassword', itemIndex, 'PFX Password');
	if (prepared.pfxPassword.length < PASSWORD_MIN_LENGTH) {
		throw refusal(
			this,
			`'PFX Password' must be at least ${PASSWORD_MIN_LENGTH} characters long`,
			itemIndex,
		);
	}
	const text = await keyText(this, source, itemIndex);
	const failure = caught(() => {
		prepared.privateKey = readPrivateKey(text, prepared.passphrase);
	});
	if (failure instanceof CertificateFilesError)
		throw refusal(this, failure.message, itemIndex, 'Nothing was asked of Servertastic.');
	if (failure) throw failure;
	return prepared;
}

/** The error `run` threw, or undefined. */
function caught(run: () => void): unknown {
	try {
		run();
		return undefined;
	} catch (error) {
		return error;
	}
}

const isFiles = (value: unknown): value is Files =>
	typeof value === 'object' && value !== null && 'files' in value && 'json' in value;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const item = prepared ?? (await prepare.call(this, itemIndex));
	const review = await apiRequest.call(
		this,
		'order/review',
		{ order_token: item.orderToken },
		{ itemIndex },
	);
	const order = tidyOrder(review, item.orderToken);
	if (!order.isIssued) {
		throw refusal(
			this,
			`The order is not issued yet (status: ${String(order.status ?? 'unknown')})`,
			itemIndex,
			'No files were made. Get the order again once its status is Completed.',
		);
	}
	const made = await makeFiles(order, item).then(
		(files) => files,
		(error: unknown) => error,
	);
	if (made instanceof CertificateFilesError)
		throw refusal(this, made.message, itemIndex, 'No files were made.');
	if (made instanceof Error || !isFiles(made)) throw made;
	const binary: Record<string, IBinaryData> = {};
	for (const file of made.files) {
		binary[file.property] = await this.helpers.prepareBinaryData(
			file.data,
			file.fileName,
			file.mimeType,
		);
	}
	return [{ json: made.json, binary, pairedItem: { item: itemIndex } }];
}
