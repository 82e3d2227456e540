import type { IDataObject } from 'n8n-workflow';

/** `{ __rl: true, mode, value }`: what n8n saves for a resource locator field. */
export function isLocatorValue(
	value: unknown,
): value is { __rl: true; mode: string; value: unknown } {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as IDataObject).__rl === true &&
		'value' in value
	);
}
