import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

type NodeApiErrorOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>;

export interface ServertasticErrorOptions extends NodeApiErrorOptions {
	/** The call may have taken effect all the same (no answer, a reset, a 5xx without an error body). */
	uncertain?: boolean;
	/** A read may be sent again after this failure. */
	retryable?: boolean;
	/** How long the API asked us to wait (Retry-After), when it said. */
	retryAfterMs?: number;
}

/** A failed Servertastic call, with what the callers need to know beyond the message. */
export class ServertasticApiError extends NodeApiError {
	readonly uncertain: boolean;

	readonly retryable: boolean;

	readonly retryAfterMs: number | undefined;

	constructor(node: INode, apiError: JsonObject, options: ServertasticErrorOptions) {
		const { uncertain = false, retryable = false, retryAfterMs, ...rest } = options;
		super(node, apiError, rest);
		// n8n shows and stores the error by its name (the UI, error workflows, queue mode): it stays a NodeApiError there.
		this.name = 'NodeApiError';
		this.uncertain = uncertain;
		this.retryable = retryable;
		this.retryAfterMs = retryAfterMs;
	}
}

/**
 * True for an error after which the call may or may not have taken effect: no answer in time, a
 * connection reset, a server error without an API error body. A caller that places or pays for
 * something must check the order's state before deciding anything.
 */
export function isUncertainOutcome(error: unknown): boolean {
	return error instanceof ServertasticApiError && error.uncertain;
}
