import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldProblem } from '../helpers/placeOrder';

/** One error for every problem of an item's input: the first in the message, all in the description. */
export function fieldProblemsError(
	context: IExecuteFunctions,
	problems: FieldProblem[],
	itemIndex: number,
	nothingDone: string,
): NodeOperationError {
	const [first] = problems;
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
	return new NodeOperationError(context.getNode(), `'${first.field}' ${first.problem}${more} [item ${itemIndex}]`, {
		itemIndex,
		description: `${nothingDone} Fix:\n${problems.map((problem) => `- '${problem.field}' ${problem.problem}`).join('\n')}`,
	});
}
