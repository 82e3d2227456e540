import type { IExecuteFunctions } from 'n8n-workflow';

import {
	fieldsForSanCount,
	normaliseProductFields,
	type ProductFieldList,
} from '../../helpers/productFields';
import { type ListedFacts, productFacts } from '../../helpers/productMatch';
import { apiRequest, apiRequestJson } from '../../transport';

/**
 * The reads Place shares between the items of one execution (n8n makes one execute context per node
 * run, so the context keys them, as the transport keys the credential facts).
 *
 * productfields is read once per product code, not once per token. Its answer starts with the
 * product code and label (api2.md "productfields"; STOrderManager::getProductFields shifts both off),
 * and every source builds the form from the product: api2.md describes it as the fields "for a
 * particular order" of a product, and no source shows a field that depends on the token beyond its
 * SAN count. That fact comes from the token's own review (san_count), so a shared list is fitted to
 * it (fieldsForSanCount). The list is shared only when review named the product and its SAN count,
 * and only when productfields' own first entry names the same product; otherwise each token reads
 * its own, as before. A failed read is never shared: the next token makes its own call.
 */
interface SharedReads {
	fields: Map<string, { list: Promise<ProductFieldList>; sanCount: number }>;
	products?: Promise<Map<string, ListedFacts> | undefined>;
}
const readsByExecution = new WeakMap<object, SharedReads>();

function readsOf(context: IExecuteFunctions): SharedReads {
	let reads = readsByExecution.get(context);
	if (!reads) {
		reads = { fields: new Map() };
		readsByExecution.set(context, reads);
	}
	return reads;
}

async function readProductFields(
	context: IExecuteFunctions,
	token: string,
	itemIndex: number,
): Promise<ProductFieldList> {
	const answer = await apiRequestJson.call(
		context,
		'order/productfields',
		{ order_token: token },
		{ itemIndex, acceptList: true },
	);
	return normaliseProductFields(answer);
}

/** This token's product fields: from the execution's list for its product when review told enough. */
export async function productFieldsFor(
	this: IExecuteFunctions,
	token: string,
	itemIndex: number,
	reviewed: { productCode: string | null; sanCount: number | null },
): Promise<ProductFieldList> {
	const { productCode: key, sanCount } = reviewed;
	if (!key || sanCount === null) return await readProductFields(this, token, itemIndex);
	const shared = readsOf(this).fields;
	const entry = shared.get(key);
	if (entry) {
		const list = await entry.list.catch(() => undefined);
		if (list && list.productCode === key) {
			return sanCount === entry.sanCount
				? list
				: { ...list, fields: fieldsForSanCount(list.fields, sanCount) };
		}
		return await readProductFields(this, token, itemIndex);
	}
	const own = readProductFields(this, token, itemIndex);
	const mine = { list: own, sanCount };
	shared.set(key, mine);
	const forget = () => {
		if (shared.get(key) === mine) shared.delete(key);
	};
	own.then((list) => list.productCode !== key && forget(), forget);
	return await own;
}

/**
 * The account's products (code → name, level), read once per execution for the level and brand
 * check. A failed read gives undefined for the whole execution and is not retried per item: the
 * check is then made from the code alone (brand), and the token's productfields still checks the
 * order itself. A catalogue read that fails must not stop orders the API would accept.
 */
export async function productListFor(
	this: IExecuteFunctions,
	itemIndex: number,
	onFailure: (message: string) => void,
): Promise<Map<string, ListedFacts> | undefined> {
	const reads = readsOf(this);
	if (!reads.products) {
		reads.products = apiRequest
			.call(this, 'product/listproducts', { product_group: 'All' }, { itemIndex })
			.then(productFacts, (error: Error) => {
				onFailure(error.message);
				return undefined;
			});
	}
	return await reads.products;
}
