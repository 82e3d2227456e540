import {
	orderTokenProblem,
	textProblem,
} from '../../../../../nodes/Servertastic/helpers/validation/text';

// Each bad case names a fragment the message must contain, so the wording stays helpful.

describe('textProblem', () => {
	// Every row gives opts: jest would pass its done callback in place of a missing argument.
	it.each<[string, { maxLength?: number; multiline?: boolean }]>([
		['Acme Ltd', {}],
		['', {}],
		['Tab\tseparated', {}],
		['Zoë Ünal – Straße 5, 10115 Berlin', {}],
		['emoji 🔒 ok', {}],
		['x'.repeat(255), {}],
		['x'.repeat(10), { maxLength: 10 }],
		['🔒'.repeat(10), { maxLength: 10 }],
		['line one\nline two', { multiline: true }],
		['line one\r\nline two', { multiline: true }],
	])('accepts %p %p', (value, opts) => {
		expect(textProblem(value, opts)).toBeUndefined();
	});

	it.each<[string, { maxLength?: number; multiline?: boolean } | undefined, string]>([
		['a\nb', undefined, 'must be a single line'],
		['a\rb', undefined, '(found \\r at position 2)'],
		['Acme\r\nX-Injected: 1', undefined, 'without line breaks'],
		['nul\u0000byte', undefined, '\\u0000'],
		[
			'bell\u0007',
			{ multiline: true },
			'must not contain control characters (found \\u0007 at position 5)',
		],
		['del\u007f', undefined, '\\u007F'],
		['c1\u0085', { multiline: true }, '\\u0085'],
		['esc\u001b[31m', undefined, '\\u001B'],
		['broken \ud800 half', undefined, 'unpaired surrogate \\uD800'],
		['x'.repeat(256), undefined, 'must be at most 255 characters long, but has 256'],
		['x'.repeat(11), { maxLength: 10 }, 'at most 10 characters'],
		['x'.repeat(500), undefined, '…")'],
	])('refuses %p %p', (value, opts, fragment) => {
		expect(textProblem(value, opts)).toContain(fragment);
	});

	it('shows the offending value escaped and cut to about 60 characters', () => {
		const problem = textProblem(`${'y'.repeat(100)}\n`) ?? '';
		expect(problem).toContain(`(got "${'y'.repeat(59)}…")`);
		expect(textProblem('a\nb')).toContain('(got "a\\nb")');
	});
});

describe('orderTokenProblem', () => {
	it('accepts the token shape and never repeats the value in a problem', () => {
		expect(orderTokenProblem('ST-abc_123')).toBeUndefined();
		const secret = 'ab cd;secret';
		expect(orderTokenProblem(secret)).toBe('may only hold letters, digits, "-" and "_"');
		expect(orderTokenProblem('x'.repeat(129))).toBe('is longer than 128 characters');
	});
});
