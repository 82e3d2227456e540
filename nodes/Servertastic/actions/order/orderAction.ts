import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { textOf } from '../../helpers/output';
import type { OutputSpec } from '../../helpers/outputMode';
import type { ServertasticCall } from '../../transport';
import {
	approverEmailLocator,
	concurrencyOption,
	ORDER_APPROVER_HINT,
	optionsCollection,
	outputProperties,
} from '../common.descriptions';
import { sendWrite } from '../writeCall';
import type { OrderTokenItem } from './orderInput';

/**
 * What the operations that act on one order (change approver, cancel, reissue...) share: sending
 * the call once and the output shape { orderToken, success, message, ...call fields, response }.
 * Reading and checking their input is in orderInput.ts.
 */

/** The Options collection of an action: only Concurrency, as actions are never retried. */
export const actionOptionsProperty: INodeProperties = optionsCollection([concurrencyOption]);

/** The Approver Email field of an action on an order: its list holds the order's allowed approvers. */
export function orderApproverProperty(required: boolean, description: string): INodeProperties {
	return approverEmailLocator(
		{ name: 'approverEmailAddress', ...(required ? { required: true } : {}), description },
		ORDER_APPROVER_HINT,
	);
}

/**
 * Sends a call that changes an order, once (the transport never repeats such calls), and
 * insists on the API's `success`. After a lost answer the change may have happened: the error says so.
 */
export async function sendOrderAction(
	context: IExecuteFunctions,
	call: ServertasticCall,
	params: Record<string, string>,
	itemIndex: number,
): Promise<IDataObject> {
	// An order action has no state to confirm by: an uncertain outcome is always an error.
	const sent = await sendWrite(context, call, params, {
		itemIndex,
		confirm: async (failure): Promise<undefined> => {
			throw new NodeApiError(
				context.getNode(),
				{},
				{
					message: failure.message,
					description:
						`${failure.description ?? ''} The request may have reached Servertastic all the same: get the order (Order → Get) to see whether the change was made before running this again.`.trim(),
					httpCode: failure.httpCode ?? undefined,
					itemIndex,
				},
			);
		},
	});
	const response = sent.outcome === 'sent' ? sent.answer : {};
	if (response.success === undefined) {
		throw new NodeApiError(
			context.getNode(),
			{},
			{
				message: `Servertastic did not confirm ${call}`,
				description:
					'The answer held neither "success" nor "error". Get the order (Order → Get) to see whether the change was made.',
				itemIndex,
			},
		);
	}
	return response;
}

/** The output of an action: the same leading keys every time, the raw answer last. */
export function actionOutput(
	orderToken: string,
	response: IDataObject,
	fields: IDataObject = {},
): IDataObject {
	return {
		orderToken,
		success: true,
		// advanceorder's sentence comes with the line breaks of its XML (api2.md "advanceorder").
		message: textOf(response.success)?.trim() ?? null,
		...fields,
		response,
	};
}

/** The Output spec of an action: actionOutput's keys; Simplified keeps them all, without `response`. */
export function actionOutputSpec(
	fields: string[] = [],
	extra: Partial<OutputSpec> = {},
): OutputSpec {
	const keys = ['orderToken', 'success', 'message', ...fields];
	return { keys, simple: keys, ...extra };
}

/** An action's fields, then Output and Options, shown for its operation. */
export function actionDescription(
	operation: string,
	output: OutputSpec,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['order'], operation: [operation] } }, [
		...properties,
		...outputProperties(output),
		actionOptionsProperty,
	]);
}

/**
 * An operation's execute from its prepare and what it does with one prepared item: the router
 * passes what prepare returned; called without it, the item is prepared first.
 */
export function executeFor<I>(
	prepare: (this: IExecuteFunctions, itemIndex: number) => Promise<I>,
	run: (context: IExecuteFunctions, item: I, itemIndex: number) => Promise<INodeExecutionData[]>,
) {
	return async function execute(
		this: IExecuteFunctions,
		itemIndex: number,
		prepared?: I,
	): Promise<INodeExecutionData[]> {
		return await run(this, prepared ?? (await prepare.call(this, itemIndex)), itemIndex);
	};
}

/** What sets one action apart: its fields, its call, and the keys it adds from the answer. */
export interface ActionSpec<I extends OrderTokenItem> {
	operation: string;
	call: ServertasticCall;
	output: OutputSpec;
	properties: INodeProperties[];
	prepare: (this: IExecuteFunctions, itemIndex: number) => Promise<I>;
	/** The call's parameters; the order token alone when not given. */
	params?: (item: I) => Record<string, string>;
	fields?: (response: IDataObject, item: I) => IDataObject;
}

/** The description, prepare and execute of an action that sends one call and outputs actionOutput. */
export function orderAction<I extends OrderTokenItem>(spec: ActionSpec<I>) {
	const execute = executeFor(spec.prepare, async (context, item, itemIndex) => {
		const params = spec.params ? spec.params(item) : { order_token: item.orderToken };
		// Never retried: the transport sends calls that change an order exactly once.
		const response = await sendOrderAction(context, spec.call, params, itemIndex);
		const json = actionOutput(item.orderToken, response, spec.fields?.(response, item));
		return [{ json, pairedItem: { item: itemIndex } }];
	});
	return {
		output: spec.output,
		description: actionDescription(spec.operation, spec.output, spec.properties),
		prepare: spec.prepare,
		execute,
	};
}
