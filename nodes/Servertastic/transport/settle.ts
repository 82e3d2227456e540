import type { NodeApiError } from 'n8n-workflow';

/** A promise's value or its failure, as data. */
export type Settled<T, E = NodeApiError> =
	| { value: T; failure?: undefined }
	| { value?: undefined; failure: E };

/**
 * The one place a rejection becomes data (the transport's retry loop, the write path, the lookups).
 * `.then(value, failure)` rather than a catch block: n8n's lint rule require-node-api-error forbids
 * rethrowing a caught error.
 */
export async function settle<T, E = NodeApiError>(promise: Promise<T>): Promise<Settled<T, E>> {
	return await promise.then(
		(value): Settled<T, E> => ({ value }),
		(failure: E): Settled<T, E> => ({ failure }),
	);
}
