import {
	hostnameProblem,
	isWildcardName,
	parseSanList,
} from '../../../../../nodes/Servertastic/helpers/validation/hostnames';

// Each bad case names a fragment the message must contain, so the wording stays helpful.

describe('hostnameProblem', () => {
	it.each([
		'example.com',
		'www.example.com',
		'WWW.Example.COM',
		'a.b.c.d.example.co.uk',
		'my-shop.example.com',
		'123.example.com',
		'x.io',
		'xn--bcher-kva.de',
		'shop.xn--p1ai',
		`${'a'.repeat(63)}.example.com`,
		`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`,
	])('accepts %p', (value) => {
		expect(hostnameProblem(value)).toBeUndefined();
	});

	it.each(['*.example.com', '*.shop.example.co.uk', '*.xn--bcher-kva.de'])(
		'accepts wildcard %p when allowed',
		(value) => {
			expect(hostnameProblem(value, { allowWildcard: true })).toBeUndefined();
		},
	);

	it.each<[string, boolean, string]>([
		['', false, 'must not be empty'],
		['*.example.com', false, 'must not be a wildcard ("*.") name here'],
		['*.com', true, 'a wildcard cannot cover a whole top-level domain'],
		['*', true, 'may only use "*" as the whole first label'],
		['*.', true, 'must not end with a dot'],
		['**.example.com', true, 'may only use "*" as the whole first label'],
		['*.*.example.com', true, 'may only use "*"'],
		['www.*.example.com', true, 'may only use "*"'],
		['shop*.example.com', true, 'may only use "*"'],
		['*example.com', true, 'may only use "*"'],
		['www.example.*', true, 'may only use "*"'],
		['shop*.example.com', false, 'must not contain "*"'],
		['192.0.2.1', false, 'IP addresses cannot be ordered through this API'],
		['::1', false, 'not an IP address'],
		['2001:db8::1', false, 'not an IP address'],
		['[2001:db8::1]', false, 'not an IP address'],
		['[2001:db8::1]:443', false, 'not an IP address'],
		['fe80::1%eth0', false, 'not an IP address'],
		['::ffff:192.0.2.1', false, 'not an IP address'],
		['2001:db8:0:0:0:0:0:1', false, 'not an IP address'],
		['a:b:c', false, 'must not contain ":"'],
		['example.com.', false, 'must not end with a dot (got "example.com.")'],
		['.example.com', false, 'must not start with a dot'],
		['www..example.com', false, 'two dots in a row'],
		['localhost', false, 'at least two labels'],
		['intranet', false, 'fully qualified'],
		['-shop.example.com', false, 'starts or ends with a hyphen ("-shop")'],
		['shop-.example.com', false, 'starts or ends with a hyphen'],
		['example.-com', false, 'hyphen'],
		['my_shop.example.com', false, 'underscores are not allowed'],
		['shop!.example.com', false, 'must not contain "!"'],
		['a.b.c.123', false, 'all-numeric top-level domain ("123")'],
		['example.c', false, 'invalid top-level domain "c"'],
		['example.c0m', false, 'invalid top-level domain'],
		['server.local', false, '".local"'],
		['app.internal', false, '".internal"'],
		['www.example', false, '".example"'],
		['host.localhost', false, '".localhost"'],
		[`${'a'.repeat(64)}.example.com`, false, 'part of 64 characters between dots, at most 63'],
		[
			`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`,
			false,
			'at most 253',
		],
		['bücher.de', false, 'punycode (xn--) form; did you mean "xn--bcher-kva.de"?'],
		['*.bücher.de', true, 'did you mean "*.xn--bcher-kva.de"?'],
		['例え.jp', false, 'punycode'],
		[
			'https://www.example.com/shop',
			false,
			'without "https://" or a path; did you mean "www.example.com"?',
		],
		['www.example.com/shop', false, 'did you mean "www.example.com"?'],
		['http://user@www.example.com:8080/', false, 'did you mean "www.example.com"?'],
		['example.com:443', false, 'must not include a port (":443")'],
		['jane@example.com', false, 'not an email address'],
		['www example.com', false, 'must not contain spaces'],
		['www.example.com\n', false, 'must be a single line'],
		['www.exam\u0000ple.com', false, '(got "www.exam\\u0000ple.com")'],
		['www.exam\u200bple.com', false, '"www.exam\\u200Bple.com"'],
	])('refuses %p (allowWildcard %p)', (value, allowWildcard, fragment) => {
		expect(hostnameProblem(value, { allowWildcard })).toContain(fragment);
	});
});

describe('isWildcardName', () => {
	it.each([
		['*.example.com', true],
		[' *.example.com', true],
		['example.com', false],
		['www.*.example.com', false],
		['*example.com', false],
		['', false],
	])('%p -> %p', (name, expected) => {
		expect(isWildcardName(name)).toBe(expected);
	});
});

describe('parseSanList', () => {
	it.each<[string | string[], string[]]>([
		['', []],
		[' , \n ', []],
		['example.com', ['example.com']],
		['example.com, www.example.com', ['example.com', 'www.example.com']],
		[
			'example.com www.example.com\tmail.example.com',
			['example.com', 'www.example.com', 'mail.example.com'],
		],
		['example.com\r\nwww.example.com\n\n', ['example.com', 'www.example.com']],
		['Example.COM,,example.com, WWW.example.com', ['example.com', 'www.example.com']],
		['b.example.com, a.example.com, b.example.com', ['b.example.com', 'a.example.com']],
		['*.example.com, example.com', ['*.example.com', 'example.com']],
		[
			['example.com', 'www.example.com'],
			['example.com', 'www.example.com'],
		],
		[
			['example.com, a.example.com', ' B.example.com ', '', 'example.com'],
			['example.com', 'a.example.com', 'b.example.com'],
		],
		[[], []],
	])('parses %p', (input, names) => {
		expect(parseSanList(input)).toEqual({ names, problems: [] });
	});

	it('reports every bad name, quoted, and keeps them in names', () => {
		const result = parseSanList('example.com, bad..name, 192.0.2.1\n*.com, example.com.');
		expect(result.names).toEqual([
			'example.com',
			'bad..name',
			'192.0.2.1',
			'*.com',
			'example.com.',
		]);
		expect(result.problems).toEqual([
			'"bad..name" is not a valid host name: must not contain two dots in a row',
			'"192.0.2.1" is not a valid host name: must be a host name, not an IP address: certificates for IP addresses cannot be ordered through this API',
			'"*.com" is not a valid host name: must have at least two labels after "*.", as in "*.example.com": a wildcard cannot cover a whole top-level domain',
			'"example.com." is not a valid host name: must not end with a dot',
		]);
	});

	it('tolerates non-string elements that n8n expressions may produce', () => {
		const result = parseSanList([null, 42, 'example.com'] as unknown as string[]);
		expect(result.names).toEqual(['42', 'example.com']);
		expect(result.problems).toHaveLength(1);
	});

	it('escapes control characters in problems', () => {
		expect(parseSanList('exa\u0000mple.com').problems).toEqual([
			'"exa\\u0000mple.com" is not a valid host name: must not contain control characters (found \\u0000 at position 4)',
		]);
	});
});
