import { textOf } from '../../../../nodes/Servertastic/helpers/output';
import { asList } from '../../../../nodes/Servertastic/helpers/normalise';

describe('normalising XML-shaped JSON', () => {
	it('treats "" and {} as absent', () => {
		expect(textOf('')).toBeNull();
		expect(textOf({})).toBeNull();
		expect(textOf(12)).toBe('12');
	});
	it('turns a single element into a list of one', () => {
		expect(asList({ email: 'a@b.c' })).toEqual([{ email: 'a@b.c' }]);
		expect(asList([1, 2])).toEqual([1, 2]);
		expect(asList('')).toEqual([]);
		expect(asList({})).toEqual([]);
		expect(asList(undefined)).toEqual([]);
	});
});
