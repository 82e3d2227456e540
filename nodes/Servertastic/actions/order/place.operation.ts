import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemProblem } from '../../helpers/itemProblem';
import { textOf } from '../../helpers/output';
import { type PreparedPlaceOrder, preparePlaceOrder } from '../../helpers/placeOrder';
import {
	CSR_SOURCES,
	DV_AUTH_METHODS,
	fieldApplies,
	type PlaceOrderContext,
	PLACE_ORDER_FIELDS,
	PRODUCT_BRANDS,
	VALIDATION_LEVELS,
} from '../../helpers/placeOrderFields';
import { placementState } from '../../helpers/placementState';
import { apiRequest, isUncertainOutcome } from '../../transport';
import { readBoolean, readChoice, readCollection, readNameValuePairs, readText, readTextOrList } from '../parameters';
import { keyLostError, placedOutput, unconfirmedError } from './place.outcome';
import { withValidationHandOff } from './validationHandOff';
import { checkedBody, problemsError, type Reviewed } from './place.preflight';

export { description } from './place.description';
export { output } from './place.settings';

interface PlaceOptions {
	checkOrderFirst: boolean;
	ifAlreadyPlaced: 'returnState' | 'fail';
	preflight: boolean;
	validateOnly: boolean;
}

interface PreparedItem {
	options: PlaceOptions;
	order?: PreparedPlaceOrder;
	method: PlaceOrderContext['method'];
	chosen: Pick<PlaceOrderContext, 'level' | 'brand'>;
	/** Local problems; only kept (not thrown) in Validate Only mode, to be reported. */
	problems: ItemProblem[];
	additionalNames: string[];
}

function readOptions(context: IExecuteFunctions, itemIndex: number): PlaceOptions {
	const options = readCollection(context, 'options', itemIndex);
	return {
		checkOrderFirst: options.checkOrderFirst !== false,
		ifAlreadyPlaced: options.ifAlreadyPlaced === 'fail' ? 'fail' : 'returnState',
		preflight: options.preflight !== false,
		validateOnly: options.validateOnly === true,
	};
}

/** Reads and checks one item, with no request: the router runs this for every item first. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedItem> {
	const options = readOptions(this, itemIndex);
	const context: PlaceOrderContext = {
		level: readChoice(this, 'validationLevel', itemIndex, 'Product Validation Level', VALIDATION_LEVELS),
		method: readChoice(this, 'dvAuthMethod', itemIndex, 'Validation Method', DV_AUTH_METHODS),
		brand: readChoice(this, 'productBrand', itemIndex, 'Product Brand', PRODUCT_BRANDS),
		renewal: readBoolean(this, 'renewal', itemIndex, 'Renewal'),
		adminSameAsTech: readBoolean(this, 'adminSameAsTech', itemIndex, 'Admin Same as Tech Contact'),
		csrSource: readChoice(this, 'csrSource', itemIndex, 'CSR Source', CSR_SOURCES),
	};
	const generate = context.csrSource === 'generate';
	// Only the fields that apply to this order are read, so hidden values are never sent.
	const values: Record<string, string> = {};
	for (const field of PLACE_ORDER_FIELDS) {
		if (fieldApplies(field, context)) {
			values[field.name] = readText(this, field.name, itemIndex, field.displayName);
		}
	}
	const additionalParameters = readNameValuePairs(this, 'additionalParameters', itemIndex, 'Additional Parameters');
	const preparation = preparePlaceOrder({
		context,
		orderToken: readText(this, 'orderToken', itemIndex, 'Order Token'),
		csr: generate ? '' : readText(this, 'csr', itemIndex, 'CSR'),
		domainName: generate ? readText(this, 'domainName', itemIndex, 'Domain Name') : undefined,
		sanDomains: readTextOrList(this, 'sanDomains', itemIndex, 'Additional Domains (SANs)'),
		excludeAddon: readBoolean(this, 'excludeAddon', itemIndex, 'Exclude Free Www'),
		competitiveUpgrade: readBoolean(this, 'competitiveUpgrade', itemIndex, 'Competitive Upgrade'),
		hashingAlgorithm: readText(this, 'hashingAlgorithm', itemIndex, 'Hashing Algorithm'),
		webServerType: context.level === 'DV' ? undefined : readText(this, 'webServerType', itemIndex, 'Web Server Type'),
		values,
		additionalParameters,
	});
	const additionalNames = additionalParameters.map((pair) => pair.name.trim());
	const common = { options, method: context.method, chosen: { level: context.level, brand: context.brand }, additionalNames };
	if (preparation.ok) return { ...common, order: preparation.order, problems: [] };
	if (!options.validateOnly) throw problemsError.call(this, preparation.problems, itemIndex);
	return { ...common, problems: preparation.problems };
}

/** The report of Validate Only: what would be sent and everything that stands in the way. */
function validationReport(
	prepared: PreparedItem,
	problems: ItemProblem[],
	checkedWithApi: boolean,
	body = prepared.order?.body,
): IDataObject {
	return {
		valid: problems.length === 0,
		problems: problems.map((problem) => `'${problem.field}' ${problem.problem}`),
		checkedAgainstProductFields: checkedWithApi,
		orderToken: prepared.order?.body.order_token ?? null,
		commonName: prepared.order?.commonName ?? null,
		domains: prepared.order?.domains ?? [],
		wouldSend: body ?? null,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared?: PreparedItem,
): Promise<INodeExecutionData[]> {
	const item = prepared ?? (await prepare.call(this, itemIndex));
	const { options, method } = item;
	const order = item.order;
	const paired = (json: IDataObject): INodeExecutionData[] => [{ json, pairedItem: { item: itemIndex } }];
	const placed = async (json: IDataObject): Promise<INodeExecutionData[]> => [await withValidationHandOff(this, json, itemIndex)];
	if (!order) {
		// Validate Only with local problems: the API cannot add anything useful without a valid order.
		return paired(validationReport(item, item.problems, false));
	}
	const token = order.body.order_token;
	const review = async () => await apiRequest.call(this, 'order/review', { order_token: token }, { itemIndex });

	// The token's own facts, from review: its product and its SAN count.
	const reviewed: Reviewed = { productCode: null, sanCount: null };
	if (options.checkOrderFirst || options.validateOnly) {
		const current = await review();
		reviewed.sanCount = Number.isFinite(Number(current.san_count)) && String(current.san_count).trim() !== '' ? Number(current.san_count) : null;
		reviewed.productCode = textOf(current.st_product_code)?.trim() || null;
		// Order Placed is also a fresh token's status: placementState tells the two apart (its comments say how).
		const state = placementState(current);
		if (state === 'placed') {
			const status = String(current.order_status ?? 'unknown');
			if (options.validateOnly) {
				const problems = [{ field: 'Order Token', problem: `is already placed (status: ${status})` }];
				return paired(validationReport(item, problems, false));
			}
			if (options.ifAlreadyPlaced === 'fail') {
				throw new NodeOperationError(this.getNode(), `The order is already placed (status: ${status}) [item ${itemIndex}]`, {
					itemIndex,
					description: 'Nothing was sent. Use Order → Get to follow it.',
				});
			}
			return await placed(placedOutput(current, order, method, 'alreadyPlaced', 'The order was already placed; nothing was sent'));
		}
	}
	const checked = await checkedBody.call(this, item, order, itemIndex, reviewed);
	if (checked.problems) return paired(validationReport(item, checked.problems, true, checked.body));
	const body = checked.body;

	// POST: the API requires it when a CSR is sent. Never retried: a repeat could spend points twice.
	const attempt = await apiRequest.call(this, 'order/place', body, { itemIndex }).then(
		(answer) => ({ answer, failure: undefined }),
		(failure: NodeApiError) => ({ answer: undefined, failure }),
	);
	if (attempt.failure) {
		if (!isUncertainOutcome(attempt.failure)) throw attempt.failure;
		// No clear answer: the order may have been placed. Its state decides; never send it again.
		const placeFailure = attempt.failure;
		const checked = await review().then(
			(answer) => answer,
			() => undefined,
		);
		if (!checked) throw unconfirmedError(this, placeFailure, order, itemIndex);
		if (placementState(checked) !== 'placed') throw placeFailure;
		// A generated private key came only in the lost answer: the order is placed, the key is gone.
		if (order.csrSource === 'generate') throw keyLostError(this, itemIndex);
		return await placed(
			placedOutput(checked, order, method, 'confirmedAfterUncertainAnswer', 'The order was placed; its answer was lost and its state confirms it'),
		);
	}
	const response = attempt.answer as IDataObject;
	if (response.success === undefined) {
		const keyNote =
			order.csrSource === 'generate'
				? ' The answer is not shown: it may hold the generated private key. If Order → Get shows the order placed, reissue it (Order → Reissue) for a new key pair; do not place it again.'
				: '';
		throw new NodeApiError(this.getNode(), {}, {
			message: 'Servertastic did not confirm the order',
			description: `The answer held neither "success" nor "error". Get the order to see whether it was placed before trying again.${keyNote}`,
			itemIndex,
		});
	}
	if (order.csrSource === 'generate' && typeof this.addExecutionHints === 'function') {
		this.addExecutionHints({ message: 'The private key in the output is shown once: Servertastic does not store it. Save it now.', location: 'outputPane' });
	}
	return await placed(placedOutput(response, { ...order, body }, method, 'placed'));
}
