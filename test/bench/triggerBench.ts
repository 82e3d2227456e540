/**
 * The Servertastic Trigger with many open orders, polled the way n8n polls (test/nodes/ServertasticTrigger/
 * pollHarness: a Workflow, n8n-core's PollContext, static data kept between polls): the calls per poll,
 * the poll time, and the size of the static data n8n saves after each poll.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { startTrigger } from '../support/pollHarness';

export interface TriggerFigures {
	openOrders: number;
	baselineMs: number;
	steadyMs: number;
	steadyCalls: number;
	/** Events the steady poll fired although nothing changed (should be 0). */
	falseEvents: number;
	steadyStaticBytes: number;
	pending: number;
	eventsFired: number;
	eventCalls: number;
	eventMs: number;
	eventStaticBytes: number;
}

type Ask = <T>(message: IDataObject) => Promise<T>;

const staticBytes = (data: IDataObject | undefined) =>
	Buffer.byteLength(JSON.stringify(data ?? {}));
const callsOf = (tally: Record<string, number>) =>
	Object.values(tally).reduce((sum, n) => sum + n, 0);

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
	const started = process.hrtime.bigint();
	const value = await run();
	return [value, Number(process.hrtime.bigint() - started) / 1e6];
}

/** `pending` of the open orders change status between two polls: the events the next poll fires. */
export async function triggerFigures(
	ask: Ask,
	url: string,
	apiKey: string,
	openOrders: number,
	pending: number,
): Promise<TriggerFigures> {
	await ask({ type: 'orders', n: openOrders });
	const trigger = startTrigger({ url, apiKey } as Simulator, {
		event: 'orderStatusChanged',
		statuses: [],
	});
	const [, baselineMs] = await timed(() => trigger.poll());
	await ask({ type: 'reset' });
	const [steady, steadyMs] = await timed(() => trigger.poll());
	const steadyCalls = callsOf(await ask<Record<string, number>>({ type: 'calls' }));
	const steadyStaticBytes = staticBytes(trigger.savedNodeData());
	await ask({ type: 'advance', n: pending });
	await ask({ type: 'reset' });
	const [fired, eventMs] = await timed(() => trigger.poll());
	const eventCalls = callsOf(await ask<Record<string, number>>({ type: 'calls' }));
	return {
		openOrders,
		baselineMs,
		steadyMs,
		steadyCalls,
		falseEvents: steady?.[0]?.length ?? 0,
		steadyStaticBytes,
		pending,
		eventsFired: fired?.[0]?.length ?? 0,
		eventCalls,
		eventMs,
		eventStaticBytes: staticBytes(trigger.savedNodeData()),
	};
}
