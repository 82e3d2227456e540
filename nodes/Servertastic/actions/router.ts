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
	execute: (
		this: IExecuteFunctions,
		itemIndex: number,
		prepared?: never,
	) => Promise<INodeExecutionData[]>;
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

/** Where each item ends: its outputs or its error item, by item index. */
type SetAside = (
	itemIndex: number,
	error: unknown,
) => NodeApiError | NodeOperationError | undefined;

function setAsideFor(context: IExecuteFunctions, results: INodeExecutionData[][]): SetAside {
	const continueOnFail = context.continueOnFail();
	return (itemIndex, error) => {
		const nodeError = asNodeError(context, error, itemIndex);
		if (!continueOnFail) return nodeError;
		// Only `error` and `message`: the one json shape that n8n 1.x and 2.x both route to the error
		// output (1.x does not accept `details`). `message` carries the description, e.g. every problem.
		const json: { error: string; message?: string } = { error: nodeError.message };
		if (nodeError.description) json.message = nodeError.description;
		results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
		return undefined;
	};
}

interface Prepared {
	/** The items that passed, in input order. */
	pending: number[];
	prepared: unknown[];
	choices: OutputChoice[];
}

/** Reads every item's Output choice and runs `prepare`, before any request. */
async function prepareItems(
	context: IExecuteFunctions,
	handler: Operation,
	count: number,
	setAside: SetAside,
): Promise<Prepared> {
	const result: Prepared = { pending: [], prepared: new Array(count), choices: new Array(count) };
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			if (handler.output)
				result.choices[itemIndex] = readOutputChoice(context, handler.output, itemIndex);
			if (handler.prepare)
				result.prepared[itemIndex] = await handler.prepare.call(context, itemIndex);
			result.pending.push(itemIndex);
		} catch (error) {
			const stop = setAside(itemIndex, error);
			if (stop) throw stop;
		}
	}
	return result;
}

/**
 * Executes the prepared items, up to `concurrency` at a time. On "Stop", the first failure (the
 * lowest item index) stops new items from starting; items already sent finish first.
 */
async function executeItems(
	context: IExecuteFunctions,
	handler: Operation,
	{ pending, prepared, choices }: Prepared,
	results: INodeExecutionData[][],
	setAside: SetAside,
): Promise<void> {
	// A holder, not a variable: the workers set it while this function awaits them.
	type Failure = { itemIndex: number; error: NodeApiError | NodeOperationError };
	const stopped: { failure?: Failure } = {};
	let next = 0;
	const worker = async () => {
		while (next < pending.length && !stopped.failure) {
			const itemIndex = pending[next++];
			try {
				let outputs = await handler.execute.call(context, itemIndex, prepared[itemIndex] as never);
				if (handler.output) outputs = shapeItems(handler.output, choices[itemIndex], outputs);
				results[itemIndex] = outputs.map((output) => ({
					...output,
					pairedItem: { item: itemIndex },
				}));
			} catch (error) {
				const stop = setAside(itemIndex, error);
				const earlier = stopped.failure as Failure | undefined;
				if (stop && (!earlier || itemIndex < earlier.itemIndex)) {
					stopped.failure = { itemIndex, error: stop };
				}
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.min(concurrencyOf(context), pending.length) }, worker),
	);
	if (stopped.failure) throw stopped.failure.error;
}

/**
 * Runs the chosen operation for every input item. Each item ends as its outputs or as one error
 * item, paired with it, in input order whatever the finishing order.
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
	const results: INodeExecutionData[][] = new Array(items.length);
	const setAside = setAsideFor(this, results);
	const prepared = await prepareItems(this, handler, items.length, setAside);
	await executeItems(this, handler, prepared, results, setAside);
	return [results.flat()];
}
