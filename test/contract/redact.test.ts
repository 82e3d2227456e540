import { Redactor, TOKEN_MARK } from './redact';

describe('Redactor', () => {
	it('replaces the key, learnt tokens and PEM secrets in text', () => {
		const r = new Redactor('key-0123456789');
		r.learn({
			unused_tokens: {
				order_token: [{ token: 'tok-aaaaaaaa', reseller_unique_reference: 'ref1' }],
			},
		});
		r.learn({ record: [{ OrderToken: 'tok-bbbbbbbb' }] });
		const text = r.text(
			'GET /x?api_key=key-0123456789&t=tok-aaaaaaaa tok-bbbbbbbb https://h/token/tok-cccccccc ' +
				'-----BEGIN PRIVATE KEY-----\nMIG\n-----END PRIVATE KEY----- ' +
				'-----BEGIN CERTIFICATE REQUEST-----\nMII\n-----END CERTIFICATE REQUEST-----',
		);
		expect(text).toBe(
			`GET /x?api_key=[redacted api key]&t=${TOKEN_MARK} ${TOKEN_MARK} https://h/token/${TOKEN_MARK} ` +
				'[redacted private key] [redacted certificate request]',
		);
	});

	it('redacts by key in values, and leaves everything else', () => {
		const r = new Redactor('key-0123456789');
		expect(
			r.value({
				order_token: 'abc',
				csr: 'x',
				private_key: 'y',
				api_key: 'z',
				empty: '',
				n: 1,
				note: 'key-0123456789!',
			}),
		).toEqual({
			order_token: TOKEN_MARK,
			csr: '[redacted csr]',
			private_key: '[redacted private key]',
			api_key: '[redacted api key]',
			empty: '',
			n: 1,
			note: '[redacted api key]!',
		});
	});

	it('ignores secrets too short to replace safely, and encoded forms are caught', () => {
		const r = new Redactor('a b+c/d=e&f');
		r.add('ab');
		expect(r.text('ab a%20b%2Bc%2Fd%3De%26f a+b%2Bc%2Fd%3De%26f')).toBe(
			'ab [redacted api key] [redacted api key]',
		);
	});
});
