import {
	COUNTRY_HINTS,
	ISO_COUNTRY_CODES,
} from '../../../../../nodes/Servertastic/helpers/countries';
import {
	countryCodeProblem,
	emailProblem,
	normaliseCountryCode,
	phoneProblem,
} from '../../../../../nodes/Servertastic/helpers/validation/contacts';

// Each bad case names a fragment the message must contain, so the wording stays helpful.

describe('ISO_COUNTRY_CODES', () => {
	it('has exactly the 249 officially assigned codes', () => {
		expect(ISO_COUNTRY_CODES.size).toBe(249);
	});

	it.each(['GB', 'US', 'DE', 'AX', 'SS', 'FR', 'NL', 'IE', 'CW', 'SX', 'BQ', 'ZW'])(
		'contains %s',
		(code) => {
			expect(ISO_COUNTRY_CODES.has(code)).toBe(true);
		},
	);

	it.each(['UK', 'EU', 'XK', 'EL', 'AC', 'AN', 'YU', 'gb', ''])('does not contain %p', (code) => {
		expect(ISO_COUNTRY_CODES.has(code)).toBe(false);
	});

	it('holds only upper-case two-letter codes', () => {
		for (const code of ISO_COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
	});
});

describe('COUNTRY_HINTS', () => {
	it('points only at assigned codes', () => {
		for (const code of Object.values(COUNTRY_HINTS)) expect(ISO_COUNTRY_CODES.has(code)).toBe(true);
	});

	it('has lower-case, dot-free, single-spaced keys that are not valid codes themselves', () => {
		for (const key of Object.keys(COUNTRY_HINTS)) {
			expect(key).toBe(key.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim());
			expect(ISO_COUNTRY_CODES.has(key.toUpperCase())).toBe(false);
		}
	});

	it.each([
		['uk', 'GB'],
		['el', 'GR'],
		['united kingdom', 'GB'],
		['usa', 'US'],
		['germany', 'DE'],
		['deutschland', 'DE'],
		['netherlands', 'NL'],
	])('maps %s to %s', (key, code) => {
		expect(COUNTRY_HINTS[key]).toBe(code);
	});
});

describe('emailProblem', () => {
	it.each([
		'jane@example.com',
		'Jane.Doe@Example.COM',
		'jane+certs@example.co.uk',
		"o'brien@example.ie",
		'a@b.io',
		'x_y-z@sub.example.org',
		'#!$%&*+/=?^_`{|}~-@example.com',
		'jane@xn--bcher-kva.de',
		'jane@example.xn--p1ai',
		`${'l'.repeat(64)}@example.com`,
		`a@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(56)}.com`,
	])('accepts %p', (value) => {
		expect(emailProblem(value)).toBeUndefined();
	});

	it.each([
		['', 'must not be empty'],
		['   ', 'must not be empty'],
		['Jane Doe <jane@example.com>', 'should be just the address ("jane@example.com")'],
		['<jane@example.com>', 'without a name or angle brackets'],
		['mailto:jane@example.com', 'without "mailto:"'],
		['a@example.com, b@example.com', 'must be a single email address'],
		['jane doe@example.com', 'must not contain spaces'],
		[' jane@example.com', 'must not start or end with spaces'],
		['jane@example.com\r\nBcc: x@evil.example', 'must be a single line'],
		['jane.example.com', 'it has no "@"'],
		['jane@@example.com', 'more than one "@"'],
		['a@b@example.com', 'more than one "@"'],
		['@example.com', 'nothing before the "@"'],
		['jane@', 'nothing after the "@"'],
		['.jane@example.com', 'must not start or end with a dot'],
		['jane.@example.com', 'must not start or end with a dot'],
		['ja..ne@example.com', 'two dots in a row'],
		['"jane"@example.com', '""" is not allowed before the "@"'],
		['ja(ne)@example.com', '"(" is not allowed'],
		['zoë@example.com', 'non-ASCII characters such as "ë"'],
		[`${'l'.repeat(65)}@example.com`, 'has 65 characters, at most 64'],
		[
			`a@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(57)}.com`,
			'has 255 characters, at most 254',
		],
		['jane@bücher.de', 'did you mean "xn--bcher-kva.de"?'],
		['jane@[192.0.2.1]', 'not an IP address'],
		['jane@192.0.2.1', 'must be a domain name, not an IP address'],
		['jane@localhost', 'at least two labels'],
		['jane@example', 'at least two labels'],
		['jane@example.c', 'invalid top-level domain "c"'],
		['jane@example.123', 'all-numeric top-level domain'],
		['jane@example.com.', 'must not end with a dot'],
		['jane@exa..mple.com', 'two dots in a row'],
		['jane@-example.com', 'starts or ends with a hyphen'],
		['jane@ex_ample.com', 'underscores'],
		['jane@server.local', '".local"'],
		['jane@example.com:25', 'must not include a port'],
		['jane@*.example.com', 'wildcard'],
	])('refuses %p', (value, fragment) => {
		const problem = emailProblem(value);
		expect(problem).toBeDefined();
		expect(problem).toContain(fragment);
	});

	it('shows the address it refused', () => {
		expect(emailProblem('jane.example.com')).toBe(
			'is not a valid email address: it has no "@" (got "jane.example.com")',
		);
	});
});

describe('normaliseCountryCode', () => {
	it.each([
		['gb', 'GB'],
		[' us ', 'US'],
		['De', 'DE'],
		['', ''],
	])('normalises %p to %p', (value, expected) => {
		expect(normaliseCountryCode(value)).toBe(expected);
	});
});

describe('countryCodeProblem', () => {
	it.each(['GB', 'US', 'DE', 'AX', 'SS', 'gb', ' fr ', 'nL', 'IE\t'])('accepts %p', (value) => {
		expect(countryCodeProblem(value)).toBeUndefined();
	});

	it.each([
		['', 'must not be empty'],
		['  ', 'must not be empty'],
		['UK', 'did you mean GB? (got "UK")'],
		['uk', 'did you mean GB?'],
		['EL', 'did you mean GR?'],
		['United Kingdom', 'did you mean GB?'],
		['united  kingdom', 'did you mean GB?'],
		['U.S.A.', 'did you mean US?'],
		['United States', 'did you mean US?'],
		['Germany', 'did you mean DE?'],
		['Deutschland', 'did you mean DE?'],
		['France', 'did you mean FR?'],
		['Netherlands', 'did you mean NL?'],
		['Österreich', 'did you mean AT?'],
		['GBR', 'did you mean GB?'],
		['XK', 'must be an officially assigned ISO 3166 country code, e.g. GB (got "XK")'],
		['EU', 'officially assigned'],
		['ZZ', 'officially assigned'],
		['ß', 'must be a two-letter ISO 3166 country code, e.g. GB (got "ß")'],
		['G', 'two-letter'],
		['G B', 'two-letter'],
		['G\u0000B', '(got "G\\u0000B")'],
		['Atlantis', 'must be a two-letter ISO 3166 country code, e.g. GB (got "Atlantis")'],
		['constructor', 'two-letter'],
	])('refuses %p', (value, fragment) => {
		expect(countryCodeProblem(value)).toContain(fragment);
	});
});

describe('phoneProblem', () => {
	it.each([
		'+44 20 7946 0000',
		'+44.2079460000',
		'+44 (0)20 7946 0000',
		'(+44) 20 7946 0000',
		'020 7946 0000',
		'+1-202-555-0143',
		'(202) 555-0143',
		'1234567',
		'123456789012345',
		'+44 20 7946 0000 x123',
		'+44 20 7946 0000 ext 123',
		'+44 20 7946 0000 ext. 123',
		'+44 20 7946 0000 Ext.123',
		'202 555 0143x7',
		' +49 30 901820 ',
	])('accepts %p', (value) => {
		expect(phoneProblem(value)).toBeUndefined();
	});

	it.each([
		['', 'must not be empty'],
		['   ', 'must not be empty'],
		['0800-FLOWERS', 'must not contain letters'],
		['+44 20 7946 0000 x', 'must not contain letters'],
		['+44 20 7946 0000 ext', 'must not contain letters'],
		['call me', 'must not contain letters'],
		['+44 20 7946 0000 #2', 'must not contain "#"'],
		['+44/20/7946/0000', 'must not contain "/"'],
		['+44 20 7946 0000\n+1 202 555 0143', 'must be a single line'],
		['++44 20 7946 0000', 'may only have one "+"'],
		['44+20 7946 0000', 'at the start'],
		['(202 555-0143', 'unbalanced parentheses'],
		['202) 555(0143', 'unbalanced parentheses'],
		['((202)) 555-0143', 'unbalanced parentheses'],
		['+0 20 7946 0000', 'country calling codes never start with 0'],
		['123456', 'has too few digits: 6, at least 7'],
		['+44', 'too few digits'],
		['1234567890123456', 'has too many digits: 16, at most 15 are allowed (E.164)'],
		['+44 20 7946 0000 1234', 'too many digits'],
		[`1${' '.repeat(100)}x`, 'must be at most 64 characters long, but has 102'],
	])('refuses %p', (value, fragment) => {
		expect(phoneProblem(value)).toContain(fragment);
	});

	it('counts only the main number, not the extension', () => {
		expect(phoneProblem('123 4567 x12345678')).toBeUndefined();
		expect(phoneProblem('123 456 x1234567')).toContain('too few digits: 6');
	});
});
