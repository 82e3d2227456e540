import { apiDate, isoDate, tidyOrder } from '../../../../nodes/Servertastic/helpers/orderReview';

describe('tidyOrder', () => {
	it('gives the same keys for an order that is only generated, with empty values as null', () => {
		const tidy = tidyOrder({ success: 'ok', order_token: 't1', order_status: 'Order Generated', domain_name: '', certificate: '', ca_certs: {}, expiry_date: '', dv_auth_method: '' });
		expect(tidy).toEqual({
			orderToken: 't1', resellerOrderId: null, status: 'Order Generated', isPlaced: false, isIssued: false,
			productCode: null, domain: null, sanDomains: [], validation: null, certificate: null, chain: null,
			intermediateCertificates: [], rootCertificate: null, pkcs7: null, expiryDate: null, orderDate: null, modifiedDate: null,
		});
	});

	it('collects the certificate, the chain (one intermediate as a bare object too) and the dates', () => {
		const tidy = tidyOrder({
			order_token: 't2', order_status: 'Completed', domain_name: 'example.com', dv_auth_method: 'DNS',
			dv_auth_dns_name: '_dnsauth.example.com', dv_auth_dns_type: 'TXT', dv_auth_dns_string: 'v',
			certificate: 'LEAF', ca_certs: { certificate_info: { type: 'INTERMEDIATE', certificate: 'INT' } },
			expiry_date: '2027-06-15 10:00:00', san_domains: 'a.example.com, b.example.com',
		});
		expect(tidy).toMatchObject({
			isPlaced: true, isIssued: true, certificate: 'LEAF', chain: 'INT', intermediateCertificates: ['INT'], rootCertificate: null,
			expiryDate: '2027-06-15T10:00:00Z', sanDomains: ['a.example.com', 'b.example.com'],
			validation: { method: 'DNS', dnsRecord: { name: '_dnsauth.example.com', type: 'TXT', value: 'v' } },
		});
	});

	it('treats Roll Back as not placed', () => {
		expect(tidyOrder({ order_status: 'Roll Back' }).isPlaced).toBe(false);
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
