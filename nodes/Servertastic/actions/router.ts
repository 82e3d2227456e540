import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as account from './account';
import * as certificate from './certificate';
import type { OutputChoice, OutputSpec } from '../helpers/outputMode';
import { DEFAULT_CONCURRENCY } from './common.descriptions';
import * as order from './order';
import { readOutputChoice, shapeItems } from './output';
import * as product from './product';

/**
 * An operation: `execute` runs one item. An optional `prepare` reads and checks one item without
 * any request; the router prepares every item before the first request, so bad input in any item
 * stops (or is set aside) before anything is spent, and `execute` gets what `prepare` returned.
 * With `output`, execute's items carry the API's answer under `response` and the router returns
 * them as the item's Output parameter asks (Simplified, Raw or Selected Fields).
 */
export interface Operation {
	output?: OutputSpec;
	prepare?: (this: IExecuteFunctions, itemIndex: number) => Promise<unknown>;
	execute: (this: IExecuteFunctions, itemIndex: number, prepared?: never) => Promise<INodeExecutionData[]>;
}

const resources: Record<string, Record<string, Operation>> = {
	order: order.operations,
	product: product.operations,
	account: account.operations,
	certificate: certificate.operations,
};

/** Keeps n8n's own errors; anything else becomes a NodeOperationError tied to the item. */
function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

function concurrencyOf(context: IExecuteFunctions): number {
	const value = context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as unknown;
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isInteger(number) && number >= 1 ? Math.min(number, 50) : DEFAULT_CONCURRENCY;
}

/**
 * Runs the chosen operation for every input item, up to `concurrency` at a time. Each item ends
 * as its outputs or as one error item, paired with it, in input order whatever the finishing order.
 * On "Stop", the first failure stops new items from starting; items already sent finish first.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}

	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const setAside = (itemIndex: number, error: unknown) => {
		const nodeError = asNodeError(this, error, itemIndex);
		if (!continueOnFail) return nodeError;
		// Only `error` and `message`: the one json shape that n8n 1.x and 2.x both route to the error
		// output (1.x does not accept `details`). `message` carries the description, e.g. every problem.
		const json: { error: string; message?: string } = { error: nodeError.message };
		if (nodeError.description) json.message = nodeError.description;
		results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
		return undefined;
	};

	const prepared: unknown[] = new Array(items.length);
	const choices: OutputChoice[] = new Array(items.length);
	const pending: number[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (handler.output) choices[itemIndex] = readOutputChoice(this, handler.output, itemIndex);
			if (handler.prepare) prepared[itemIndex] = await handler.prepare.call(this, itemIndex);
			pending.push(itemIndex);
		} catch (error) {
			const stop = setAside(itemIndex, error);
			if (stop) throw stop;
		}
	}

	// A holder, not a variable: the workers set it while this function awaits them.
	type Failure = { itemIndex: number; error: NodeApiError | NodeOperationError };
	const stopped: { failure?: Failure } = {};
	let next = 0;
	const worker = async () => {
		while (next < pending.length && !stopped.failure) {
			const itemIndex = pending[next++];
			try {
				let outputs = await handler.execute.call(this, itemIndex, prepared[itemIndex] as never);
				if (handler.output) outputs = shapeItems(handler.output, choices[itemIndex], outputs);
				results[itemIndex] = outputs.map((output) => ({ ...output, pairedItem: { item: itemIndex } }));
			} catch (error) {
				const stop = setAside(itemIndex, error);
				const earlier = stopped.failure as Failure | undefined;
				if (stop && (!earlier || itemIndex < earlier.itemIndex)) {
					stopped.failure = { itemIndex, error: stop };
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrencyOf(this), pending.length) }, worker));

	if (stopped.failure) throw stopped.failure.error;
	return [results.flat()];
}
