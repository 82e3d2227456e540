import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemProblem } from '../../helpers/itemProblem';
import { textOf } from '../../helpers/output';
import type { PreparedPlaceOrder } from '../../helpers/placeOrder';
import { placementState } from '../../helpers/placementState';
import { apiRequest } from '../../transport';
import { sendWrite, settle } from '../writeCall';
import {
	alreadyPlacedError,
	keyLostError,
	notConfirmedError,
	placedOutput,
	unconfirmedError,
} from './place.outcome';
import { withValidationHandOff } from './validationHandOff';
import { executeFor } from './orderAction';
import { checkedBody, type Reviewed } from './place.preflight';
import { prepare, type PreparedItem } from './place.prepare';

export { description } from './place.description';
export { output } from './place.settings';
export { prepare } from './place.prepare';

function paired(json: IDataObject, itemIndex: number): INodeExecutionData[] {
	return [{ json, pairedItem: { item: itemIndex } }];
}

async function reviewOf(
	context: IExecuteFunctions,
	order: PreparedPlaceOrder,
	itemIndex: number,
): Promise<IDataObject> {
	return await apiRequest.call(
		context,
		'order/review',
		{ order_token: order.body.order_token },
		{ itemIndex },
	);
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

/** The item's answer, with the validation hand-off where it applies. */
async function placed(
	context: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return [await withValidationHandOff(context, json, itemIndex)];
}

/**
 * Check Order First (and Validate Only): review the token, note its product and SAN count in
 * `reviewed`, and answer at once when the order is placed already; undefined to go on.
 */
async function answerIfPlaced(
	context: IExecuteFunctions,
	item: PreparedItem,
	order: PreparedPlaceOrder,
	reviewed: Reviewed,
	itemIndex: number,
): Promise<INodeExecutionData[] | undefined> {
	const current = await reviewOf(context, order, itemIndex);
	reviewed.sanCount =
		Number.isFinite(Number(current.san_count)) && String(current.san_count).trim() !== ''
			? Number(current.san_count)
			: null;
	reviewed.productCode = textOf(current.st_product_code)?.trim() || null;
	// Order Placed is also a fresh token's status: placementState tells the two apart (its comments say how).
	if (placementState(current) !== 'placed') return undefined;
	const status = String(current.order_status ?? 'unknown');
	if (item.options.validateOnly) {
		const problems = [{ field: 'Order Token', problem: `is already placed (status: ${status})` }];
		return paired(validationReport(item, problems, false), itemIndex);
	}
	if (item.options.ifAlreadyPlaced === 'fail') throw alreadyPlacedError(context, status, itemIndex);
	const json = placedOutput(
		current,
		order,
		item.method,
		'alreadyPlaced',
		'The order was already placed; nothing was sent',
	);
	return await placed(context, json, itemIndex);
}

/** Places one prepared order, or reports it in Validate Only mode. */
async function placeItem(
	context: IExecuteFunctions,
	item: PreparedItem,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { order, method } = item;
	// Validate Only with local problems: the API cannot add anything useful without a valid order.
	if (!order) return paired(validationReport(item, item.problems, false), itemIndex);

	// The token's own facts, from review: its product and its SAN count.
	const reviewed: Reviewed = { productCode: null, sanCount: null };
	if (item.options.checkOrderFirst || item.options.validateOnly) {
		const answered = await answerIfPlaced(context, item, order, reviewed, itemIndex);
		if (answered) return answered;
	}
	const checked = await checkedBody.call(context, item, order, itemIndex, reviewed);
	if (checked.problems)
		return paired(validationReport(item, checked.problems, true, checked.body), itemIndex);
	const body = checked.body;

	// POST: the API requires it when a CSR is sent. Never retried: a repeat could spend points twice.
	const sent = await sendWrite(context, 'order/place', body, {
		itemIndex,
		// No clear answer: the order may have been placed. Its state decides; never send it again.
		confirm: async (failure): Promise<IDataObject | undefined> => {
			const state = await settle(reviewOf(context, order, itemIndex));
			if (state.failure) throw unconfirmedError(context, failure, order, itemIndex);
			return placementState(state.value) === 'placed' ? state.value : undefined;
		},
	});
	if (sent.outcome === 'confirmedAfterUncertainAnswer') {
		// A generated private key came only in the lost answer: the order is placed, the key is gone.
		if (order.csrSource === 'generate') throw keyLostError(context, itemIndex);
		const message = 'The order was placed; its answer was lost and its state confirms it';
		return await placed(
			context,
			placedOutput(sent.confirmation, order, method, 'confirmedAfterUncertainAnswer', message),
			itemIndex,
		);
	}
	const response = sent.answer;
	if (response.success === undefined) throw notConfirmedError(context, order, itemIndex);
	if (order.csrSource === 'generate' && typeof context.addExecutionHints === 'function') {
		context.addExecutionHints({
			message:
				'The private key in the output is shown once: Servertastic does not store it. Save it now.',
			location: 'outputPane',
		});
	}
	return await placed(
		context,
		placedOutput(response, { ...order, body }, method, 'placed'),
		itemIndex,
	);
}

export const execute = executeFor(prepare, placeItem);
