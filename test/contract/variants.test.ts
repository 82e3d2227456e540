import { VARIANTS, applyVariant, fixture, fixturesInVariant, variantsFor } from '.';

type Obj = Record<string, unknown>;
const pfField = (answer: unknown, name: string) =>
	((answer as Obj[]).find((e) => typeof e === 'object' && name in e) as Obj)[name] as Obj;

describe('applyVariant', () => {
	it('documented is the fixture unchanged (a copy)', () => {
		const review = fixture('order/review', 'completed');
		const out = applyVariant('order/review', review, 'documented');
		expect(out).toEqual(review);
		expect(out).not.toBe(review);
	});

	it('never changes its input', () => {
		const review = fixture('order/review', 'fresh-token');
		const before = JSON.stringify(review);
		for (const v of VARIANTS) applyVariant('order/review', review, v);
		expect(JSON.stringify(review)).toBe(before);
	});

	it('one-as-object: a list of one becomes the bare entry; longer lists stay', () => {
		expect(
			applyVariant(
				'order/approverlist',
				fixture('order/approverlist', 'one-address'),
				'one-as-object',
			),
		).toEqual({
			success: 'ApproverList',
			approver_email: { email: 'admin@example.com' },
		});
		const many = applyVariant(
			'order/approverlist',
			fixture('order/approverlist'),
			'one-as-object',
		) as Obj;
		expect(Array.isArray(many.approver_email)).toBe(true);

		const review = applyVariant(
			'order/review',
			fixture('order/review', 'completed-one-each'),
			'one-as-object',
		) as Obj;
		expect((review.modifications as Obj).modification).toEqual({
			timestamp: '2024-03-12 11:02:40',
			event_id: '3',
			event_name: 'Order Completed',
		});
		expect((review.ca_certs as Obj).certificate_info).toEqual(
			expect.objectContaining({ type: 'INTERMEDIATE' }),
		);
		expect((review.reissued_certificates as Obj).certificate_info).toEqual(
			expect.objectContaining({ hash: 'SHA-256' }),
		);

		// Nested: the one order is bare, and so is its one modification.
		const mod = applyVariant(
			'order/modifiedorders',
			fixture('order/modifiedorders', 'one-order'),
			'one-as-object',
		) as Obj;
		const order = (mod.orders as Obj).order as Obj;
		expect(Array.isArray(order)).toBe(false);
		expect(order.reseller_order_id).toBe('STR_1_202403121130');
		expect((order.modifications as Obj).modification).toEqual(
			expect.objectContaining({ event_name: 'Order Placed' }),
		);

		const tokens = applyVariant(
			'order/showtokens',
			fixture('order/showtokens', 'one-each'),
			'one-as-object',
		) as Obj;
		expect((tokens.unused_tokens as Obj).order_token).toEqual({
			token: '5f2b7c9e1a3d4f60b8c2e4a6d8f0b1c3',
			reseller_unique_reference: 'ref-2024-0007',
		});
		const points = applyVariant(
			'account/pointsaudit',
			fixture('account/pointsaudit', 'one-record'),
			'one-as-object',
		) as Obj;
		expect(points.record).toEqual(expect.objectContaining({ Description: 'Points Deposit' }));
		const products = applyVariant(
			'product/listproducts',
			fixture('product/listproducts', 'one-product'),
			'one-as-object',
		) as Obj;
		expect(products.products).toEqual(expect.objectContaining({ st_product_code: 'RapidSSL-12' }));

		const pf = applyVariant('order/productfields', fixture('order/productfields'), 'one-as-object');
		expect(pfField(pf, 'domain_name').required_if).toBe('!csr');
		expect(pfField(pf, 'org_name').required_if).toEqual(['domain_name', '!csr']);
		expect(pfField(pf, 'dv_auth_method').options).toEqual(['EMAIL', 'FILE', 'DNS']);
	});

	it('one-as-array: bare entries become lists of one (undoes one-as-object)', () => {
		const one = fixture('order/review', 'completed-one-each');
		const bare = applyVariant('order/review', one, 'one-as-object');
		expect(bare).not.toEqual(one);
		expect(applyVariant('order/review', bare, 'one-as-array')).toEqual(one);
		expect(
			applyVariant(
				'order/approverlist',
				{ success: 'x', approver_email: { email: 'a@b.c' } },
				'one-as-array',
			),
		).toEqual({
			success: 'x',
			approver_email: [{ email: 'a@b.c' }],
		});
		// An empty element is no entry: it stays as it is.
		expect(
			applyVariant('order/expiring', fixture('order/expiring', 'none'), 'one-as-array'),
		).toEqual({
			success: 'Expiring Orders',
			orders: '',
		});
	});

	it('empty-as-object: every "" becomes {}', () => {
		const out = applyVariant(
			'order/review',
			fixture('order/review', 'fresh-token'),
			'empty-as-object',
		) as Obj;
		expect(out.domain_name).toEqual({});
		expect(out.modifications).toEqual({});
		expect(out.organisation_info).toEqual({
			name: {},
			division: {},
			address: { city: {}, region: {}, country: {} },
		});
		expect(out.order_status).toBe('Order Placed');
		const pf = applyVariant(
			'order/productfields',
			fixture('order/productfields'),
			'empty-as-object',
		);
		expect(pfField(pf, 'order_token')).toEqual({
			required: '1',
			input_type: 'hidden',
			options: {},
			required_if: {},
		});
		expect(pfField(pf, 'domain_name')).toEqual({
			required: {},
			input_type: 'text',
			options: {},
			required_if: ['!csr'],
		});
	});

	it('empty-absent: every "" key is left out', () => {
		const out = applyVariant(
			'order/review',
			fixture('order/review', 'fresh-token'),
			'empty-absent',
		) as Obj;
		expect(Object.keys(out)).toEqual([
			'success',
			'reseller_order_id',
			'st_product_code',
			'order_status',
			'san_count',
			'end_customer_email',
			'organisation_info',
			'admin_contact',
			'tech_contact',
		]);
		expect(out.organisation_info).toEqual({ address: {} });
		expect(out.admin_contact).toEqual({});
		const none = applyVariant(
			'order/modifiedorders',
			fixture('order/modifiedorders', 'none'),
			'empty-absent',
		);
		expect(none).toEqual({ success: 'Modified Orders', data_accuracy: '2024-03-12 11:05:00' });
	});

	it('empty-as-string: {} becomes "" (undoes empty-as-object)', () => {
		const fresh = fixture('order/review', 'fresh-token');
		const objects = applyVariant('order/review', fresh, 'empty-as-object');
		expect(applyVariant('order/review', objects, 'empty-as-string')).toEqual(fresh);
	});

	it('top-level-numeric-keys and top-level-item-wrapped reshape only a top-level list', () => {
		const pf = fixture('order/productfields') as unknown[];
		const numeric = applyVariant('order/productfields', pf, 'top-level-numeric-keys') as Obj;
		expect(Array.isArray(numeric)).toBe(false);
		expect(Object.keys(numeric)).toHaveLength(25);
		expect(numeric['0']).toBe('RapidSSL-12');
		expect(numeric['1']).toBe('RapidSSL: RapidSSL - 1 Year');
		expect(numeric['24']).toEqual(pf[24]);
		expect(applyVariant('order/productfields', pf, 'top-level-item-wrapped')).toEqual({ item: pf });
		const cancel = fixture('order/cancel');
		expect(applyVariant('order/cancel', cancel, 'top-level-numeric-keys')).toEqual(cancel);
		expect(applyVariant('order/cancel', cancel, 'top-level-item-wrapped')).toEqual(cancel);
	});

	it('required-if-single: productfields lists of one become strings, nothing else changes', () => {
		const pf = applyVariant(
			'order/productfields',
			fixture('order/productfields'),
			'required-if-single',
		);
		expect(pfField(pf, 'domain_name').required_if).toBe('!csr');
		expect(pfField(pf, 'csr').required_if).toBe('!domain_name');
		expect(pfField(pf, 'org_division').required_if).toEqual(['domain_name', '!csr']);
		const one = fixture('order/approverlist', 'one-address');
		expect(applyVariant('order/approverlist', one, 'required-if-single')).toEqual(one);
	});

	it('refuses an unknown variant', () => {
		expect(() => applyVariant('order/cancel', {}, 'nope' as never)).toThrow(/Unknown variant nope/);
	});
});

describe('variantsFor', () => {
	it('lists the variants that change a call, never documented', () => {
		expect(variantsFor('order/productfields')).toEqual([
			'one-as-object',
			'empty-as-object',
			'empty-absent',
			'top-level-numeric-keys',
			'top-level-item-wrapped',
			'required-if-single',
		]);
		expect(variantsFor('order/approverlist')).toEqual(['one-as-object']);
		expect(variantsFor('order/review')).toEqual([
			'one-as-object',
			'empty-as-object',
			'empty-absent',
		]);
		expect(variantsFor('order/cancel')).toEqual([]);
	});

	it('fixturesInVariant gives every case of a call in one reading', () => {
		const cases = fixturesInVariant('order/approverlist', 'one-as-object');
		expect(cases.map((c) => c.caseName)).toEqual([undefined, 'one-address']);
		expect((cases[1].answer as Obj).approver_email).toEqual({ email: 'admin@example.com' });
	});
});
