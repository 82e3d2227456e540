import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemProblem } from '../../helpers/itemProblem';
import type { PreparedPlaceOrder } from '../../helpers/placeOrder';
import type { PlaceOrderContext } from '../../helpers/placeOrderFields';
import { preflightProblems, withProductChoices } from '../../helpers/preflight';
import { levelBrandProblems, tokenProduct } from '../../helpers/productMatch';
import { productFieldsFor, productListFor } from './place.reads';

/** What the pre-flight needs of a prepared item. */
export interface PreflightItem {
	options: { preflight: boolean; validateOnly: boolean };
	chosen: Pick<PlaceOrderContext, 'level' | 'brand'>;
	additionalNames: string[];
}

export function problemsError(
	this: IExecuteFunctions,
	problems: ItemProblem[],
	itemIndex: number,
): NodeOperationError {
	const [first] = problems;
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
	return new NodeOperationError(
		this.getNode(),
		`'${first.field}' ${first.problem}${more} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Nothing was sent to Servertastic. Fix:\n${problems
				.map((problem) => `- '${problem.field}' ${problem.problem}`)
				.join('\n')}`,
		},
	);
}

export interface Reviewed {
	productCode: string | null;
	sanCount: number | null;
}

/** Level and brand against the token's product (the product list is read once per execution). */
async function levelBrandCheck(
	this: IExecuteFunctions,
	item: PreflightItem,
	productCode: string,
	itemIndex: number,
): Promise<ItemProblem[]> {
	const listed = await productListFor.call(this, itemIndex, (message) => {
		if (typeof this.addExecutionHints !== 'function') return;
		this.addExecutionHints({
			message: `Product Validation Level was not checked against the tokens' products: the product list could not be read (${message}). Product Brand was checked from the product codes.`,
			location: 'outputPane',
		});
	});
	return levelBrandProblems(item.chosen, tokenProduct(productCode, listed));
}

/**
 * The pre-flight, before anything is spent: level and brand against the token's product, then the
 * body against the product's fields. Gives the body to send, and in Validate Only every problem found.
 */
export async function checkedBody(
	this: IExecuteFunctions,
	item: PreflightItem,
	order: PreparedPlaceOrder,
	itemIndex: number,
	reviewed: Reviewed,
): Promise<{ body: Record<string, string>; problems?: ItemProblem[] }> {
	const { options } = item;
	const checks = options.preflight || options.validateOnly;
	const problems: ItemProblem[] = [];
	const matchProduct = async (code: string | null) => {
		if (!checks || !code) return;
		problems.push(...(await levelBrandCheck.call(this, item, code, itemIndex)));
		if (problems.length && !options.validateOnly)
			throw problemsError.call(this, problems, itemIndex);
	};
	await matchProduct(reviewed.productCode);
	// A Hashing Algorithm left at the product's default needs productfields even without the checks.
	if (!checks && !order.hashingDefault) return { body: order.body };
	const list = await productFieldsFor.call(this, order.body.order_token, itemIndex, reviewed);
	// Without review (Check Order First off), productfields names the product.
	if (!reviewed.productCode) await matchProduct(list.productCode);
	const body = withProductChoices(order.body, list.fields, {
		hashingDefault: order.hashingDefault,
	});
	if (!checks) return { body };
	problems.push(
		...preflightProblems(body, list.fields, {
			additionalNames: item.additionalNames,
			sanCount: reviewed.sanCount,
		}),
	);
	if (options.validateOnly) return { body, problems };
	if (problems.length) throw problemsError.call(this, problems, itemIndex);
	return { body };
}
