import type { IDataObject } from 'n8n-workflow';

import { asList } from './normalise';
import { textOf } from './output';
import { PLACE_ORDER_FIELDS } from './placeOrderFields';

// `order/productfields` as documented (api2.md "productfields"): no `success`; a list whose first two
// entries are the product code and its label (Servertastic's client shifts both off:
// STOrderManager::getProductFields), then one entry per field, `{"<field>": {required, input_type,
// options, required_if}}`. The JSON comes from XML, so the list may also arrive as an object with
// numeric keys or as `{"item": [...]}`; `options` and `required_if` repeat (a list) or not (a text);
// an empty element is "", {} or absent.

/** One field of `order/productfields`: the API's authority on what placing this token takes. */
export interface ProductField {
	name: string;
	required: boolean;
	inputType: string | null;
	options: string[];
	/**
	 * `x`: x is given; `!x`: x is not given. The field is required when every condition holds: api2.md
	 * gives org_name `domain_name` and `!csr`, and its Fields table says org_name is "required if the
	 * csr isn't supplied" (with a CSR it is optional, even if domain_name is sent too).
	 */
	requiredIf: string[];
}

export interface ProductFieldList {
	productCode: string | null;
	productName: string | null;
	fields: ProductField[];
}

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumericKeyed = (value: IDataObject) => {
	const keys = Object.keys(value);
	return keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
};
const DEFINITION_KEYS = ['required', 'input_type', 'options', 'required_if'];
const looksLikeDefinition = (value: unknown) =>
	value === '' ||
	(isRecord(value) && Object.keys(value).every((key) => DEFINITION_KEYS.includes(key)));

/** The top-level entries in any reading: a list, numeric keys, `{item: [...]}`, or a map of field names. */
function topLevelEntries(answer: unknown): unknown[] {
	if (Array.isArray(answer)) return answer;
	if (!isRecord(answer)) return [];
	const item = answer.item;
	if (item !== undefined)
		return Array.isArray(item) || (isRecord(item) && isNumericKeyed(item))
			? topLevelEntries(item)
			: asList(item);
	if (isNumericKeyed(answer)) {
		return Object.keys(answer)
			.sort((a, b) => Number(a) - Number(b))
			.map((key) => answer[key]);
	}
	const numbered = Object.keys(answer).filter((key) => /^\d+$/.test(key));
	if (numbered.length)
		return topLevelEntries(Object.fromEntries(numbered.map((key) => [key, answer[key]])));
	// No list at all: the fields themselves as keys (a converter that merged the <item>s).
	return Object.entries(answer)
		.filter(([, value]) => looksLikeDefinition(value))
		.map(([name, value]) => ({ [name]: value }));
}

/** Texts of a repeated element: a list, one text, numeric keys, or empty. Numbers become text. */
export function textsOf(value: unknown): string[] {
	let entries = asList(value);
	if (entries.length === 1 && isRecord(entries[0])) {
		const only = entries[0];
		entries = isNumericKeyed(only) ? Object.values(only) : asList(only.option ?? only.value ?? []);
	}
	return entries
		.map((entry) => (isRecord(entry) ? textOf(entry.value ?? entry.name) : textOf(entry)))
		.filter((text): text is string => text !== null)
		.map((text) => text.trim())
		.filter(Boolean);
}

function truthy(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	return ['1', 'true', 'yes', 'required'].includes(
		String(textOf(value) ?? '')
			.trim()
			.toLowerCase(),
	);
}

function fieldOf(name: string, definition: unknown): ProductField {
	const spec = isRecord(definition) ? definition : {};
	return {
		name: name.trim(),
		required: truthy(spec.required),
		inputType: textOf(spec.input_type)?.trim() || null,
		options: textsOf(spec.options),
		requiredIf: textsOf(spec.required_if),
	};
}

/** The documented answer, in every reading, as the product code, its label and the fields in order. */
export function normaliseProductFields(answer: unknown): ProductFieldList {
	const list: ProductFieldList = { productCode: null, productName: null, fields: [] };
	const seen = new Set<string>();
	for (const entry of topLevelEntries(answer)) {
		const text = textOf(entry);
		if (text !== null) {
			// The first two texts: the product code, then its label.
			if (list.productCode === null) list.productCode = text.trim();
			else if (list.productName === null) list.productName = text.trim();
			continue;
		}
		if (!isRecord(entry)) continue;
		for (const [name, definition] of Object.entries(entry)) {
			const field = fieldOf(name, definition);
			if (!field.name || seen.has(field.name)) continue;
			seen.add(field.name);
			list.fields.push(field);
		}
	}
	return list;
}

const FIXED_LABELS: Record<string, string> = {
	order_token: 'Order Token',
	dv_auth_method: 'Validation Method',
	csr: 'CSR',
	domain_name: 'Domain Name',
	san_domains: 'Additional Domains (SANs)',
	hashing_algorithm: 'Hashing Algorithm',
	web_server_type: 'Web Server Type',
	WebServerType: 'Web Server Type',
	competitive_upgrade: 'Competitive Upgrade',
	renewal: 'Renewal',
	exclude_addon: 'Exclude Free Www',
};

/** The label a user knows a parameter by: the node field's name; undefined when the node has none. */
export function nodeLabelOf(apiName: string): string | undefined {
	return (
		PLACE_ORDER_FIELDS.find((candidate) => candidate.apiName === apiName)?.displayName ??
		FIXED_LABELS[apiName]
	);
}

export function labelOfParameter(apiName: string): string {
	return nodeLabelOf(apiName) ?? `Parameter ${apiName}`;
}

/** The first value productfields offers for a field ('' when it lists none). */
export function firstOption(fields: ProductField[], name: string): string {
	return fields.find((field) => field.name === name)?.options[0] ?? '';
}

/**
 * A product's field list read for one token, made to fit another token of the same product whose
 * SAN count differs. The SAN count is the one per-token fact a token adds to its product
 * (generatetoken takes it; Servertastic's client offers san_domains only when productfields lists
 * it and review's san_count is above 0: www/order_csr.php:90). So `san_domains` follows this
 * token's count: none without SANs, required with them (api2.md Fields: "Required for MD Orders").
 */
export function fieldsForSanCount(fields: ProductField[], sanCount: number): ProductField[] {
	const others = fields.filter((field) => field.name !== 'san_domains');
	if (sanCount <= 0) return others;
	const listed = fields.find((field) => field.name === 'san_domains');
	return [
		...others,
		listed ?? {
			name: 'san_domains',
			required: true,
			inputType: 'textarea',
			options: [],
			requiredIf: [],
		},
	];
}
