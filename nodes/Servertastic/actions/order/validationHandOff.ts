import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { DcvInstructions } from '../../helpers/dcv';

/** The binary property of the validation file, for n8n's FTP/SFTP or SSH node to upload. */
export const VALIDATION_FILE_PROPERTY = 'validationFile';

/**
 * The validation of an output item, handed on: `validationFile` (name, path, url) with the file as
 * binary data for HTTP/HTTPS file validation, `dnsRecord` (name, type, value) for DNS. Both keys are
 * always there, null when they do not apply, so a workflow can test them.
 */
export async function withValidationHandOff(
	context: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const validation = (json.validation ?? null) as DcvInstructions | null;
	const file = validation?.file ?? null;
	const path = file?.path ?? null;
	const name = path ? path.replace(/^.*\//, '') : '';
	const item: INodeExecutionData = {
		json: {
			...json,
			validationFile: file && path ? { name, path, url: file.url } : null,
			dnsRecord: validation?.dnsRecord ? { ...validation.dnsRecord } : null,
		},
		pairedItem: { item: itemIndex },
	};
	if (file && path) {
		const data = Buffer.from(file.contents, 'utf8');
		const binary: IBinaryKeyData = {
			[VALIDATION_FILE_PROPERTY]: await context.helpers.prepareBinaryData(data, name, 'text/plain'),
		};
		item.binary = binary;
	}
	return item;
}
