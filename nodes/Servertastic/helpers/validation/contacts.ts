/*
 * Pure checks of user input, run before an order is placed because a rejected or wrong order
 * costs money. Each `...Problem` function returns undefined when the value is fine, or a sentence
 * fragment that completes "<Field label> <problem>", e.g. "Email is not a valid email address: ...".
 * Blank values count as problems except in textProblem: callers skip optional fields themselves.
 * This file: what a contact is made of: email addresses, phone numbers, country codes.
 */

import { COUNTRY_HINTS, ISO_COUNTRY_CODES } from '../countries';
import { hostReason } from './hostnames';
import { badCharacterReason, got, NON_ASCII, show } from './text';

const EMAIL_MAX_LENGTH = 254; // RFC 5321 path limit minus the angle brackets
const EMAIL_LOCAL_MAX_LENGTH = 64;
const PHONE_MIN_DIGITS = 7;
const PHONE_MAX_DIGITS = 15; // E.164
// Generous for 15 digits, separators and an extension; also keeps the regexes below cheap.
const PHONE_MAX_LENGTH = 64;

const EMAIL_LOCAL_CHARACTER = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]$/;

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
		return invalid(
			'the part before the "@" must not start or end with a dot or have two dots in a row',
		);
	}

	if (domain === '') return invalid('nothing after the "@"');
	if (domain.startsWith('['))
		return invalid('it needs a domain name after the "@", not an IP address');
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
