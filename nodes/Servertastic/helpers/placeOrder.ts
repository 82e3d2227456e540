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
import { countryCodeProblem, emailProblem, normaliseCountryCode, phoneProblem } from './validation/contacts';
import { hostnameProblem, parseSanList } from './validation/hostnames';
import { orderTokenProblem, textProblem } from './validation/text';

/** Everything one item asks for, as read from the node's parameters. */
export interface PlaceOrderInput {
	context: PlaceOrderContext;
	orderToken: string;
	/** Read when the CSR source is paste. */
	csr: string;
	/** Read when Servertastic makes the key pair: the name the API puts in its CSR. */
	domainName?: string;
	sanDomains: string | string[];
	excludeAddon: boolean;
	competitiveUpgrade?: boolean;
	/** '' (the default): the first value productfields offers, filled in by the pre-flight. */
	hashingAlgorithm?: string;
	/** OV and EV: `Other` or `IIS` (api2.md Fields: "Required for OV and EV Certificates"). */
	webServerType?: string;
	/** Values of the spec fields that apply to this order, by node parameter name. */
	values: Record<string, string>;
	additionalParameters: Array<{ name: string; value: string }>;
}


export interface PreparedPlaceOrder {
	body: Record<string, string>;
	commonName: string;
	/** The common name followed by the extra names (SANs) sent with the order. */
	domains: string[];
	/** The CSR sent (paste); undefined when Servertastic makes the key pair. */
	csr?: ParsedCsr;
	csrSource: PlaceOrderContext['csrSource'];
	/** Hashing Algorithm was left at the product's default: productfields picks it. */
	hashingDefault: boolean;
}

export type PlaceOrderPreparation =
	| { ok: true; order: PreparedPlaceOrder }
	| { ok: false; problems: ItemProblem[] };


/** Batches often repeat one CSR (a fixed field, a re-run): read each text once. Parsing is pure. */
const parsedCsrs = new Map<string, ParsedCsr>();
const PARSED_CSR_CACHE_SIZE = 32;

function parseCsrOnce(text: string): ParsedCsr {
	const cached = parsedCsrs.get(text);
	if (cached) return cached;
	const parsed = parseCsr(text);
	if (parsedCsrs.size >= PARSED_CSR_CACHE_SIZE) parsedCsrs.delete(parsedCsrs.keys().next().value as string);
	parsedCsrs.set(text, parsed);
	return parsed;
}
const ADDITIONAL_NAME = /^[a-z][a-z0-9_]{0,63}$/i;
const WEB_SERVER_TYPES = ['Other', 'IIS'];
const HASHING_ALGORITHM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

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

/**
 * Checks one order completely, before anything is sent, and builds the request body. Every
 * problem found is returned, each naming the field as the user sees it.
 */
export function preparePlaceOrder(input: PlaceOrderInput): PlaceOrderPreparation {
	const { context } = input;
	const problems: ItemProblem[] = [];
	const problem = (field: string, text: string) => problems.push({ field, problem: text });

	const orderToken = input.orderToken.trim();
	if (!orderToken) problem('Order Token', 'is required');
	else {
		const tokenIssue = orderTokenProblem(orderToken);
		if (tokenIssue) problem('Order Token', tokenIssue);
	}

	let csr: ParsedCsr | undefined;
	let commonName = '';
	const generate = context.csrSource === 'generate';
	if (generate) {
		// No CSR: Servertastic makes the key pair for domain_name (api2.md "SSL Products").
		commonName = (input.domainName ?? '').trim().toLowerCase();
		const nameIssue = commonName ? hostnameProblem(commonName, { allowWildcard: true }) : 'is required when Servertastic generates the key pair';
		if (nameIssue) problem('Domain Name', nameIssue);
	} else if (!input.csr.trim()) problem('CSR', 'is required');
	else {
		try {
			csr = parseCsrOnce(input.csr);
		} catch (error) {
			problem('CSR', `cannot be read: ${error instanceof CsrError ? error.message : 'not a valid CSR'}`);
		}
	}
	if (csr) {
		const keyIssue = csrKeyProblem(csr);
		if (keyIssue) problem('CSR', `is not acceptable: ${keyIssue}`);
		commonName = (csr.commonName ?? csr.subjectAltNames[0] ?? '').trim().toLowerCase();
		const nameIssue = commonName ? hostnameProblem(commonName, { allowWildcard: true }) : undefined;
		if (nameIssue) problem('CSR', `has a common name that cannot be certified: ${nameIssue}`);
	}

	const sans = parseSanList(input.sanDomains);
	for (const issue of sans.problems) problem('Additional Domains (SANs)', issue);
	const extraNames = sans.names.filter((name) => name !== commonName);

	const wildcardIssue = wildcardFileValidationProblem(context.method, [
		commonName,
		...extraNames,
		...(csr?.subjectAltNames ?? []),
	]);
	if (wildcardIssue) problem('Validation Method', wildcardIssue);

	const body: Record<string, string> = {
		order_token: orderToken,
		dv_auth_method: context.method,
	};
	const fieldValues: Record<string, string> = {};
	for (const field of PLACE_ORDER_FIELDS) {
		if (!fieldApplies(field, context)) continue;
		const value = (input.values[field.name] ?? '').trim();
		if (!value) {
			if (fieldRequired(field, context)) problem(field.displayName, requiredReason(field, context));
			continue;
		}
		const issue = valueProblem(field, value);
		if (issue) {
			problem(field.displayName, issue);
			continue;
		}
		fieldValues[field.apiName] = field.check === 'country' ? normaliseCountryCode(value) : value;
	}
	if (context.adminSameAsTech) {
		for (const field of PLACE_ORDER_FIELDS) {
			const twin = adminTwinOf(field);
			if (twin && fieldValues[field.apiName] !== undefined) fieldValues[twin] = fieldValues[field.apiName];
		}
	}

	const hashing = (input.hashingAlgorithm ?? '').trim();
	if (hashing && !HASHING_ALGORITHM.test(hashing)) {
		problem('Hashing Algorithm', 'must be a value Get Product Fields lists, such as SHA-256');
	}
	const organisation = context.level !== 'DV';
	const webServerType = (input.webServerType ?? 'Other').trim();
	if (organisation && !WEB_SERVER_TYPES.includes(webServerType)) {
		problem('Web Server Type', `must be Other or IIS, not "${webServerType.slice(0, 40)}"`);
	}

	// The order of the Place Order page (../shared/seeds/place-order.txt): token, method, approver, CSR, switches, SANs, then the contact and company blocks.
	if (fieldValues.approver_email_address) body.approver_email_address = fieldValues.approver_email_address;
	// The CSR sent is the block that was checked, rebuilt from its bytes; never the pasted text.
	if (csr) body.csr = csr.pem;
	if (generate) body.domain_name = commonName;
	body.exclude_addon = input.excludeAddon ? '1' : '0';
	body.renewal = context.renewal ? '1' : '0';
	if (input.competitiveUpgrade) body.competitive_upgrade = '1';
	if (extraNames.length) body.san_domains = extraNames.join(',');
	if (hashing) body.hashing_algorithm = hashing;
	if (organisation) body.web_server_type = webServerType;
	for (const field of PLACE_ORDER_FIELDS) {
		const value = fieldValues[field.apiName];
		if (value !== undefined && body[field.apiName] === undefined) body[field.apiName] = value;
	}

	const seenAdditional = new Set<string>();
	for (const { name, value } of input.additionalParameters) {
		const trimmedName = name.trim();
		if (!ADDITIONAL_NAME.test(trimmedName)) {
			problem('Additional Parameters', `has an invalid parameter name "${trimmedName.slice(0, 64)}": use letters, digits and "_"`);
			continue;
		}
		if (trimmedName === 'order_token') {
			problem('Additional Parameters', 'cannot set order_token: use the Order Token field');
			continue;
		}
		if (seenAdditional.has(trimmedName)) {
			problem('Additional Parameters', `names "${trimmedName}" twice`);
			continue;
		}
		seenAdditional.add(trimmedName);
		const issue = textProblem(value, { maxLength: 2000 });
		if (issue) {
			problem(`Additional Parameter "${trimmedName}"`, issue);
			continue;
		}
		// Sent as given, so a name reported by productfields (or added later) works without a release.
		body[trimmedName] = value;
	}

	if (problems.length || (!csr && !generate)) return { ok: false, problems };
	return {
		ok: true,
		order: {
			body,
			commonName,
			domains: [commonName, ...extraNames],
			csr,
			csrSource: context.csrSource,
			hashingDefault: hashing === '',
		},
	};
}
