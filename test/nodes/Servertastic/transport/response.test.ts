import {
	judgeAnswer,
	networkFailure,
	quotable,
	retryAfterMs,
} from '../../../../nodes/Servertastic/transport/response';

const json = (body: unknown, statusCode = 200) => ({
	statusCode,
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body),
});

describe('judgeAnswer: a top-level list', () => {
	const list = ['RapidSSL-12', 'RapidSSL: RapidSSL - 1 Year', { csr: { required: '' } }];

	it('is an answer where one is expected (productfields), and an unexpected answer elsewhere', () => {
		expect(judgeAnswer('order/productfields', json(list), true)).toEqual({ answer: list });
		const refused = judgeAnswer('order/review', json(list), false);
		expect(refused).toMatchObject({
			fault: {
				message: 'Servertastic sent an unexpected answer to order/review (HTTP 200)',
				uncertain: true,
			},
		});
	});

	it('keeps every error check: an error entry, HTTP 400 and above, an empty or non-JSON body', () => {
		expect(
			judgeAnswer(
				'order/productfields',
				json([{ error: { code: -2, message: 'Invalid order token' } }]),
				true,
			),
		).toMatchObject({
			fault: {
				message: 'Servertastic refused order/productfields: Invalid order token',
				uncertain: false,
			},
		});
		expect(judgeAnswer('order/productfields', json(list, 500), true)).toMatchObject({
			fault: {
				message: 'Servertastic answered order/productfields with HTTP 500',
				uncertain: true,
				retry: {},
			},
		});
		expect(judgeAnswer('order/productfields', json(list, 404), true)).toMatchObject({
			fault: {
				message: 'Servertastic answered order/productfields with HTTP 404',
				uncertain: false,
			},
		});
		expect(judgeAnswer('order/productfields', { statusCode: 200, body: '' }, true)).toMatchObject({
			fault: { message: 'Servertastic sent an empty answer to order/productfields (HTTP 200)' },
		});
		expect(
			judgeAnswer(
				'order/productfields',
				{ statusCode: 200, headers: { 'content-type': 'text/html' }, body: '<p>[1,2</p>' },
				true,
			),
		).toMatchObject({
			fault: {
				message:
					'Servertastic sent an answer to order/productfields that is not JSON (HTTP 200, text/html)',
			},
		});
		expect(judgeAnswer('order/productfields', json({ error: 'Busy' }, 200), true)).toMatchObject({
			fault: { message: 'Servertastic refused order/productfields: Busy' },
		});
	});

	it('an API error message never carries a PEM block on', () => {
		const message =
			'Bad csr -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY----- and -----BEGIN CERTIFICATE REQUEST-----\nMIIB';
		expect(judgeAnswer('order/place', json({ error: { code: -1, message } }), false)).toMatchObject(
			{
				fault: {
					message:
						'Servertastic refused order/place: Bad csr [PEM block not shown] and [PEM block not shown]',
				},
			},
		);
	});

	it('an object answer is unchanged', () => {
		expect(judgeAnswer('order/review', json({ success: 'Review Order' }), false)).toEqual({
			answer: { success: 'Review Order' },
		});
	});
});

describe('quotable: the start of an unreadable answer', () => {
	it('strips tags and shortens', () => {
		expect(quotable('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway');
		expect(quotable('x'.repeat(500))).toHaveLength(120);
	});

	it('never quotes key material: it stops at a PEM block or a private_key field', () => {
		const cut =
			'{"success":"Order placed","reseller_order_id":"1","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg';
		expect(quotable(cut)).toBe(
			'{"success":"Order placed","reseller_order_id":"1"," [the rest is not shown: it may hold a key]',
		);
		expect(quotable('<private_key>MIIEvQIBADANBg</private_key>')).not.toContain('MIIE');
		expect(quotable('Order placed -----BEGIN RSA PRIVATE KEY----- MIIEpAIBAAKCAQEA')).toBe(
			'Order placed [the rest is not shown: it may hold a key]',
		);
	});
});

describe('judgeAnswer: what may be sent again', () => {
	it('429 is a definite refusal that may be sent again, after the Retry-After it names', () => {
		const limited = judgeAnswer(
			'order/review',
			{ statusCode: 429, headers: { 'retry-after': '3' }, body: '' },
			false,
		);
		expect(limited).toEqual({
			fault: expect.objectContaining({ httpCode: 429, uncertain: false, retry: { afterMs: 3000 } }),
		});
	});

	it('an API error body with a 5xx may be sent again; with a 4xx or 200 it may not', () => {
		const busy = judgeAnswer(
			'order/review',
			json({ error: { code: -500, message: 'Database away' } }, 503),
			false,
		);
		expect(busy).toMatchObject({ fault: { uncertain: false, retry: {} } });
		const refused = judgeAnswer(
			'order/review',
			json({ error: { code: -2, message: 'Invalid order token' } }, 400),
			false,
		);
		expect(refused).toMatchObject({ fault: { uncertain: false, retry: undefined } });
		expect(judgeAnswer('order/review', json({ error: 'Busy' }, 200), false)).toMatchObject({
			fault: { retry: undefined },
		});
	});

	it('a bare 4xx is definite and final; a bare 5xx may have taken effect', () => {
		expect(judgeAnswer('order/place', json({ nothing: 1 }, 404), false)).toMatchObject({
			fault: { uncertain: false, retry: undefined },
		});
		expect(judgeAnswer('order/place', json({ nothing: 1 }, 502), false)).toMatchObject({
			fault: { uncertain: true, retry: {} },
		});
	});
});

describe('networkFailure: whether a request without an answer may have taken effect', () => {
	it.each([
		['ECONNREFUSED', 'the connection was refused', false],
		['ENOTFOUND', 'the host name could not be resolved', false],
		['ECONNRESET', 'the connection was reset', true],
		['ETIMEDOUT', 'no answer within 30 s', true],
		['ERR_BAD_RESPONSE', 'the connection broke off during the answer', true],
	])('%s', (code, reason, uncertain) => {
		expect(networkFailure({ cause: { code } }, 30_000)).toEqual({ reason, uncertain });
	});

	it('anything else may have reached the API', () => {
		expect(networkFailure(new Error('boom'), 1000)).toEqual({
			reason: 'the request failed before an answer arrived',
			uncertain: true,
		});
	});
});

describe('retryAfterMs', () => {
	it('reads seconds or an HTTP date, never a negative wait', () => {
		expect(retryAfterMs('2', 0)).toBe(2000);
		expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
		expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 20_000)).toBe(0);
		expect(retryAfterMs('soon', 0)).toBeUndefined();
		expect(retryAfterMs(undefined, 0)).toBeUndefined();
	});
});
