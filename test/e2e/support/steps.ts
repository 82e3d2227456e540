// Tests of one end-to-end file share one n8n: a failure anywhere keeps its folders and logs for a look.

export interface Steps {
	/** Whether set-up or any step failed so far. */
	readonly failed: boolean;
	/** `beforeAll` that remembers a failure. */
	setUp(fn: () => Promise<void>, timeoutMs: number): void;
	/** `it` that remembers a failure; `onFailure` runs first (a screenshot, say). */
	step(name: string, fn: () => Promise<void>, timeoutMs?: number): void;
}

export function failureTracking(
	defaultTimeoutMs = 120_000,
	onFailure?: (name: string) => Promise<void>,
): Steps {
	let failed = false;
	return {
		get failed() {
			return failed;
		},
		setUp(fn, timeoutMs) {
			beforeAll(async () => {
				try {
					await fn();
				} catch (error) {
					failed = true;
					throw error;
				}
			}, timeoutMs);
		},
		step(name, fn, timeoutMs = defaultTimeoutMs) {
			it(
				name,
				async () => {
					try {
						await fn();
					} catch (error) {
						failed = true;
						await onFailure?.(name).catch(() => undefined);
						throw error;
					}
				},
				timeoutMs,
			);
		},
	};
}
