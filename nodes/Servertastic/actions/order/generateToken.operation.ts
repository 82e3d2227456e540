import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import { textProblem } from '../../helpers/validation/text';
import { apiRequest, isUncertainOutcome } from '../../transport';
import { readChoice, readCollection, readText } from '../parameters';
import { type ItemProblem, readEmail, refuseItem } from './orderAction';
import {
	earlierTokenOutput,
	generatedTokenOutput,
	isReusedReference,
	lookUp,
	productMismatch,
	reusedReferenceError,
	withoutQuotedAnswer,
} from './generateToken.lookup';
import {
	derivedReference,
	MAX_REFERENCE_LENGTH,
	randomReference,
	REFERENCE_MODES,
	type ReferenceMode,
} from './generateToken.reference';

export { canonicalJson, derivedReference, MAX_REFERENCE_LENGTH } from './generateToken.reference';
export type { Generation } from './generateToken.lookup';

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
	const productCode = readText(this, 'productCode', itemIndex, 'Product').trim();
	if (!productCode) problems.push({ field: 'Product', problem: 'is required' });
	else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(productCode)) {
		problems.push({
			field: 'Product',
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
			const { found, failure: lookupFailure } = await lookUp(this, reference, itemIndex, mode);
			if (lookupFailure) {
				throw new NodeApiError(this.getNode(), {}, {
					message: `${mode === 'derived' ? `A token for this item already exists (reseller reference ${reference})` : `A token with the reseller reference ${reference} already exists`} and could not be looked up: ${lookupFailure.message} [item ${itemIndex}]`,
					description: `Servertastic refused the reseller reference ${reference} as used before, and reading order/showtokens to find its token (or the token's review, to check its product) failed. Nothing was bought. Run the workflow again to pick the token up, or find it with Order → Get Many Tokens.`,
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
		const { found, failure: lookupFailure } = await lookUp(this, reference, itemIndex, mode);
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
	return [{ json: generatedTokenOutput(orderToken, params, response), pairedItem: { item: itemIndex } }];
}
