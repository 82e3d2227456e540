import { firstOption, labelOfParameter, nodeLabelOf, type ProductField } from './productFields';

/** Checking a place body against the token's `order/productfields` before anything is spent. */

import type { ItemProblem } from './itemProblem';

/** A switch sent as 0 counts as not given, as the API reads it. */
function given(body: Record<string, string>, name: string): boolean {
	const value = body[name];
	return value !== undefined && value.trim() !== '' && value !== '0';
}

/** `x`: x is given; `!x`: x is not given. */
function conditionHolds(body: Record<string, string>, condition: string): boolean {
	const negated = condition.startsWith('!');
	const holds = given(body, condition.replace(/^!/, '').trim());
	return negated ? !holds : holds;
}

/** Required for this body: `required`, or every `required_if` condition holds (see ProductField). */
export function requiredFor(field: ProductField, body: Record<string, string>): boolean {
	if (field.required) return true;
	return (
		field.requiredIf.length > 0 &&
		field.requiredIf.every((condition) => conditionHolds(body, condition))
	);
}

/**
 * Required fields this node does not demand: a checkbox (sent as 0 or 1), and the approver address
 * for a method other than EMAIL. api2.md's RapidSSL example marks approver_email_address required,
 * but its place section asks for it only for EMAIL ("You must provide a valid email from the
 * approverlist"), and DNS and FILE orders have no use for it.
 */
function exempt(field: ProductField, body: Record<string, string>): boolean {
	if (field.inputType === 'checkbox') return true;
	return field.name === 'approver_email_address' && body.dv_auth_method !== 'EMAIL';
}

/**
 * The body with what productfields decides filled in: a Hashing Algorithm left at the product's
 * default becomes the first option productfields offers (api2.md: SHA-256, then SHA-256-FULL-CHAIN),
 * and the web server type goes under the name productfields uses (api2.md's Fields table writes
 * WebServerType; Servertastic's client sends web_server_type).
 */
export function withProductChoices(
	body: Record<string, string>,
	fields: ProductField[],
	choices: { hashingDefault: boolean },
): Record<string, string> {
	const result = { ...body };
	if (choices.hashingDefault && result.hashing_algorithm === undefined) {
		const first = firstOption(fields, 'hashing_algorithm');
		if (first) result.hashing_algorithm = first;
	}
	const names = new Set(fields.map((field) => field.name));
	if (
		result.web_server_type !== undefined &&
		!names.has('web_server_type') &&
		names.has('WebServerType')
	) {
		result.WebServerType = result.web_server_type;
		delete result.web_server_type;
	}
	return result;
}

/**
 * Checks a place body against this token's product fields: required fields present, select values
 * among the allowed options, additional parameters known to the product, SANs within the token's
 * count (`sanCount` from review when known; else productfields must list san_domains).
 */
export function preflightProblems(
	body: Record<string, string>,
	fields: ProductField[],
	options: { additionalNames?: string[]; sanCount?: number | null } = {},
): ItemProblem[] {
	const problems: ItemProblem[] = [];
	const byName = new Map(fields.map((field) => [field.name, field]));
	for (const field of fields) {
		if (requiredFor(field, body) && !given(body, field.name) && !exempt(field, body)) {
			const problem = nodeLabelOf(field.name)
				? 'is required for this product'
				: 'is required for this product: this node has no field for it, add it under Additional Parameters';
			problems.push({ field: labelOfParameter(field.name), problem });
		}
		const value = body[field.name];
		if (
			field.options.length &&
			value !== undefined &&
			value !== '' &&
			!field.options.includes(value)
		) {
			problems.push({
				field: labelOfParameter(field.name),
				problem: `must be one of ${field.options.join(', ')} for this product (got "${value.slice(0, 60)}")`,
			});
		}
	}
	for (const name of options.additionalNames ?? []) {
		if (!byName.has(name)) {
			problems.push({
				field: `Additional Parameter "${name}"`,
				problem: 'is not a field of this product',
			});
		}
	}
	const sans = body.san_domains ? body.san_domains.split(',').filter(Boolean) : [];
	const sanCount = options.sanCount;
	const noSanCount = {
		field: 'Additional Domains (SANs)',
		problem: 'cannot be used: this token has no SAN count',
	};
	if (!sans.length) return problems;
	if (typeof sanCount === 'number') {
		if (sanCount === 0) problems.push(noSanCount);
		else if (sans.length > sanCount) {
			problems.push({
				field: 'Additional Domains (SANs)',
				problem: `lists ${sans.length} names but this token allows ${sanCount}`,
			});
		}
	} else if (!byName.has('san_domains')) problems.push(noSanCount);
	return problems;
}
