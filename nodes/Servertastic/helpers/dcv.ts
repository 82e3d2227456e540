import type { IDataObject } from 'n8n-workflow';

import { textOf } from './output';
import type { DvAuthMethod } from './placeOrderFields';
import { isWildcardName } from './validation/hostnames';

/**
 * Domain control validation rules shared by Place and Reissue. HTTP/HTTPS file validation cannot
 * prove control of a wildcard name (CA/Browser Forum, since 2021): only Email and DNS can.
 * Returns the problem (to follow the field name 'Validation Method'), or undefined.
 */
export function wildcardFileValidationProblem(
	method: DvAuthMethod | undefined,
	names: readonly string[],
): string | undefined {
	if (method !== 'FILE' && method !== 'SFILE') return undefined;
	const wildcard = names.find((name) => isWildcardName(name.toLowerCase()));
	if (!wildcard) return undefined;
	return `cannot be HTTP or HTTPS file for the wildcard name "${wildcard}": wildcard names can only be validated by Email or DNS`;
}

/** What the customer has to do to prove control of the domain, ready for an email or Slack node. */
export interface DcvInstructions extends IDataObject {
	method: DvAuthMethod;
	approverEmail: string | null;
	dnsRecord: { name: string; type: string; value: string } | null;
	file: { name: string | null; path: string | null; url: string | null; contents: string } | null;
	instructions: string;
}

const PKI_VALIDATION_PATH = '/.well-known/pki-validation/';
const DOCUMENTED_FILE_NAME = 'fileauth.txt';

/** What to do to validate, from an answer of place, reissue or review; "not ready yet" rather than a guess. */
export function dcvInstructions(
	method: DvAuthMethod,
	domain: string,
	response: IDataObject,
	approverEmail: string | null,
): DcvInstructions {
	const host = domain.replace(/^\*\./, '');
	const result: DcvInstructions = {
		method,
		approverEmail:
			method === 'EMAIL' ? (approverEmail ?? textOf(response.approver_email_address)) : null,
		dnsRecord: null,
		file: null,
		instructions: '',
	};
	if (method === 'EMAIL') {
		result.instructions = result.approverEmail
			? `An approval email goes to ${result.approverEmail}; open it and approve the certificate for ${domain}.`
			: `An approval email goes to the approver address for ${domain}; open it and approve the certificate.`;
		return result;
	}
	if (method === 'DNS') {
		const value = textOf(response.dns_string) ?? textOf(response.dv_auth_dns_string);
		if (!value) {
			result.instructions = `Validation by DNS record for ${domain}: the record is not ready yet; get the order again to read it.`;
			return result;
		}
		// dv_auth_dns_name in review (read by Servertastic's client), dns_name in reissue (api2.md).
		const name = textOf(response.dv_auth_dns_name) ?? textOf(response.dns_name) ?? host;
		const type = (textOf(response.dv_auth_dns_type) ?? 'TXT').toUpperCase();
		result.dnsRecord = { name, type, value };
		result.instructions = `Create a DNS ${type} record named ${name} with the value ${value}.`;
		return result;
	}
	const contents = textOf(response.file_contents) ?? textOf(response.dv_auth_file_contents);
	if (!contents) {
		result.instructions = `Validation by file for ${domain}: the file is not ready yet; get the order again to read it.`;
		return result;
	}
	// Without a file name, the one api2.md gives for FILE (its place section): fileauth.txt.
	const fileName =
		textOf(response.file_name) ?? textOf(response.dv_auth_file_name) ?? DOCUMENTED_FILE_NAME;
	const path = fileName ? `${PKI_VALIDATION_PATH}${fileName.replace(/^.*\//, '')}` : null;
	const scheme = method === 'SFILE' ? 'https' : 'http';
	const url = path ? `${scheme}://${host}${path}` : null;
	result.file = { name: fileName, path, url, contents };
	result.instructions = url
		? `Publish a file at ${url} whose contents are: ${contents}`
		: `Publish a file under ${scheme}://${host}${PKI_VALIDATION_PATH} whose contents are: ${contents}`;
	return result;
}
