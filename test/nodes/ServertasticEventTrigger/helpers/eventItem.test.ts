import type { IDataObject } from 'n8n-workflow';

import {
	eventItem,
	pickManualOrder,
} from '../../../../nodes/ServertasticEventTrigger/helpers/eventItem';
import { sampleEvent } from '../../../../nodes/ServertasticEventTrigger/helpers/sample';
import { NOW, order } from '../../../support/triggerOrders';

describe('items', () => {
	// A modifiedorders record (api2.md): no order token, no ca_certs.
	const record: IDataObject = {
		reseller_order_id: 'STR_1_100001',
		order_status: 'Completed',
		domain_name: 'shop.example.com',
		additional_sans: 'www.shop.example.com',
		modifications: {
			modification: {
				timestamp: '2026-05-16 10:00:00',
				event_id: '3',
				event_name: 'Order Completed',
			},
		},
		certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
		expiry_date: '2026-11-16 10:00:00',
	};

	it('has the same keys for every event and for the sample', () => {
		const keys = Object.keys(
			eventItem('certificateIssued', record, { previousStatus: 'Queued', daysRemaining: null }),
		);
		for (const event of [
			'certificateIssued',
			'orderStatusChanged',
			'certificateExpiring',
		] as const) {
			expect(
				Object.keys(eventItem(event, record, { previousStatus: null, daysRemaining: 3 })),
			).toEqual(keys);
			expect(Object.keys(sampleEvent(event, [], NOW))).toEqual(keys);
		}
		expect(keys.slice(0, 4)).toEqual(['event', 'isSample', 'previousStatus', 'daysRemaining']);
		expect(keys).toEqual(
			expect.arrayContaining([
				'orderToken',
				'resellerOrderId',
				'certificate',
				'chain',
				'expiryDate',
				'response',
			]),
		);
	});

	it('carries the record: its id, domain, SANs, certificate and expiry; no order token, as modifiedorders has none', () => {
		const item = eventItem('certificateIssued', record, {
			previousStatus: 'Queued',
			daysRemaining: null,
		});
		expect(item).toMatchObject({
			event: 'certificateIssued',
			isSample: false,
			previousStatus: 'Queued',
			orderToken: null,
			resellerOrderId: 'STR_1_100001',
			status: 'Completed',
			isIssued: true,
			domain: 'shop.example.com',
			sanDomains: ['www.shop.example.com'],
			certificate: record.certificate,
			chain: null,
			expiryDate: '2026-11-16T10:00:00Z',
			modifiedDate: '2026-05-16T10:00:00Z',
			response: record,
		});
		// ca_certs, when a record carries them, give the chain.
		const withChain = {
			...record,
			ca_certs: { certificate_info: { type: 'INTERMEDIATE', certificate: 'INTER' } },
		};
		expect(
			eventItem('certificateIssued', withChain, { previousStatus: null, daysRemaining: null })
				.chain,
		).toBe('INTER');
	});

	it('labels the sample clearly', () => {
		const sample = sampleEvent('orderStatusChanged', ['Cancelled'], NOW);
		expect(sample).toMatchObject({
			isSample: true,
			event: 'orderStatusChanged',
			status: 'Cancelled',
			domain: 'sample.example.com',
			certificate: null,
		});
		expect(sampleEvent('certificateIssued', [], NOW)).toMatchObject({
			isSample: true,
			status: 'Completed',
			isIssued: true,
		});
		expect(sampleEvent('certificateExpiring', [], NOW)).toMatchObject({
			daysRemaining: 30,
			expiryDate: '2026-05-31T12:00:00Z',
			certificate: null,
		});
		for (const event of [
			'certificateIssued',
			'orderStatusChanged',
			'certificateExpiring',
		] as const) {
			expect(sampleEvent(event, [], NOW)).toMatchObject({
				orderToken: null,
				resellerOrderId: 'ST-SAMPLE',
			});
		}
	});

	it('Fetch Test Event picks the latest matching change, or the soonest expiry', () => {
		const orders = [
			order('a', 'Completed', '2026-05-01 09:00:00'),
			order('b', 'Completed', '2026-05-01 10:00:00'),
			order('c', 'Queued', '2026-05-01 11:00:00'),
		];
		expect(pickManualOrder('certificateIssued', orders, [])?.id).toBe('b');
		expect(pickManualOrder('orderStatusChanged', orders, [])?.id).toBe('c');
		expect(pickManualOrder('orderStatusChanged', orders, ['Cancelled'])).toBeNull();
		expect(pickManualOrder('certificateExpiring', orders, [])?.id).toBe('a');
		expect(pickManualOrder('certificateIssued', [], [])).toBeNull();
	});
});
