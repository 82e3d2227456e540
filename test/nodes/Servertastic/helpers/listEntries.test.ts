import {
	accountOrder,
	auditEntry,
	expiringOrder,
	listedProduct,
	listedToken,
	modifiedOrder,
	upTo,
} from '../../../../nodes/Servertastic/helpers/listEntries';
import { entriesOf, numberOrNull } from '../../../../nodes/Servertastic/helpers/normalise';
import { tidyOrder } from '../../../../nodes/Servertastic/helpers/orderReview';

describe('entriesOf', () => {
	it.each([
		['a list', [{ a: 1 }, { a: 2 }], [{ a: 1 }, { a: 2 }]],
		['one bare object', { a: 1 }, [{ a: 1 }]],
		['an empty text', '', []],
		['an empty object', {}, []],
		['nothing', undefined, []],
		['a list wrapped in its element name', { order: [{ a: 1 }, { a: 2 }] }, [{ a: 1 }, { a: 2 }]],
		['one object wrapped in its element name', { order: { a: 1 } }, [{ a: 1 }]],
		['non-objects among the entries', [{ a: 1 }, 'x', null, [1]], [{ a: 1 }]],
	])('%s', (_name, value, expected) => {
		expect(entriesOf(value, 'order')).toEqual(expected);
	});

	it('an empty wrapper holds nothing; a record with a text under that name is a record', () => {
		for (const empty of ['', {}, [], null])
			expect(entriesOf({ order: empty }, 'order')).toEqual([]);
		expect(entriesOf({ order: 'x', b: 1 }, 'order')).toEqual([{ order: 'x', b: 1 }]);
	});

	it('a list of wrappers is read too', () => {
		expect(entriesOf([{ order: { a: 1 } }, { order: [{ a: 2 }] }], 'order')).toEqual([
			{ a: 1 },
			{ a: 2 },
		]);
	});
});

describe('numberOrNull', () => {
	it.each([
		[12, 12],
		['12', 12],
		[' -20 ', -20],
		['20.5', 20.5],
		['', null],
		[{}, null],
		['twelve', null],
		[Number.NaN, null],
		[undefined, null],
	])('%j → %j', (value, expected) => {
		expect(numberOrNull(value)).toBe(expected);
	});
});

describe('tidy list entries', () => {
	const record = {
		reseller_order_id: 'STR_1',
		order_status: 'Completed',
		order_date: '2025-01-01 09:00:00',
		domain_name: 'a.example.com',
		order_points: '10',
		expiry_date: '2026-01-11 00:00:00',
		st_product_code: 'RapidSSL-12',
	};

	it('account and expiring records: the seven documented fields, null when absent', () => {
		expect(accountOrder(record)).toEqual({
			resellerOrderId: 'STR_1',
			status: 'Completed',
			productCode: 'RapidSSL-12',
			domain: 'a.example.com',
			orderDate: '2025-01-01T09:00:00Z',
			expiryDate: '2026-01-11T00:00:00Z',
			points: 10,
		});
		expect(accountOrder({})).toEqual({
			resellerOrderId: null,
			status: null,
			productCode: null,
			domain: null,
			orderDate: null,
			expiryDate: null,
			points: null,
		});
	});

	it('expiring: the days are counted up from the expiry date (the API sends none)', () => {
		const now = new Date('2026-01-01T00:00:00Z');
		expect(expiringOrder({ ...record, days_remaining: '3' }, now)).toEqual({
			...accountOrder(record),
			daysRemaining: 10,
		});
		expect(expiringOrder({ expiry_date: '2026-01-10 12:00:00' }, now).daysRemaining).toBe(10);
		expect(expiringOrder({ expiry_date: 'soon' }, now)).toMatchObject({
			expiryDate: 'soon',
			daysRemaining: null,
		});
	});

	it("modified: the tidy order of the record, without a token, with the answer's data_accuracy", () => {
		const modified = modifiedOrder(
			{ reseller_order_id: 'STR_2', order_status: 'Queued', order_token: 'guess' },
			'2026-01-01T00:00:00Z',
		);
		expect(modified).toMatchObject({
			orderToken: null,
			resellerOrderId: 'STR_2',
			status: 'Queued',
			checkedAt: '2026-01-01T00:00:00Z',
		});
		expect(Object.keys(modified)).toEqual([...Object.keys(tidyOrder({})), 'checkedAt']);
	});

	it('tokens: {token, reseller_unique_reference}', () => {
		expect(listedToken({ token: 't', reseller_unique_reference: 'R' }, true)).toEqual({
			orderToken: 't',
			resellerReference: 'R',
			used: true,
		});
		expect(listedToken({}, false)).toEqual({
			orderToken: null,
			resellerReference: null,
			used: false,
		});
	});

	it('products', () => {
		expect(
			listedProduct({
				st_product_code: 'TrueBizID-12',
				product_name: 'True BusinessID',
				html_description: '<p>OV</p>',
				product_validation: ' ov ',
				min_san_count: '0',
				max_san_count: '0',
				max_server_count: '',
				base_san_points: '5',
				product_points: '90',
			}),
		).toEqual({
			productCode: 'TrueBizID-12',
			name: 'True BusinessID',
			description: '<p>OV</p>',
			validationLevel: 'OV',
			minSanCount: 0,
			maxSanCount: 0,
			maxServerCount: null,
			points: 90,
			baseSanPoints: 5,
		});
	});

	it('points audit records', () => {
		expect(
			auditEntry({
				Timestamp: '2024-03-12 10:45:12',
				PointsAdjustment: '-10',
				NewPointsTotal: '4990',
				Description: 'Placed order',
				OrderDate: '2024-03-12 10:45:12',
				OrderReference: 'STR_1',
				OrderToken: 'tok',
				Notes: '',
			}),
		).toEqual({
			date: '2024-03-12T10:45:12Z',
			points: -10,
			balance: 4990,
			description: 'Placed order',
			orderDate: '2024-03-12T10:45:12Z',
			orderReference: 'STR_1',
			orderToken: 'tok',
			notes: null,
		});
		expect(auditEntry({ Timestamp: '', OrderDate: {}, OrderToken: {} })).toMatchObject({
			date: null,
			orderDate: null,
			orderToken: null,
		});
	});
});

describe('upTo', () => {
	it('cuts at the limit; undefined keeps everything', () => {
		expect(upTo([1, 2, 3], 2)).toEqual([1, 2]);
		expect(upTo([1, 2, 3], undefined)).toEqual([1, 2, 3]);
	});
});
