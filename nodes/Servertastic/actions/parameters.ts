import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isLocatorValue } from '../helpers/locator';

/** Parameter readers that turn a wrongly typed expression result into a clear error, not a crash. */

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

const constantsByContext = new WeakMap<object, Map<string, unknown>>();

/**
 * A parameter's value for an item. A value without an expression is the same for every item, so it
 * is resolved once per execution: n8n's parameter resolution is the main per-item cost of a batch.
 * A resource locator (Order Token, Approver Email, Product) is read with n8n's extractValue: its
 * value, whichever mode; a workflow saved when the field was plain text holds a string, read as it is.
 */
export function parameterValue(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	const raw = context.getNode().parameters[name.split('.')[0]];
	const options = isLocatorValue(raw) ? { extractValue: true } : undefined;
	const read = () =>
		context.getNodeParameter(name, itemIndex, fallback as never, options) as unknown;
	if (holdsExpression(raw)) return read();
	let constants = constantsByContext.get(context);
	if (!constants) constantsByContext.set(context, (constants = new Map()));
	if (!constants.has(name)) constants.set(name, read());
	return constants.get(name);
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function wrongType(
	context: IExecuteFunctions,
	label: string,
	expected: string,
	value: unknown,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`'${label}' must be ${expected}, but its value is ${describe(value)} [item ${itemIndex}]`,
		{
			itemIndex,
			description: 'Check the expression for this field: it should produce plain text.',
		},
	);
}

export function readText(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = parameterValue(context, name, itemIndex, '');
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value === undefined || value === null) return '';
	throw wrongType(context, label, 'text', value, itemIndex);
}

/** Text or a list of texts (SANs may come from an expression as an array). */
export function readTextOrList(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string | string[] {
	const value = parameterValue(context, name, itemIndex, '');
	if (Array.isArray(value)) {
		if (value.every((entry) => typeof entry === 'string')) return value as string[];
		throw wrongType(context, label, 'text or a list of texts', value, itemIndex);
	}
	return readText(context, name, itemIndex, label);
}

export function readBoolean(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): boolean {
	const value = parameterValue(context, name, itemIndex, false);
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (['true', '1', 'yes', 'on'].includes(text)) return true;
		if (['false', '0', 'no', 'off', ''].includes(text)) return false;
	}
	throw wrongType(context, label, 'true or false', value, itemIndex);
}

/** One of the allowed option values; expressions may give them in any case. */
export function readChoice<T extends string>(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	allowed: readonly T[],
): T {
	const value = readText(context, name, itemIndex, label).trim();
	const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
	if (match) return match;
	throw new NodeOperationError(
		context.getNode(),
		`'${label}' must be one of ${allowed.join(', ')}, not "${value.slice(0, 40)}" [item ${itemIndex}]`,
		{ itemIndex },
	);
}

/** A fixedCollection of name/value pairs, e.g. `{ parameter: [{ name, value }] }`. */
export function readNameValuePairs(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): Array<{ name: string; value: string }> {
	const collection = parameterValue(context, name, itemIndex, {}) as IDataObject;
	const entries = (collection?.parameter ?? []) as IDataObject[];
	if (!Array.isArray(entries))
		throw wrongType(context, label, 'a list of name/value pairs', entries, itemIndex);
	return entries.map((entry, position) => {
		const pairLabel = `${label} #${position + 1}`;
		for (const key of ['name', 'value']) {
			const part = entry[key];
			if (
				part !== undefined &&
				part !== null &&
				typeof part !== 'string' &&
				typeof part !== 'number'
			) {
				throw wrongType(context, `${pairLabel} ${key}`, 'text', part, itemIndex);
			}
		}
		return { name: String(entry.name ?? ''), value: String(entry.value ?? '') };
	});
}

/** A collection parameter such as Options, as an object ({} when unset). */
export function readCollection(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject {
	const value = parameterValue(context, name, itemIndex, {});
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}
