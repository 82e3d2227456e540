import { X509Certificate } from 'node:crypto';

import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { STATE_KEY } from '../../../nodes/ServertasticEventTrigger/helpers/state';
import { MAX_EVENTS_PER_POLL } from '../../../nodes/ServertasticEventTrigger/helpers/listedOrders';
import { OVERLAP_SECONDS } from '../../../nodes/ServertasticEventTrigger/helpers/modifiedPoll';
import { ServertasticEventTrigger } from '../../../nodes/ServertasticEventTrigger/ServertasticEventTrigger.node';
import { retryPolicy } from '../../../nodes/Servertastic/transport';
import { serialiseEverything } from '../../harness';
import { formatDate, makeCsr, startSimulator, type Simulator } from '../../simulator';
import { CONTACT_BODY } from '../../support/contact';
import { useFastRetries } from '../../support/jestHooks';
import { fetchTestEvent, startTrigger, type TriggerInstance } from '../../support/pollHarness';

let sim: Simulator;
let t0: number;

useFastRetries();
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
});
// The node counts days and looks back from its own clock: it moves with the simulator's (only Date
// is faked; timers stay real for the HTTP client and the retries).
const REAL_TIMERS = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;
beforeEach(() => {
	sim.reset({ state: true });
	sim.setPoints(10_000_000);
	t0 = Math.floor(Date.now() / 1000) * 1000;
	jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
	at(0);
});
afterEach(() => jest.useRealTimers());

const DAY = 24 * 3600;
/** Moves the simulator's clock, and the node's, to t0 + seconds. */
const at = (seconds: number) => {
	sim.setNow(new Date(t0 + seconds * 1000));
	jest.setSystemTime(t0 + seconds * 1000);
};
/** modifiedorders and expiring carry no order token: an order is known by its reseller order id. */
const idOf = (token: string) => sim.getOrder(token)!.resellerOrderId;
const apiTime = (seconds: number) => formatDate(new Date(t0 + seconds * 1000));

const CONTACT = {
	...CONTACT_BODY,
	// Required by the documented productfields (api2.md:456-463).
	hashing_algorithm: 'SHA-256',
};

async function post(call: string, params: Record<string, string>): Promise<IDataObject> {
	const response = await fetch(`${sim.url}/${call}.json`, {
		method: 'POST',
		body: new URLSearchParams(params),
	});
	return (await response.json()) as IDataObject;
}

/** A token placed through the API (DNS validation), as a reseller's own system would. */
async function placeOrder(domain: string): Promise<string> {
	const token = sim.createToken({ productCode: 'RapidSSL-12' });
	const answer = await post('order/place', {
		order_token: token,
		dv_auth_method: 'DNS',
		csr: makeCsr(domain).csr,
		...CONTACT,
	});
	expect(answer).toMatchObject({ success: 'Order placed' });
	return token;
}

/** Order Placed → Awaiting Customer Verification → Completed (a real certificate under the simulator CA). */
function complete(token: string): void {
	while (sim.getOrder(token)!.status !== 'Completed') sim.advance(token);
}

/** Requests the simulator got while `run` ran. */
async function requestsDuring<T>(
	run: () => Promise<T>,
): Promise<{ result: T; calls: string[]; requests: Simulator['requests'] }> {
	const before = sim.requests.length;
	const result = await run();
	const requests = sim.requests.slice(before);
	return { result, calls: requests.map((request) => request.call), requests };
}

const ISSUED = { event: 'certificateIssued' };
const CHANGED = (statuses: string[] = []) => ({ event: 'orderStatusChanged', statuses });
const EXPIRING = (withinDays = 30) => ({ event: 'certificateExpiring', withinDays });

/** Activates the trigger: its first poll takes the baseline and returns nothing. */
async function activate(parameters: INodeParameters): Promise<TriggerInstance> {
	const trigger = startTrigger(sim, parameters);
	expect(await trigger.poll()).toBeNull();
	return trigger;
}

function expectNoSecrets(value: unknown): void {
	expect(serialiseEverything(value)).not.toContain(sim.apiKey);
}

describe('node description', () => {
	it('is a polling trigger using the Servertastic API credential', () => {
		const { description } = new ServertasticEventTrigger();
		expect(description).toMatchObject({
			name: 'servertasticEventTrigger',
			displayName: 'Servertastic Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			credentials: [{ name: 'servertasticApi', required: true }],
		});
		const event = description.properties.find((p) => p.name === 'event')!;
		expect(event.options!.map((o) => (o as { value: string }).value).sort()).toEqual([
			'certificateExpiring',
			'certificateIssued',
			'orderStatusChanged',
		]);
		expect(event.default).toBe('certificateIssued');
		const statuses = description.properties.find((p) => p.name === 'statuses')!;
		expect(statuses.type).toBe('multiOptions');
		// The eight documented statuses (api2.md "Possible order_status values").
		expect(statuses.options).toHaveLength(8);
		expect(description.properties.find((p) => p.name === 'withinDays')!.default).toBe(30);
	});
});

describe('baseline', () => {
	it('the first poll notes where things stand and replays nothing, whatever happened before', async () => {
		const done = await placeOrder('done.example.com');
		complete(done);
		const pending = await placeOrder('pending.example.com');
		at(60);
		const trigger = startTrigger(sim, ISSUED);
		const first = await requestsDuring(() => trigger.poll());
		expect(first.result).toBeNull();
		expect(first.calls).toEqual(['order/modifiedorders']);
		const [request] = first.requests;
		expect(request.method).toBe('GET');
		expect(request.query.api_key).toBe(sim.apiKey);
		// It looks back (30 days) to learn the current status of recent orders, without firing for them.
		expect(request.query.date < apiTime(-29 * DAY)).toBe(true);
		// The cursor is the answer's data_accuracy: the last change it covers (t0); the baseline is the poll's time.
		const saved = trigger.savedNodeData()![STATE_KEY] as IDataObject;
		expect(saved).toMatchObject({
			version: 2,
			event: 'certificateIssued',
			cursor: apiTime(0),
			baselineAt: apiTime(60),
		});
		expect((saved.orders as string[][]).map(([id]) => id).sort()).toEqual(
			[idOf(done), idOf(pending)].sort(),
		);

		at(120);
		const second = await requestsDuring(() => trigger.poll());
		expect(second.result).toBeNull();
		expect(second.calls).toEqual(['order/modifiedorders']);
		expect(second.requests[0].query.date).toBe(apiTime(-OVERLAP_SECONDS));
	});

	it('each event keeps its own baseline: changing the Event starts afresh instead of replaying', async () => {
		const token = await placeOrder('a.example.com');
		const issued = await activate(ISSUED);
		at(30);
		complete(token);
		const saved = issued.savedStaticData();
		// Same workflow, Event changed to Order Status Changed: a new baseline, nothing fires.
		const changed = startTrigger(sim, CHANGED(), { staticData: saved });
		expect(await changed.poll()).toBeNull();
		expect((changed.savedNodeData()![STATE_KEY] as IDataObject).event).toBe('orderStatusChanged');
	});
});

describe('Certificate Issued', () => {
	it('fires once per issued certificate across polls and a restart, carrying the record: id, domain, certificate, expiry', async () => {
		const a = await placeOrder('a.example.com');
		const b = await placeOrder('b.example.com');
		const trigger = await activate(ISSUED);

		at(60);
		complete(a);
		sim.advance(b); // B only moves to Awaiting Customer Verification
		at(61);
		// One call: the modifiedorders record is the event's data (there is no token to review it with).
		const poll = await requestsDuring(() => trigger.pollItems());
		expect(poll.calls).toEqual(['order/modifiedorders']);
		expect(poll.requests[0].query.date).toBe(apiTime(-OVERLAP_SECONDS));
		expect(poll.result).toHaveLength(1);
		const [item] = poll.result;
		const order = sim.getOrder(a)!;
		expect(item).toMatchObject({
			event: 'certificateIssued',
			isSample: false,
			previousStatus: 'Order Placed',
			daysRemaining: null,
			orderToken: null,
			resellerOrderId: order.resellerOrderId,
			status: 'Completed',
			isIssued: true,
			domain: 'a.example.com',
			certificate: order.certificate,
			// modifiedorders records carry no ca_certs (api2.md): Order → Get gives the chain.
			chain: null,
			expiryDate: order.expiryDate!.toISOString().replace('.000Z', 'Z'),
			modifiedDate: new Date(t0 + 60_000).toISOString().replace('.000Z', 'Z'),
		});
		expect(new X509Certificate(item.certificate as string).subject).toContain('a.example.com');
		expect(item.response).toMatchObject({
			reseller_order_id: order.resellerOrderId,
			order_status: 'Completed',
		});
		expect(item.response).not.toHaveProperty('order_token');
		expectNoSecrets(poll.result);

		// The next poll sees A again in the overlap: nothing, and no review.
		at(70);
		const again = await requestsDuring(() => trigger.poll());
		expect(again.result).toBeNull();
		expect(again.calls).toEqual(['order/modifiedorders']);

		// Restart: a new workflow from the saved static data. Still nothing for A.
		const restarted = trigger.restart();
		at(80);
		expect(await restarted.poll()).toBeNull();

		at(100);
		complete(b);
		at(101);
		const bItems = await restarted.pollItems();
		expect(bItems.map((i) => [i.resellerOrderId, i.previousStatus])).toEqual([
			[idOf(b), 'Awaiting Customer Verification'],
		]);

		// Another restart, within the overlap and after it: neither A nor B again.
		const latest = restarted.restart();
		at(110);
		expect(await latest.poll()).toBeNull();
		at(110 + OVERLAP_SECONDS + 60);
		expect(await latest.poll()).toBeNull();
		expect(sim.requestsTo('order/review')).toEqual([]);
	});

	it('fires for an order placed and issued entirely between two polls', async () => {
		const trigger = await activate(ISSUED);
		at(30);
		const token = await placeOrder('quick.example.com');
		complete(token);
		at(31);
		const items = await trigger.pollItems();
		expect(items.map((i) => [i.resellerOrderId, i.previousStatus])).toEqual([[idOf(token), null]]);
		at(40);
		expect(await trigger.poll()).toBeNull();
	});

	it('a completed order touched again (an email resent) does not fire; a reissue does, once', async () => {
		const token = await placeOrder('reissue.example.com');
		const trigger = await activate(ISSUED);
		at(10);
		complete(token);
		at(11);
		expect(await trigger.pollItems()).toHaveLength(1);
		const firstCertificate = sim.getOrder(token)!.certificate;

		at(20);
		expect(
			(await post('order/resendemail', { order_token: token, email_type: 'Fulfillment' })).success,
		).toBeDefined();
		at(21);
		const touched = await requestsDuring(() => trigger.poll());
		expect(touched.result).toBeNull();
		expect(touched.calls).toEqual(['order/modifiedorders']);

		// Reissued and completed again before the next poll: the status is Completed both times.
		at(30);
		expect(
			(await post('order/reissue', { order_token: token, dv_auth_method: 'DNS' })).success,
		).toBeDefined();
		complete(token);
		at(31);
		const reissued = await trigger.pollItems();
		expect(reissued).toHaveLength(1);
		expect(reissued[0].certificate).toBe(sim.getOrder(token)!.certificate);
		expect(reissued[0].certificate).not.toBe(firstCertificate);
		expect(reissued[0].previousStatus).toBe('Completed');
		at(40);
		expect(await trigger.restart().poll()).toBeNull();
	});

	it('reads XML-style lists (one order, one modification as a bare object)', async () => {
		sim.settings.xmlStyleLists = true;
		const token = await placeOrder('xml.example.com');
		const trigger = await activate(ISSUED);
		at(10);
		complete(token);
		at(11);
		const items = await trigger.pollItems();
		expect(items.map((i) => i.resellerOrderId)).toEqual([idOf(token)]);
		expect(items[0].certificate).toBe(sim.getOrder(token)!.certificate);
	});

	it(`builds at most ${MAX_EVENTS_PER_POLL} events per poll and delivers the rest in the next polls, each once`, async () => {
		const tokens: string[] = [];
		for (let i = 0; i < MAX_EVENTS_PER_POLL + 20; i++) {
			const token = sim.createToken({ productCode: 'RapidSSL-12' });
			const order = sim.getOrder(token)!;
			order.status = 'Awaiting Customer Verification';
			order.domainName = `bulk${i}.example.com`;
			order.placedAt = new Date(t0);
			tokens.push(token);
		}
		const trigger = await activate(ISSUED);
		at(10);
		for (const token of tokens) complete(token);
		at(11);
		const first = await trigger.pollItems();
		expect(first).toHaveLength(MAX_EVENTS_PER_POLL);
		at(12);
		const second = await trigger.restart().pollItems();
		expect(second).toHaveLength(20);
		const delivered = [...first, ...second].map((i) => i.resellerOrderId);
		expect(new Set(delivered).size).toBe(tokens.length);
		expect(delivered.sort()).toEqual(tokens.map(idOf).sort());
	});
});

describe('Order Status Changed', () => {
	it('fires for every change with the previous status, or only for the chosen statuses', async () => {
		const a = await placeOrder('a.example.com');
		const any = await activate(CHANGED());
		const completedOnly = await activate(CHANGED(['Completed']));

		at(30);
		sim.advance(a); // Order Placed → Awaiting Customer Verification
		at(31);
		const b = await placeOrder('b.example.com'); // a new order
		at(32);
		// Oldest change first.
		const anyItems = await any.pollItems();
		expect(anyItems.map((i) => [i.resellerOrderId, i.previousStatus, i.status])).toEqual([
			[idOf(a), 'Order Placed', 'Awaiting Customer Verification'],
			[idOf(b), null, 'Order Placed'],
		]);
		expect(anyItems[0]).toMatchObject({
			orderToken: null,
			domain: 'a.example.com',
			techContact: { email: 'ada@example.com' },
		});
		expect(await completedOnly.poll()).toBeNull();

		at(60);
		sim.advance(a); // → Completed
		at(61);
		const completed = await completedOnly.pollItems();
		expect(completed.map((i) => [i.resellerOrderId, i.previousStatus, i.status])).toEqual([
			[idOf(a), 'Awaiting Customer Verification', 'Completed'],
		]);
		expect(completed[0].certificate).toBe(sim.getOrder(a)!.certificate);
		expect((await any.pollItems()).map((i) => [i.resellerOrderId, i.status])).toEqual([
			[idOf(a), 'Completed'],
		]);

		at(70);
		expect(await any.restart().poll()).toBeNull();
		expect(await completedOnly.restart().poll()).toBeNull();
	});

	it('a change back and forth between polls fires for each status reached', async () => {
		const a = await placeOrder('a.example.com');
		const trigger = await activate(CHANGED(['Roll Back', 'Order Placed']));
		at(10);
		sim.rollBack(a);
		at(11);
		expect((await trigger.pollItems()).map((i) => i.status)).toEqual(['Roll Back']);
		at(20);
		expect(
			(
				await post('order/place', {
					order_token: a,
					dv_auth_method: 'DNS',
					csr: makeCsr('a.example.com').csr,
					...CONTACT,
				})
			).success,
		).toBeDefined();
		at(21);
		expect((await trigger.pollItems()).map((i) => [i.previousStatus, i.status])).toEqual([
			['Roll Back', 'Order Placed'],
		]);
	});
});

describe('Certificate Expiring', () => {
	it('fires once per order per expiry date as orders enter the window; the baseline does not replay', async () => {
		const x = await placeOrder('x.example.com');
		complete(x); // expires t0 + 199 days
		at(10 * DAY);
		const y = await placeOrder('y.example.com');
		complete(y); // expires t0 + 209 days
		const trigger = await activate(EXPIRING(30));

		at(170 * DAY);
		// One call: the expiring record is the event's data; the days are counted from its expiry_date.
		const poll = await requestsDuring(() => trigger.pollItems());
		expect(poll.calls).toEqual(['order/expiring']);
		expect(poll.requests[0].query).toEqual({ days: '30', api_key: sim.apiKey });
		expect(poll.result).toHaveLength(1);
		expect(poll.result[0]).toMatchObject({
			event: 'certificateExpiring',
			orderToken: null,
			resellerOrderId: idOf(x),
			domain: 'x.example.com',
			status: 'Completed',
			productCode: 'RapidSSL-12',
			daysRemaining: 29,
			expiryDate: sim.getOrder(x)!.expiryDate!.toISOString().replace('.000Z', 'Z'),
			// expiring records carry no certificate (api2.md).
			certificate: null,
			previousStatus: null,
		});
		at(170 * DAY + 60);
		const again = await requestsDuring(() => trigger.poll());
		expect(again.result).toBeNull();
		expect(again.calls).toEqual(['order/expiring']);
		const restarted = trigger.restart();
		expect(await restarted.poll()).toBeNull();

		at(180 * DAY);
		expect((await restarted.pollItems()).map((i) => [i.resellerOrderId, i.daysRemaining])).toEqual([
			[idOf(y), 29],
		]);
		expect(await restarted.restart().poll()).toBeNull();

		// A trigger activated now, with both already in the window, announces neither.
		const late = startTrigger(sim, EXPIRING(30));
		expect(await late.poll()).toBeNull();
		at(181 * DAY);
		expect(await late.poll()).toBeNull();
	});

	it('a wider window fires for the orders it newly covers', async () => {
		const x = await placeOrder('x.example.com');
		complete(x);
		at(150 * DAY);
		const narrow = await activate(EXPIRING(30));
		expect(await narrow.poll()).toBeNull();
		const wider = startTrigger(sim, EXPIRING(60), { staticData: narrow.savedStaticData() });
		expect((await wider.pollItems()).map((i) => [i.resellerOrderId, i.daysRemaining])).toEqual([
			[idOf(x), 49],
		]);
	});
});

describe('a failed poll neither loses nor repeats events', () => {
	async function issuedSetup(): Promise<{ trigger: TriggerInstance; token: string }> {
		const token = await placeOrder('a.example.com');
		const trigger = await activate(ISSUED);
		at(60);
		complete(token);
		at(61);
		return { trigger, token };
	}

	async function expectPollFails(
		trigger: TriggerInstance,
		message: RegExp | string,
	): Promise<NodeApiError> {
		const before = JSON.stringify(trigger.savedStaticData());
		const error = await trigger.poll().then(
			() => undefined,
			(failure: unknown) => failure,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(message);
		// Nothing moved: no cursor, no keys, no statuses.
		expect(JSON.stringify(trigger.savedStaticData())).toBe(before);
		expectNoSecrets(error);
		return error as NodeApiError;
	}

	it('an error answer (HTTP 200) to modifiedorders: the poll throws; the next one delivers the event once', async () => {
		const { trigger, token } = await issuedSetup();
		sim.respondOnce('order/modifiedorders', {
			status: 200,
			body: { error: { code: -500, message: 'Temporarily unavailable' } },
		});
		await expectPollFails(
			trigger,
			'Servertastic refused order/modifiedorders: Temporarily unavailable',
		);
		const items = await trigger.pollItems();
		expect(items.map((i) => i.resellerOrderId)).toEqual([idOf(token)]);
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.restart().poll()).toBeNull();
	});

	it('an answer that is not JSON on every attempt (an HTML page with HTTP 200): the poll throws; nothing is lost', async () => {
		const { trigger, token } = await issuedSetup();
		for (let i = 0; i < retryPolicy.attempts; i++) {
			sim.respondOnce('order/modifiedorders', {
				status: 200,
				body: '<html>maintenance</html>',
				contentType: 'text/html',
			});
		}
		await expectPollFails(trigger, /order\/modifiedorders/);
		expect((await trigger.pollItems()).map((i) => i.resellerOrderId)).toEqual([idOf(token)]);
		expect(await trigger.poll()).toBeNull();
	});

	it('no answer at all (connection reset on every attempt): the poll throws after the retries; nothing is lost', async () => {
		const { trigger, token } = await issuedSetup();
		for (let i = 0; i < retryPolicy.attempts; i++)
			sim.respondOnce('order/modifiedorders', { status: 0, body: '', destroy: true });
		await expectPollFails(
			trigger,
			/could not be reached for order\/modifiedorders.*gave up after 4 attempts/,
		);
		expect((await trigger.pollItems()).map((i) => i.resellerOrderId)).toEqual([idOf(token)]);
	});

	it('a refused key on the first poll takes no baseline; the next poll does', async () => {
		const trigger = startTrigger(sim, ISSUED, { apiKey: 'st-wrong-key-000000' });
		const error = await trigger.poll().then(
			() => undefined,
			(failure: unknown) => failure as NodeApiError,
		);
		expect(error?.message).toBe('Servertastic refused order/modifiedorders: Invalid api_key');
		expect(trigger.savedNodeData()?.[STATE_KEY]).toBeUndefined();
		expect(serialiseEverything(error)).not.toContain('st-wrong-key-000000');
	});

	it('an error on Certificate Expiring: thrown, then delivered once', async () => {
		const x = await placeOrder('x.example.com');
		complete(x);
		const trigger = await activate(EXPIRING(30));
		at(175 * DAY);
		sim.respondOnce('order/expiring', {
			status: 503,
			body: '<html>maintenance</html>',
			contentType: 'text/html',
		});
		for (let i = 1; i < retryPolicy.attempts; i++)
			sim.respondOnce('order/expiring', {
				status: 503,
				body: '<html>maintenance</html>',
				contentType: 'text/html',
			});
		await expectPollFails(trigger, /order\/expiring/);
		expect((await trigger.pollItems()).map((i) => i.resellerOrderId)).toEqual([idOf(x)]);
		expect(await trigger.poll()).toBeNull();
	});
});

describe('one API call per poll when nothing changed', () => {
	for (const count of [1, 100, 1000]) {
		it(`with ${count} open orders`, async () => {
			const tokens: string[] = [];
			for (let i = 0; i < count; i++) {
				const token = sim.createToken({ productCode: 'RapidSSL-12' });
				const order = sim.getOrder(token)!;
				order.status = i % 2 ? 'Awaiting Customer Verification' : 'Order Placed';
				order.domainName = `open${i}.example.com`;
				tokens.push(token);
			}
			for (const parameters of [ISSUED, CHANGED(), EXPIRING(30)]) {
				at(0);
				const trigger = await activate(parameters);
				// Within the overlap (every order comes back in the answer) and after it.
				for (const seconds of [30, 60, OVERLAP_SECONDS + 120]) {
					at(seconds);
					const poll = await requestsDuring(() => trigger.poll());
					expect(poll.result).toBeNull();
					expect(poll.calls).toHaveLength(1);
				}
			}
			// One change among them gives its one event, still with one call.
			at(0);
			const trigger = await activate(CHANGED());
			at(10);
			const changed = sim.getOrder(tokens[count - 1])!;
			changed.placedAt = new Date(t0);
			sim.advance(tokens[count - 1]);
			at(11);
			const poll = await requestsDuring(() => trigger.pollItems());
			expect(poll.calls).toEqual(['order/modifiedorders']);
			expect(poll.result.map((i) => i.resellerOrderId)).toEqual([idOf(tokens[count - 1])]);
		});
	}
});

describe('Fetch Test Event (manual mode)', () => {
	it('shows a clearly labelled sample when the account has no matching order, and saves nothing', async () => {
		const { run, items, workflow } = await fetchTestEvent(sim, ISSUED);
		expect(run.status).toBe('success');
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'certificateIssued',
			isSample: true,
			domain: 'sample.example.com',
			status: 'Completed',
		});
		expect(sim.requests.map((r) => r.call)).toEqual(['order/modifiedorders']);
		expect(JSON.parse(JSON.stringify(workflow.staticData))).toEqual({});
	});

	it('shows the most recent real matching order, fetched in full', async () => {
		const older = await placeOrder('older.example.com');
		complete(older);
		at(10);
		const newer = await placeOrder('newer.example.com');
		complete(newer);
		at(20);
		await placeOrder('pending.example.com');
		const { items } = await fetchTestEvent(sim, ISSUED);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			isSample: false,
			orderToken: null,
			resellerOrderId: idOf(newer),
			certificate: sim.getOrder(newer)!.certificate,
		});

		const changed = await fetchTestEvent(sim, CHANGED(['Order Placed']));
		expect(changed.items[0]).toMatchObject({
			isSample: false,
			status: 'Order Placed',
			domain: 'pending.example.com',
			previousStatus: null,
		});

		at(190 * DAY);
		const expiring = await fetchTestEvent(sim, EXPIRING(30));
		expect(expiring.items[0]).toMatchObject({
			isSample: false,
			resellerOrderId: idOf(older),
			daysRemaining: 9,
		});
		expectNoSecrets([items, changed.items, expiring.items]);
	});

	it('never moves the cursor of an active trigger: the event still fires once afterwards', async () => {
		const token = await placeOrder('a.example.com');
		const trigger = await activate(ISSUED);
		at(10);
		complete(token);
		const saved = trigger.savedStaticData();
		const manual = startTrigger(sim, ISSUED, {
			mode: 'manual',
			activation: 'manual',
			staticData: saved,
		});
		expect((await manual.pollItems()).map((i) => [i.resellerOrderId, i.isSample])).toEqual([
			[idOf(token), false],
		]);
		expect(manual.savedStaticData()).toEqual(saved);
		expect(
			(manual.workflow.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged,
		).toBe(false);
		at(11);
		expect((await trigger.pollItems()).map((i) => i.resellerOrderId)).toEqual([idOf(token)]);
	});

	it('reports an API error instead of a sample', async () => {
		sim.respondOnce('order/expiring', {
			status: 401,
			body: { error: { code: -1, message: 'Invalid api_key' } },
		});
		const { run } = await fetchTestEvent(sim, EXPIRING(30));
		expect(run.status).toBe('error');
		expect(run.data.resultData.error?.message).toBe(
			'Servertastic refused order/expiring: Invalid api_key',
		);
	});
});
