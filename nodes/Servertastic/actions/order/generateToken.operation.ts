import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import { createHash, randomBytes } from 'crypto';

import { textOf } from '../../helpers/output';
import { textProblem } from '../../helpers/validation';
import { apiRequest, isUncertainOutcome } from '../../transport';
import { readChoice, readText } from '../parameters';
import { actionOptionsProperty, type ItemProblem, readEmail, refuseItem } from './orderAction';

/** The API's limit for reseller_unique_reference. */
export const MAX_REFERENCE_LENGTH = 35;
const REFERENCE_MODES = ['derived', 'custom', 'random'] as const;
type ReferenceMode = (typeof REFERENCE_MODES)[number];

const properties: INodeProperties[] = [
	{
		displayName: 'Product Name or ID',
		name: 'productCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getProducts' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{
		displayName: 'End Customer Email',
		name: 'endCustomerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'The email address of the customer the certificate is for',
	},
	{
		displayName: 'SAN Count',
		name: 'sanCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How many additional domain names (SANs) the certificate may cover; 0 for a single-name certificate. Multi-domain products have a minimum.',
	},
	{
		displayName: 'Server Count',
		name: 'serverCount',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many servers the certificate is licensed for',
	},
	{
		displayName: 'Reseller Reference',
		name: 'resellerReference',
		type: 'options',
		options: [
			{
				name: 'Custom',
				value: 'custom',
				description: 'Your own unique reference, such as your order number (at most 35 characters)',
			},
			{
				name: 'Derived From the Item',
				value: 'derived',
				description:
					'The same input item and product always give the same reference, so running the workflow again cannot buy a second token for it',
			},
			{
				name: 'None (Random)',
				value: 'random',
				description:
					'A new random reference every time: running the workflow again buys another token. Not recommended.',
			},
		],
		default: 'derived',
		description:
			'Servertastic refuses a reference it has seen before, which guards against buying the same token twice. Derived From the Item: "n8n-" and a hash of the input item and the product.',
	},
	{
		displayName: 'Custom Reference',
		name: 'customReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. INV-2024-0042',
		displayOptions: { show: { resellerReference: ['custom'] } },
		description:
			'A reference unique to this purchase, at most 35 characters. A reference used before is refused, so the same purchase cannot be made twice.',
	},
	actionOptionsProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['generateToken'] } },
	properties,
);

/** JSON with object keys sorted at every level, so the same data always gives the same text. */
export function canonicalJson(value: unknown, seen: Set<object> = new Set()): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'bigint') return JSON.stringify(value.toString());
	if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	const withToJson = value as { toJSON?: () => unknown };
	if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON(), seen);
	if (seen.has(value)) return '"[Circular]"';
	seen.add(value);
	let text: string;
	if (Array.isArray(value)) {
		text = `[${value.map((entry) => (typeof entry === 'function' ? 'null' : canonicalJson(entry, seen))).join(',')}]`;
	} else {
		const record = value as Record<string, unknown>;
		const keys = Object.keys(record)
			.filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
			.sort();
		text = `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], seen)}`).join(',')}}`;
	}
	seen.delete(value);
	return text;
}

/** 'n8n-' and 31 hex digits of SHA-256 over the item and product: 35 characters, the API's limit. */
export function derivedReference(itemJson: IDataObject, productCode: string): string {
	const digest = createHash('sha256').update(canonicalJson({ item: itemJson, productCode })).digest('hex');
	return `n8n-${digest.slice(0, MAX_REFERENCE_LENGTH - 4)}`;
}

function randomReference(): string {
	return `n8n-rnd-${randomBytes(16).toString('hex').slice(0, MAX_REFERENCE_LENGTH - 8)}`;
}

function readCount(
	context: IExecuteFunctions,
	name: string,
	label: string,
	minimum: number,
	itemIndex: number,
	problems: ItemProblem[],
): number {
	const value = context.getNodeParameter(name, itemIndex, minimum) as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < minimum) {
		const shown = typeof value === 'string' ? `"${value.slice(0, 20)}"` : String(value);
		problems.push({ field: label, problem: `must be a whole number of at least ${minimum}, not ${shown}` });
		return minimum;
	}
	return number;
}

interface PreparedItem {
	mode: ReferenceMode;
	params: Record<string, string>;
}

/** References already taken by earlier items of this run: a duplicate item is refused before any request. */
const referencesByRun = new WeakMap<object, Map<string, number>>();

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const problems: ItemProblem[] = [];
	const productCode = readText(this, 'productCode', itemIndex, 'Product Name or ID').trim();
	if (!productCode) problems.push({ field: 'Product Name or ID', problem: 'is required' });
	else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(productCode)) {
		problems.push({
			field: 'Product Name or ID',
			problem: `must be a product code such as RapidSSL-12 (letters, digits, ".", "-" and "_"), not "${productCode.slice(0, 40)}"`,
		});
	}
	const email = readEmail(this, 'endCustomerEmail', 'End Customer Email', itemIndex, problems, true);
	const sanCount = readCount(this, 'sanCount', 'SAN Count', 0, itemIndex, problems);
	const serverCount = readCount(this, 'serverCount', 'Server Count', 1, itemIndex, problems);
	const mode = readChoice(this, 'resellerReference', itemIndex, 'Reseller Reference', REFERENCE_MODES);

	let reference = '';
	if (mode === 'custom') {
		reference = readText(this, 'customReference', itemIndex, 'Custom Reference').trim();
		const problem = reference
			? textProblem(reference, { maxLength: MAX_REFERENCE_LENGTH })
			: 'is required when Reseller Reference is Custom';
		if (problem) problems.push({ field: 'Custom Reference', problem });
	} else if (mode === 'derived') {
		reference = derivedReference(this.getInputData()[itemIndex]?.json ?? {}, productCode);
	} else {
		reference = randomReference();
	}
	if (problems.length) throw refuseItem(this, problems, itemIndex);

	const taken = referencesByRun.get(this) ?? new Map<string, number>();
	referencesByRun.set(this, taken);
	const earlier = taken.get(reference);
	if (earlier !== undefined) {
		const why =
			mode === 'derived'
				? `is the same as item ${earlier} (same data and product), so it would buy the same token twice`
				: `is the same as for item ${earlier}: each token needs its own reference`;
		throw refuseItem(this, [{ field: 'Reseller Reference', problem: why }], itemIndex);
	}
	taken.set(reference, itemIndex);

	return {
		mode,
		params: {
			st_product_code: productCode,
			end_customer_email: email,
			reseller_unique_reference: reference,
			san_count: String(sanCount),
			server_count: String(serverCount),
		},
	};
}

/** The API's words for a reference it has seen before (its exact text is not documented). */
function isReusedReference(error: NodeApiError): boolean {
	const message = error.message;
	return /reference/i.test(message) && /already|duplicate|exist|in use|been used|not unique|taken/i.test(message);
}

function reusedReferenceError(
	context: IExecuteFunctions,
	failure: NodeApiError,
	mode: ReferenceMode,
	reference: string,
	itemIndex: number,
): NodeApiError {
	const apiSaid = `${failure.message}${failure.description ? ` (${failure.description.replace(/\.$/, '')})` : ''}.`;
	const why =
		mode === 'derived'
			? 'The reference is derived from the input item and the product, so running the same item again cannot buy a second token.'
			: 'A reference can buy only one token.';
	const another =
		mode === 'derived'
			? ' To buy another token for the same data on purpose, set Reseller Reference to Custom with a new value.'
			: ' To buy another token, give a new reference.';
	const errorResponse = (failure as unknown as { errorResponse?: JsonObject }).errorResponse ?? {};
	return new NodeApiError(context.getNode(), errorResponse, {
		message:
			mode === 'derived'
				? `A token for this item already exists (reseller reference ${reference}) [item ${itemIndex}]`
				: `A token with the reseller reference ${reference} already exists [item ${itemIndex}]`,
		description: `${apiSaid} ${why} Find the existing token with Order → Get Many Tokens (reseller reference ${reference}).${another}`,
		httpCode: failure.httpCode ?? undefined,
		itemIndex,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const { mode, params } = prepared ?? (await prepare.call(this, itemIndex));
	const reference = params.reseller_unique_reference;
	// Sent once (the transport never repeats it); the reference stops a repeat from buying twice.
	const attempt = await apiRequest.call(this, 'order/generatetoken', params, { itemIndex }).then(
		(answer) => ({ answer, failure: undefined }),
		(failure: NodeApiError) => ({ answer: undefined, failure }),
	);
	if (attempt.failure) {
		const failure = attempt.failure;
		if (isReusedReference(failure)) throw reusedReferenceError(this, failure, mode, reference, itemIndex);
		if (!isUncertainOutcome(failure)) throw failure;
		const rerun =
			mode === 'random'
				? 'With a random reference, running it again may buy a second token: look in Order → Get Many Tokens first.'
				: `Running this item again is safe: Servertastic refuses a second token for the reference ${reference}. Or look for it in Order → Get Many Tokens.`;
		throw new NodeApiError(this.getNode(), {}, {
			message: failure.message,
			description: `${failure.description ?? ''} The token may have been generated all the same. ${rerun}`.trim(),
			httpCode: failure.httpCode ?? undefined,
			itemIndex,
		});
	}
	const response = attempt.answer as IDataObject;
	const orderToken = textOf(response.order_token);
	if (response.success === undefined || !orderToken) {
		throw new NodeApiError(this.getNode(), {}, {
			message: 'Servertastic did not return an order token',
			description: `The answer to order/generatetoken held no "order_token". Look in Order → Get Many Tokens for the reseller reference ${reference} before trying again.`,
			itemIndex,
		});
	}
	const json: IDataObject = {
		orderToken,
		success: true,
		message: textOf(response.success),
		resellerOrderId: textOf(response.reseller_order_id),
		reviewUrl: textOf(response.review_url),
		resellerReference: reference,
		productCode: params.st_product_code,
		response,
	};
	return [{ json, pairedItem: { item: itemIndex } }];
}
