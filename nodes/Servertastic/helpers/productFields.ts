import type { IDataObject } from 'n8n-workflow';

import { asList } from './normalise';
import { textOf } from './output';
import { PLACE_ORDER_FIELDS } from './placeOrderFields';

/** One field of `order/productfields`: the API's authority on what placing this token takes. */
export interface ProductField {
	name: string;
	required: boolean;
	inputType: string | null;
	options: string[];
	/** `x`: required when x is given; `!x`: required when x is absent. */
	requiredIf: string | null;
}

function truthy(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	return ['1', 'true', 'yes', 'required'].includes(String(value ?? '').trim().toLowerCase());
}

function optionValues(value: unknown): string[] {
	const entries = asList(typeof value === 'object' && value !== null && !Array.isArray(value) && 'option' in value
		? (value as IDataObject).option
		: value);
	return entries
		.map((entry) => (typeof entry === 'object' && entry !== null ? textOf((entry as IDataObject).value ?? (entry as IDataObject).name) : textOf(entry)))
		.filter((option): option is string => option !== null);
}

export function normaliseProductFields(answer: IDataObject): ProductField[] {
	const list = asList((answer.fields as IDataObject | undefined)?.field ?? answer.fields);
	return list
		.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null)
		.map((entry) => ({
			name: String(entry.name ?? '').trim(),
			required: truthy(entry.required),
			inputType: textOf(entry.input_type),
			options: optionValues(entry.options),
			requiredIf: textOf(entry.required_if),
		}))
		.filter((field) => field.name !== '');
}

/** The label a user knows a parameter by: the node field's name when there is one. */
export function labelOfParameter(apiName: string): string {
	const field = PLACE_ORDER_FIELDS.find((candidate) => candidate.apiName === apiName);
	if (field) return field.displayName;
	const fixed: Record<string, string> = {
		order_token: 'Order Token',
		dv_auth_method: 'Validation Method',
		csr: 'CSR',
		san_domains: 'Additional Domains (SANs)',
	};
	return fixed[apiName] ?? `Parameter ${apiName}`;
}

/** A switch sent as 0 counts as not given, as the API reads it. */
function given(body: Record<string, string>, name: string): boolean {
	const value = body[name];
	return value !== undefined && value.trim() !== '' && value !== '0';
}

export interface PreflightProblem {
	field: string;
	problem: string;
}

/**
 * Checks a place body against this token's product fields: required fields present, select values
 * among the allowed options, additional parameters known to the product, SANs within the token's count.
 */
export function preflightProblems(
	body: Record<string, string>,
	fields: ProductField[],
	options: { additionalNames?: string[]; sanCount?: number | null } = {},
): PreflightProblem[] {
	const problems: PreflightProblem[] = [];
	const byName = new Map(fields.map((field) => [field.name, field]));
	for (const field of fields) {
		let required = field.required;
		if (field.requiredIf) {
			const negated = field.requiredIf.startsWith('!');
			const other = field.requiredIf.replace(/^!/, '');
			required = required || (negated ? !given(body, other) : given(body, other));
		}
		if (required && !given(body, field.name) && field.inputType !== 'checkbox') {
			problems.push({ field: labelOfParameter(field.name), problem: 'is required for this product' });
		}
		const value = body[field.name];
		if (field.options.length && value !== undefined && value !== '' && !field.options.includes(value)) {
			problems.push({
				field: labelOfParameter(field.name),
				problem: `must be one of ${field.options.join(', ')} for this product (got "${value.slice(0, 60)}")`,
			});
		}
	}
	for (const name of options.additionalNames ?? []) {
		if (!byName.has(name)) {
			problems.push({ field: `Additional Parameter "${name}"`, problem: 'is not a field of this product' });
		}
	}
	const sans = body.san_domains ? body.san_domains.split(',').filter(Boolean) : [];
	if (sans.length && !byName.has('san_domains')) {
		problems.push({ field: 'Additional Domains (SANs)', problem: 'cannot be used: this token has no SAN count' });
	} else if (typeof options.sanCount === 'number' && sans.length > options.sanCount) {
		problems.push({
			field: 'Additional Domains (SANs)',
			problem: `lists ${sans.length} names but this token allows ${options.sanCount}`,
		});
	}
	return problems;
}
