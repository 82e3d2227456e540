import type { INodeExecutionData } from 'n8n-workflow';

import { retryPolicy } from '../../../nodes/Servertastic/transport';
import { serialiseEverything } from '../../harness';
import { FAULT_KINDS, faultReply, type Simulator, startSimulator } from '../../simulator';
import { runServertastic, TECH_CONTACT } from '../../support/servertastic';
import { CSR } from '../../support/operationTable';

/**
 * 1,000 Place items, five at a time, while one answer in ten goes wrong in one of the ways the
 * simulator knows (on the check-first review, the product fields and the place call alike; on the
 * place call half of them after the order was placed). The simulator's ledger must show at most
 * one placement per token, and every item must come out once. Running the failed items again
 * then leaves every token placed exactly once.
 */

const API_KEY = 'st+Ledger/Key=?&%_0123456789';
const ITEMS = 1000;
const SEED = 20_260_101;
// Enough for every order: a refusal for want of points would hide what the faults do.
const OPENING_POINTS = 1_000_000;

let simulator: Simulator;
const savedPolicy = { ...retryPolicy };
beforeAll(async () => {
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 4 });
	simulator = await startSimulator({ apiKey: API_KEY, points: OPENING_POINTS });
});
afterAll(async () => {
	Object.assign(retryPolicy, savedPolicy);
	await simulator.close();
});

const parameters = {
	resource: 'order',
	operation: 'place',
	orderToken: '={{ $json.token }}',
	productBrand: 'rapidssl',
	dvAuthMethod: 'DNS',
	csr: CSR,
	...TECH_CONTACT,
	options: { concurrency: 5 },
};

const itemIndexOf = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;

function placeRequestsPerToken(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const request of simulator.requestsTo('order/place')) {
		counts.set(request.body.order_token, (counts.get(request.body.order_token) ?? 0) + 1);
	}
	return counts;
}

function expectNoSecrets(text: string) {
	expect(text).not.toContain(API_KEY);
	expect(text).not.toContain(encodeURIComponent(API_KEY));
}

it('1,000 places under 10% injected faults: at most one placement per token, every item accounted for; a re-run of the failures completes the batch', async () => {
	const tokens = Array.from({ length: ITEMS }, () =>
		simulator.createToken({ productCode: 'RapidSSL-12' }),
	);
	simulator.settings.faults = { rate: 0.1, seed: SEED, slowMs: 50, retryAfterSeconds: 1 };

	const first = await runServertastic(simulator, parameters, {
		inputItems: tokens.map((token) => ({ token })),
		onError: 'continueErrorOutput',
		timeoutSeconds: 1,
	});

	// The faults really were there, of every kind, some of them after a place took effect.
	const injected = simulator.injectedFaults;
	expect(injected.length).toBeGreaterThan(0.07 * simulator.requests.length);
	expect(injected.length).toBeLessThan(0.13 * simulator.requests.length);
	expect(new Set(injected.map((fault) => fault.kind))).toEqual(new Set(FAULT_KINDS));
	expect(
		injected.filter(
			(fault) => fault.call === 'order/place' && fault.afterEffect && fault.kind !== 'slow',
		).length,
	).toBeGreaterThan(5);

	// Every item comes out exactly once, paired: an output or an error item.
	expect(first.status).toBe('success');
	const indexes = [...first.success, ...first.errorOutput].map(itemIndexOf).sort((a, b) => a - b);
	expect(indexes).toEqual(tokens.map((_token, index) => index));
	expect(first.downstream.success).toHaveLength(first.success.length);
	expect(first.downstream.error).toHaveLength(first.errorOutput.length);

	// The ledger: no token placed twice, no place call sent twice.
	const orders = tokens.map((token) => simulator.getOrder(token)!);
	expect(Math.max(...orders.map((order) => order.placements))).toBeLessThanOrEqual(1);
	expect(Math.max(...placeRequestsPerToken().values())).toBe(1);
	const spent = orders.reduce((sum, order) => sum + order.pointsSpent, 0);
	expect(simulator.points()).toBe(OPENING_POINTS - spent);

	// What each output says matches the ledger.
	const placements: Record<string, number> = {};
	for (const item of first.success) {
		const token = tokens[itemIndexOf(item)];
		expect(item.json.orderToken).toBe(token);
		const placement = String(item.json.placement);
		placements[placement] = (placements[placement] ?? 0) + 1;
		expect({ placement, placements: simulator.getOrder(token)!.placements }).toEqual({
			placement,
			placements: 1,
		});
	}
	expect(
		Object.keys(placements).every((placement) =>
			['placed', 'alreadyPlaced', 'confirmedAfterUncertainAnswer'].includes(placement),
		),
	).toBe(true);
	expect(placements.placed).toBeGreaterThan(ITEMS * 0.6);
	expect(placements.confirmedAfterUncertainAnswer).toBeGreaterThan(0);
	const failed = first.errorOutput.map(itemIndexOf);
	expect(failed.length).toBeGreaterThan(0);
	for (const item of first.errorOutput) {
		expect(item.json.error).toMatch(/^Servertastic /);
		expect(String(item.json.error)).not.toContain(tokens[itemIndexOf(item)]);
		expect(String(item.json.message ?? '')).not.toContain(tokens[itemIndexOf(item)]);
	}
	// An item may fail after its order went through (its answer and every look at the order lost):
	// the re-run must then find it placed, not place it again.
	const placedButFailed = failed.filter((index) => orders[index].placements === 1);
	expectNoSecrets(serialiseEverything(first));

	// Run the failed items again, with the faults gone.
	simulator.settings.faults = undefined;
	simulator.reset();
	const again = await runServertastic(simulator, parameters, {
		inputItems: failed.map((index) => ({ token: tokens[index] })),
		onError: 'continueErrorOutput',
		timeoutSeconds: 1,
	});
	expect(again.status).toBe('success');
	expect(again.errorOutput).toEqual([]);
	expect(again.success.map(itemIndexOf)).toEqual(failed.map((_index, position) => position));
	const rerunPlacement = again.success.map((item) => item.json.placement);
	expect(rerunPlacement.filter((placement) => placement === 'alreadyPlaced')).toHaveLength(
		placedButFailed.length,
	);
	expect(rerunPlacement.filter((placement) => placement === 'placed')).toHaveLength(
		failed.length - placedButFailed.length,
	);
	expect(simulator.requestsTo('order/place')).toHaveLength(failed.length - placedButFailed.length);

	// Every token is now placed exactly once.
	for (const token of tokens) {
		expect({ token, ...pick(simulator.getOrder(token)!) }).toEqual({
			token,
			placements: 1,
			status: 'Order Placed',
		});
	}
	expectNoSecrets(serialiseEverything(again));
}, 90_000);

function pick(order: { placements: number; status: string }) {
	return { placements: order.placements, status: order.status };
}

describe('an item that fails although its order went through', () => {
	beforeEach(() => simulator.reset({ state: true }));

	async function placeOne(token: string) {
		return await runServertastic(simulator, parameters, {
			inputItems: [{ token }],
			onError: 'continueErrorOutput',
			timeoutSeconds: 1,
		});
	}

	it('the answer is lost and so is the look at the order: an error now, "alreadyPlaced" on the re-run, never a second place', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		simulator.respondOnce('order/place', faultReply('emptyBody', { afterEffect: true }));
		// The check-first review is answered for real; the review after the lost answer is refused.
		simulator.respondOnce('order/review', { status: 200, process: true });
		simulator.respondOnce('order/review', faultReply('errorWith200'));
		const first = await placeOne(token);
		expect(first.errorOutput).toHaveLength(1);
		expect(first.errorOutput[0].json.error).toMatch(
			/^Servertastic sent an empty answer to order\/place \(HTTP 200\); the order may have been placed and its state could not be read/,
		);
		expect(simulator.getOrder(token)).toMatchObject({ placements: 1, status: 'Order Placed' });

		const again = await placeOne(token);
		expect(again.success.map((item) => item.json.placement)).toEqual(['alreadyPlaced']);
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
		expect(simulator.getOrder(token)?.placements).toBe(1);
	});

	it('the place call takes effect only after the node gave up waiting: an error now, "alreadyPlaced" on the re-run', async () => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		// Slower than the 1 s timeout: the review after the timeout still sees the order unplaced.
		simulator.respondOnce('order/place', faultReply('slow', { slowMs: 1300 }));
		const first = await placeOne(token);
		expect(first.errorOutput).toHaveLength(1);
		expect(first.errorOutput[0].json.error).toBe(
			'Servertastic could not be reached for order/place: no answer within 1 s',
		);
		expect(simulator.requestsTo('order/review')).toHaveLength(2);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(simulator.getOrder(token)).toMatchObject({ placements: 1, status: 'Order Placed' });

		const again = await placeOne(token);
		expect(again.success.map((item) => item.json.placement)).toEqual(['alreadyPlaced']);
		expect(simulator.requestsTo('order/place')).toHaveLength(1);
	});
});
