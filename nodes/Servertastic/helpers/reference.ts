import type { IDataObject } from 'n8n-workflow';
import { createHash, randomBytes } from 'crypto';

/** Generate Token's reseller_unique_reference: derived from the item, so a re-run cannot buy twice. */

/** The API's limit for reseller_unique_reference (api2.md "generatetoken"). */
export const MAX_REFERENCE_LENGTH = 35;
export const REFERENCE_MODES = ['derived', 'custom', 'random'] as const;
export type ReferenceMode = (typeof REFERENCE_MODES)[number];

/** JSON with object keys sorted at every level, so the same data always gives the same text. */
export function canonicalJson(value: unknown, seen: Set<object> = new Set()): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'bigint') return JSON.stringify(value.toString());
	if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	const withToJson = value as { toJSON?: () => unknown };
	if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON(), seen);
	if (seen.has(value)) return '"[Circular]"';
	seen.add(value);
	let text: string;
	if (Array.isArray(value)) {
		text = `[${value.map((entry) => (typeof entry === 'function' ? 'null' : canonicalJson(entry, seen))).join(',')}]`;
	} else {
		const record = value as Record<string, unknown>;
		const keys = Object.keys(record)
			.filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
			.sort();
		text = `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], seen)}`).join(',')}}`;
	}
	seen.delete(value);
	return text;
}

/** 'n8n-' and 31 hex digits of SHA-256 over the item and product: 35 characters, the API's limit. */
export function derivedReference(itemJson: IDataObject, productCode: string): string {
	const digest = createHash('sha256')
		.update(canonicalJson({ item: itemJson, productCode }))
		.digest('hex');
	return `n8n-${digest.slice(0, MAX_REFERENCE_LENGTH - 4)}`;
}

export function randomReference(): string {
	return `n8n-rnd-${randomBytes(16)
		.toString('hex')
		.slice(0, MAX_REFERENCE_LENGTH - 8)}`;
}
