import {
	auditEntry,
	entriesOf,
	expiringOrder,
	listedProduct,
	listedToken,
	modifiedOrder,
	numberOrNull,
	upTo,
} from '../../../../nodes/Servertastic/helpers/lists';

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

	it('an object whose wrapper key holds text is the entry itself', () => {
		expect(entriesOf({ order: 'x', b: 1 }, 'order')).toEqual([{ order: 'x', b: 1 }]);
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
	const base = {
		order_token: 't',
		reseller_order_id: 'ST1',
		reseller_unique_reference: 'R',
		order_status: 'Completed',
		st_product_code: 'RapidSSL-12',
		domain_name: 'a.example.com',
	};
	const tidyBase = {
		orderToken: 't',
		resellerOrderId: 'ST1',
		resellerReference: 'R',
		status: 'Completed',
		productCode: 'RapidSSL-12',
		domain: 'a.example.com',
	};

	it('every key is there, null when absent', () => {
		expect(modifiedOrder({}, null)).toEqual({
			orderToken: null,
			resellerOrderId: null,
			resellerReference: null,
			status: null,
			productCode: null,
			domain: null,
			modifiedDate: null,
			checkedAt: null,
		});
		expect(listedToken({ ...base, date_created: '2026-01-01 00:00:00' }, true)).toEqual({
			...tidyBase,
			createdDate: '2026-01-01T00:00:00Z',
			used: true,
		});
	});

	it('expiring: days from the API, else counted up from the expiry date', () => {
		const now = new Date('2026-01-01T00:00:00Z');
		expect(expiringOrder({ ...base, expiry_date: '2026-01-11 00:00:00', days_remaining: '9' }, now)).toEqual({
			...tidyBase,
			expiryDate: '2026-01-11T00:00:00Z',
			daysRemaining: 9,
		});
		expect(expiringOrder({ expiry_date: '2026-01-10 12:00:00' }, now).daysRemaining).toBe(10);
		expect(expiringOrder({ expiry_date: 'soon' }, now)).toMatchObject({ expiryDate: 'soon', daysRemaining: null });
	});

	it('products and audit entries', () => {
		expect(listedProduct({ product_validation: ' ov ', points: '90' })).toEqual({
			productCode: null,
			name: null,
			validationLevel: 'OV',
			minSanCount: null,
			maxSanCount: null,
			maxServerCount: null,
			points: 90,
		});
		expect(auditEntry({ date: '', points: '-5', balance: 10, description: 'x', reseller_order_id: {} })).toEqual({
			date: null,
			points: -5,
			balance: 10,
			description: 'x',
			resellerOrderId: null,
		});
	});
});

describe('upTo', () => {
	it('cuts at the limit; undefined keeps everything', () => {
		expect(upTo([1, 2, 3], 2)).toEqual([1, 2]);
		expect(upTo([1, 2, 3], undefined)).toEqual([1, 2, 3]);
	});
});
