import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';
import { createHash, randomBytes } from 'crypto';

import { entriesOf, listedOrder } from '../../helpers/lists';
import { textOf } from '../../helpers/output';
import { textProblem } from '../../helpers/validation';
import { apiRequest, isUncertainOutcome } from '../../transport';
import { concurrencyOption, optionsCollection } from '../common.descriptions';
import { readChoice, readCollection, readText } from '../parameters';
import { type ItemProblem, readEmail, refuseItem } from './orderAction';

/** The API's limit for reseller_unique_reference. */
export const MAX_REFERENCE_LENGTH = 35;
const REFERENCE_MODES = ['derived', 'custom', 'random'] as const;
type ReferenceMode = (typeof REFERENCE_MODES)[number];
type IfReferenceUsed = 'returnExisting' | 'error';
/** How the item's token came about: bought now, found from before, or found after a lost answer. */
export type Generation = 'generated' | 'existing' | 'confirmedAfterUncertainAnswer';

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
	optionsCollection([
		concurrencyOption,
		{
			displayName: 'If the Reference Was Used Before',
			name: 'ifReferenceUsed',
			type: 'options',
			displayOptions: { show: { '/resellerReference': ['derived', 'custom'] } },
			options: [
				{
					name: 'Return the Existing Token',
					value: 'returnExisting',
					description:
						'Look the token up (Get Many Tokens, once per run) and output it, marked generation "existing": a re-run picks up where it stopped',
				},
				{
					name: 'Stop With an Error',
					value: 'error',
					description: 'Treat the refused reference as an error for this item',
				},
			],
			default: 'returnExisting',
			description:
				'What to do when Servertastic refuses the reference because a token was already bought with it, e.g. when a crashed execution is run again',
		},
	]),
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
	ifReferenceUsed: IfReferenceUsed;
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
	const ifReferenceUsed = readCollection(this, 'options', itemIndex).ifReferenceUsed ?? 'returnExisting';
	if (ifReferenceUsed !== 'returnExisting' && ifReferenceUsed !== 'error') {
		problems.push({
			field: 'If the Reference Was Used Before',
			problem: `must be returnExisting or error, not "${String(ifReferenceUsed).slice(0, 40)}"`,
		});
	}

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
		ifReferenceUsed: ifReferenceUsed as IfReferenceUsed,
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

/** The transport quotes the start of an unreadable answer; from generatetoken that may hold the token. */
function withoutQuotedAnswer(description: string | null | undefined): string {
	return (description ?? '').replace(
		/(it began|The body held no error message):[\s\S]*$/i,
		'Its text is not shown: it may hold the order token.',
	);
}

interface EarlierToken {
	entry: IDataObject;
	orderToken: string;
	status: string | null;
}

/** The one `order/showtokens` answer of a run: many items may need it, at the same time. */
const tokenListByRun = new WeakMap<object, Promise<IDataObject>>();

/**
 * The token bought earlier with `reference`, from the unused then the used list; undefined when
 * neither lists it. Rejects with the transport's error when the list cannot be read.
 */
async function findEarlierToken(
	context: IExecuteFunctions,
	reference: string,
	itemIndex: number,
): Promise<EarlierToken | undefined> {
	let list = tokenListByRun.get(context);
	if (!list) {
		// A read: the transport retries it. The credential adds api_key.
		list = apiRequest.call(context, 'order/showtokens', {}, { itemIndex });
		tokenListByRun.set(context, list);
	}
	const answer = await list;
	const entries = [...entriesOf(answer.unused_tokens, 'token'), ...entriesOf(answer.used_tokens, 'token')];
	for (const entry of entries) {
		const listed = listedOrder(entry);
		if (listed.resellerReference?.trim() !== reference || !listed.orderToken) continue;
		return { entry, orderToken: listed.orderToken, status: listed.status };
	}
	return undefined;
}

/** Looks the reference up; `failure` is set when the list could not be read. */
async function lookUp(
	context: IExecuteFunctions,
	reference: string,
	itemIndex: number,
): Promise<{ found?: EarlierToken; failure?: NodeApiError }> {
	return await findEarlierToken(context, reference, itemIndex).then(
		(found) => ({ found }),
		(failure: NodeApiError) => ({ failure }),
	);
}

function reusedReferenceError(
	context: IExecuteFunctions,
	failure: NodeApiError,
	mode: ReferenceMode,
	reference: string,
	itemIndex: number,
	lookup?: string,
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
	const find = lookup ?? `Find the existing token with Order → Get Many Tokens (reseller reference ${reference}).`;
	const errorResponse = (failure as unknown as { errorResponse?: JsonObject }).errorResponse ?? {};
	return new NodeApiError(context.getNode(), errorResponse, {
		message:
			mode === 'derived'
				? `A token for this item already exists (reseller reference ${reference}) [item ${itemIndex}]`
				: `A token with the reseller reference ${reference} already exists [item ${itemIndex}]`,
		description: `${apiSaid} ${why} ${find}${another}`,
		httpCode: failure.httpCode ?? undefined,
		itemIndex,
	});
}

/** The same keys for a bought and a found token; `response` is the answer or the list entry as it came. */
function tokenOutput(
	orderToken: string,
	params: Record<string, string>,
	generation: Generation,
	fields: { message: string | null; resellerOrderId: string | null; reviewUrl: string | null; orderStatus: string | null },
	response: IDataObject,
): IDataObject {
	return {
		orderToken,
		success: true,
		message: fields.message,
		resellerOrderId: fields.resellerOrderId,
		reviewUrl: fields.reviewUrl,
		resellerReference: params.reseller_unique_reference,
		productCode: params.st_product_code,
		generation,
		orderStatus: fields.orderStatus,
		response,
	};
}

function earlierTokenOutput(found: EarlierToken, params: Record<string, string>, generation: Generation): IDataObject {
	const message =
		generation === 'existing'
			? 'The reference was used before: this is the token bought with it'
			: 'The answer was lost; the token list shows the token was generated';
	return tokenOutput(
		found.orderToken,
		params,
		generation,
		{
			message,
			resellerOrderId: textOf(found.entry.reseller_order_id),
			reviewUrl: textOf(found.entry.review_url),
			orderStatus: found.status,
		},
		found.entry,
	);
}

/** A found token must be for the product asked for: a custom reference may have bought another one. */
function productMismatch(found: EarlierToken, params: Record<string, string>): string | undefined {
	const listed = textOf(found.entry.st_product_code)?.trim();
	if (!listed || listed.toLowerCase() === params.st_product_code.toLowerCase()) return undefined;
	return listed;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const { mode, ifReferenceUsed, params } = prepared ?? (await prepare.call(this, itemIndex));
	const reference = params.reseller_unique_reference;
	// Sent once (the transport never repeats it); the reference stops a repeat from buying twice.
	const attempt = await apiRequest.call(this, 'order/generatetoken', params, { itemIndex }).then(
		(answer) => ({ answer, failure: undefined }),
		(failure: NodeApiError) => ({ answer: undefined, failure }),
	);
	if (attempt.failure) {
		const failure = attempt.failure;
		if (isReusedReference(failure)) {
			// A random reference never repeats: only a derived or custom one can have bought a token before.
			if (mode === 'random' || ifReferenceUsed === 'error') {
				throw reusedReferenceError(this, failure, mode, reference, itemIndex);
			}
			const { found, failure: lookupFailure } = await lookUp(this, reference, itemIndex);
			if (lookupFailure) {
				throw new NodeApiError(this.getNode(), {}, {
					message: `${mode === 'derived' ? `A token for this item already exists (reseller reference ${reference})` : `A token with the reseller reference ${reference} already exists`} and could not be looked up: ${lookupFailure.message} [item ${itemIndex}]`,
					description: `Servertastic refused the reseller reference ${reference} as used before, and reading order/showtokens to find its token failed. Nothing was bought. Run the workflow again to pick the token up, or find it with Order → Get Many Tokens.`,
					httpCode: lookupFailure.httpCode ?? undefined,
					itemIndex,
				});
			}
			if (!found) {
				const lookup = `The lookup in Order → Get Many Tokens found no token with the reseller reference ${reference} (Servertastic may not list it).`;
				throw reusedReferenceError(this, failure, mode, reference, itemIndex, lookup);
			}
			const otherProduct = productMismatch(found, params);
			if (otherProduct) {
				const lookup = `The token bought with it is for ${otherProduct}, not ${params.st_product_code}, so it is not returned.`;
				throw reusedReferenceError(this, failure, mode, reference, itemIndex, lookup);
			}
			return [{ json: earlierTokenOutput(found, params, 'existing'), pairedItem: { item: itemIndex } }];
		}
		if (!isUncertainOutcome(failure)) throw failure;
		const said = withoutQuotedAnswer(failure.description);
		if (mode === 'random') {
			throw new NodeApiError(this.getNode(), {}, {
				message: failure.message,
				description: `${said} The token may have been generated all the same. With a random reference, running it again may buy a second token: look in Order → Get Many Tokens first.`.trim(),
				httpCode: failure.httpCode ?? undefined,
				itemIndex,
			});
		}
		// The token may exist: the list decides. generatetoken is never sent again (it buys).
		const { found, failure: lookupFailure } = await lookUp(this, reference, itemIndex);
		const otherProduct = found && productMismatch(found, params);
		if (found && !otherProduct) {
			return [
				{ json: earlierTokenOutput(found, params, 'confirmedAfterUncertainAnswer'), pairedItem: { item: itemIndex } },
			];
		}
		const checked = lookupFailure
			? `Looking for it in order/showtokens failed too (${lookupFailure.message}).`
			: otherProduct
				? `Order → Get Many Tokens lists the reseller reference ${reference} for ${otherProduct}, not ${params.st_product_code}.`
				: `Order → Get Many Tokens listed no token with the reseller reference ${reference} when looked up.`;
		const rerun =
			ifReferenceUsed === 'returnExisting'
				? 'and the re-run returns the token if it exists'
				: 'or look for it in Order → Get Many Tokens';
		throw new NodeApiError(this.getNode(), {}, {
			message: failure.message,
			description: `${said} The token may have been generated all the same. ${checked} Running this item again is safe: Servertastic refuses a second token for the reference ${reference}, ${rerun}.`.trim(),
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
	const json = tokenOutput(
		orderToken,
		params,
		'generated',
		{
			message: textOf(response.success),
			resellerOrderId: textOf(response.reseller_order_id),
			reviewUrl: textOf(response.review_url),
			orderStatus: null,
		},
		response,
	);
	return [{ json, pairedItem: { item: itemIndex } }];
}
