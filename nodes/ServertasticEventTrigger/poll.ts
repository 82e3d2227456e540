import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { daysUntil, parseApiDate } from '../Servertastic/helpers/apiDates';
import { apiRequest } from '../Servertastic/transport';
import { eventItem, pickManualOrder } from './helpers/eventItem';
import { baselineExpiring, commitExpiringPoll, planExpiringPoll } from './helpers/expiringPoll';
import { dataAccuracyOf, expiringOrdersOf, modifiedOrdersOf } from './helpers/listedOrders';
import {
	type CandidateOutcome,
	decideModifiedEvent,
	reviewFactsOf,
} from './helpers/modifiedDecision';
import {
	baselineModified,
	baselineSince,
	commitModifiedPoll,
	manualSince,
	modifiedSince,
	planModifiedPoll,
} from './helpers/modifiedPoll';
import { sampleEvent } from './helpers/sample';
import {
	hasBaseline,
	readState,
	TRIGGER_EVENTS,
	writeState,
	type TriggerEvent,
	type TriggerState,
} from './helpers/state';

interface TriggerSettings {
	event: TriggerEvent;
	statuses: string[];
	withinDays: number;
}

function readSettings(context: IPollFunctions): TriggerSettings {
	const event = context.getNodeParameter('event', 'certificateIssued') as unknown;
	if (!TRIGGER_EVENTS.includes(event as TriggerEvent)) {
		throw new NodeOperationError(
			context.getNode(),
			`'Event' must be one of: ${TRIGGER_EVENTS.join(', ')}`,
		);
	}
	let statuses: unknown = [];
	let withinDays: unknown = 30;
	if (event === 'orderStatusChanged')
		statuses = context.getNodeParameter('statuses', []) as unknown;
	if (event === 'certificateExpiring')
		withinDays = context.getNodeParameter('withinDays', 30) as unknown;
	if (typeof statuses === 'string') statuses = statuses.split(',');
	if (!Array.isArray(statuses) || !statuses.every((status) => typeof status === 'string')) {
		throw new NodeOperationError(context.getNode(), "'Statuses' must be a list of order statuses");
	}
	const days = Number(withinDays);
	if (!Number.isInteger(days) || days < 1 || days > 3650) {
		throw new NodeOperationError(
			context.getNode(),
			"'Expiring Within (Days)' must be a whole number from 1 to 3650",
		);
	}
	return {
		event: event as TriggerEvent,
		statuses: (statuses as string[]).map((status) => status.trim()).filter(Boolean),
		withinDays: days,
	};
}

interface PollOutcome {
	state: TriggerState;
	items: IDataObject[];
}

/**
 * Certificate Issued / Order Status Changed: one modifiedorders call. Its records are review-like
 * (status, certificate, expiry, modifications) but carry no order token, so the event is built from
 * the record itself: there is no token to review the order with.
 */
async function pollModified(
	this: IPollFunctions,
	state: TriggerState,
	settings: TriggerSettings,
	now: Date,
): Promise<PollOutcome> {
	const { event } = settings;
	if (!hasBaseline(state, event)) {
		const since = baselineSince(now);
		const answer = await apiRequest.call(this, 'order/modifiedorders', { date: since });
		return {
			state: baselineModified(event, modifiedOrdersOf(answer), dataAccuracyOf(answer), since, now),
			items: [],
		};
	}
	const answer = await apiRequest.call(this, 'order/modifiedorders', {
		date: modifiedSince(state),
	});
	const orders = modifiedOrdersOf(answer);
	const timestamp = dataAccuracyOf(answer);
	// data_accuracy is the latest change the answer covers; the clock of this poll may lag behind it.
	const serverNow = new Date(Math.max(parseApiDate(timestamp)?.getTime() ?? 0, now.getTime()));
	const plan = planModifiedPoll(state, orders, event, settings.statuses);
	const outcomes: CandidateOutcome[] = [];
	const items: IDataObject[] = [];
	for (const candidate of plan.candidates) {
		const facts = reviewFactsOf(candidate.order.record);
		const decision = decideModifiedEvent(event, candidate, facts, {
			baselineAt: state.baselineAt,
			now: serverNow,
		});
		outcomes.push({ candidate, decision, certificateId: facts.certificateId });
		if (decision === 'fire') {
			items.push(
				eventItem(event, candidate.order.record, {
					previousStatus: candidate.previous?.status || null,
					daysRemaining: null,
				}),
			);
		}
	}
	return { state: commitModifiedPoll(state, { event, orders, plan, outcomes, timestamp }), items };
}

/** Certificate Expiring: one expiring call; the items are its records (no token, no certificate). */
async function pollExpiring(
	this: IPollFunctions,
	state: TriggerState,
	settings: TriggerSettings,
	now: Date,
): Promise<PollOutcome> {
	const answer = await apiRequest.call(this, 'order/expiring', {
		days: String(settings.withinDays),
	});
	const orders = expiringOrdersOf(answer);
	if (!hasBaseline(state, 'certificateExpiring'))
		return { state: baselineExpiring(orders, now), items: [] };
	const { candidates } = planExpiringPoll(state, orders);
	const items = candidates.map((order) =>
		eventItem('certificateExpiring', order.record, {
			previousStatus: null,
			daysRemaining: daysUntil(order.expiryDate, now),
		}),
	);
	return { state: commitExpiringPoll(state, candidates, now), items };
}

/** Fetch Test Event: the latest real matching order, else a labelled sample. Changes no state. */
async function manualEvent(
	this: IPollFunctions,
	settings: TriggerSettings,
	now: Date,
): Promise<IDataObject> {
	const { event } = settings;
	const orders =
		event === 'certificateExpiring'
			? expiringOrdersOf(
					await apiRequest.call(this, 'order/expiring', { days: String(settings.withinDays) }),
				)
			: modifiedOrdersOf(
					await apiRequest.call(this, 'order/modifiedorders', { date: manualSince(now) }),
				);
	const order = pickManualOrder(event, orders, settings.statuses);
	if (!order) return sampleEvent(event, settings.statuses, now);
	return eventItem(event, order.record, {
		previousStatus: null,
		daysRemaining: event === 'certificateExpiring' ? daysUntil(order.expiryDate, now) : null,
	});
}

/**
 * One poll. The state in static data changes only after every request of the poll succeeded, in
 * the same step that returns the events: a failed poll leaves it as it was, so the next poll
 * sees the same changes again and fires them once.
 */
export async function pollServertastic(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	try {
		const settings = readSettings(this);
		const now = new Date();
		if (this.getMode() === 'manual') {
			return [this.helpers.returnJsonArray([await manualEvent.call(this, settings, now)])];
		}
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		const outcome =
			settings.event === 'certificateExpiring'
				? await pollExpiring.call(this, state, settings, now)
				: await pollModified.call(this, state, settings, now);
		writeState(staticData, outcome.state);
		return outcome.items.length ? [this.helpers.returnJsonArray(outcome.items)] : null;
	} catch (error) {
		throw asNodeError(this, error);
	}
}

/** n8n reports a poll's error as is: keep ours, wrap anything unexpected. */
function asNodeError(context: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}
