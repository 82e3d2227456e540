/*
 * Pure checks of user input, run before an order is placed because a rejected or wrong order
 * costs money. Each `...Problem` function returns undefined when the value is fine, or a sentence
 * fragment that completes "<Field label> <problem>", e.g. "Email is not a valid email address: ...".
 * Blank values count as problems except in textProblem: callers skip optional fields themselves.
 * This file: free text and order tokens, and how any checked value is quoted in a message.
 */

const DEFAULT_TEXT_MAX_LENGTH = 255;
// Long values are cut in messages so one bad field cannot flood the error.
const SHOWN_MAX_LENGTH = 60;

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
export function show(value: string): string {
	const chars = Array.from(value);
	const cut =
		chars.length > SHOWN_MAX_LENGTH ? `${chars.slice(0, SHOWN_MAX_LENGTH - 1).join('')}…` : value;
	return `"${escapeInvisible(cut)}"`;
}

export function got(value: string): string {
	return `(got ${show(value)})`;
}

/**
 * Why the value has a character that could inject headers or parameters, or undefined. Tabs are
 * always allowed; CR and LF only when line breaks are.
 */
export function badCharacterReason(value: string, allowLineBreaks: boolean): string | undefined {
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

export const NON_ASCII = /[\u0080-\uffff]/;

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

const MAX_ORDER_TOKEN_LENGTH = 128;

/** Order tokens are secrets of a kind: the problem never repeats the value. Empty is the caller's call. */
export function orderTokenProblem(value: string): string | undefined {
	if (value.length > MAX_ORDER_TOKEN_LENGTH)
		return `is longer than ${MAX_ORDER_TOKEN_LENGTH} characters`;
	if (!/^[A-Za-z0-9_-]+$/.test(value)) return 'may only hold letters, digits, "-" and "_"';
	return undefined;
}
