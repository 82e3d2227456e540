import type { IDataObject } from 'n8n-workflow';

import { apiDate } from '../../Servertastic/helpers/apiDates';
import { eventItem } from './eventItem';
import type { TriggerEvent } from './state';

const DAY_MS = 24 * 3600 * 1000;

const SAMPLE_PEM = (label: string) =>
	`-----BEGIN CERTIFICATE-----\nU0FNUExFIC0gbm90IGEgcmVhbCBjZXJ0aWZpY2F0ZQ== ${label}\n-----END CERTIFICATE-----`;

/** A `modifiedorders` record in the documented shape (api2.md), without an order token. */
function sampleModifiedRecord(status: string, issued: Date, expiry: Date): IDataObject {
	const hasCertificate = status === 'Completed';
	const placed = apiDate(new Date(issued.getTime() - DAY_MS));
	return {
		reseller_order_id: 'ST-SAMPLE',
		provider_order_id: 'SAMPLE-1',
		st_product_code: 'RapidSSL-12',
		order_status: status,
		order_state_further_info: '',
		domain_name: 'sample.example.com',
		san_count: '0',
		additional_sans: '',
		invite_url: '',
		end_customer_email: 'customer@example.com',
		organisation_info: { name: '', division: '', address: { city: '', region: '', country: '' } },
		approver_notified_date: '',
		approver_email_address: '',
		admin_contact: {
			title: 'Mx',
			first_name: 'Sample',
			last_name: 'Admin',
			phone: '+44 20 7946 0000',
			email: 'admin@example.com',
		},
		tech_contact: {
			title: 'Mx',
			first_name: 'Sample',
			last_name: 'Tech',
			phone: '+44 20 7946 0000',
			email: 'tech@example.com',
		},
		modifications: {
			modification: [
				{ timestamp: placed, event_id: '1', event_name: 'Order Placed' },
				{ timestamp: apiDate(issued), event_id: '2', event_name: status },
			],
		},
		certificate: hasCertificate ? SAMPLE_PEM('leaf') : '',
		expiry_date: hasCertificate ? apiDate(expiry) : '',
	};
}

/** An `expiring` record in the documented shape (api2.md). */
function sampleExpiringRecord(issued: Date, expiry: Date): IDataObject {
	return {
		reseller_order_id: 'ST-SAMPLE',
		order_status: 'Completed',
		order_date: apiDate(issued),
		domain_name: 'sample.example.com',
		order_points: '10',
		expiry_date: apiDate(expiry),
		st_product_code: 'RapidSSL-12',
	};
}

/**
 * A clearly labelled sample (`isSample: true`, sample.example.com) for Fetch Test Event when the
 * account has no matching order: the same keys as a real event, so later nodes can be mapped.
 */
export function sampleEvent(
	event: TriggerEvent,
	statuses: readonly string[],
	now: Date,
): IDataObject {
	const issued = new Date(now.getTime() - DAY_MS);
	if (event === 'certificateExpiring') {
		const record = sampleExpiringRecord(
			new Date(now.getTime() - 335 * DAY_MS),
			new Date(now.getTime() + 30 * DAY_MS),
		);
		return eventItem(event, record, { previousStatus: null, daysRemaining: 30, isSample: true });
	}
	const status =
		event === 'orderStatusChanged'
			? (statuses[0] ?? 'Awaiting Customer Verification')
			: 'Completed';
	const record = sampleModifiedRecord(status, issued, new Date(issued.getTime() + 199 * DAY_MS));
	return eventItem(event, record, {
		previousStatus: event === 'orderStatusChanged' ? 'Order Placed' : null,
		daysRemaining: null,
		isSample: true,
	});
}
