// Jest hooks several suites share: fast read retries, and a fake clock for Date only.
import { retryPolicy } from '../../nodes/Servertastic/transport';

/** Reads are retried with backoff; keep the waits short in this suite, and restore them after. */
export function useFastRetries(): void {
	const original = { ...retryPolicy };
	beforeAll(() => {
		retryPolicy.baseDelayMs = 1;
		retryPolicy.maxDelayMs = 2;
	});
	afterAll(() => {
		Object.assign(retryPolicy, original);
	});
}

/** Only Date is faked (days are counted from it); timers stay real for HTTP and retries. */
export function fakeDateOnly(now: number | Date): void {
	beforeEach(() => {
		jest.useFakeTimers({
			doNotFake: [
				'nextTick',
				'setImmediate',
				'clearImmediate',
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
				'queueMicrotask',
				'hrtime',
				'performance',
			],
		});
		jest.setSystemTime(now);
	});
	afterEach(() => jest.useRealTimers());
}
