import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import {
	placeOrderOutput,
	type Placement,
	type PreparedPlaceOrder,
} from '../../helpers/placeOrder';
import { DV_AUTH_METHODS, type DvAuthMethod } from '../../helpers/placeOrderFields';
import { PRIVATE_KEY_NOTICE } from './place.description';

/** What Order → Place outputs or throws once the API has been asked. */

const EARLIER_KEY_NOTICE =
	'The order was placed before: Servertastic returned its private key only in that first answer and does not store it. If it was not kept, reissue the order (Order → Reissue) for a new key pair.';

/**
 * One output item. Besides placeOrderOutput's keys: `csrSource`, `csr` (the one sent, or the one
 * Servertastic made), and for a generated key pair `privateKey` with `privateKeyNotice`, both null
 * otherwise. `response` is the answer as it came (its private_key too): the router returns either
 * it (Raw) or the tidy keys, never both, so the key is in the output once (place.settings.ts).
 */
export function placedOutput(
	response: IDataObject,
	order: PreparedPlaceOrder,
	method: DvAuthMethod,
	placement: Placement,
	message?: string,
): IDataObject {
	const generated = order.csrSource === 'generate';
	// Found placed (not placed now): the order's own method decides what the customer has to do.
	const reviewed = textOf(response.dv_auth_method)?.trim().toUpperCase() as
		| DvAuthMethod
		| undefined;
	const shownMethod =
		placement !== 'placed' && reviewed && DV_AUTH_METHODS.includes(reviewed) ? reviewed : method;
	const output = placeOrderOutput(response, order, shownMethod, placement);
	const key = generated && placement === 'placed' ? textOf(response.private_key) : null;
	return {
		...output,
		...(message ? { message } : {}),
		csrSource: order.csrSource,
		csr: generated ? textOf(response.csr) : (order.body.csr ?? null),
		privateKey: key,
		privateKeyNotice: generated
			? placement === 'placed'
				? PRIVATE_KEY_NOTICE
				: EARLIER_KEY_NOTICE
			: null,
	};
}

/** An answer that never came, and a review that could not be read either. */
export function unconfirmedError(
	context: IExecuteFunctions,
	failure: NodeApiError,
	order: PreparedPlaceOrder,
	itemIndex: number,
): NodeApiError {
	const generated = order.csrSource === 'generate';
	return new NodeApiError(
		context.getNode(),
		{},
		{
			message: `${failure.message}; the order may have been placed and its state could not be read`,
			description: generated
				? 'If it was placed, the private key Servertastic generated was in the lost answer and is lost with it: Servertastic never stores it. Do not place it again: check it with Order → Get, and if it was placed, reissue it (Order → Reissue) for a new key pair. A re-run finds a placed order and does not place it twice.'
				: 'Do not place it again by hand: run the workflow again (Check Order First finds a placed order) or use Order → Get.',
			itemIndex,
		},
	);
}

/** The order was placed (its review shows it), but the answer that held the generated key was lost. */
export function keyLostError(context: IExecuteFunctions, itemIndex: number): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{},
		{
			message: `Servertastic placed the order, but the answer to order/place, which held the only copy of the generated private key, was lost [item ${itemIndex}]`,
			description:
				'Servertastic returns a private key it generated once and never stores it, so it cannot be fetched again. Do not place the order again (its token is used): reissue it (Order → Reissue) to get a new key pair.',
			itemIndex,
		},
	);
}

/** Check Order First found the order placed, and If Already Placed is Fail. */
export function alreadyPlacedError(
	context: IExecuteFunctions,
	status: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`The order is already placed (status: ${status}) [item ${itemIndex}]`,
		{
			itemIndex,
			description: 'Nothing was sent. Use Order → Get to follow it.',
		},
	);
}

/** order/place answered, but with neither `success` nor `error`. */
export function notConfirmedError(
	context: IExecuteFunctions,
	order: PreparedPlaceOrder,
	itemIndex: number,
): NodeApiError {
	const keyNote =
		order.csrSource === 'generate'
			? ' The answer is not shown: it may hold the generated private key. If Order → Get shows the order placed, reissue it (Order → Reissue) for a new key pair; do not place it again.'
			: '';
	return new NodeApiError(
		context.getNode(),
		{},
		{
			message: 'Servertastic did not confirm the order',
			description: `The answer held neither "success" nor "error". Get the order to see whether it was placed before trying again.${keyNote}`,
			itemIndex,
		},
	);
}
