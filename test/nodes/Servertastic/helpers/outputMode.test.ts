import {
	fieldList,
	fieldTitle,
	outputChoiceProblem,
	type OutputSpec,
	shapeOutput,
} from '../../../../nodes/Servertastic/helpers/outputMode';

const spec: OutputSpec = {
	keys: ['orderToken', 'status', 'domain', 'csr', 'privateKey', 'privateKeyNotice'],
	simple: ['orderToken', 'status', 'domain', 'privateKey', 'privateKeyNotice'],
	alwaysKept: ['privateKey', 'privateKeyNotice'],
	rawExtras: ['privateKeyNotice'],
};
const answer = { success: 'Order placed', order_status: 'Awaiting', private_key: 'KEY' };
const item = {
	orderToken: 't1',
	status: 'Awaiting',
	domain: 'example.com',
	csr: 'CSR',
	privateKey: 'KEY',
	privateKeyNotice: 'shown once',
	response: answer,
};

describe('shapeOutput', () => {
	it('Simplified: exactly the simple keys in their order, never the raw answer; an absent key is null', () => {
		const simple = shapeOutput(
			spec,
			{ mode: 'simple', fields: [] },
			{ ...item, domain: undefined },
		);
		expect(Object.keys(simple)).toEqual(spec.simple);
		expect(simple.domain).toBeNull();
		expect(simple).not.toHaveProperty('response');
		expect(simple).not.toHaveProperty('csr');
	});

	it("Raw: the API's answer as it came, plus the raw extras that hold a value", () => {
		expect(shapeOutput(spec, { mode: 'raw', fields: [] }, item)).toEqual({
			...answer,
			privateKeyNotice: 'shown once',
		});
		const plain = shapeOutput(
			spec,
			{ mode: 'raw', fields: [] },
			{ ...item, privateKeyNotice: null },
		);
		expect(plain).toEqual(answer);
		// The answer itself, not a copy with tidy keys mixed in.
		expect(plain).toBe(answer);
	});

	it('Selected Fields: the chosen keys in output order; the always-kept keys stay while they hold a value', () => {
		const chosen = shapeOutput(spec, { mode: 'selected', fields: ['domain', 'orderToken'] }, item);
		expect(chosen).toEqual({
			orderToken: 't1',
			domain: 'example.com',
			privateKey: 'KEY',
			privateKeyNotice: 'shown once',
		});
		const noKey = shapeOutput(
			spec,
			{ mode: 'selected', fields: ['csr'] },
			{ ...item, privateKey: null, privateKeyNotice: null },
		);
		expect(noKey).toEqual({ csr: 'CSR' });
	});

	it('the private key is in the output exactly once in every mode', () => {
		for (const mode of ['simple', 'raw', 'selected'] as const) {
			const json = JSON.stringify(shapeOutput(spec, { mode, fields: ['status'] }, item));
			expect({ mode, count: json.split('KEY').length - 1 }).toEqual({ mode, count: 1 });
			expect(json).toContain('shown once');
		}
	});
});

describe('outputChoiceProblem and fieldList', () => {
	it('accepts the three modes; Fields matters only for Selected', () => {
		expect(outputChoiceProblem(spec, 'simple', undefined)).toBeUndefined();
		expect(outputChoiceProblem(spec, 'raw', ['nope'])).toBeUndefined();
		expect(outputChoiceProblem(spec, 'selected', ['status'])).toBeUndefined();
	});

	it('refuses an unknown mode, an empty selection and keys the operation does not output, naming them', () => {
		expect(outputChoiceProblem(spec, 'everything', [])).toMatch(
			/^'Output' must be Simplified, Raw or Selected Fields/,
		);
		expect(outputChoiceProblem(spec, 'selected', [])).toMatch(/^'Fields' is empty/);
		expect(outputChoiceProblem(spec, 'selected', ' , ')).toMatch(/^'Fields' is empty/);
		const problem = outputChoiceProblem(spec, 'selected', ['status', 'response', 'Status']);
		expect(problem).toMatch(/^'Fields' lists "response", "Status", not a field/);
		expect(problem).toContain('choose from orderToken, status, domain');
	});

	it('reads a list or comma-separated text (an expression), trimmed, once each', () => {
		expect(fieldList(['status', ' domain ', 'status'])).toEqual(['status', 'domain']);
		expect(fieldList('status, domain,,status')).toEqual(['status', 'domain']);
		expect(fieldList(undefined)).toEqual([]);
		expect(fieldList(42)).toEqual([]);
	});
});

describe('fieldTitle', () => {
	it.each([
		['resellerOrderId', 'Reseller Order ID'],
		['inviteUrl', 'Invite URL'],
		['csrSource', 'CSR Source'],
		['pkcs7', 'PKCS#7'],
		['sanDomains', 'SAN Domains'],
		['status', 'Status'],
		['privateKeyNotice', 'Private Key Notice'],
	])('%s → %s', (key, title) => {
		expect(fieldTitle(key)).toBe(title);
	});
});
