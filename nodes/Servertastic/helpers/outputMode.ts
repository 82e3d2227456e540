import type { IDataObject } from 'n8n-workflow';

/**
 * Output: Simplified (default), Raw or Selected Fields, as n8n's UX guidelines ask of operations
 * that return many fields. An operation builds its tidy item with the API's answer under `response`;
 * shapeOutput turns that into what the user chose. Pure: no n8n context.
 */

export const OUTPUT_MODES = ['simple', 'raw', 'selected'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];
export const DEFAULT_OUTPUT_MODE: OutputMode = 'simple';

/** An operation's output: every tidy key, in output order, and those Simplified keeps. */
export interface OutputSpec {
	keys: readonly string[];
	simple: readonly string[];
	/**
	 * Keys kept in Selected Fields whenever they hold a value (the private key Servertastic shows
	 * once), and added to Raw (its notice): what must never be lost by a choice of fields.
	 */
	alwaysKept?: readonly string[];
	/** Tidy keys Raw carries next to the answer (Place's privateKeyNotice). */
	rawExtras?: readonly string[];
}

/** The Output and Fields parameters of one item, once checked. */
export interface OutputChoice {
	mode: OutputMode;
	fields: string[];
}

/** Fields as the editor gives them (a list) or an expression may (comma-separated text). */
export function fieldList(value: unknown): string[] {
	const entries = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
	return entries
		.map((entry) => (typeof entry === 'string' ? entry.trim() : ''))
		.filter((entry, index, all) => entry !== '' && all.indexOf(entry) === index);
}

/** What is wrong with a choice, in words for the error; undefined when it can be used. */
export function outputChoiceProblem(
	spec: OutputSpec,
	mode: unknown,
	fields: unknown,
): string | undefined {
	if (!OUTPUT_MODES.includes(mode as OutputMode)) {
		return `'Output' must be Simplified, Raw or Selected Fields (simple, raw, selected)`;
	}
	if (mode !== 'selected') return undefined;
	const chosen = fieldList(fields);
	if (chosen.length === 0)
		return `'Fields' is empty: choose at least one field, or set 'Output' to Simplified`;
	const unknown = chosen.filter((field) => !spec.keys.includes(field));
	if (unknown.length) {
		return `'Fields' lists ${unknown.map((field) => `"${field}"`).join(', ')}, not a field of this operation's output (choose from ${spec.keys.join(', ')})`;
	}
	return undefined;
}

function pick(tidy: IDataObject, keys: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) picked[key] = tidy[key] ?? null;
	return picked;
}

/** The output item for the choice; `item` is the operation's tidy item with `response`. */
export function shapeOutput(
	spec: OutputSpec,
	choice: OutputChoice,
	item: IDataObject,
): IDataObject {
	if (choice.mode === 'raw') {
		const raw = (item.response ?? {}) as IDataObject;
		const extras = (spec.rawExtras ?? []).filter(
			(key) => item[key] !== undefined && item[key] !== null,
		);
		return extras.length ? { ...raw, ...pick(item, extras) } : raw;
	}
	if (choice.mode === 'simple') return pick(item, spec.simple);
	const kept = (spec.alwaysKept ?? []).filter(
		(key) => item[key] !== undefined && item[key] !== null,
	);
	return pick(
		item,
		spec.keys.filter((key) => choice.fields.includes(key) || kept.includes(key)),
	);
}

const WORDS: Record<string, string> = {
	id: 'ID',
	url: 'URL',
	csr: 'CSR',
	san: 'SAN',
	pkcs7: 'PKCS#7',
	dns: 'DNS',
};

/** 'resellerOrderId' → 'Reseller Order ID': the name a key gets in the Fields list. */
export function fieldTitle(key: string): string {
	return key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(' ')
		.map((word) => WORDS[word.toLowerCase()] ?? word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}
