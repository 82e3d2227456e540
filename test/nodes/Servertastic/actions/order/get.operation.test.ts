import type { INodeParameters } from 'n8n-workflow';

import { fixture, serveFixture } from '../../../../contract';
import { allFields, runServertastic } from '../../../../support/servertastic';
import {
	describeApiErrors,
	expectNoSecret,
	expectQueries,
	useSimulator,
} from '../../../../support/readChecks';

const simulator = useSimulator();

const get = (orderToken: string, output: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'get',
	orderToken,
	...output,
});
/** Every tidy key (Selected Fields, all of them): what the tests of fields Simplified leaves out read. */
const getAll = (orderToken: string): INodeParameters => allFields(get(orderToken));

/** A placed order waiting for its DNS record, as `place` leaves it. */
function awaitingDns(token: string) {
	const order = simulator().getOrder(token)!;
	Object.assign(order, {
		status: 'Awaiting Customer Verification',
		placedAt: new Date(),
		domainName: 'shop.example.com',
		dvAuthMethod: 'DNS',
		dnsName: '_dnsauth.shop.example.com',
		dnsType: 'TXT',
		dnsString: 'c7cf0e1d2a',
	});
	return order;
}

describe('Order → Get inside n8n', () => {
	it('a fresh token (Order Placed, nothing filled): the tidy order with nulls, isPlaced false, Simplified a part of it, Raw the answer; no api_key sent', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12', reference: 'REF-1' });
		const result = await runServertastic(simulator(), getAll(token));
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/review', [{ order_token: token }]);
		expect(result.success).toHaveLength(1);
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		const contact = { title: null, firstName: null, lastName: null, phone: null, email: null };
		expect(item.json).toEqual({
			// The review carries no token: the one asked with.
			orderToken: token,
			resellerOrderId: 'ST100001',
			resellerReference: null,
			providerOrderId: null,
			status: 'Order Placed',
			statusInfo: null,
			isPlaced: false,
			isIssued: false,
			productCode: 'RapidSSL-12',
			domain: null,
			sanDomains: [],
			sanCount: 0,
			serverCount: null,
			inviteUrl: null,
			endCustomerEmail: 'customer@example.com',
			organisation: { name: null, division: null, city: null, region: null, country: null },
			adminContact: contact,
			techContact: contact,
			approverEmail: null,
			approverNotifiedDate: null,
			validation: null,
			certificate: null,
			chain: null,
			intermediateCertificates: [],
			rootCertificate: null,
			reissuedCertificates: [],
			pkcs7: null,
			expiryDate: null,
			orderDate: null,
			modifiedDate: null,
			modifications: [],
			licenses: [],
			validationFile: null,
			dnsRecord: null,
		});
		expect(result.downstream.success.map((entry) => entry.json)).toEqual([item.json]);
		expectNoSecret(result);

		// The default, Simplified: the same values for its keys, nothing else.
		const simple = (await runServertastic(simulator(), get(token))).success[0].json;
		expect(simple).toEqual({
			orderToken: token,
			resellerOrderId: 'ST100001',
			resellerReference: null,
			status: 'Order Placed',
			statusInfo: null,
			isPlaced: false,
			isIssued: false,
			productCode: 'RapidSSL-12',
			domain: null,
			sanDomains: [],
			approverEmail: null,
			validation: null,
			certificate: null,
			chain: null,
			expiryDate: null,
			modifiedDate: null,
			validationFile: null,
			dnsRecord: null,
		});
		const raw = await runServertastic(simulator(), get(token, { output: 'raw' }));
		expect(raw.success[0].json).toEqual(
			expect.objectContaining({
				order_status: 'Order Placed',
				reseller_order_id: 'ST100001',
				success: 'Review Order',
			}),
		);
		expect(raw.success[0].json).not.toHaveProperty('order_token');
		expectNoSecret(raw);
	});

	it('reads every field of the documented answers: SANs from additional_sans, organisation_info, contacts, modifications', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		serveFixture(simulator(), 'order/review', fixture('order/review', 'additional-sans'));
		const sans = (await runServertastic(simulator(), getAll(token))).success[0].json;
		expect(sans).toMatchObject({
			orderToken: token,
			status: 'Awaiting Customer Verification',
			statusInfo: 'Waiting for the approver to approve the order',
			isPlaced: true,
			sanDomains: ['shop.example.com', 'mail.example.com', 'blog.example.com', 'api.example.com'],
			sanCount: 4,
			providerOrderId: '48213377',
			approverEmail: 'admin@example.com',
			approverNotifiedDate: '2024-03-12T10:46:02Z',
			techContact: {
				title: 'Ms',
				firstName: 'Sam',
				lastName: 'Jones',
				phone: '+44 1234 567891',
				email: 'sam.jones@example.com',
			},
			modifiedDate: '2024-03-12T10:46:02Z',
		});
		serveFixture(simulator(), 'order/review', fixture('order/review', 'ov'));
		const ov = (await runServertastic(simulator(), getAll(token))).success[0].json;
		expect(ov).toMatchObject({
			organisation: {
				name: 'Example Ltd',
				division: 'IT',
				city: 'London',
				region: 'Greater London',
				country: 'GB',
			},
			serverCount: 1,
		});
	});

	it('an order awaiting DNS validation carries the record to create', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		awaitingDns(token);
		const result = await runServertastic(simulator(), get(token));
		const [item] = result.success;
		expect(item.json).toMatchObject({
			status: 'Awaiting Customer Verification',
			isPlaced: true,
			isIssued: false,
			domain: 'shop.example.com',
			validation: {
				method: 'DNS',
				dnsRecord: { name: '_dnsauth.shop.example.com', type: 'TXT', value: 'c7cf0e1d2a' },
				instructions:
					'Create a DNS TXT record named _dnsauth.shop.example.com with the value c7cf0e1d2a.',
			},
			certificate: null,
		});
	});

	it('an issued order: certificate, chain, root, PKCS#7 and the expiry date in ISO 8601', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		awaitingDns(token);
		expect(simulator().advance(token)).toBe('Completed');
		const order = simulator().getOrder(token)!;
		const result = await runServertastic(simulator(), getAll(token));
		const [item] = result.success;
		expect(item.json).toMatchObject({
			status: 'Completed',
			isIssued: true,
			certificate: order.certificate,
			chain: order.caCerts![0].certificate,
			intermediateCertificates: [order.caCerts![0].certificate],
			rootCertificate: order.caCerts![1].certificate,
			pkcs7: order.pkcs7,
			expiryDate: `${order.expiryDate!.toISOString().slice(0, 19)}Z`,
		});
		expect(String(item.json.certificate)).toMatch(/^-----BEGIN CERTIFICATE-----/);
	});

	it('one certificate as a bare object (one-as-object) still gives the chain', async () => {
		simulator().settings.answerVariant = 'one-as-object';
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		awaitingDns(token);
		simulator().advance(token);
		const order = simulator().getOrder(token)!;
		order.caCerts = [order.caCerts![0]];
		const raw = await runServertastic(simulator(), get(token, { output: 'raw' }));
		const response = raw.success[0].json as { ca_certs: { certificate_info: unknown } };
		expect(Array.isArray(response.ca_certs.certificate_info)).toBe(false);
		const result = await runServertastic(simulator(), getAll(token));
		expect(result.success[0].json).toMatchObject({
			chain: order.caCerts[0].certificate,
			intermediateCertificates: [order.caCerts[0].certificate],
			rootCertificate: null,
		});
	});

	it('Output Raw returns the answer exactly as it came', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		simulator().respondOnce('order/review', {
			status: 200,
			body: { success: 'ok', order_status: 'Queued', extra: { a: '1' } },
		});
		const result = await runServertastic(simulator(), get(token, { output: 'raw' }));
		expect(result.success.map((item) => item.json)).toEqual([
			{ success: 'ok', order_status: 'Queued', extra: { a: '1' } },
		]);
	});

	it('the token is the one asked for: the review carries none', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		simulator().respondOnce('order/review', {
			status: 200,
			body: { success: 'Review Order', order_status: 'Queued' },
		});
		const result = await runServertastic(simulator(), get(token));
		expect(result.success[0].json).toMatchObject({
			orderToken: token,
			status: 'Queued',
			isPlaced: true,
		});
	});

	it('one output item per input item, each paired with its input', async () => {
		const tokens = [
			simulator().createToken({ productCode: 'RapidSSL-12' }),
			simulator().createToken({ productCode: 'PositiveSSL-12' }),
		];
		const result = await runServertastic(simulator(), get('={{ $json.token }}'), {
			inputItems: tokens.map((token) => ({ token })),
		});
		expect(
			result.success.map((item) => [item.json.orderToken, item.json.productCode, item.pairedItem]),
		).toEqual([
			[tokens[0], 'RapidSSL-12', { item: 0 }],
			[tokens[1], 'PositiveSSL-12', { item: 1 }],
		]);
	});

	it('refuses an empty token before sending anything', async () => {
		const result = await runServertastic(simulator(), get('={{ $json.token }}'), {
			inputItems: [{ token: '  ' }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("'Order Token' must not be empty [item 0]");
		expect(simulator().requests).toEqual([]);
	});

	let errorToken = '';
	describeApiErrors(
		simulator,
		'order/review',
		() => {
			errorToken = simulator().createToken({ productCode: 'RapidSSL-12' });
			return get(errorToken);
		},
		() => [errorToken],
	);
});
