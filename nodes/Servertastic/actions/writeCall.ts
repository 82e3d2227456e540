import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { apiRequest, isUncertainOutcome, type ServertasticCall } from '../transport';
import { settle } from '../transport/settle';

export { settle, type Settled } from '../transport/settle';

/**
 * Sending a call that places, pays or changes an order: once, never again (a repeat could spend
 * points twice); after an uncertain outcome the caller's own check of the state decides.
 */

export type WriteResult<C> =
	| { outcome: 'sent'; answer: IDataObject }
	| { outcome: 'confirmedAfterUncertainAnswer'; confirmation: C; failure: NodeApiError };

export interface WriteOptions<C> {
	itemIndex: number;
	/**
	 * Asked only after an uncertain outcome: what shows the write took effect, or undefined when
	 * it did not (then the original error stands). It may reject with its own error when it cannot tell.
	 */
	confirm: (failure: NodeApiError) => Promise<C | undefined>;
}

/** Sends `call` once. Rejects with the transport's error unless `confirm` shows the write took effect. */
export async function sendWrite<C>(
	context: IExecuteFunctions,
	call: ServertasticCall,
	params: Record<string, string>,
	{ itemIndex, confirm }: WriteOptions<C>,
): Promise<WriteResult<C>> {
	const sent = await settle(apiRequest.call(context, call, params, { itemIndex }));
	if (!sent.failure) return { outcome: 'sent', answer: sent.value };
	const { failure } = sent;
	const confirmation = isUncertainOutcome(failure) ? await confirm(failure) : undefined;
	if (confirmation === undefined) throw failure;
	return { outcome: 'confirmedAfterUncertainAnswer', confirmation, failure };
}
