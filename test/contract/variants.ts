// The XML→JSON conversion readings of a documented answer. DOC (../shared/servertastic-api.md,
// api2.md) shows XML; the JSON for `.json` is "the same tree", which leaves open how a repeated element
// with one entry, an empty element and productfields' list of <item>s come out. Every reading here is
// one the node has to accept.

export const VARIANTS = [
	/** As transcribed: repeated elements are lists (even of one), empty elements "". */
	'documented',
	/** Every repeated element holding one entry is the bare entry (object or string). */
	'one-as-object',
	/** Every repeated element is a list, even with one entry. */
	'one-as-array',
	/** Empty elements are "" (an empty object becomes ""). */
	'empty-as-string',
	/** Empty elements are {}. */
	'empty-as-object',
	/** Empty elements are left out. */
	'empty-absent',
	/** productfields' top-level list as an object {"0": …, "1": …}. */
	'top-level-numeric-keys',
	/** productfields' top-level list wrapped as {"item": […]}. */
	'top-level-item-wrapped',
	/** productfields: an options/required_if list of one is a string. */
	'required-if-single',
] as const;

export type Variant = (typeof VARIANTS)[number];

/**
 * Where each call's answer has a repeated element, from DOC's "*Could be multiple / may be multiple /
 * Maybe multiple" marks and repeated tags (api2.md lines in the comments). A path names the key whose
 * value is the list; `[]` steps into every entry of a list, `*` into every key of an object.
 */
export const REPEATED: Readonly<Record<string, readonly string[]>> = {
	// order_licenses "*May be multiple" (277), one <license> per licence.
	'order/place': ['order_licenses.license'],
	// options: "returned as an array" (293); required_if repeats for org_* (470-471).
	'order/productfields': ['[].*.options', '[].*.required_if'],
	// modification (563), reissued certificate_info (571), ca_certs certificate_info (578), license (614).
	'order/review': [
		'modifications.modification',
		'reissued_certificates.certificate_info',
		'ca_certs.certificate_info',
		'order_licenses.license',
	],
	// order "*Maybe multiple" (685), each with modification "*Could be multiple" (724).
	'order/modifiedorders': ['orders.order', 'orders.order[].modifications.modification'],
	'order/expiring': ['orders.order'], // 754
	'order/approverlist': ['approver_email'], // 779
	'order/showtokens': ['unused_tokens.order_token', 'used_tokens.order_token'], // 848, 854
	'account/review': ['active_orders.active_order', 'completed_orders.completed_order'], // 937, 948
	'account/pointsaudit': ['record'], // 973: one <record> per transaction (962)
	'product/listproducts': ['products'], // 1034: one <products> per product
};

/** The productfields paths `required-if-single` touches. */
const SINGLE_STRING_CALLS: Readonly<Record<string, readonly string[]>> = {
	'order/productfields': REPEATED['order/productfields'],
};

const DELETE = Symbol('delete');
type Edit = (value: unknown) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNumericKeyed = (v: unknown): v is Record<string, unknown> =>
	isObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => /^\d+$/.test(k));

export function tokens(path: string): string[] {
	return path
		.replace(/\[\]/g, '.[]')
		.split('.')
		.filter((t) => t !== '');
}

/** The entries of a list in any reading: a list, an object with numeric keys, or one bare entry. */
export function entriesOf(node: unknown): unknown[] {
	if (Array.isArray(node)) return node;
	if (isNumericKeyed(node)) return Object.values(node);
	if (isObject(node) && Object.keys(node).length === 1 && Array.isArray(node.item))
		return node.item;
	return node === undefined || node === '' ? [] : [node];
}

function editAt(node: unknown, path: string[], edit: Edit): void {
	const [head, ...rest] = path;
	if (head === '[]') {
		for (const entry of entriesOf(node)) editAt(entry, rest, edit);
		return;
	}
	if (!isObject(node)) return;
	for (const key of head === '*' ? Object.keys(node) : [head]) {
		if (!(key in node)) continue;
		if (rest.length) {
			editAt(node[key], rest, edit);
			continue;
		}
		const next = edit(node[key]);
		if (next === DELETE) delete node[key];
		else node[key] = next;
	}
}

/** Applies `edit` at every path, deepest first (an inner list changes before its outer one). */
function editPaths(answer: unknown, paths: readonly string[], edit: Edit): unknown {
	const root = { root: answer };
	const sorted = [...paths].sort((a, b) => tokens(b).length - tokens(a).length);
	for (const path of sorted) editAt(root, ['root', ...tokens(path)], edit);
	return root.root;
}

function editEmpties(node: unknown, edit: Edit, isEmpty: (v: unknown) => boolean): unknown {
	if (Array.isArray(node)) return node.map((entry) => editEmpties(entry, edit, isEmpty));
	if (!isObject(node)) return node;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(node)) {
		const next = isEmpty(value) ? edit(value) : editEmpties(value, edit, isEmpty);
		if (next !== DELETE) out[key] = next;
	}
	return out;
}

const isEmptyString = (v: unknown) => v === '';
const isEmptyObject = (v: unknown) => isObject(v) && Object.keys(v).length === 0;
const oneToBare: Edit = (v) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
const bareToList: Edit = (v) =>
	Array.isArray(v) || v === undefined || v === '' || isEmptyObject(v) || isNumericKeyed(v)
		? v
		: [v];

/**
 * The answer as the given reading would deliver it (a new value; `answer` is not changed).
 * Written for documented answers; applied to another reading it still does its own change only.
 */
export function applyVariant(call: string, answer: unknown, variant: Variant): unknown {
	const copy = answer === undefined ? undefined : (JSON.parse(JSON.stringify(answer)) as unknown);
	const repeated = REPEATED[call] ?? [];
	switch (variant) {
		case 'documented':
			return copy;
		case 'one-as-object':
			return editPaths(copy, repeated, oneToBare);
		case 'one-as-array':
			return editPaths(copy, repeated, bareToList);
		case 'empty-as-string':
			return editEmpties(copy, () => '', isEmptyObject);
		case 'empty-as-object':
			return editEmpties(copy, () => ({}), isEmptyString);
		case 'empty-absent':
			return editEmpties(copy, () => DELETE, isEmptyString);
		case 'top-level-numeric-keys':
			return Array.isArray(copy)
				? Object.fromEntries(copy.map((entry, i) => [String(i), entry]))
				: copy;
		case 'top-level-item-wrapped':
			return Array.isArray(copy) ? { item: copy } : copy;
		case 'required-if-single':
			return editPaths(copy, SINGLE_STRING_CALLS[call] ?? [], oneToBare);
		default:
			throw new Error(`Unknown variant ${String(variant)}`);
	}
}
