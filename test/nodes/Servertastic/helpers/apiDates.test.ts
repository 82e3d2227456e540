import {
	daysUntil,
	laterApiDate,
	normaliseApiDate,
	parseApiDate,
	shiftApiDate,
} from '../../../../nodes/Servertastic/helpers/apiDates';
import {
	lastModifiedOf,
	latestModificationOf,
} from '../../../../nodes/Servertastic/helpers/orderReview';

describe('API dates', () => {
	it('normalises the API format and ISO forms, refuses anything else', () => {
		expect(normaliseApiDate('2026-05-01 10:00:00')).toBe('2026-05-01 10:00:00');
		expect(normaliseApiDate('2026-05-01T10:00:00Z')).toBe('2026-05-01 10:00:00');
		expect(normaliseApiDate('2026-05-01')).toBeNull();
		expect(normaliseApiDate('2026-13-45 99:00:00')).toBeNull();
		expect(normaliseApiDate(20260501)).toBeNull();
		expect(normaliseApiDate(undefined)).toBeNull();
	});

	it('reads them as GMT and shifts them by seconds', () => {
		expect(parseApiDate('2026-05-01 10:00:00')!.toISOString()).toBe('2026-05-01T10:00:00.000Z');
		expect(parseApiDate(null)).toBeNull();
		expect(shiftApiDate('2026-05-01 00:00:10', -300)).toBe('2026-04-30 23:55:10');
		expect(laterApiDate('2026-05-01 10:00:00', '2026-05-01 09:59:59')).toBe('2026-05-01 10:00:00');
		expect(laterApiDate(null, '2026-05-01 09:59:59')).toBe('2026-05-01 09:59:59');
		expect(laterApiDate(null, null)).toBeNull();
	});
});

describe('the latest modification, computed once', () => {
	const review = {
		modifications: {
			modification: [
				{ timestamp: '2024-03-12 10:45:12', event_name: 'Order Placed' },
				{ timestamp: '2024-03-12 11:02:40', event_name: 'Order Completed' },
				{ timestamp: 'not a date', event_name: 'Odd' },
				{ timestamp: '2024-03-12T10:50:00Z', event_name: 'ISO' },
			],
		},
	};

	it('is the API-format date the trigger keeps, and the ISO date the tidy output shows', () => {
		expect(latestModificationOf(review)).toBe('2024-03-12 11:02:40');
		expect(lastModifiedOf(review)).toBe('2024-03-12T11:02:40Z');
	});

	it('is null without a readable timestamp', () => {
		expect(latestModificationOf({})).toBeNull();
		expect(latestModificationOf({ modifications: '' })).toBeNull();
		expect(lastModifiedOf({ modifications: { modification: { timestamp: '' } } })).toBeNull();
	});
});

describe('daysUntil, one count for the node and the trigger', () => {
	const now = new Date('2026-05-01T12:00:00Z');

	it('reads the API format and ISO 8601 alike, rounding up', () => {
		expect(daysUntil('2026-05-11 12:00:00', now)).toBe(10);
		expect(daysUntil('2026-05-11T12:00:00Z', now)).toBe(10);
		expect(daysUntil('2026-05-11 12:00:01', now)).toBe(11);
		expect(daysUntil('2026-04-30 12:00:00', now)).toBe(-1);
	});

	it('takes any other date text the lists keep as it came, and is null for no date', () => {
		expect(daysUntil('2026-05-11', now)).toBe(10);
		expect(daysUntil('soon', now)).toBeNull();
		expect(daysUntil(null, now)).toBeNull();
	});
});
