// Compares the shape (keys, nesting, list or object, text or number) of an answer with a call's
// fixtures. Pure: the caller passes the fixture answers (index.ts reads them).
import { REPEATED, VARIANTS, applyVariant, isNumericKeyed } from './variants';
import type { Variant } from './variants';

export interface ShapeOptions {
	/** Count an answer that one of the conversion readings (VARIANTS) explains as no difference. */
	acceptVariants?: boolean;
}

type Kind = 'list' | 'object' | 'emptyObject' | 'string' | 'empty' | 'number' | 'boolean' | 'null';

// Where keys are data, not names: productfields' entries are {"<field name>": {…}}.
const DATA_KEYS: Readonly<Record<string, readonly string[]>> = {
	'order/productfields': ['[]', '#', 'item[]'],
};

interface Shape {
	kinds: Map<string, Set<Kind>>;
	/** Every key label seen under an object at a path. */
	keys: Map<string, Set<string>>;
	/** The key labels every object at a path has. */
	always: Map<string, Set<string>>;
}

const kindOf = (v: unknown): Kind =>
	v === null
		? 'null'
		: v === ''
			? 'empty'
			: Array.isArray(v)
				? 'list'
				: typeof v === 'object'
					? Object.keys(v).length
						? 'object'
						: 'emptyObject' // the "empty element" of one reading, told apart from an object with keys
					: (typeof v as Kind);

// A repeated element's path in any reading: '#' (numeric keys) and productfields' 'item' wrapper as '[]'.
const listPath = (path: string) =>
	path
		.replace(/(^|\.)#/g, '[]')
		.replace(/^item\[\]/, '[]')
		.replace(/\.\[\]/g, '[]');

/** Text and empty text are one kind, except where a list may be: there "" is no entry, "x" one. */
function fits(call: string, path: string, kind: Kind, expected: Set<Kind>): boolean {
	if (expected.has(kind)) return true;
	if (kind === 'empty') return expected.has('string');
	return (
		kind === 'string' && expected.has('empty') && !(REPEATED[call] ?? []).includes(listPath(path))
	);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const named = (path: string) => path || '(top level)';
const ARTICLE: Record<Kind, string> = {
	list: 'a list',
	object: 'an object',
	emptyObject: 'an empty object',
	string: 'a text',
	empty: 'an empty text',
	number: 'a number',
	boolean: 'a boolean',
	null: 'null',
};
const article = (k: Kind) => ARTICLE[k];

/** The children of an object under their labels: '#' for numeric keys, '*' for data keys. */
function children(
	call: string,
	path: string,
	value: Record<string, unknown>,
): Array<[string, unknown, string]> {
	const numeric = isNumericKeyed(value);
	const data = (DATA_KEYS[call] ?? []).includes(path);
	return Object.entries(value).map(([key, child]): [string, unknown, string] => {
		const label = numeric ? '#' : data ? '*' : key;
		return [label, child, key];
	});
}

function addTo(map: Map<string, Set<string>>, path: string, labels: Iterable<string>): void {
	const set = map.get(path) ?? new Set<string>();
	for (const l of labels) set.add(l);
	map.set(path, set);
}

function learn(call: string, shape: Shape, value: unknown, path: string): void {
	const kind = kindOf(value);
	const kinds = shape.kinds.get(path) ?? new Set<Kind>();
	kinds.add(kind);
	shape.kinds.set(path, kinds);
	if (kind === 'list')
		for (const entry of value as unknown[]) learn(call, shape, entry, `${path}[]`);
	if (kind !== 'object') return;
	const entries = children(call, path, value as Record<string, unknown>);
	const labels = new Set(entries.map(([label]) => label));
	addTo(shape.keys, path, labels);
	const always = shape.always.get(path);
	shape.always.set(path, always ? new Set([...always].filter((l) => labels.has(l))) : labels);
	for (const [label, child] of entries) learn(call, shape, child, join(path, label));
}

function shapeOf(call: string, answers: unknown[]): Shape {
	const shape: Shape = { kinds: new Map(), keys: new Map(), always: new Map() };
	for (const answer of answers) learn(call, shape, answer, '');
	return shape;
}

// Kinds and keys are checked against all fixtures at once; missing keys against the answer's family.
function compare(
	call: string,
	shape: Shape,
	value: unknown,
	path: string,
	out: Set<string>,
	missing: boolean,
): void {
	const kind = kindOf(value);
	const expected = shape.kinds.get(path);
	if (!expected) return; // reported by the parent as a key no fixture has
	if (!fits(call, path, kind, expected)) {
		if (!missing)
			out.add(
				`${call}: ${named(path)} is ${article(kind)} where the fixture has ${[...expected].map(article).join(' or ')}`,
			);
		return;
	}
	if (kind === 'list')
		for (const entry of value as unknown[]) compare(call, shape, entry, `${path}[]`, out, missing);
	if (kind !== 'object') return;
	const entries = children(call, path, value as Record<string, unknown>);
	const known = shape.keys.get(path) ?? new Set<string>();
	for (const [label, child, key] of entries) {
		if (!known.has(label)) {
			if (!missing)
				out.add(
					`${call}: key ${join(path, label === '#' || label === '*' ? key : label)} is not in any fixture`,
				);
		} else compare(call, shape, child, join(path, label), out, missing);
	}
	if (!missing) return;
	const present = new Set(entries.map(([label]) => label));
	for (const label of shape.always.get(path) ?? []) {
		if (!present.has(label)) out.add(`${call}: missing key ${join(path, label)}`);
	}
}

function linesFor(call: string, shape: Shape, answer: unknown, missing: boolean): string[] {
	const out = new Set<string>();
	compare(call, shape, answer, '', out, missing);
	return [...out];
}

// Answers of one call that are told apart by a key: a SmarterTools order (order_licenses) has none of
// an SSL order's keys, which must not make those keys optional for SSL answers.
const FAMILY_KEYS: Readonly<Record<string, readonly string[]>> = {
	'order/review': ['order_licenses'],
	'order/place': ['order_licenses'],
};

function family(call: string, answer: unknown): string {
	const keys = kindOf(answer) === 'object' ? Object.keys(answer as object) : [];
	return (FAMILY_KEYS[call] ?? []).filter((k) => keys.includes(k)).join(',');
}

/** Where `answer` differs from the shape of `fixtures` (the call's fixture answers), one line each. */
export function compareShape(call: string, answer: unknown, fixtures: unknown[]): string[] {
	const lines = linesFor(call, shapeOf(call, fixtures), answer, false);
	// Missing: a key every fixture of the answer's family has where the answer has an object.
	const kin = fixtures.filter((f) => family(call, f) === family(call, answer));
	return [...lines, ...linesFor(call, shapeOf(call, kin.length ? kin : fixtures), answer, true)];
}

/** The readings other than 'documented' whose version of the fixtures has exactly the answer's shape. */
export function matchingVariants(call: string, answer: unknown, fixtures: unknown[]): Variant[] {
	return VARIANTS.filter(
		(v) =>
			v !== 'documented' &&
			compareShape(
				call,
				answer,
				fixtures.map((f) => applyVariant(call, f, v)),
			).length === 0,
	);
}

/**
 * Human lines saying where `answer` differs from `fixtures`; [] when it has their shape. An answer
 * that a conversion reading explains gets a first line "matches variant …" (or, when it takes several
 * readings at once, "matches a mix of variants …"), then the differences; with `acceptVariants` it
 * counts as no difference.
 */
export function shapeDifferences(
	call: string,
	answer: unknown,
	fixtures: unknown[],
	options: ShapeOptions = {},
): string[] {
	const differences = compareShape(call, answer, fixtures);
	if (!differences.length) return [];
	const single = matchingVariants(call, answer, fixtures);
	if (single.length)
		return options.acceptVariants
			? []
			: [`${call}: matches variant ${single.join(', ')}`, ...differences];
	// Several readings at once: each path may take any of them.
	const all = VARIANTS.flatMap((v) => fixtures.map((f) => applyVariant(call, f, v)));
	if (compareShape(call, answer, all).length === 0) {
		if (options.acceptVariants) return [];
		const helping = VARIANTS.filter(
			(v) =>
				v !== 'documented' &&
				compareShape(call, answer, [...fixtures, ...fixtures.map((f) => applyVariant(call, f, v))])
					.length < differences.length,
		);
		return [`${call}: matches a mix of variants ${helping.join(', ')}`, ...differences];
	}
	return differences;
}

/** The variant names a list of shapeDifferences lines reports ([] for none). */
export function reportedVariants(lines: string[]): Variant[] {
	const found = new Set<Variant>();
	for (const line of lines) {
		const m = /matches (?:variant|a mix of variants) (.+)$/.exec(line);
		if (m)
			for (const name of m[1].split(', '))
				if ((VARIANTS as readonly string[]).includes(name)) found.add(name as Variant);
	}
	return [...found];
}
