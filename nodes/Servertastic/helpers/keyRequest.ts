// Checks the input of Certificate → Generate Key and CSR before any key is made: the names, the
// subject fields and the country, each problem naming its field.
import type { CsrSubject } from './csrWriter';
import type { ItemProblem } from './itemProblem';
import { countryCodeProblem, emailProblem, normaliseCountryCode } from './validation/contacts';
import { hostnameProblem, parseSanList } from './validation/hostnames';
import { textProblem } from './validation/text';

export interface KeyRequestInput {
	commonName: string;
	sanDomains: string | string[];
	organisation: string;
	organisationalUnit: string;
	locality: string;
	state: string;
	country: string;
	email: string;
}

export interface KeyRequest {
	subject: CsrSubject;
	/** The DNS names of the extensionRequest: the common name first, then the SANs. */
	dnsNames: string[];
}

// X.520 upper bounds (RFC 5280 appendix A): certificate authorities refuse longer values.
const COMMON_NAME_MAX = 64;
const TEXT_FIELDS: Array<{
	key: keyof KeyRequestInput & keyof CsrSubject;
	label: string;
	max: number;
}> = [
	{ key: 'organisation', label: 'Organisation', max: 64 },
	{ key: 'organisationalUnit', label: 'Organisational Unit', max: 64 },
	{ key: 'locality', label: 'Locality', max: 128 },
	{ key: 'state', label: 'State or Province', max: 128 },
];
const EMAIL_MAX = 128;
// Far more names than any product allows; keeps one request's size sane.
const MAX_NAMES = 250;

function commonNameProblem(commonName: string): string | undefined {
	if (commonName === '') return 'must not be empty';
	const problem = hostnameProblem(commonName, { allowWildcard: true });
	if (problem) return problem;
	if (commonName.length > COMMON_NAME_MAX) {
		return `is ${commonName.length} characters long; a certificate's common name holds at most ${COMMON_NAME_MAX} (put longer names in the SANs)`;
	}
	return undefined;
}

function subjectProblems(input: KeyRequestInput, subject: CsrSubject): ItemProblem[] {
	const problems: ItemProblem[] = [];
	for (const field of TEXT_FIELDS) {
		const value = input[field.key].trim();
		if (!value) continue;
		const problem = textProblem(value, { maxLength: field.max });
		if (problem) problems.push({ field: field.label, problem });
		else subject[field.key] = value;
	}
	if (input.country.trim()) {
		const problem = countryCodeProblem(input.country);
		if (problem) problems.push({ field: 'Country', problem });
		else subject.country = normaliseCountryCode(input.country);
	}
	const email = input.email.trim();
	if (email) {
		const problem =
			email.length > EMAIL_MAX
				? `must be at most ${EMAIL_MAX} characters long`
				: emailProblem(email);
		if (problem) problems.push({ field: 'Email', problem });
		else subject.email = email;
	}
	return problems;
}

/** The subject and names to write, or every problem with the input. */
export function prepareKeyRequest(
	input: KeyRequestInput,
): { ok: true; request: KeyRequest } | { ok: false; problems: ItemProblem[] } {
	const commonName = input.commonName.trim().toLowerCase();
	const problems: ItemProblem[] = [];
	const cnProblem = commonNameProblem(commonName);
	if (cnProblem) problems.push({ field: 'Common Name', problem: cnProblem });
	const sans = parseSanList(input.sanDomains);
	for (const problem of sans.problems)
		problems.push({ field: 'Additional Domains (SANs)', problem });
	const dnsNames = [commonName, ...sans.names.filter((name) => name !== commonName)];
	if (dnsNames.length > MAX_NAMES) {
		problems.push({
			field: 'Additional Domains (SANs)',
			problem: `holds ${dnsNames.length - 1} names; at most ${MAX_NAMES - 1} are allowed`,
		});
	}
	const subject: CsrSubject = { commonName };
	problems.push(...subjectProblems(input, subject));
	return problems.length ? { ok: false, problems } : { ok: true, request: { subject, dnsNames } };
}
