import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { serialiseEverything } from '../harness';
import { startSimulator, type Simulator } from '../simulator';
import { runServertastic } from './servertastic';

/** Shared set-up and checks for the read operations (Get, Get Many, lists). */

// Characters that URL encoding changes, so an encoded copy of the key would show too.
export const API_KEY = 'sk_test_Read+Key/With=Chars_0123456789';

/** A simulator for one test file, fresh state before each test. */
export function useSimulator(): () => Simulator {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startSimulator({ apiKey: API_KEY });
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.reset({ state: true }));
	return () => simulator;
}

export function expectNoSecret(value: unknown): void {
	const text = serialiseEverything(value);
	expect(text).not.toContain(API_KEY);
	expect(text).not.toContain(encodeURIComponent(API_KEY));
}

/** Asserts every recorded request to `call` was a GET with exactly `query` (the key only where it belongs). */
export function expectQueries(
	simulator: Simulator,
	call: string,
	queries: Array<Record<string, string>>,
): void {
	const requests = simulator.requestsTo(call);
	expect(requests.map((request) => request.method)).toEqual(queries.map(() => 'GET'));
	expect(requests.map((request) => request.path)).toEqual(queries.map(() => `/${call}.json`));
	expect(requests.map((request) => request.query)).toEqual(queries);
	expect(simulator.requests.filter((request) => request.call !== call)).toEqual([]);
}

export const completeOrder = (
	simulator: Simulator,
	token: string,
	domain: string,
	expiresInDays: number,
	now = new Date(),
) => {
	const order = simulator.getOrder(token)!;
	order.status = 'Completed';
	order.domainName = domain;
	order.placedAt = now;
	order.completedAt = now;
	order.expiryDate = new Date(now.getTime() + expiresInDays * 24 * 3600 * 1000);
	return order;
};

/**
 * The error paths every read shares: an `error` body with HTTP 200 and 400 stops the run with a
 * NodeApiError holding the API's message; with Continue (using error output) the failed item goes to
 * the error branch and the next item still runs; the key never shows.
 */
export function describeApiErrors(
	getSimulator: () => Simulator,
	call: string,
	parameters: () => INodeParameters,
	secrets: () => string[] = () => [],
): void {
	describe(`API errors of ${call}`, () => {
		it.each([200, 400])(
			'an error body with HTTP %i becomes a NodeApiError with the API message',
			async (status) => {
				const simulator = getSimulator();
				const sent = parameters();
				simulator.respondOnce(call, {
					status,
					body: { error: { code: -4, message: `Something is wrong (${API_KEY})` } },
				});
				const result = await runServertastic(simulator, sent);
				expect(result.status).toBe('error');
				expect(result.error?.name).toBe('NodeApiError');
				expect(result.error?.message).toBe(
					`Servertastic refused ${call}: Something is wrong (***)`,
				);
				expect(result.error?.description).toBe(`The API answered with error -4 (HTTP ${status}).`);
				// An API refusal is not retried.
				expect(simulator.requestsTo(call)).toHaveLength(1);
				expect(result.success).toEqual([]);
				expectNoSecret(result);
				const { message, description } = result.error as unknown as IDataObject;
				for (const secret of secrets())
					expect(serialiseEverything({ message, description })).not.toContain(secret);
			},
		);

		it('Continue (using error output) sends the failed item to the error branch and runs the next one', async () => {
			const simulator = getSimulator();
			const sent = parameters();
			simulator.respondOnce(call, {
				status: 200,
				body: { error: { code: -2, message: 'Refused for this item' } },
			});
			const result = await runServertastic(
				simulator,
				{ ...sent, options: { ...((sent.options as IDataObject) ?? {}), concurrency: 1 } },
				{ inputItems: [{ row: 'first' }, { row: 'second' }], onError: 'continueErrorOutput' },
			);
			expect(result.status).toBe('success');
			expect(simulator.requestsTo(call)).toHaveLength(2);
			expect(result.downstream.error).toHaveLength(1);
			expect(result.errorOutput[0].pairedItem).toEqual({ item: 0 });
			expect(result.downstream.error[0].json.error).toBe(
				`Servertastic refused ${call}: Refused for this item`,
			);
			// n8n merges the input item into the error item, so the branch knows which one failed.
			expect(result.downstream.error[0].json.row).toBe('first');
			expect(result.success.length).toBeGreaterThan(0);
			expect(result.success.every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(
				true,
			);
			expectNoSecret(result);
		});
	});
}
