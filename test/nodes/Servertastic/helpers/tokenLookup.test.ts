import {
	findListedToken,
	isReusedReference,
	lookupFailedText,
	uncertainTokenText,
	withoutQuotedAnswer,
} from '../../../../nodes/Servertastic/helpers/tokenLookup';

describe('tokenLookup: finding a reference in a showtokens answer', () => {
	const answer = {
		unused_tokens: { order_token: [{ token: 'U1', reseller_unique_reference: 'ref-a' }] },
		used_tokens: { order_token: { token: 'D1', reseller_unique_reference: 'ref-b' } },
	};

	it('finds an unused and a used token, and says which', () => {
		expect(findListedToken(answer, 'ref-a')).toMatchObject({ orderToken: 'U1', used: false });
		expect(findListedToken(answer, 'ref-b')).toMatchObject({ orderToken: 'D1', used: true });
	});

	it('gives undefined for a reference neither list holds, and for empty lists', () => {
		expect(findListedToken(answer, 'ref-c')).toBeUndefined();
		expect(findListedToken({ unused_tokens: '', used_tokens: {} }, 'ref-a')).toBeUndefined();
	});
});

describe('tokenLookup: texts', () => {
	it('tells a used reference from other refusals', () => {
		expect(
			isReusedReference({
				message: 'Servertastic refused order/generatetoken: Reseller reference already used',
			}),
		).toBe(true);
		expect(
			isReusedReference({ message: 'Servertastic refused order/generatetoken: Invalid product' }),
		).toBe(false);
	});

	it('never quotes an unreadable answer that may hold the token', () => {
		expect(withoutQuotedAnswer('Not JSON; it began: {"order_token":"SECRET"')).toBe(
			'Not JSON; Its text is not shown: it may hold the order token.',
		);
		expect(withoutQuotedAnswer(undefined)).toBe('');
	});

	it('names the item and the reference when the lookup fails', () => {
		const text = lookupFailedText('custom', 'mine-1', { message: 'timeout' }, 3);
		expect(text.message).toBe(
			'A token with the reseller reference mine-1 already exists and could not be looked up: timeout [item 3]',
		);
	});

	it('after a lost answer with a random reference, warns that a re-run may buy twice', () => {
		const facts = {
			mode: 'random' as const,
			reference: 'n8n-rnd-1',
			productCode: 'RapidSSL-12',
			ifReferenceUsed: 'returnExisting' as const,
		};
		const text = uncertainTokenText({ message: 'reset', description: 'No answer.' }, facts);
		expect(text).toEqual({
			message: 'reset',
			description:
				'No answer. The token may have been generated all the same. With a random reference, running it again may buy a second token: look in Order → Get Many Tokens first.',
		});
		const derived = uncertainTokenText(
			{ message: 'reset' },
			{ ...facts, mode: 'derived', otherProduct: 'RapidSSL-24' },
		);
		expect(derived.description).toContain(
			'lists the reseller reference n8n-rnd-1 for RapidSSL-24, not RapidSSL-12',
		);
		expect(derived.description).toContain('and the re-run returns the token if it exists');
	});
});
