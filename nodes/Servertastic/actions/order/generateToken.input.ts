import type { IExecuteFunctions } from 'n8n-workflow';

import {
	derivedReference,
	MAX_REFERENCE_LENGTH,
	randomReference,
	type ReferenceMode,
} from '../../helpers/reference';
import { textProblem } from '../../helpers/validation/text';
import { readCollection, readText } from '../parameters';
import { type ItemProblem, refuseItem } from './orderInput';

/**
 * Generate Token's fields, read and checked before any request: each reader adds its problem to
 * `problems` (the item is refused once, naming them all), except a reference an earlier item of
 * the run took, which is refused at once.
 */

export type IfReferenceUsed = 'returnExisting' | 'error';

export function readProductCode(
	context: IExecuteFunctions,
	itemIndex: number,
	problems: ItemProblem[],
): string {
	const productCode = readText(context, 'productCode', itemIndex, 'Product').trim();
	if (!productCode) problems.push({ field: 'Product', problem: 'is required' });
	else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(productCode)) {
		problems.push({
			field: 'Product',
			problem: `must be a product code such as RapidSSL-12 (letters, digits, ".", "-" and "_"), not "${productCode.slice(0, 40)}"`,
		});
	}
	return productCode;
}

export function readCount(
	context: IExecuteFunctions,
	name: string,
	label: string,
	minimum: number,
	itemIndex: number,
	problems: ItemProblem[],
): number {
	const value = context.getNodeParameter(name, itemIndex, minimum) as unknown;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < minimum) {
		const shown = typeof value === 'string' ? `"${value.slice(0, 20)}"` : String(value);
		problems.push({
			field: label,
			problem: `must be a whole number of at least ${minimum}, not ${shown}`,
		});
		return minimum;
	}
	return number;
}

/** Options → If the Reference Was Used Before; returnExisting when not set. */
export function readIfReferenceUsed(
	context: IExecuteFunctions,
	itemIndex: number,
	problems: ItemProblem[],
): IfReferenceUsed {
	const ifReferenceUsed =
		readCollection(context, 'options', itemIndex).ifReferenceUsed ?? 'returnExisting';
	if (ifReferenceUsed !== 'returnExisting' && ifReferenceUsed !== 'error') {
		problems.push({
			field: 'If the Reference Was Used Before',
			problem: `must be returnExisting or error, not "${String(ifReferenceUsed).slice(0, 40)}"`,
		});
	}
	return ifReferenceUsed as IfReferenceUsed;
}

/** The reseller reference: the Custom Reference field, one derived from the item and product, or a random one. */
export function readReference(
	context: IExecuteFunctions,
	mode: ReferenceMode,
	productCode: string,
	itemIndex: number,
	problems: ItemProblem[],
): string {
	if (mode === 'derived') {
		return derivedReference(context.getInputData()[itemIndex]?.json ?? {}, productCode);
	}
	if (mode !== 'custom') return randomReference();
	const reference = readText(context, 'customReference', itemIndex, 'Custom Reference').trim();
	const problem = reference
		? textProblem(reference, { maxLength: MAX_REFERENCE_LENGTH })
		: 'is required when Reseller Reference is Custom';
	if (problem) problems.push({ field: 'Custom Reference', problem });
	return reference;
}

/** References already taken by earlier items of this run: a duplicate item is refused before any request. */
const referencesByRun = new WeakMap<object, Map<string, number>>();

/** Takes `reference` for this item, or refuses the item when an earlier item of the run took it. */
export function claimReference(
	context: IExecuteFunctions,
	reference: string,
	mode: ReferenceMode,
	itemIndex: number,
): void {
	const taken = referencesByRun.get(context) ?? new Map<string, number>();
	referencesByRun.set(context, taken);
	const earlier = taken.get(reference);
	if (earlier !== undefined) {
		const why =
			mode === 'derived'
				? `is the same as item ${earlier} (same data and product), so it would buy the same token twice`
				: `is the same as for item ${earlier}: each token needs its own reference`;
		throw refuseItem(context, [{ field: 'Reseller Reference', problem: why }], itemIndex);
	}
	taken.set(reference, itemIndex);
}
