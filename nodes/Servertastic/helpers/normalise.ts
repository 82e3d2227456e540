import type { IDataObject } from 'n8n-workflow';

import { textOf } from './output';

/**
 * The API's JSON is converted from XML: a one-element list may arrive as the element itself and an
 * empty list as "" or {}. These return the plain shapes.
 */
export function asList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'object' && Object.keys(value).length === 0) return [];
	return [value];
}

/** An object, or {} for anything else ("" or absent for an empty group). */
export function objectOf(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

const isRecord = (entry: unknown): entry is IDataObject =>
	typeof entry === 'object' && entry !== null && !Array.isArray(entry);

/**
 * The records of a repeated element. XML-derived JSON wraps them in their element name
 * (`orders: { order: [...] }`, api2.md "modifiedorders"): `wrapperKey` names that element. The
 * wrapper may hold one record, a list, "" or {}; a list of wrappers or of bare records is read too.
 * Anything but objects is dropped.
 */
export function entriesOf(value: unknown, wrapperKey?: string): IDataObject[] {
	// A wrapper holds records or nothing; a record that has a text under that name is a record.
	const unwrap = (entry: unknown): unknown[] =>
		wrapperKey &&
		isRecord(entry) &&
		Object.prototype.hasOwnProperty.call(entry, wrapperKey) &&
		(typeof entry[wrapperKey] === 'object' || textOf(entry[wrapperKey]) === null)
			? asList(entry[wrapperKey])
			: [entry];
	return asList(value).flatMap(unwrap).filter(isRecord);
}

/** A number from a number or a numeric text (the API's JSON comes from XML: numbers may be text). */
export function numberOrNull(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const text = textOf(value)?.trim();
	if (!text) return null;
	const number = Number(text);
	return Number.isFinite(number) ? number : null;
}

/** `YYYY-MM-DD HH:MM:SS` (GMT, as the API writes dates) → ISO 8601; anything else is kept as it came. */
export function isoDate(value: unknown): string | null {
	const text = textOf(value);
	if (!text) return null;
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text.trim());
	return match ? `${match[1]}T${match[2]}Z` : text;
}
