import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_OUTPUT_MODE,
	fieldList,
	type OutputChoice,
	outputChoiceProblem,
	type OutputMode,
	type OutputSpec,
	shapeOutput,
} from '../helpers/outputMode';
import { parameterValue } from './parameters';

/**
 * Reads an item's Output and Fields; bad ones stop the item before any request. Without the
 * parameter (an AI agent's tool call sets only what the agent fills in) the default, Simplified.
 */
export function readOutputChoice(
	context: IExecuteFunctions,
	spec: OutputSpec,
	itemIndex: number,
): OutputChoice {
	// Read as the other parameters are: once per execution unless an expression makes it per item.
	const mode = parameterValue(context, 'output', itemIndex, DEFAULT_OUTPUT_MODE);
	const fields = mode === 'selected' ? parameterValue(context, 'fields', itemIndex, []) : [];
	const problem = outputChoiceProblem(spec, mode, fields);
	if (problem) {
		throw new NodeOperationError(context.getNode(), `${problem} [item ${itemIndex}]`, {
			itemIndex,
			description: 'Nothing was sent to Servertastic.',
		});
	}
	return { mode: mode as OutputMode, fields: fieldList(fields) };
}

/**
 * The operation's items in the chosen shape; binary data and pairing untouched. An item without
 * `response` holds no API answer (Place's Validate Only report) and is returned as it is.
 */
export function shapeItems(
	spec: OutputSpec,
	choice: OutputChoice,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	return items.map((item) =>
		'response' in item.json ? { ...item, json: shapeOutput(spec, choice, item.json) } : item,
	);
}
