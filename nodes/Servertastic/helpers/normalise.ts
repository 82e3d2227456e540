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
