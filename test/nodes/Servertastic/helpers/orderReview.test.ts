import {
	apiDate,
	isoDate,
	sanDomainsOf,
	textFieldsOf,
	tidyOrder,
} from '../../../../nodes/Servertastic/helpers/orderReview';
import { fixture } from '../../../contract';

const EMPTY_CONTACT = { title: null, firstName: null, lastName: null, phone: null, email: null };
const EMPTY_ORGANISATION = { name: null, division: null, city: null, region: null, country: null };

describe('tidyOrder', () => {
	it('gives the same keys for a fresh token (Order Placed, nothing filled), with empty values as null', () => {
		const tidy = tidyOrder(fixture('order/review', 'fresh-token') as never, 'tok1');
		expect(tidy).toEqual({
			orderToken: 'tok1',
			resellerOrderId: 'STR_1_202403121045',
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
			organisation: EMPTY_ORGANISATION,
			adminContact: EMPTY_CONTACT,
			techContact: EMPTY_CONTACT,
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
		});
	});

	it('has no order token of its own: the review carries none', () => {
		expect(
			tidyOrder({ order_status: 'Completed', order_token: 'not-documented' }).orderToken,
		).toBeNull();
	});

	it('collects the certificate, the chain, reissued certificates, modifications and dates of a completed order', () => {
		const tidy = tidyOrder(fixture('order/review', 'completed') as never, 'tok2');
		expect(tidy).toMatchObject({
			isPlaced: true,
			isIssued: true,
			providerOrderId: '48213377',
			status: 'Completed',
			chain:
				'-----BEGIN CERTIFICATE-----\nMIIBfakeIntermediateCertificateForContractFixturesOnly0123456789\n-----END CERTIFICATE-----',
			rootCertificate:
				'-----BEGIN CERTIFICATE-----\nMIIBfakeRootCertificateForContractFixturesOnly0123456789abcdefAB\n-----END CERTIFICATE-----',
			expiryDate: '2025-03-12T23:59:59Z',
			approverNotifiedDate: '2024-03-12T10:46:02Z',
			modifiedDate: '2024-03-12T11:02:40Z',
			adminContact: {
				title: 'Mr',
				firstName: 'Alex',
				lastName: 'Smith',
				phone: '+44 1234 567890',
				email: 'alex.smith@example.com',
			},
			inviteUrl: 'https://api2.servertastic.com/token/8e1d3c5b7a9f4e2d6c0b8a7f5e3d1c9b',
		});
		expect(tidy.modifications).toEqual([
			{ timestamp: '2024-03-12T10:45:12Z', eventId: '1', eventName: 'Order Placed' },
			{ timestamp: '2024-03-12T10:46:02Z', eventId: '2', eventName: 'Approver Email Sent' },
			{ timestamp: '2024-03-12T11:02:40Z', eventId: '3', eventName: 'Order Completed' },
		]);
		expect(
			(tidy.reissuedCertificates as Array<{ encryption: string }>).map((c) => c.encryption),
		).toEqual(['RSA', 'ECC']);
	});

	it('reads one CA certificate, modification or reissued certificate as a bare object too', () => {
		const tidy = tidyOrder({
			order_status: 'Completed',
			domain_name: 'example.com',
			certificate: 'LEAF',
			ca_certs: { certificate_info: { type: 'intermediate', certificate: 'INT' } },
			reissued_certificates: {
				certificate_info: { hash: 'SHA-256', encryption: 'RSA', certificate: 'OLD' },
			},
			modifications: {
				modification: {
					timestamp: '2027-06-15 10:00:00',
					event_id: '9',
					event_name: 'Order Completed',
				},
			},
		});
		expect(tidy).toMatchObject({
			chain: 'INT',
			intermediateCertificates: ['INT'],
			rootCertificate: null,
			modifiedDate: '2027-06-15T10:00:00Z',
			reissuedCertificates: [{ hash: 'SHA-256', encryption: 'RSA', certificate: 'OLD' }],
		});
	});

	it('the organisation from organisation_info, flattened', () => {
		expect(tidyOrder(fixture('order/review', 'ov') as never).organisation).toEqual({
			name: 'Example Ltd',
			division: 'IT',
			city: 'London',
			region: 'Greater London',
			country: 'GB',
		});
		expect(tidyOrder({ organisation_info: '' }).organisation).toEqual(EMPTY_ORGANISATION);
	});

	it("validation from the dv_auth_* keys Servertastic's client reads", () => {
		expect(tidyOrder(fixture('order/review', 'placed-dns') as never).validation).toMatchObject({
			method: 'DNS',
			dnsRecord: {
				name: 'www.example.com',
				type: 'TXT',
				value: '202403121045123abcdef0123456789abcdef0123456789abcdef01234567',
			},
		});
		expect(
			tidyOrder({
				domain_name: 'example.com',
				dv_auth_method: 'Email',
				approver_email_address: 'admin@example.com',
			}).validation,
		).toMatchObject({
			method: 'EMAIL',
			approverEmail: 'admin@example.com',
		});
	});

	it('isPlaced follows placementState: a fresh Order Placed is not placed, with a domain it is, Roll Back is not', () => {
		expect(tidyOrder({ order_status: 'Order Placed' }).isPlaced).toBe(false);
		expect(tidyOrder({ order_status: 'Order Placed', domain_name: 'example.com' }).isPlaced).toBe(
			true,
		);
		expect(tidyOrder({ order_status: 'Roll Back', domain_name: 'example.com' }).isPlaced).toBe(
			false,
		);
		expect(tidyOrder({ order_status: 'Queued' }).isPlaced).toBe(true);
	});

	it('SmarterTools licences', () => {
		expect(tidyOrder(fixture('order/review', 'smartertools') as never).licenses).toEqual([
			{ productName: 'SmarterMail Pro - 250 Mailboxes', licenseKey: 'SMP250-FAKE-0001-ABCD' },
		]);
	});
});

describe('sanDomainsOf', () => {
	it.each([
		[
			'comma-separated text',
			{ additional_sans: 'a.example.com,b.example.com' },
			['a.example.com', 'b.example.com'],
		],
		[
			'commas and spaces',
			{ additional_sans: ' a.example.com, b.example.com  c.example.com ' },
			['a.example.com', 'b.example.com', 'c.example.com'],
		],
		[
			'a list',
			{ additional_sans: ['a.example.com', 'b.example.com'] },
			['a.example.com', 'b.example.com'],
		],
		[
			'an XML-style group',
			{ additional_sans: { domain: ['a.example.com', 'b.example.com'] } },
			['a.example.com', 'b.example.com'],
		],
		['empty', { additional_sans: '' }, []],
		['an empty object', { additional_sans: {} }, []],
		[
			'san_domains as well, once each',
			{ additional_sans: 'a.example.com', san_domains: 'a.example.com,b.example.com' },
			['a.example.com', 'b.example.com'],
		],
	])('%s', (_name, review, expected) => {
		expect(sanDomainsOf(review)).toEqual(expected);
	});
});

describe('textFieldsOf', () => {
	it('reads the named fields of a group by output key; empty or absent fields and empty groups give null', () => {
		const names = { firstName: 'first_name', phone: 'phone', email: 'email' };
		expect(textFieldsOf({ first_name: 'Ann', phone: 441234567, email: {} }, names)).toEqual({
			firstName: 'Ann',
			phone: '441234567',
			email: null,
		});
		expect(textFieldsOf('', names)).toEqual({ firstName: null, phone: null, email: null });
		expect(Object.keys(textFieldsOf(undefined, names))).toEqual(['firstName', 'phone', 'email']);
	});
});

describe('dates', () => {
	it('converts between the API format (GMT) and ISO 8601', () => {
		expect(isoDate('2026-11-28 09:05:07')).toBe('2026-11-28T09:05:07Z');
		expect(isoDate('soon')).toBe('soon');
		expect(isoDate({})).toBeNull();
		expect(apiDate(new Date('2026-11-28T09:05:07.999Z'))).toBe('2026-11-28 09:05:07');
	});
});
