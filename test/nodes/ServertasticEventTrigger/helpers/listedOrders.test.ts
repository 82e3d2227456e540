import type { IDataObject } from 'n8n-workflow';

import { daysUntil } from '../../../../nodes/Servertastic/helpers/apiDates';
import {
	dataAccuracyOf,
	eventKey,
	expiringOrdersOf,
	modifiedOrdersOf,
} from '../../../../nodes/ServertasticEventTrigger/helpers/listedOrders';
import { NOW, order } from '../../../support/triggerOrders';

/** A modifiedorders record as documented (api2.md): no order token, changes under modifications. */
const entry = (id: string, status: string, modified: string): IDataObject => ({
	reseller_order_id: id,
	order_status: status,
	domain_name: 'a.example.com',
	modifications: {
		modification: [
			{ timestamp: '2026-01-01 00:00:00', event_id: '1', event_name: 'Order Placed' },
			{ timestamp: modified, event_id: '2', event_name: status },
		],
	},
});

describe('reading answers', () => {
	it('takes orders.order as a list, one bare record or empty; drops records without an id; oldest change first', () => {
		expect(
			modifiedOrdersOf({
				orders: {
					order: [
						entry('b', 'Completed', '2026-05-01 10:00:02'),
						{ order_status: 'Completed', order_token: 'tok' },
						entry('a', 'Queued', '2026-05-01 10:00:01'),
						entry('c', 'Queued', '2026-05-01 10:00:01'),
					],
				},
			}).map((o) => o.id),
		).toEqual(['a', 'c', 'b']);
		const one = entry('a', 'Queued', '2026-05-01 10:00:01');
		expect(modifiedOrdersOf({ orders: { order: one } })).toEqual([
			order('a', 'Queued', '2026-05-01 10:00:01', { record: one }),
		]);
		for (const empty of ['', {}, undefined, { order: '' }, { order: {} }, { order: [] }]) {
			expect(modifiedOrdersOf({ orders: empty } as IDataObject)).toEqual([]);
		}
		expect(
			modifiedOrdersOf({ orders: { order: [{ reseller_order_id: 'x', order_status: '' }] } }),
		).toEqual([]);
	});

	it('the modification time is the latest timestamp of the record, in any order; none gives null', () => {
		const [listed] = modifiedOrdersOf({
			orders: {
				order: {
					reseller_order_id: 'a',
					order_status: 'Completed',
					modifications: {
						modification: [
							{ timestamp: '2026-05-01 10:00:05', event_name: 'Order Completed' },
							{ timestamp: '2026-05-01 09:00:00', event_name: 'Order Placed' },
							{ timestamp: '', event_name: 'odd' },
						],
					},
				},
			},
		});
		expect(listed.modified).toBe('2026-05-01 10:00:05');
		expect(
			modifiedOrdersOf({
				orders: { order: { reseller_order_id: 'b', order_status: 'Queued', modifications: '' } },
			})[0].modified,
		).toBeNull();
	});

	it('reads expiring answers (orders.order, no token) soonest first; the days are counted from the expiry date', () => {
		const expiringRecord = (id: string, expiry: string) => ({
			reseller_order_id: id,
			order_status: 'Completed',
			order_date: '2025-05-01 00:00:00',
			domain_name: `${id}.example.com`,
			order_points: '10',
			expiry_date: expiry,
			st_product_code: 'RapidSSL-12',
		});
		const orders = expiringOrdersOf({
			orders: {
				order: [
					expiringRecord('late', '2026-05-20 00:00:00'),
					expiringRecord('soon', '2026-05-03 00:00:00'),
					expiringRecord('odd', ''),
				],
			},
		});
		expect(orders.map((o) => [o.id, o.expiryDate, daysUntil(o.expiryDate, NOW)])).toEqual([
			['odd', null, null],
			['soon', '2026-05-03 00:00:00', 2],
			['late', '2026-05-20 00:00:00', 19],
		]);
	});

	it('reads data_accuracy only when it is a date', () => {
		expect(dataAccuracyOf({ data_accuracy: '2026-05-01 10:00:00' })).toBe('2026-05-01 10:00:00');
		expect(dataAccuracyOf({ data_accuracy: 'now' })).toBeNull();
		expect(dataAccuracyOf({ data_accuracy: {} })).toBeNull();
		expect(dataAccuracyOf({ timestamp: '2026-05-01 10:00:00' })).toBeNull();
	});

	it('keys events by what makes them one event', () => {
		const o = order('t', 'Completed', '2026-05-01 10:00:00', { expiryDate: '2026-11-01 00:00:00' });
		expect(eventKey('certificateIssued', o)).toBe(
			'certificateIssued|t|Completed|2026-05-01 10:00:00',
		);
		expect(eventKey('orderStatusChanged', o)).toBe(
			'orderStatusChanged|t|Completed|2026-05-01 10:00:00',
		);
		expect(eventKey('certificateExpiring', o)).toBe('certificateExpiring|t|2026-11-01 00:00:00');
	});
});
