import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { CsrError, csrKeyProblem, parseCsr, type ParsedCsr } from '../../helpers/csr';
import { dcvInstructions, wildcardFileValidationProblem } from '../../helpers/dcv';
import { textOf } from '../../helpers/output';
import { DV_AUTH_METHODS, type DvAuthMethod } from '../../helpers/placeOrderFields';
import { hostnameProblem } from '../../helpers/validation/hostnames';
import { apiRequest } from '../../transport';
import {
	approverEmailLocator,
	DCV_METHOD_OPTIONS,
	orderTokenProperty,
} from '../common.descriptions';
import { readChoice, readText } from '../parameters';
import {
	actionDescription,
	actionOutput,
	executeFor,
	actionOutputSpec,
	sendOrderAction,
} from './orderAction';
import { type ItemProblem, readEmail, readOrderToken, refuseItem } from './orderInput';
import { withValidationHandOff } from './validationHandOff';

const KEEP = 'keep';
const METHOD_CHOICES = [KEEP, ...DV_AUTH_METHODS] as const;

/** A private key Servertastic made is in its answer once: Selected Fields never drops it. */
export const output = actionOutputSpec(
	['commonName', 'validation', 'validationFile', 'dnsRecord', 'csr', 'privateKey'],
	{
		simple: [
			'orderToken',
			'success',
			'message',
			'commonName',
			'validation',
			'validationFile',
			'dnsRecord',
			'privateKey',
		],
		alwaysKept: ['privateKey'],
	},
);

export const description = actionDescription('reissue', output, [
	{
		...orderTokenProperty,
		description: 'The token of a completed (issued) order',
	},
	{
		displayName: 'CSR',
		name: 'csr',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		placeholder: '-----BEGIN CERTIFICATE REQUEST-----',
		description:
			'A new certificate signing request in PEM form (RSA of at least 2048 bits or EC P-256/P-384), e.g. after a key compromise. Leave empty to let Servertastic generate a new key pair: the output then holds the private key.',
	},
	{
		displayName: 'Validation Method',
		name: 'validationMethod',
		type: 'options',
		options: [
			...DCV_METHOD_OPTIONS,
			{
				name: 'Keep Current',
				value: KEEP,
				description: 'Validate as the order was validated before',
			},
		],
		default: KEEP,
		description: 'How the certificate authority checks control of the domain for the reissue',
	},
	approverEmailLocator(
		{
			name: 'approverEmailAddress',
			displayOptions: { show: { validationMethod: ['EMAIL'] } },
			description:
				"Where the validation email goes: one of the approver addresses allowed for the domain (see Get Approver Emails). Leave empty to keep the order's approver.",
		},
		"The addresses Servertastic allows for the new CSR's domain, or else the order's (read with the order token). The list stays empty while neither is known; then type or map the address By Value.",
	),
]);

interface PreparedItem {
	orderToken: string;
	body: Record<string, string>;
	method: DvAuthMethod | undefined;
	/** The common name of the new CSR, when one is given. */
	commonName: string | null;
}

/** Reads and checks the new CSR with the same rules as Place; undefined when it is refused. */
function readCsr(text: string, problems: ItemProblem[]): ParsedCsr | undefined {
	let csr: ParsedCsr;
	try {
		csr = parseCsr(text);
	} catch (error) {
		problems.push({
			field: 'CSR',
			problem: `cannot be read: ${error instanceof CsrError ? error.message : 'not a valid CSR'}`,
		});
		return undefined;
	}
	const keyIssue = csrKeyProblem(csr);
	if (keyIssue) problems.push({ field: 'CSR', problem: `is not acceptable: ${keyIssue}` });
	const commonName = (csr.commonName ?? csr.subjectAltNames[0] ?? '').trim().toLowerCase();
	const nameIssue = commonName ? hostnameProblem(commonName, { allowWildcard: true }) : undefined;
	if (nameIssue)
		problems.push({
			field: 'CSR',
			problem: `has a common name that cannot be certified: ${nameIssue}`,
		});
	return csr;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const problems: ItemProblem[] = [];
	const orderToken = readOrderToken(this, itemIndex, problems);
	const choice = readChoice(
		this,
		'validationMethod',
		itemIndex,
		'Validation Method',
		METHOD_CHOICES,
	);
	const method = choice === KEEP ? undefined : (choice as DvAuthMethod);
	const approverEmail =
		method === 'EMAIL'
			? readEmail(this, 'approverEmailAddress', 'Approver Email', itemIndex, problems, false)
			: '';
	const csrText = readText(this, 'csr', itemIndex, 'CSR');
	const csr = csrText.trim() ? readCsr(csrText, problems) : undefined;
	const commonName = csr
		? (csr.commonName ?? csr.subjectAltNames[0] ?? '').trim().toLowerCase()
		: null;
	if (csr) {
		// Without a new CSR the order's names are not known here; the API checks them.
		const wildcardIssue = wildcardFileValidationProblem(method, [
			commonName ?? '',
			...csr.subjectAltNames,
		]);
		if (wildcardIssue) problems.push({ field: 'Validation Method', problem: wildcardIssue });
	}
	if (problems.length) throw refuseItem(this, problems, itemIndex);

	const body: Record<string, string> = { order_token: orderToken };
	// The parsed block, re-wrapped: exactly the request that was checked.
	if (csr) body.csr = csr.pem;
	if (method) body.dv_auth_method = method;
	if (approverEmail) body.approver_email_address = approverEmail;
	return { orderToken, body, method, commonName };
}

/** The certificate's name: the new CSR's, else that of the CSR the API answered with. */
function commonNameOf(prepared: PreparedItem, response: IDataObject): string | null {
	if (prepared.commonName) return prepared.commonName;
	const answeredCsr = textOf(response.csr);
	if (answeredCsr) {
		try {
			const csr = parseCsr(answeredCsr);
			const name = (csr.commonName ?? csr.subjectAltNames[0] ?? '').trim().toLowerCase();
			if (name) return name;
		} catch {
			// Not readable: fall back to the names the API gives.
		}
	}
	return null;
}

/** Sends the reissue once and adds the validation instructions of its answer. */
async function reissueItem(
	context: IExecuteFunctions,
	item: PreparedItem,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// POST, as the API requires for reissue (it may carry a CSR). Sent once, never retried.
	const response = await sendOrderAction(context, 'order/reissue', item.body, itemIndex);

	// The answer: dns_string, dns_name, file_name, file_contents, csr, private_key (api2.md "reissue").
	const hasDns = textOf(response.dns_string) !== null;
	const hasFile = textOf(response.file_contents) !== null;
	const method: DvAuthMethod | undefined =
		item.method ?? (hasDns ? 'DNS' : hasFile ? 'FILE' : undefined);
	const hasDcvData =
		method === 'EMAIL' ||
		(method === 'DNS' && hasDns) ||
		((method === 'FILE' || method === 'SFILE') && hasFile);
	let commonName = commonNameOf(item, response);
	if (hasDcvData && !commonName) {
		// The instructions need the domain; a read is safe, and the reissue stands if it fails.
		const review = await apiRequest
			.call(context, 'order/review', { order_token: item.orderToken }, { itemIndex })
			.catch(() => ({}) as IDataObject);
		commonName = textOf(review.domain_name)?.toLowerCase() ?? null;
	}
	const validation =
		method && hasDcvData && commonName
			? dcvInstructions(method, commonName, response, item.body.approver_email_address ?? null)
			: null;

	const json = actionOutput(item.orderToken, response, {
		commonName,
		validation,
		csr: textOf(response.csr),
		privateKey: textOf(response.private_key),
	});
	return [await withValidationHandOff(context, json, itemIndex)];
}

export const execute = executeFor(prepare, reissueItem);
