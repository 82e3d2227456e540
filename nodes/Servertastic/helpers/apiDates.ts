/**
 * The API's dates: `YYYY-MM-DD HH:MM:SS`, GMT, one-second resolution; they sort as text. Shared by
 * the node (modifiedorders takes one) and the trigger (its cursor is one). Pure.
 */

/** The API's date format, for calls that take a date (modifiedorders). */
export function apiDate(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

const API_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/;

/** `YYYY-MM-DD HH:MM:SS` from the API's date text (an ISO form is accepted too); null otherwise. */
export function normaliseApiDate(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const match = API_DATE.exec(value.trim());
	if (!match) return null;
	const text = `${match[1]} ${match[2]}`;
	return Number.isNaN(parseApiDate(text)?.getTime() ?? NaN) ? null : text;
}

/** The API's dates are GMT. */
export function parseApiDate(text: string | null): Date | null {
	if (!text) return null;
	const match = API_DATE.exec(text);
	if (!match) return null;
	const date = new Date(`${match[1]}T${match[2]}Z`);
	return Number.isNaN(date.getTime()) ? null : date;
}

export function shiftApiDate(text: string, seconds: number): string {
	const date = parseApiDate(text);
	return date ? apiDate(new Date(date.getTime() + seconds * 1000)) : text;
}

/** Latest of two API dates (the format sorts as text); null only when both are. */
export function laterApiDate(a: string | null, b: string | null): string | null {
	if (!a) return b;
	if (!b) return a;
	return a > b ? a : b;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Whole days from `now` until a date, rounded up; null when it is not a date. The API sends no days
 * remaining. Takes the API's format (the trigger) or ISO 8601 (the tidy lists).
 */
export function daysUntil(date: string | null, now: Date): number | null {
	const time = parseApiDate(date)?.getTime() ?? (date ? Date.parse(date) : NaN);
	return Number.isNaN(time) ? null : Math.ceil((time - now.getTime()) / DAY_MS);
}
