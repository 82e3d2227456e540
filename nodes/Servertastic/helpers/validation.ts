import { COUNTRY_HINTS, ISO_COUNTRY_CODES } from './countries';

/*
 * Pure checks of user input, run before an order is placed because a rejected or wrong order
 * costs money. Each `...Problem` function returns undefined when the value is fine, or a sentence
 * fragment that completes "<Field label> <problem>", e.g. "Email is not a valid email address: ...".
 * Blank values count as problems except in textProblem: callers skip optional fields themselves.
 */

const DEFAULT_TEXT_MAX_LENGTH = 255;
// Long values are cut in messages so one bad field cannot flood the error.
const SHOWN_MAX_LENGTH = 60;
const EMAIL_MAX_LENGTH = 254; // RFC 5321 path limit minus the angle brackets
const EMAIL_LOCAL_MAX_LENGTH = 64;
const HOSTNAME_MAX_LENGTH = 253;
const LABEL_MAX_LENGTH = 63;
const PHONE_MIN_DIGITS = 7;
const PHONE_MAX_DIGITS = 15; // E.164
// Generous for 15 digits, separators and an extension; also keeps the regexes below cheap.
const PHONE_MAX_LENGTH = 64;

// Not in public DNS (RFC 6761/6762, ICANN's .internal, common private-network suffixes):
// a certificate authority will refuse them, so stop before paying.
const PRIVATE_TLDS: ReadonlySet<string> = new Set([
	'corp',
	'example',
	'home',
	'internal',
	'intranet',
	'invalid',
	'lan',
	'local',
	'localdomain',
	'localhost',
	'private',
	'test',
]);

const EMAIL_LOCAL_CHARACTER = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]$/;

function isControlCode(code: number): boolean {
	return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

// Characters that do not show up on screen, so a message must spell them out.
function isInvisibleCode(code: number): boolean {
	return (
		isControlCode(code) ||
		code === 0xa0 ||
		code === 0xad ||
		(code >= 0x200b && code <= 0x200f) ||
		(code >= 0x2028 && code <= 0x202e) ||
		(code >= 0x2060 && code <= 0x2069) ||
		code === 0xfeff
	);
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

function escapeCode(code: number): string {
	if (code === 0x09) return '\\t';
	if (code === 0x0a) return '\\n';
	if (code === 0x0d) return '\\r';
	return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Spells out control, invisible and unpaired surrogate characters as \n, \u0007, ... */
function escapeInvisible(value: string): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (isHighSurrogate(code) && isLowSurrogate(value.charCodeAt(i + 1))) {
			out += value.slice(i, i + 2);
			i++;
		} else if (isInvisibleCode(code) || isHighSurrogate(code) || isLowSurrogate(code)) {
			out += escapeCode(code);
		} else {
			out += value[i];
		}
	}
	return out;
}

/** A value quoted for a message: at most ~60 characters, invisible characters escaped. */
function show(value: string): string {
	const chars = Array.from(value);
	const cut =
		chars.length > SHOWN_MAX_LENGTH ? `${chars.slice(0, SHOWN_MAX_LENGTH - 1).join('')}…` : value;
	return `"${escapeInvisible(cut)}"`;
}

function got(value: string): string {
	return `(got ${show(value)})`;
}

/**
 * Why the value has a character that could inject headers or parameters, or undefined. Tabs are
 * always allowed; CR and LF only when line breaks are.
 */
function badCharacterReason(value: string, allowLineBreaks: boolean): string | undefined {
	let position = 0;
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		position++;
		if (isHighSurrogate(code) && isLowSurrogate(value.charCodeAt(i + 1))) {
			i++;
			continue;
		}
		if (isHighSurrogate(code) || isLowSurrogate(code)) {
			return `contains a broken character (unpaired surrogate ${escapeCode(code)}) at position ${position}`;
		}
		if (code === 0x09) continue;
		if (code === 0x0a || code === 0x0d) {
			if (allowLineBreaks) continue;
			return `must be a single line, without line breaks (found ${escapeCode(code)} at position ${position})`;
		}
		if (isControlCode(code)) {
			return `must not contain control characters (found ${escapeCode(code)} at position ${position})`;
		}
	}
	return undefined;
}

const NON_ASCII = /[\u0080-\uffff]/;

export function textProblem(
	value: string,
	opts: { maxLength?: number; multiline?: boolean } = {},
): string | undefined {
	const bad = badCharacterReason(value, opts.multiline === true);
	if (bad) return `${bad} ${got(value)}`;
	const maxLength = opts.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
	// Characters, not UTF-16 units, so an emoji counts once.
	const length = Array.from(value).length;
	if (length > maxLength) {
		return `must be at most ${maxLength} characters long, but has ${length} ${got(value)}`;
	}
	return undefined;
}

export function emailProblem(value: string): string | undefined {
	if (value.trim() === '') return 'must not be empty';
	const bad = badCharacterReason(value, false);
	if (bad) return `${bad} ${got(value)}`;
	if (/^\s*mailto:/i.test(value)) {
		return `should be just the address, without "mailto:" ${got(value)}`;
	}
	// "Jane Doe <jane@example.com>" is what mail clients copy; the API wants the bare address.
	const angled = /<([^<>]*)>/.exec(value);
	if (angled) {
		const inner = angled[1].trim();
		const example = inner.includes('@') ? ` (${show(inner)})` : '';
		return `should be just the address${example}, without a name or angle brackets ${got(value)}`;
	}
	const atCount = value.split('@').length - 1;
	if (atCount > 1 && /[,;]/.test(value)) return `must be a single email address ${got(value)}`;
	if (/\s/.test(value)) {
		return value.trim() === value
			? `must not contain spaces ${got(value)}`
			: `must not start or end with spaces ${got(value)}`;
	}
	const invalid = (why: string) => `is not a valid email address: ${why} ${got(value)}`;
	if (value.length > EMAIL_MAX_LENGTH) {
		return invalid(`it has ${value.length} characters, at most ${EMAIL_MAX_LENGTH} are allowed`);
	}
	if (atCount === 0) return invalid('it has no "@"');
	if (atCount > 1) return invalid('it has more than one "@"');

	const [local, domain] = value.split('@');
	if (local === '') return invalid('nothing before the "@"');
	if (local.length > EMAIL_LOCAL_MAX_LENGTH) {
		return invalid(
			`the part before the "@" has ${local.length} characters, at most ${EMAIL_LOCAL_MAX_LENGTH} are allowed`,
		);
	}
	for (const ch of local) {
		if (!EMAIL_LOCAL_CHARACTER.test(ch)) {
			return invalid(
				NON_ASCII.test(ch)
					? `non-ASCII characters such as ${show(ch)} are not supported before the "@"`
					: `${show(ch)} is not allowed before the "@"`,
			);
		}
	}
	if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
		return invalid('the part before the "@" must not start or end with a dot or have two dots in a row');
	}

	if (domain === '') return invalid('nothing after the "@"');
	if (domain.startsWith('[')) return invalid('it needs a domain name after the "@", not an IP address');
	const why = hostReason(domain, false, 'domain');
	if (why) return invalid(`the domain ${show(domain)} ${why}`);
	return undefined;
}

export function normaliseCountryCode(value: string): string {
	return value.trim().toUpperCase();
}

function countryHint(value: string): string | undefined {
	const key = value.normalize('NFC').trim().toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');
	return Object.hasOwn(COUNTRY_HINTS, key) ? COUNTRY_HINTS[key] : undefined;
}

export function countryCodeProblem(value: string): string | undefined {
	const code = normaliseCountryCode(value);
	if (code === '') return 'must not be empty: give a two-letter ISO 3166 country code, e.g. GB';
	// ASCII check first: 'ß'.toUpperCase() is 'SS', which must not pass as South Sudan.
	const twoLetters = /^[A-Za-z]{2}$/.test(value.trim());
	if (twoLetters && ISO_COUNTRY_CODES.has(code)) return undefined;
	const hint = countryHint(value);
	if (hint) {
		return `must be a two-letter ISO 3166 country code; did you mean ${hint}? ${got(value)}`;
	}
	if (twoLetters) {
		return `must be an officially assigned ISO 3166 country code, e.g. GB ${got(value)}`;
	}
	return `must be a two-letter ISO 3166 country code, e.g. GB ${got(value)}`;
}

export function phoneProblem(value: string): string | undefined {
	const trimmed = value.trim();
	if (trimmed === '') return 'must not be empty';
	const bad = badCharacterReason(value, false);
	if (bad) return `${bad} ${got(value)}`;
	if (trimmed.length > PHONE_MAX_LENGTH) {
		return `must be at most ${PHONE_MAX_LENGTH} characters long, but has ${trimmed.length} ${got(value)}`;
	}

	const extension = /^(.*?)[\s,;]*(?:x|ext\.?|extension)\s*(\d+)$/i.exec(trimmed);
	const main = extension ? extension[1] : trimmed;
	if (/[A-Za-z]/.test(main)) {
		return `must not contain letters, apart from an extension such as "x123" or "ext. 123" ${got(value)}`;
	}
	const other = /[^\d\s.()+-]/.exec(main);
	if (other) {
		return `must not contain ${show(other[0])}: use digits, spaces, dots, dashes, parentheses and an optional leading "+" ${got(value)}`;
	}
	const plusCount = main.split('+').length - 1;
	if (plusCount > 1 || (plusCount === 1 && !/^\(?\s*\+/.test(main))) {
		return `may only have one "+", at the start ${got(value)}`;
	}
	let depth = 0;
	for (const ch of main) {
		if (ch === '(') depth++;
		if (ch === ')') depth--;
		if (depth < 0 || depth > 1) break;
	}
	if (depth !== 0) return `has unbalanced parentheses ${got(value)}`;

	const digits = main.replace(/\D/g, '');
	if (plusCount === 1 && digits.startsWith('0')) {
		return `must not have a 0 right after the "+": country calling codes never start with 0 ${got(value)}`;
	}
	if (digits.length < PHONE_MIN_DIGITS) {
		return `has too few digits: ${digits.length}, at least ${PHONE_MIN_DIGITS} are needed ${got(value)}`;
	}
	if (digits.length > PHONE_MAX_DIGITS) {
		return `has too many digits: ${digits.length}, at most ${PHONE_MAX_DIGITS} are allowed (E.164) ${got(value)}`;
	}
	return undefined;
}

function looksLikeIpAddress(value: string): boolean {
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return true;
	if (/^\[[^\]]*\](:\d+)?$/.test(value)) return true;
	// IPv6: hex groups of up to four digits, either compressed (::) or all eight, maybe a zone.
	const groups = value.replace(/%\S+$/, '').split(':');
	if (groups.length < 3 || groups.length > 8) return false;
	if (!groups.every((group) => /^[0-9a-f]{0,4}$/i.test(group) || /^\d{1,3}(\.\d{1,3}){3}$/.test(group))) {
		return false;
	}
	return value.includes('::') || groups.length === 8;
}

/** The host of a pasted URL ("https://www.example.com/x" -> "www.example.com"), if it is valid. */
function hostFromUrl(value: string, allowWildcard: boolean): string | undefined {
	const host = value
		.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
		.split(/[/?#]/)[0]
		.replace(/^[^@]*@/, '')
		.replace(/:\d+$/, '')
		.toLowerCase();
	return host !== '' && hostReason(host, allowWildcard, 'host') === undefined ? host : undefined;
}

/** The punycode (xn--) form of a unicode name, if it converts to a valid host name. */
function punycodeSuggestion(value: string, allowWildcard: boolean): string | undefined {
	// Only plain names: the URL parser would quietly drop a path, port or user part.
	if (!/^[^\s/?#\\@:%[\]]+$/.test(value)) return undefined;
	const wildcard = value.startsWith('*.');
	let ascii: string;
	try {
		// The WHATWG URL parser applies IDNA (UTS #46) to the host, which is what browsers resolve.
		ascii = new URL(`http://${wildcard ? value.slice(2) : value}/`).hostname;
	} catch {
		return undefined; // no suggestion; the caller still reports the problem
	}
	const candidate = `${wildcard ? '*.' : ''}${ascii}`;
	return hostReason(candidate, allowWildcard, 'host') === undefined ? candidate : undefined;
}

/** Why value is not a usable public DNS name, without the "(got ...)" part; undefined if fine. */
function hostReason(value: string, allowWildcard: boolean, kind: 'host' | 'domain'): string | undefined {
	if (value.trim() === '') return 'must not be empty';
	const bad = badCharacterReason(value, false);
	if (bad) return bad;
	if (/\s/.test(value)) return 'must not contain spaces';
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) {
		const host = hostFromUrl(value, allowWildcard);
		return `must be just the ${kind} name, without "https://" or a path${host ? `; did you mean ${show(host)}?` : ''}`;
	}
	if (value.includes('@')) return `must be a ${kind} name, not an email address`;
	if (looksLikeIpAddress(value)) {
		return kind === 'host'
			? 'must be a host name, not an IP address: certificates for IP addresses cannot be ordered through this API'
			: 'must be a domain name, not an IP address';
	}
	const port = /^[^:]+(:\d*)$/.exec(value);
	if (port) return `must not include a port (${show(port[1])})`;
	if (NON_ASCII.test(value)) {
		const suggestion = punycodeSuggestion(value, allowWildcard);
		return `must be written in ASCII: give internationalised names in punycode (xn--) form${suggestion ? `; did you mean ${show(suggestion)}?` : ''}`;
	}
	if (value.endsWith('.')) return 'must not end with a dot';
	if (value.startsWith('.')) return 'must not start with a dot';

	const wildcard = value.startsWith('*.');
	if (wildcard && !allowWildcard) return 'must not be a wildcard ("*.") name here';
	const rest = wildcard ? value.slice(2) : value;
	if (rest.includes('*')) {
		return allowWildcard
			? 'may only use "*" as the whole first label, as in "*.example.com"'
			: 'must not contain "*"';
	}
	if (value.length > HOSTNAME_MAX_LENGTH) {
		return `must be at most ${HOSTNAME_MAX_LENGTH} characters long, but has ${value.length}`;
	}

	const labels = rest.split('.');
	if (labels.includes('')) return 'must not contain two dots in a row';
	for (const label of labels) {
		if (label.length > LABEL_MAX_LENGTH) {
			return `has a part of ${label.length} characters between dots, at most ${LABEL_MAX_LENGTH} are allowed (${show(label)})`;
		}
		const other = /[^A-Za-z0-9-]/.exec(label);
		if (other) {
			return other[0] === '_'
				? 'must not contain "_": underscores are not allowed in certificate names'
				: `must not contain ${show(other[0])}: only letters, digits, hyphens and dots are allowed`;
		}
		if (label.startsWith('-') || label.endsWith('-')) {
			return `must not have a part that starts or ends with a hyphen (${show(label)})`;
		}
	}
	if (labels.length < 2) {
		return wildcard
			? 'must have at least two labels after "*.", as in "*.example.com": a wildcard cannot cover a whole top-level domain'
			: `must be a fully qualified ${kind} name with at least two labels, e.g. "www.example.com"`;
	}
	const tld = labels[labels.length - 1].toLowerCase();
	if (/^\d+$/.test(tld)) return `must not end in an all-numeric top-level domain (${show(tld)})`;
	if (!/^[a-z]{2,63}$/.test(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) {
		return `has an invalid top-level domain ${show(tld)}: it must be at least two letters, or punycode (xn--)`;
	}
	if (PRIVATE_TLDS.has(tld)) {
		return `uses ".${tld}", a reserved or private-network top-level domain that is not on the public internet`;
	}
	return undefined;
}

export function hostnameProblem(
	value: string,
	opts: { allowWildcard?: boolean } = {},
): string | undefined {
	const why = hostReason(value, opts.allowWildcard === true, 'host');
	return why === undefined ? undefined : `${why} ${got(value)}`;
}

export function isWildcardName(name: string): boolean {
	return name.trim().startsWith('*.');
}

/**
 * Splits a SAN list typed as text (commas, spaces, new lines) or given as an array whose elements
 * may themselves be comma-separated. `names` holds every distinct, lower-cased entry in input
 * order, valid or not: do not order anything while `problems` is non-empty.
 */
export function parseSanList(input: string | string[]): { names: string[]; problems: string[] } {
	// n8n expressions can hand over numbers or null despite the declared type.
	const parts = (Array.isArray(input) ? input : [input]).map((part: unknown) =>
		typeof part === 'string' ? part : part === null || part === undefined ? '' : String(part),
	);
	const names: string[] = [];
	const seen = new Set<string>();
	for (const part of parts) {
		for (const raw of part.split(/[\s,]+/)) {
			const name = raw.trim().toLowerCase();
			if (name === '' || seen.has(name)) continue;
			seen.add(name);
			names.push(name);
		}
	}
	const problems: string[] = [];
	for (const name of names) {
		const why = hostReason(name, true, 'host');
		if (why !== undefined) problems.push(`${show(name)} is not a valid host name: ${why}`);
	}
	return { names, problems };
}

const MAX_ORDER_TOKEN_LENGTH = 128;

/** Order tokens are secrets of a kind: the problem never repeats the value. Empty is the caller's call. */
export function orderTokenProblem(value: string): string | undefined {
	if (value.length > MAX_ORDER_TOKEN_LENGTH) return `is longer than ${MAX_ORDER_TOKEN_LENGTH} characters`;
	if (!/^[A-Za-z0-9_-]+$/.test(value)) return 'may only hold letters, digits, "-" and "_"';
	return undefined;
}
