import { allFixtures, applyVariant, fixture, fixtureCalls, variantsFor } from '.';
import { matchingVariants, reportedVariants, shapeDifferences } from './shape';

type Obj = Record<string, unknown>;
const answersOf = (call: string) =>
	allFixtures()
		.filter((f) => f.call === call)
		.map((f) => f.answer);

describe('shapeDifferences', () => {
	it('finds no difference for any fixture against its own call', () => {
		for (const f of allFixtures())
			expect([f.file, shapeDifferences(f.call, f.answer, answersOf(f.call))]).toEqual([f.file, []]);
	});

	it('reports a list read as an object, a new key, a missing key, and a number for a text', () => {
		const review = fixture('order/review', 'completed') as Obj;
		(review.modifications as Obj).modification = {
			timestamp: '2024-03-12 10:45:12',
			event_id: '1',
			event_name: 'x',
		};
		review.order_token = 'abc';
		delete review.additional_sans;
		review.san_count = 0;
		expect(shapeDifferences('order/review', review, answersOf('order/review'))).toEqual([
			'order/review: san_count is a number where the fixture has a text',
			'order/review: modifications.modification is an object where the fixture has a list',
			'order/review: key order_token is not in any fixture',
			'order/review: missing key additional_sans',
		]);
	});

	it('reports nested keys by their full path, once for all list entries', () => {
		const mod = fixture('order/modifiedorders') as { orders: { order: Obj[] } };
		for (const o of mod.orders.order) o.order_token = 'x';
		expect(
			shapeDifferences('order/modifiedorders', mod, answersOf('order/modifiedorders')),
		).toEqual(['order/modifiedorders: key orders.order[].order_token is not in any fixture']);
	});

	it('keeps productfields field names as data, and compares what each field holds', () => {
		const pf = fixture('order/productfields') as unknown[];
		pf.push({
			server_count: { required: '1', input_type: 'number', options: '', required_if: '' },
		});
		expect(shapeDifferences('order/productfields', pf, answersOf('order/productfields'))).toEqual(
			[],
		);
		pf.push({
			web_server_type: {
				required: '1',
				input_type: 'select',
				options: ['Other', 'IIS'],
				required_if: '',
				hint: 'x',
			},
		});
		expect(shapeDifferences('order/productfields', pf, answersOf('order/productfields'))).toEqual([
			'order/productfields: key [].*.hint is not in any fixture',
		]);
		expect(
			shapeDifferences(
				'order/productfields',
				{ success: 'x', fields: [] },
				answersOf('order/productfields'),
			),
		).toEqual(['order/productfields: (top level) is an object where the fixture has a list']);
	});

	it('names the variant an answer matches, or accepts it when asked', () => {
		const one = applyVariant(
			'order/approverlist',
			fixture('order/approverlist', 'one-address'),
			'one-as-object',
		);
		const fixtures = answersOf('order/approverlist');
		expect(shapeDifferences('order/approverlist', one, fixtures)).toEqual([
			'order/approverlist: matches variant one-as-object',
			'order/approverlist: approver_email is an object where the fixture has a list',
		]);
		expect(shapeDifferences('order/approverlist', one, fixtures, { acceptVariants: true })).toEqual(
			[],
		);

		const numeric = applyVariant(
			'order/productfields',
			fixture('order/productfields'),
			'top-level-numeric-keys',
		);
		expect(
			shapeDifferences('order/productfields', numeric, answersOf('order/productfields'))[0],
		).toBe('order/productfields: matches variant top-level-numeric-keys');
		const absent = applyVariant(
			'order/review',
			fixture('order/review', 'fresh-token'),
			'empty-absent',
		);
		const lines = shapeDifferences('order/review', absent, answersOf('order/review'));
		expect(lines[0]).toBe('order/review: matches variant empty-absent');
		expect(lines).toContain('order/review: missing key domain_name');
	});

	it('every variant of every fixture is reported as exactly that variant (or one that reads the same)', () => {
		for (const call of fixtureCalls()) {
			for (const variant of variantsFor(call)) {
				for (const answer of answersOf(call)) {
					const changed = applyVariant(call, answer, variant);
					if (JSON.stringify(changed) === JSON.stringify(answer)) continue;
					const reported = reportedVariants(shapeDifferences(call, changed, answersOf(call)));
					// one-as-object and required-if-single read productfields alike.
					const alike =
						call === 'order/productfields' &&
						['one-as-object', 'required-if-single'].includes(variant);
					if (alike) expect(reported).toEqual(['one-as-object', 'required-if-single']);
					else expect([call, variant, reported.includes(variant)]).toEqual([call, variant, true]);
					expect(
						shapeDifferences(call, changed, answersOf(call), { acceptVariants: true }),
					).toEqual([]);
				}
			}
		}
	});

	it('reports a mix of readings, and accepts it when asked', () => {
		const review = applyVariant(
			'order/review',
			applyVariant('order/review', fixture('order/review', 'completed-one-each'), 'one-as-object'),
			'empty-as-object',
		);
		const lines = shapeDifferences('order/review', review, answersOf('order/review'));
		expect(lines[0]).toBe('order/review: matches a mix of variants one-as-object, empty-as-object');
		expect(reportedVariants(lines)).toEqual(['one-as-object', 'empty-as-object']);
		expect(
			shapeDifferences('order/review', review, answersOf('order/review'), { acceptVariants: true }),
		).toEqual([]);
	});

	it('does not excuse a difference no reading explains', () => {
		const review = applyVariant(
			'order/review',
			fixture('order/review', 'completed-one-each'),
			'one-as-object',
		) as Obj;
		review.fields = [];
		const lines = shapeDifferences('order/review', review, answersOf('order/review'), {
			acceptVariants: true,
		});
		expect(lines).toContain('order/review: key fields is not in any fixture');
		expect(reportedVariants(lines)).toEqual([]);
		expect(matchingVariants('order/review', review, answersOf('order/review'))).toEqual([]);
	});
});
