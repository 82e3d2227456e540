import type { DvAuthMethod } from './placeOrderFields';
import { isWildcardName } from './validation/hostnames';

/**
 * Domain control validation rules shared by Place and Reissue. HTTP/HTTPS file validation cannot
 * prove control of a wildcard name (CA/Browser Forum, since 2021): only Email and DNS can.
 * Returns the problem (to follow the field name 'Validation Method'), or undefined.
 */
export function wildcardFileValidationProblem(
	method: DvAuthMethod | undefined,
	names: readonly string[],
): string | undefined {
	if (method !== 'FILE' && method !== 'SFILE') return undefined;
	const wildcard = names.find((name) => isWildcardName(name.toLowerCase()));
	if (!wildcard) return undefined;
	return `cannot be HTTP or HTTPS file for the wildcard name "${wildcard}": wildcard names can only be validated by Email or DNS`;
}
