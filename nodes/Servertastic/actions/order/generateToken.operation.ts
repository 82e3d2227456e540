import type { IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import {
	derivedReference,
	MAX_REFERENCE_LENGTH,
	randomReference,
	REFERENCE_MODES,
	type ReferenceMode,
} from '../../helpers/reference';
import {
	type EarlierToken,
	earlierTokenOutput,
	generatedTokenOutput,
	isReusedReference,
	lookupFailedText,
	lookupSaid,
	noTokenText,
	productMismatch,
	reusedReferenceText,
	uncertainTokenText,
} from '../../helpers/tokenLookup';
import { textProblem } from '../../helpers/validation/text';
import { readChoice, readCollection, readText } from '../parameters';
import { sendWrite, settle } from '../writeCall';
import { lookUp, tokenError } from './generateToken.lookup';
import { executeFor } from './orderAction';
import { type ItemProblem, readEmail, refuseItem } from './orderInput';

type IfReferenceUsed = 'returnExisting' | 'error';

export { description, output } from './generateToken.description';

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
		problems.push({
			field: label,
			problem: `must be a whole number of at least ${minimum}, not ${shown}`,
		});
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
	const productCode = readText(this, 'productCode', itemIndex, 'Product').trim();
	if (!productCode) problems.push({ field: 'Product', problem: 'is required' });
	else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(productCode)) {
		problems.push({
			field: 'Product',
			problem: `must be a product code such as RapidSSL-12 (letters, digits, ".", "-" and "_"), not "${productCode.slice(0, 40)}"`,
		});
	}
	const email = readEmail(
		this,
		'endCustomerEmail',
		'End Customer Email',
		itemIndex,
		problems,
		true,
	);
	const sanCount = readCount(this, 'sanCount', 'SAN Count', 0, itemIndex, problems);
	const serverCount = readCount(this, 'serverCount', 'Server Count', 1, itemIndex, problems);
	const mode = readChoice(
		this,
		'resellerReference',
		itemIndex,
		'Reseller Reference',
		REFERENCE_MODES,
	);
	const ifReferenceUsed =
		readCollection(this, 'options', itemIndex).ifReferenceUsed ?? 'returnExisting';
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

/** The reference was refused as used before: the token bought with it, when it is for this product. */
async function earlierToken(
	context: IExecuteFunctions,
	item: PreparedItem,
	failure: NodeApiError,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { mode, ifReferenceUsed, params } = item;
	const reference = params.reseller_unique_reference;
	const refused = (lookup?: string) =>
		tokenError(
			context,
			reusedReferenceText(failure, mode, reference, itemIndex, lookup),
			itemIndex,
			failure,
			true,
		);
	// A random reference never repeats: only a derived or custom one can have bought a token before.
	if (mode === 'random' || ifReferenceUsed === 'error') throw refused();
	const { found, failure: lookupFailure } = await lookUp(context, reference, itemIndex, mode);
	if (lookupFailure)
		throw tokenError(
			context,
			lookupFailedText(mode, reference, lookupFailure, itemIndex),
			itemIndex,
			lookupFailure,
		);
	if (!found) throw refused(lookupSaid.notListed(reference));
	const otherProduct = productMismatch(found, params);
	if (otherProduct) throw refused(lookupSaid.otherProduct(otherProduct, params.st_product_code));
	return [{ json: earlierTokenOutput(found, params, 'existing'), pairedItem: { item: itemIndex } }];
}

/** After a lost answer the token may exist: the list decides. generatetoken is never sent again (it buys). */
async function confirmToken(
	context: IExecuteFunctions,
	item: PreparedItem,
	failure: NodeApiError,
	itemIndex: number,
): Promise<EarlierToken | undefined> {
	// A refused reference is answered by earlierToken, as for a clear refusal.
	if (isReusedReference(failure)) return undefined;
	const { mode, ifReferenceUsed, params } = item;
	const facts = {
		mode,
		reference: params.reseller_unique_reference,
		productCode: params.st_product_code,
		ifReferenceUsed,
	};
	if (mode === 'random')
		throw tokenError(context, uncertainTokenText(failure, facts), itemIndex, failure);
	const { found, failure: lookupFailure } = await lookUp(context, facts.reference, itemIndex, mode);
	const otherProduct = found && productMismatch(found, params);
	if (found && !otherProduct) return found;
	throw tokenError(
		context,
		uncertainTokenText(failure, { ...facts, lookupFailure, otherProduct }),
		itemIndex,
		failure,
	);
}

/** Sends generatetoken once; a refused or lost answer goes to the token list. */
async function generateTokenFor(
	context: IExecuteFunctions,
	item: PreparedItem,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { params } = item;
	// Sent once (the transport never repeats it); the reference stops a repeat from buying twice.
	const attempt = await settle(
		sendWrite(context, 'order/generatetoken', params, {
			itemIndex,
			confirm: async (failure) => await confirmToken(context, item, failure, itemIndex),
		}),
	);
	if (attempt.failure) {
		if (isReusedReference(attempt.failure))
			return await earlierToken(context, item, attempt.failure, itemIndex);
		throw attempt.failure;
	}
	const sent = attempt.value;
	if (sent.outcome === 'confirmedAfterUncertainAnswer') {
		const json = earlierTokenOutput(sent.confirmation, params, 'confirmedAfterUncertainAnswer');
		return [{ json, pairedItem: { item: itemIndex } }];
	}
	const orderToken = textOf(sent.answer.order_token);
	if (sent.answer.success === undefined || !orderToken) {
		throw tokenError(context, noTokenText(params.reseller_unique_reference), itemIndex);
	}
	return [
		{
			json: generatedTokenOutput(orderToken, params, sent.answer),
			pairedItem: { item: itemIndex },
		},
	];
}

export const execute = executeFor(prepare, generateTokenFor);
