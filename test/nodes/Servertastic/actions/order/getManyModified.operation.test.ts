import type { INodeParameters } from 'n8n-workflow';
import { tidyOrder } from '../../../../../nodes/Servertastic/helpers/orderReview';
import { fixture, serveFixture } from '../../../../contract';
import { allFields, runServertastic } from '../../../../support/servertastic';
import {
	API_KEY,
	describeApiErrors,
	expectNoSecret,
	expectQueries,
	useSimulator,
} from '../../../../support/readChecks';

const simulator = useSimulator();

const getManyModified = (since: unknown, extra: Record<string, unknown> = {}): INodeParameters => ({
	resource: 'order',
	operation: 'getManyModified',
	since: since as INodeParameters[string],
	returnAll: true,
	...extra,
});

/** Orders changed on 1, 2 and 3 January 2026 at 10:00 GMT; the simulator's clock then stays at 4 January. */
function threeOrders(): string[] {
	const tokens = [1, 2, 3].map((day) => {
		const at = new Date(`2026-01-0${day}T10:00:00Z`);
		simulator().setNow(at);
		const token = simulator().createToken({ productCode: 'RapidSSL-12', reference: `REF-${day}` });
		const order = simulator().getOrder(token)!;
		order.domainName = `site${day}.example.com`;
		order.modifications.push({ date: at, eventId: day, eventName: 'Order Placed' });
		return token;
	});
	simulator().setNow(new Date('2026-01-04T08:30:00Z'));
	return tokens;
}

const domains = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => item.json.domain);

describe('Order → Get Many Modified inside n8n', () => {
	it('sends Since as YYYY-MM-DD HH:MM:SS GMT with the api_key; one tidy item per order, known by its reseller order id', async () => {
		threeOrders();
		const result = await runServertastic(
			simulator(),
			allFields(getManyModified('2026-01-01T12:00:00Z')),
		);
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/modifiedorders', [
			{ date: '2026-01-01 12:00:00', api_key: API_KEY },
		]);
		expect(result.success.map((item) => item.json)).toEqual([
			expect.objectContaining({
				// modifiedorders records carry no token (api2.md).
				orderToken: null,
				resellerOrderId: 'ST100002',
				status: 'Order Placed',
				productCode: 'RapidSSL-12',
				domain: 'site2.example.com',
				modifiedDate: '2026-01-02T10:00:00Z',
				modifications: [
					{ timestamp: '2026-01-02T10:00:00Z', eventId: '2', eventName: 'Order Placed' },
				],
				// data_accuracy: the last change the answer covers, to send as Since next time.
				checkedAt: '2026-01-03T10:00:00Z',
			}),
			expect.objectContaining({
				orderToken: null,
				resellerOrderId: 'ST100003',
				modifiedDate: '2026-01-03T10:00:00Z',
			}),
		]);
		expect(Object.keys(result.success[0].json)).toEqual([
			...Object.keys(tidyOrder({})),
			'checkedAt',
		]);
		expect(result.success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expectNoSecret(result);

		// The default, Simplified: the order, its state and its dates.
		const simple = await runServertastic(simulator(), getManyModified('2026-01-01T12:00:00Z'));
		expect(simple.success[0].json).toEqual({
			resellerOrderId: 'ST100002',
			resellerReference: null,
			status: 'Order Placed',
			statusInfo: null,
			isIssued: false,
			productCode: 'RapidSSL-12',
			domain: 'site2.example.com',
			sanDomains: [],
			expiryDate: null,
			orderDate: null,
			modifiedDate: '2026-01-02T10:00:00Z',
			checkedAt: '2026-01-03T10:00:00Z',
		});
		// Raw: each record as the API sent it.
		const raw = await runServertastic(
			simulator(),
			getManyModified('2026-01-01T12:00:00Z', { output: 'raw' }),
		);
		expect(raw.success.map((item) => item.json.reseller_order_id)).toEqual([
			'ST100002',
			'ST100003',
		]);
		expect(raw.success[0].json).toMatchObject({
			domain_name: 'site2.example.com',
			order_status: 'Order Placed',
		});
	});

	it('reads the documented records field by field, the cursor from data_accuracy', async () => {
		serveFixture(simulator(), 'order/modifiedorders', fixture('order/modifiedorders'));
		const result = await runServertastic(
			simulator(),
			allFields(getManyModified('2024-03-12T00:00:00Z')),
		);
		expect(result.success.map((item) => item.json)).toEqual([
			expect.objectContaining({
				orderToken: null,
				resellerOrderId: 'STR_1_202403121045',
				providerOrderId: '48213377',
				status: 'Completed',
				isIssued: true,
				domain: 'www.example.com',
				certificate: expect.stringMatching(/^-----BEGIN CERTIFICATE-----/),
				expiryDate: '2025-03-12T23:59:59Z',
				modifiedDate: '2024-03-12T11:02:40Z',
				adminContact: {
					title: 'Mr',
					firstName: 'Alex',
					lastName: 'Smith',
					phone: '+44 1234 567890',
					email: 'alex.smith@example.com',
				},
				checkedAt: '2024-03-12T11:05:00Z',
			}),
			expect.objectContaining({
				resellerOrderId: 'STR_1_202403121130',
				status: 'Awaiting Customer Verification',
				statusInfo: 'Waiting for the approver to approve the order',
				domain: 'shop.example.org',
				modifiedDate: '2024-03-12T10:46:02Z',
				checkedAt: '2024-03-12T11:05:00Z',
			}),
		]);
	});

	it.each([
		['an offset', '2026-01-02T11:00:00+02:00', '2026-01-02 09:00:00'],
		[
			'a Luxon DateTime from an expression',
			'={{ DateTime.fromISO("2026-01-01T09:00:00Z") }}',
			'2026-01-01 09:00:00',
		],
		[
			'milliseconds from an expression',
			`={{ ${Date.parse('2026-01-03T00:00:00Z')} }}`,
			'2026-01-03 00:00:00',
		],
	])('converts %s to GMT', async (_name, since, sent) => {
		threeOrders();
		const result = await runServertastic(simulator(), getManyModified(since));
		expect(result.status).toBe('success');
		expect(
			simulator()
				.requestsTo('order/modifiedorders')
				.map((request) => request.query.date),
		).toEqual([sent]);
	});

	it.each([
		[
			'not a date',
			'the day before yesterday',
			/^'Since' is not a valid date and time \(got "the day before yesterday"\) \[item 0\]$/,
		],
		['an empty expression', '={{ "" }}', /^'Since' must not be empty \[item 0\]$/],
		['an object', '={{ { a: 1 } }}', /^'Since' is not a valid date and time/],
	])('refuses %s before sending anything', async (_name, since, message) => {
		const result = await runServertastic(simulator(), getManyModified(since));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(simulator().requests).toEqual([]);
	});

	it('Return All gives every order; Limit cuts the list', async () => {
		threeOrders();
		const all = await runServertastic(simulator(), getManyModified('2025-12-31T00:00:00Z'));
		expect(domains(all.success)).toEqual([
			'site1.example.com',
			'site2.example.com',
			'site3.example.com',
		]);
		const limited = await runServertastic(
			simulator(),
			getManyModified('2025-12-31T00:00:00Z', { returnAll: false, limit: 1 }),
		);
		expect(domains(limited.success)).toEqual(['site1.example.com']);
	});

	it('one order as a bare object gives one item, none ("", {} or absent) gives no item', async () => {
		simulator().settings.answerVariant = 'one-as-object';
		threeOrders();
		const one = await runServertastic(simulator(), getManyModified('2026-01-02T12:00:00Z'));
		expect(domains(one.success)).toEqual(['site3.example.com']);
		const none = await runServertastic(simulator(), getManyModified('2026-01-05T00:00:00Z'));
		expect(none.status).toBe('success');
		expect(none.success).toEqual([]);
		for (const orders of [{}, { order: {} }, undefined]) {
			simulator().respondOnce('order/modifiedorders', {
				status: 200,
				body: { success: 'Modified Orders', orders, data_accuracy: '' },
			});
			expect(
				(await runServertastic(simulator(), getManyModified('2026-01-05T00:00:00Z'))).success,
			).toEqual([]);
		}
	});

	it('each input item gives its own list, every order paired to its item', async () => {
		threeOrders();
		const result = await runServertastic(simulator(), getManyModified('={{ $json.since }}'), {
			inputItems: [{ since: '2026-01-02T12:00:00Z' }, { since: '2026-01-01T12:00:00Z' }],
		});
		expect(result.success.map((item) => [item.pairedItem, item.json.domain])).toEqual([
			[{ item: 0 }, 'site3.example.com'],
			[{ item: 1 }, 'site2.example.com'],
			[{ item: 1 }, 'site3.example.com'],
		]);
	});

	describeApiErrors(simulator, 'order/modifiedorders', () => {
		threeOrders();
		return getManyModified('2025-12-31T00:00:00Z');
	});
});
