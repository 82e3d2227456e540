/** The API sends empty fields as "" or {} (its JSON comes from XML): both mean "absent". */
export function textOf(value: unknown): string | null {
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number') return String(value);
	return null;
}
