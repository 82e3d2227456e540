import type { IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import { REFERENCE_MODES, type ReferenceMode } from '../../helpers/reference';
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
import { readChoice } from '../parameters';
import { sendWrite, settle } from '../writeCall';
import {
	claimReference,
	type IfReferenceUsed,
	readCount,
	readIfReferenceUsed,
	readProductCode,
	readReference,
} from './generateToken.input';
import { lookUp, tokenError } from './generateToken.lookup';
import { executeFor } from './orderAction';
import { type ItemProblem, readEmail, refuseItem } from './orderInput';

export { description, output } from './generateToken.description';

interface PreparedItem {
	mode: ReferenceMode;
	ifReferenceUsed: IfReferenceUsed;
	params: Record<string, string>;
}

/** Reads and checks one item; its reference is taken for it, so a later item cannot repeat it. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const problems: ItemProblem[] = [];
	const productCode = readProductCode(this, itemIndex, problems);
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
	const ifReferenceUsed = readIfReferenceUsed(this, itemIndex, problems);
	const reference = readReference(this, mode, productCode, itemIndex, problems);
	if (problems.length) throw refuseItem(this, problems, itemIndex);
	claimReference(this, reference, mode, itemIndex);

	return {
		mode,
		ifReferenceUsed,
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
