import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemProblem } from '../../helpers/itemProblem';
import { emailProblem } from '../../helpers/validation/contacts';
import { orderTokenProblem as tokenShapeProblem } from '../../helpers/validation/text';
import { readText } from '../parameters';

/**
 * An action's input: reading the order token and email fields, checking them, and refusing the
 * item with one error naming every problem before any request.
 */

export type { ItemProblem };

/** One error for every problem of the item; names fields, never values (a token is a secret of a kind). */
export function refuseItem(
	context: IExecuteFunctions,
	problems: ItemProblem[],
	itemIndex: number,
	nothingDone = 'Nothing was sent to Servertastic.',
): NodeOperationError {
	const [first] = problems;
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
	return new NodeOperationError(
		context.getNode(),
		`'${first.field}' ${first.problem}${more} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `${nothingDone} Fix:\n${problems
				.map((problem) => `- '${problem.field}' ${problem.problem}`)
				.join('\n')}`,
		},
	);
}

export function orderTokenProblem(value: string): string | undefined {
	return value ? tokenShapeProblem(value) : 'is required';
}

/** Reads the Order Token field; a problem is added to `problems` and '' returned. */
export function readOrderToken(
	context: IExecuteFunctions,
	itemIndex: number,
	problems: ItemProblem[],
): string {
	const token = readText(context, 'orderToken', itemIndex, 'Order Token').trim();
	const problem = orderTokenProblem(token);
	if (problem) problems.push({ field: 'Order Token', problem });
	return token;
}

export interface OrderTokenItem {
	orderToken: string;
}

/** The prepare of an action that takes only the order token: the token checked before any request. */
export async function prepareOrderToken(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OrderTokenItem> {
	const problems: ItemProblem[] = [];
	const orderToken = readOrderToken(this, itemIndex, problems);
	if (problems.length) throw refuseItem(this, problems, itemIndex);
	return { orderToken };
}

/** Reads an email field; `required: false` allows it empty (then ''). */
export function readEmail(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	problems: ItemProblem[],
	required: boolean,
): string {
	const email = readText(context, name, itemIndex, label).trim();
	if (!email) {
		if (required) problems.push({ field: label, problem: 'is required' });
		return '';
	}
	const problem = emailProblem(email);
	if (problem) problems.push({ field: label, problem });
	return email;
}

export interface ApproverItem extends OrderTokenItem {
	email: string;
}

/** The prepare of an action that takes the order token and an approver address (`required` or not). */
export function prepareWithApprover(required: boolean) {
	return async function (this: IExecuteFunctions, itemIndex: number): Promise<ApproverItem> {
		const problems: ItemProblem[] = [];
		const orderToken = readOrderToken(this, itemIndex, problems);
		const email = readEmail(
			this,
			'approverEmailAddress',
			'Approver Email',
			itemIndex,
			problems,
			required,
		);
		if (problems.length) throw refuseItem(this, problems, itemIndex);
		return { orderToken, email };
	};
}
