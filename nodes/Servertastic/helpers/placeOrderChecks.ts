import { type ParsedCsr, CsrError, csrKeyProblem, parseCsr } from './csr';
import { wildcardFileValidationProblem } from './dcv';
import type { ItemProblem } from './itemProblem';
import {
	adminTwinOf,
	conditionHolds,
	conditionsOf,
	fieldApplies,
	fieldRequired,
	type PlaceOrderContext,
	type PlaceOrderField,
	PLACE_ORDER_FIELDS,
} from './placeOrderFields';
import {
	countryCodeProblem,
	emailProblem,
	normaliseCountryCode,
	phoneProblem,
} from './validation/contacts';
import { hostnameProblem, parseSanList } from './validation/hostnames';
import { orderTokenProblem, textProblem } from './validation/text';

// The checks of one Order → Place item, in the order preparePlaceOrder runs them: each adds its
// problems to the list, so the item's problems read in the order of the form.

/** Batches often repeat one CSR (a fixed field, a re-run): read each text once. Parsing is pure. */
const parsedCsrs = new Map<string, ParsedCsr>();
const PARSED_CSR_CACHE_SIZE = 32;

function parseCsrOnce(text: string): ParsedCsr {
	const cached = parsedCsrs.get(text);
	if (cached) return cached;
	const parsed = parseCsr(text);
	if (parsedCsrs.size >= PARSED_CSR_CACHE_SIZE)
		parsedCsrs.delete(parsedCsrs.keys().next().value as string);
	parsedCsrs.set(text, parsed);
	return parsed;
}
const ADDITIONAL_NAME = /^[a-z][a-z0-9_]{0,63}$/i;
const WEB_SERVER_TYPES = ['Other', 'IIS'];
const HASHING_ALGORITHM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function add(problems: ItemProblem[], field: string, problem: string): void {
	problems.push({ field, problem });
}

/** The Order Token, trimmed. */
export function readOrderToken(text: string, problems: ItemProblem[]): string {
	const orderToken = text.trim();
	if (!orderToken) add(problems, 'Order Token', 'is required');
	else {
		const tokenIssue = orderTokenProblem(orderToken);
		if (tokenIssue) add(problems, 'Order Token', tokenIssue);
	}
	return orderToken;
}

/** What the certificate is for: the pasted CSR and its common name, or the Domain Name alone. */
export function readSubject(
	source: { generate: boolean; csr: string; domainName?: string },
	problems: ItemProblem[],
): { csr?: ParsedCsr; commonName: string } {
	let csr: ParsedCsr | undefined;
	let commonName = '';
	if (source.generate) {
		// No CSR: Servertastic makes the key pair for domain_name (api2.md "SSL Products").
		commonName = (source.domainName ?? '').trim().toLowerCase();
		const nameIssue = commonName
			? hostnameProblem(commonName, { allowWildcard: true })
			: 'is required when Servertastic generates the key pair';
		if (nameIssue) add(problems, 'Domain Name', nameIssue);
	} else if (!source.csr.trim()) add(problems, 'CSR', 'is required');
	else {
		try {
			csr = parseCsrOnce(source.csr);
		} catch (error) {
			add(
				problems,
				'CSR',
				`cannot be read: ${error instanceof CsrError ? error.message : 'not a valid CSR'}`,
			);
		}
	}
	if (csr) {
		const keyIssue = csrKeyProblem(csr);
		if (keyIssue) add(problems, 'CSR', `is not acceptable: ${keyIssue}`);
		commonName = (csr.commonName ?? csr.subjectAltNames[0] ?? '').trim().toLowerCase();
		const nameIssue = commonName ? hostnameProblem(commonName, { allowWildcard: true }) : undefined;
		if (nameIssue) add(problems, 'CSR', `has a common name that cannot be certified: ${nameIssue}`);
	}
	return { csr, commonName };
}

/** The extra names (SANs) besides the common name; then whether the method can validate them all. */
export function readExtraNames(
	sanDomains: string | string[],
	subject: { csr?: ParsedCsr; commonName: string },
	method: PlaceOrderContext['method'],
	problems: ItemProblem[],
): string[] {
	const sans = parseSanList(sanDomains);
	for (const issue of sans.problems) add(problems, 'Additional Domains (SANs)', issue);
	const extraNames = sans.names.filter((name) => name !== subject.commonName);
	const wildcardIssue = wildcardFileValidationProblem(method, [
		subject.commonName,
		...extraNames,
		...(subject.csr?.subjectAltNames ?? []),
	]);
	if (wildcardIssue) add(problems, 'Validation Method', wildcardIssue);
	return extraNames;
}

function requiredReason(field: PlaceOrderField, context: PlaceOrderContext): string {
	const when = conditionsOf(field).find((condition) => conditionHolds(condition, context)) ?? {};
	if (when.csrSources) return 'is required when Servertastic generates the key pair';
	if (when.methods) return 'is required when the validation method is Email';
	if (when.renewal) return 'is required to renew a product supplied by DigiCert';
	if (when.brands) return 'is required for this product brand';
	if (when.levels) return `is required for ${context.level} orders`;
	return 'is required';
}

function valueProblem(field: PlaceOrderField, value: string): string | undefined {
	if (field.check === 'token') return orderTokenProblem(value);
	const text = textProblem(value);
	if (text) return text;
	if (field.check === 'email') return emailProblem(value);
	if (field.check === 'phone') return phoneProblem(value);
	if (field.check === 'country') return countryCodeProblem(value);
	return undefined;
}

/** The spec fields that apply to this order, checked, by API name; the admin copies the tech contact when asked. */
export function readFieldValues(
	context: PlaceOrderContext,
	values: Record<string, string>,
	problems: ItemProblem[],
): Record<string, string> {
	const fieldValues: Record<string, string> = {};
	for (const field of PLACE_ORDER_FIELDS) {
		if (!fieldApplies(field, context)) continue;
		const value = (values[field.name] ?? '').trim();
		if (!value) {
			if (fieldRequired(field, context))
				add(problems, field.displayName, requiredReason(field, context));
			continue;
		}
		const issue = valueProblem(field, value);
		if (issue) {
			add(problems, field.displayName, issue);
			continue;
		}
		fieldValues[field.apiName] = field.check === 'country' ? normaliseCountryCode(value) : value;
	}
	if (context.adminSameAsTech) {
		for (const field of PLACE_ORDER_FIELDS) {
			const twin = adminTwinOf(field);
			if (twin && fieldValues[field.apiName] !== undefined)
				fieldValues[twin] = fieldValues[field.apiName];
		}
	}
	return fieldValues;
}

/** Hashing Algorithm ('' leaves it to the product) and, for OV and EV, Web Server Type. */
export function readServerOptions(
	input: { hashingAlgorithm?: string; webServerType?: string },
	level: PlaceOrderContext['level'],
	problems: ItemProblem[],
): { hashing: string; webServerType?: string } {
	const hashing = (input.hashingAlgorithm ?? '').trim();
	if (hashing && !HASHING_ALGORITHM.test(hashing)) {
		add(problems, 'Hashing Algorithm', 'must be a value Get Product Fields lists, such as SHA-256');
	}
	if (level === 'DV') return { hashing };
	const webServerType = (input.webServerType ?? 'Other').trim();
	if (!WEB_SERVER_TYPES.includes(webServerType)) {
		add(problems, 'Web Server Type', `must be Other or IIS, not "${webServerType.slice(0, 40)}"`);
	}
	return { hashing, webServerType };
}

/** Additional Parameters, checked, added to the body last (so they may set any other name). */
export function addAdditionalParameters(
	body: Record<string, string>,
	parameters: Array<{ name: string; value: string }>,
	problems: ItemProblem[],
): void {
	const seen = new Set<string>();
	for (const { name, value } of parameters) {
		const trimmedName = name.trim();
		if (!ADDITIONAL_NAME.test(trimmedName)) {
			add(
				problems,
				'Additional Parameters',
				`has an invalid parameter name "${trimmedName.slice(0, 64)}": use letters, digits and "_"`,
			);
			continue;
		}
		if (trimmedName === 'order_token') {
			add(problems, 'Additional Parameters', 'cannot set order_token: use the Order Token field');
			continue;
		}
		if (seen.has(trimmedName)) {
			add(problems, 'Additional Parameters', `names "${trimmedName}" twice`);
			continue;
		}
		seen.add(trimmedName);
		const issue = textProblem(value, { maxLength: 2000 });
		if (issue) {
			add(problems, `Additional Parameter "${trimmedName}"`, issue);
			continue;
		}
		// Sent as given, so a name reported by productfields (or added later) works without a release.
		body[trimmedName] = value;
	}
}
