import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import {
	CsrError,
	csrKeyProblem,
	parseCsr,
	type ParsedCsr,
} from '../../../../nodes/Servertastic/helpers/csr';
import { children, parseDer, valueBytes } from '../../../../nodes/Servertastic/helpers/der';
import { seededRandom } from '../../../support/random';

// Fixtures come from test/fixtures/csr/make.sh; each *.txt is `openssl req -text -verify` of its CSR.
const FIXTURES = join(__dirname, '../../../fixtures/csr');
const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.csr`), 'utf8');
const FIXTURE_NAMES = readdirSync(FIXTURES)
	.filter((file) => file.endsWith('.csr'))
	.map((file) => file.slice(0, -4))
	.sort();

function pemToDer(pem: string): Buffer {
	return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function derToPem(der: Buffer, label = 'CERTIFICATE REQUEST'): string {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join('\n');
}

function sequence(...parts: Buffer[]): Buffer {
	const body = Buffer.concat(parts);
	const length = body.length < 0x80 ? [body.length] : [0x82, body.length >> 8, body.length & 0xff];
	return Buffer.concat([Buffer.from([0x30, ...length]), body]);
}

/** Parses, insisting that any failure is a CsrError. */
function parseOrCsrError(pem: string): ParsedCsr | CsrError {
	try {
		return parseCsr(pem);
	} catch (error) {
		if (error instanceof CsrError) return error;
		throw new Error(`parseCsr threw ${error?.constructor?.name}: ${error?.message}`);
	}
}

const expectCsrError = (input: string, message?: RegExp) => {
	const result = parseOrCsrError(input);
	expect(result).toBeInstanceOf(CsrError);
	if (message) expect((result as CsrError).message).toMatch(message);
};

describe('fixtures', () => {
	it.each<[string, Partial<ParsedCsr>, RegExp | undefined]>([
		[
			'rsa2048',
			{
				commonName: 'www.example.com',
				subject: {
					C: 'GB',
					ST: 'London',
					L: 'London',
					O: 'Example Ltd',
					OU: 'IT',
					CN: 'www.example.com',
				},
				subjectAltNames: ['www.example.com', 'example.com'],
				publicKey: { algorithm: 'RSA', bits: 2048 },
				signatureAlgorithm: 'sha256WithRSAEncryption',
			},
			undefined,
		],
		[
			'rsa4096',
			{
				commonName: 'shop.example.org',
				subject: { O: 'Example Shop', CN: 'shop.example.org' },
				subjectAltNames: [],
				publicKey: { algorithm: 'RSA', bits: 4096 },
				signatureAlgorithm: 'sha512WithRSAEncryption',
			},
			undefined,
		],
		[
			'ec-p256',
			{
				commonName: 'api.example.net',
				subjectAltNames: ['api.example.net', 'api2.example.net'],
				publicKey: { algorithm: 'EC', curve: 'P-256' },
				signatureAlgorithm: 'ecdsa-with-SHA256',
			},
			undefined,
		],
		[
			'ec-p384',
			{
				commonName: 'secure.example.net',
				subjectAltNames: [],
				publicKey: { algorithm: 'EC', curve: 'P-384' },
				signatureAlgorithm: 'ecdsa-with-SHA384',
			},
			undefined,
		],
		[
			'wildcard',
			{
				commonName: '*.example.com',
				subjectAltNames: ['*.example.com', 'example.com'],
				publicKey: { algorithm: 'RSA', bits: 2048 },
			},
			undefined,
		],
		[
			'utf8-subject',
			{
				commonName: 'www.example.de',
				subject: { C: 'DE', L: 'München', O: 'Bäckerei Müller GmbH', CN: 'www.example.de' },
			},
			undefined,
		],
		[
			'string-types', // PrintableString, T61String, BMPString, IA5String, two CNs, an unknown attribute
			{
				commonName: 'second.example.de',
				subject: {
					C: 'DE',
					O: 'Bäckerei Müller GmbH',
					OU: 'Ωmega Team',
					CN: 'second.example.de',
					emailAddress: 'admin@example.de',
					serialNumber: 'HRB 12345',
					'1.2.3.4': 'custom',
				},
			},
			undefined,
		],
		[
			'sans-only',
			{ commonName: undefined, subject: { O: 'Example Org' }, subjectAltNames: ['example.org'] },
			undefined,
		],
		[
			'empty-subject',
			{ commonName: undefined, subject: {}, subjectAltNames: [] },
			/no common name and no subject alternative names/,
		],
		[
			'rsa-pss-signature',
			{ publicKey: { algorithm: 'RSA', bits: 2048 }, signatureAlgorithm: 'RSASSA-PSS' },
			undefined,
		],
		[
			'rsa-pss-key',
			{ publicKey: { algorithm: 'RSASSA-PSS' }, signatureAlgorithm: 'RSASSA-PSS' },
			/^RSASSA-PSS keys are not accepted/,
		],
		[
			'rsa2047',
			{ publicKey: { algorithm: 'RSA', bits: 2047 } },
			/^RSA key is 2047 bits; at least 2048 are required$/,
		],
		[
			'rsa1024',
			{ publicKey: { algorithm: 'RSA', bits: 1024 } },
			/^RSA key is 1024 bits; at least 2048 are required$/,
		],
		[
			'ec-p521',
			{ publicKey: { algorithm: 'EC', curve: 'P-521' } },
			/^EC curve P-521 is not accepted/,
		],
		[
			'ec-secp256k1',
			{ publicKey: { algorithm: 'EC', curve: 'secp256k1' } },
			/^EC curve secp256k1 is not accepted/,
		],
		[
			'ed25519',
			{
				publicKey: { algorithm: 'Ed25519' },
				signatureAlgorithm: 'Ed25519',
				subjectAltNames: ['ed.example.com'],
			},
			/^Ed25519 keys are not accepted/,
		],
	])('%s parses as expected and the policy answers', (name, expected, problem) => {
		const csr = parseCsr(fixture(name));
		expect(csr).toMatchObject({ ...expected, signatureValid: true });
		if (problem) expect(csrKeyProblem(csr)).toMatch(problem);
		else expect(csrKeyProblem(csr)).toBeUndefined();
	});

	it('every fixture is covered above and none holds a private key', () => {
		expect(FIXTURE_NAMES).toHaveLength(16);
		for (const file of readdirSync(FIXTURES)) {
			expect(readFileSync(join(FIXTURES, file), 'utf8')).not.toMatch(/PRIVATE KEY/);
		}
	});
});

describe('openssl oracle', () => {
	const OPENSSL_NAMES: Record<string, string> = {
		rsaEncryption: 'RSA',
		'id-ecPublicKey': 'EC',
		rsassaPss: 'RSASSA-PSS',
		ED25519: 'Ed25519',
	};

	/** Reads what `openssl req -noout -text -verify` (saved by make.sh) says about a fixture. */
	function oracle(name: string) {
		const text = readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');
		const lines = text.split('\n');
		const subjectStart = lines.findIndex((line) => line.trim() === 'Subject:');
		const subjectEnd = lines.findIndex((line) => line.trim() === 'Subject Public Key Info:');
		const subject: Record<string, string> = {};
		for (const line of lines.slice(subjectStart + 1, subjectEnd)) {
			const [key, ...value] = line.trim().split(' = ');
			if (key) subject[key] = value.join(' = '); // later values win, as in parseCsr
		}
		const sanLine = lines.findIndex((line) => line.includes('X509v3 Subject Alternative Name'));
		const sans = sanLine < 0 ? [] : lines[sanLine + 1].trim().split(', ');
		const keyAlgorithm = /Public Key Algorithm: (\S+)/.exec(text)![1];
		const signatureAlgorithm = [...text.matchAll(/Signature Algorithm: (\S+)/g)].pop()![1];
		return {
			verified: text.includes('self-signature verify OK'),
			subject,
			dnsNames: sans.filter((san) => san.startsWith('DNS:')).map((san) => san.slice(4)),
			keyAlgorithm: OPENSSL_NAMES[keyAlgorithm] ?? keyAlgorithm,
			bits: /Public-Key: \((\d+) bit\)/.exec(text)?.[1],
			curve: (/NIST CURVE: (\S+)/.exec(text) ?? /ASN1 OID: (\S+)/.exec(text))?.[1],
			signatureAlgorithm: OPENSSL_NAMES[signatureAlgorithm] ?? signatureAlgorithm,
		};
	}

	it.each(FIXTURE_NAMES)('%s agrees with openssl', (name) => {
		const csr = parseCsr(fixture(name));
		const expected = oracle(name);
		expect(expected.verified).toBe(true);
		expect(csr.signatureValid).toBe(true);
		expect(csr.subject).toEqual(expected.subject);
		expect(csr.commonName).toBe(expected.subject.CN);
		expect(csr.subjectAltNames).toEqual(expected.dnsNames);
		expect(csr.publicKey.algorithm).toBe(expected.keyAlgorithm);
		if (csr.publicKey.algorithm === 'RSA')
			expect(csr.publicKey).toEqual({ algorithm: 'RSA', bits: Number(expected.bits) });
		if (csr.publicKey.algorithm === 'EC')
			expect(csr.publicKey).toEqual({ algorithm: 'EC', curve: expected.curve });
		expect(csr.signatureAlgorithm).toBe(expected.signatureAlgorithm);
	});
});

describe('PEM handling', () => {
	const pem = fixture('ec-p256');
	const expected = parseCsr(pem);

	it.each([
		[
			'the NEW CERTIFICATE REQUEST label',
			pem.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST'),
		],
		['CRLF line ends', pem.replace(/\n/g, '\r\n')],
		['literal \\n escapes', pem.replace(/\n/g, '\\n')],
		['literal \\r\\n escapes', pem.replace(/\n/g, '\\r\\n')],
		['a JSON string body', JSON.stringify(pem).slice(1, -1)],
		['escaped slashes', pem.replace(/\//g, '\\/').replace(/\n/g, '\\n')],
		['no line breaks in the base64', pem.replace(/\n(?!-----)/g, '')],
		[
			'whitespace scattered in the base64',
			pem
				.split('\n')
				.map((line) => (line.startsWith('-----') ? line : line.replace(/(.{7})/g, '$1 \t')))
				.join('\n'),
		],
		['surrounding whitespace', `\n\n\t  ${pem}  \n\n`],
		['a byte order mark', `\uFEFF${pem}`],
	])('accepts %s', (_name, input) => {
		expect(parseCsr(input)).toEqual(expected);
	});

	it('gives the checked bytes as PEM: 64-character lines, LF line ends, the standard label', () => {
		const der = pemToDer(pem);
		const canonical = derToPem(der).trim();
		expect(expected.pem).toBe(canonical);
		expect(
			canonical
				.split('\n')
				.slice(1, -1)
				.every(
					(line, index, lines) =>
						line.length === (index < lines.length - 1 ? 64 : line.length) && line.length <= 64,
				),
		).toBe(true);
		const oneLine = pem
			.replace(/\n(?!-----)/g, '')
			.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST')
			.replace(/\n/g, '\r\n');
		expect(parseCsr(`  ${oneLine}\r\n`).pem).toBe(canonical);
		expect(parseCsr(pem.replace(/\n/g, '\\n')).pem).toBe(canonical);
		expect(expected.pem).not.toMatch(/\r/);
	});

	it.each([
		['an empty string', '', /No CSR was given/],
		['only whitespace', ' \n\t ', /No CSR was given/],
		['text without a PEM block', 'hello world', /No certificate signing request found/],
		[
			'bare base64 without a PEM block',
			pemToDer(pem).toString('base64'),
			/No certificate signing request found/,
		],
		[
			'a certificate',
			pem.replace(/CERTIFICATE REQUEST/g, 'CERTIFICATE'),
			/This is a certificate, not a certificate signing request/,
		],
		[
			'a trusted certificate',
			pem.replace(/CERTIFICATE REQUEST/g, 'TRUSTED CERTIFICATE'),
			/This is a certificate/,
		],
		[
			'a private key',
			pem.replace(/CERTIFICATE REQUEST/g, 'PRIVATE KEY'),
			/private key.*[Nn]ever paste a private key/,
		],
		[
			'an RSA private key',
			pem.replace(/CERTIFICATE REQUEST/g, 'RSA PRIVATE KEY'),
			/This is a private key/,
		],
		[
			'an encrypted private key',
			pem.replace(/CERTIFICATE REQUEST/g, 'ENCRYPTED PRIVATE KEY'),
			/This is a private key/,
		],
		[
			'a CSR together with its key',
			pem + pem.replace(/CERTIFICATE REQUEST/g, 'EC PRIVATE KEY'),
			/This is a private key/,
		],
		[
			'a wrong PEM label',
			pem.replace(/CERTIFICATE REQUEST/g, 'PUBLIC KEY'),
			/"PUBLIC KEY" PEM block, not a certificate signing request/,
		],
		['two CSRs', pem + pem, /more than one certificate signing request/],
		[
			'a CSR and a certificate',
			pem + pem.replace(/CERTIFICATE REQUEST/g, 'CERTIFICATE'),
			/without other PEM blocks/,
		],
		[
			'a missing END line',
			pem.replace(/-----END.*/, ''),
			/END CERTIFICATE REQUEST----- line is missing/,
		],
		[
			'mismatched BEGIN and END',
			pem.replace('BEGIN CERTIFICATE', 'BEGIN NEW CERTIFICATE'),
			/does not match/,
		],
		[
			'an empty body',
			'-----BEGIN CERTIFICATE REQUEST-----\n\n-----END CERTIFICATE REQUEST-----',
			/The CSR is empty/,
		],
		['a non-base64 character', pem.replace(/\n(?!-)/, '\n!'), /not valid base64/],
		['a dash inside the base64', pem.replace(/\n(?!-)/, '\n-'), /not valid base64/],
		['a stray backslash', pem.replace(/\n(?!-)/, '\n\\t'), /not valid base64/],
		['misplaced padding', pem.replace(/\n(?!-)/, '\n=='), /not valid base64/],
		['a truncated base64 quantum', pem.replace(/\n(?!-)/, '\nA'), /not valid base64/],
		[
			'base64 of plain text',
			derToPem(Buffer.from('hello world, not a CSR')),
			/damaged or is not a certificate signing request/,
		],
		['a 65 KiB input', pem + ' '.repeat(65 * 1024), /larger than 64 KiB/],
		[
			'text before BEGIN',
			`Here is my CSR:\n\n   ${pem}`,
			/^Paste only the certificate signing request: there is other text before its -----BEGIN/,
		],
		[
			'text after END',
			`${pem}\nThanks!\n`,
			/^Paste only the certificate signing request: after its -----END CERTIFICATE REQUEST----- line there is "T" \(U\+0054\)$/,
		],
		[
			'a NUL after END',
			`${pem}\u0000`,
			/after its -----END CERTIFICATE REQUEST----- line there is the control character U\+0000/,
		],
		['a form feed after END', `${pem}\f\n`, /there is the control character U\+000C/],
		['an escape sequence after END', `${pem}\u001b[0m`, /there is the control character U\+001B/],
		[
			'a form feed inside the base64',
			pem.replace(/\n(?!-)/, '\n\f'),
			/^The CSR is not valid base64: it contains the control character U\+000C/,
		],
		[
			'a vertical tab inside the base64',
			pem.replace(/\n(?!-)/, '\n\v'),
			/control character U\+000B/,
		],
		[
			'a no-break space inside the base64',
			pem.replace(/\n(?!-)/, '\n\u00a0'),
			/not valid base64: it contains "\u00a0" \(U\+00A0\)/,
		],
		['a form feed before BEGIN', `\f${pem}`, /other text before its -----BEGIN/],
		['two identical CSR blocks', `${pem}\n${pem}`, /more than one certificate signing request/],
	])('refuses %s', (_name, input, message) => {
		expectCsrError(input, message);
	});

	it('refuses input that is not a string', () => {
		expectCsrError(undefined as unknown as string, /No CSR was given/);
		expectCsrError(42 as unknown as string, /No CSR was given/);
	});

	it('accepts input just under 64 KiB', () => {
		const padded = pem + ' '.repeat(64 * 1024 - pem.length);
		expect(padded.length).toBe(64 * 1024);
		expect(parseCsr(padded)).toEqual(expected);
	});
});

describe('tampering and damage', () => {
	const der = pemToDer(fixture('rsa2048'));
	const [info, , signature] = children(parseDer(der));

	it('notices a flipped bit in the signature', () => {
		for (const name of ['rsa2048', 'ec-p256', 'ed25519', 'rsa-pss-signature']) {
			const damaged = pemToDer(fixture(name));
			damaged[damaged.length - 5] ^= 0x01;
			const csr = parseCsr(derToPem(damaged));
			expect(csr.signatureValid).toBe(false);
			expect(csrKeyProblem(csr)).toBe(
				"The CSR's signature does not verify; it was altered or damaged after it was created",
			);
		}
	});

	it('notices a changed subject', () => {
		const damaged = Buffer.from(der);
		const at = damaged.indexOf('www.example.com');
		expect(at).toBeGreaterThan(info.headerStart);
		expect(at).toBeLessThan(info.end);
		damaged[at] = 'x'.charCodeAt(0);
		const csr = parseCsr(derToPem(damaged));
		expect(csr.commonName).toBe('xww.example.com');
		expect(csr.signatureValid).toBe(false);
		expect(csrKeyProblem(csr)).toMatch(/signature does not verify/);
	});

	it('shows a subject value that is not a string as # and hex (RFC 4514)', () => {
		const damaged = Buffer.from(der);
		const at = damaged.indexOf(Buffer.from('0c024954', 'hex'), info.headerStart); // UTF8String "IT"
		expect(at).toBeGreaterThan(0);
		damaged[at] = 0x04; // now an OCTET STRING
		const csr = parseCsr(derToPem(damaged));
		expect(csr.subject.OU).toBe('#04024954');
		expect(csr.signatureValid).toBe(false);
	});

	it('notices a signature algorithm swapped for another hash', () => {
		const damaged = Buffer.from(der);
		// sha256WithRSAEncryption (…01 01 0b) becomes sha384WithRSAEncryption (…01 01 0c).
		const oid = Buffer.from('2a864886f70d01010b', 'hex');
		const at = damaged.indexOf(oid, info.end);
		damaged[at + oid.length - 1] = 0x0c;
		const csr = parseCsr(derToPem(damaged));
		expect(csr.signatureAlgorithm).toBe('sha384WithRSAEncryption');
		expect(csr.signatureValid).toBe(false);
	});

	it('does not verify a signature made for another kind of key', () => {
		// An ECDSA signature relabelled as sha256WithRSAEncryption would pass a plain
		// verify('sha256', …) with the EC key; the algorithm must match the key type.
		const ec = pemToDer(fixture('ec-p256'));
		const [ecInfo, , ecSignature] = children(parseDer(ec));
		const relabelled = sequence(
			ec.subarray(ecInfo.headerStart, ecInfo.end),
			Buffer.from('300d06092a864886f70d01010b0500', 'hex'),
			ec.subarray(ecSignature.headerStart, ecSignature.end),
		);
		const csr = parseCsr(derToPem(relabelled));
		expect(csr.signatureAlgorithm).toBe('sha256WithRSAEncryption');
		expect(csr.signatureValid).toBe(false);
		// The same bytes with the true algorithm still verify, so the test above is meaningful.
		const original = sequence(
			ec.subarray(ecInfo.headerStart, ecInfo.end),
			Buffer.from('300a06082a8648ce3d040302', 'hex'),
			ec.subarray(ecSignature.headerStart, ecSignature.end),
		);
		expect(parseCsr(derToPem(original)).signatureValid).toBe(true);
	});

	it('explains an unsupported signature algorithm', () => {
		const csr: ParsedCsr = {
			...parseCsr(fixture('rsa2048')),
			signatureAlgorithm: '1.2.840.113549.1.1.4',
			signatureValid: false,
		};
		expect(csrKeyProblem(csr)).toBe(
			'The CSR is signed with 1.2.840.113549.1.1.4, which is not supported',
		);
	});

	it('refuses a version other than 0', () => {
		const damaged = Buffer.from(der);
		const [version] = children(info);
		damaged[version.valueStart] = 1;
		expectCsrError(derToPem(damaged), /version 1; only version 0/);
	});

	it('refuses trailing bytes after the CSR', () => {
		expectCsrError(derToPem(Buffer.concat([der, Buffer.from([0])])), /damaged/);
	});

	it('refuses a signature with unused bits', () => {
		const damaged = Buffer.from(der);
		damaged[signature.valueStart] = 1;
		expectCsrError(derToPem(damaged), /damaged/);
	});

	it('refuses every truncation of a CSR with a CsrError', () => {
		for (const name of ['rsa2048', 'ec-p256', 'rsa-pss-signature']) {
			const full = pemToDer(fixture(name));
			for (let length = 0; length < full.length; length++) {
				expectCsrError(derToPem(full.subarray(0, length)));
			}
		}
	});

	it('refuses random bytes with a CsrError', () => {
		const random = seededRandom(1);
		for (let i = 0; i < 300; i++) {
			const bytes = Buffer.from(
				Array.from({ length: 1 + Math.floor(random() * 600) }, () => Math.floor(random() * 256)),
			);
			if (i % 3 === 0) bytes[0] = 0x30; // start like a SEQUENCE to get past the first check
			expectCsrError(derToPem(bytes));
		}
	});

	it('a public key Node cannot load is a CsrError', () => {
		const ec = pemToDer(fixture('ec-p256'));
		const spki = children(children(parseDer(ec))[0])[2];
		const point = children(spki)[1];
		// Move the EC point off the curve.
		ec[point.end - 1] ^= 0xff;
		expectCsrError(derToPem(ec), /public key \(EC\) could not be read/);
	});

	it('survives 2,000 single-byte mutations: a result or a CsrError, and never a valid signature', () => {
		const random = seededRandom(42);
		let parsed = 0;
		let refused = 0;
		const targets = ['rsa2048', 'ec-p256', 'rsa-pss-signature', 'string-types'].map((name) => {
			const bytes = pemToDer(fixture(name));
			const [signedInfo, , signatureBits] = children(parseDer(bytes));
			return {
				bytes,
				signedInfo,
				signatureValue: valueBytes(signatureBits),
				signatureStart: signatureBits.valueStart,
			};
		});
		for (let i = 0; i < 2000; i++) {
			const target = targets[i % targets.length];
			const mutated = Buffer.from(target.bytes);
			const at = Math.floor(random() * mutated.length);
			mutated[at] = (mutated[at] + 1 + Math.floor(random() * 255)) % 256; // always a different byte
			const result = parseOrCsrError(derToPem(mutated));
			if (result instanceof CsrError) {
				refused++;
				continue;
			}
			parsed++;
			const inSignedData = at >= target.signedInfo.headerStart && at < target.signedInfo.end;
			const inSignature = at >= target.signatureStart;
			if (inSignedData || inSignature)
				expect({ at, valid: result.signatureValid }).toEqual({ at, valid: false });
		}
		expect(parsed).toBeGreaterThan(200);
		expect(refused).toBeGreaterThan(200);
	});
});

describe('csrKeyProblem', () => {
	const base: ParsedCsr = {
		commonName: 'www.example.com',
		subject: { CN: 'www.example.com' },
		subjectAltNames: [],
		publicKey: { algorithm: 'RSA', bits: 2048 },
		signatureAlgorithm: 'sha256WithRSAEncryption',
		signatureValid: true,
		pem: '-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----',
	};

	it.each<[string, Partial<ParsedCsr>, string | undefined]>([
		['RSA 2048', {}, undefined],
		['RSA 3072', { publicKey: { algorithm: 'RSA', bits: 3072 } }, undefined],
		[
			'RSA 2047',
			{ publicKey: { algorithm: 'RSA', bits: 2047 } },
			'RSA key is 2047 bits; at least 2048 are required',
		],
		['EC P-256', { publicKey: { algorithm: 'EC', curve: 'P-256' } }, undefined],
		['EC P-384', { publicKey: { algorithm: 'EC', curve: 'P-384' } }, undefined],
		[
			'EC P-521',
			{ publicKey: { algorithm: 'EC', curve: 'P-521' } },
			'EC curve P-521 is not accepted; use P-256 or P-384',
		],
		[
			'an unknown curve',
			{ publicKey: { algorithm: 'EC', curve: '1.2.3' } },
			'EC curve 1.2.3 is not accepted; use P-256 or P-384',
		],
		[
			'DSA',
			{ publicKey: { algorithm: 'DSA' } },
			'DSA keys are not accepted; use RSA (2048 bits or more) or EC (P-256 or P-384)',
		],
		[
			'an unknown key type',
			{ publicKey: { algorithm: '1.2.3.4' } },
			'1.2.3.4 keys are not accepted; use RSA (2048 bits or more) or EC (P-256 or P-384)',
		],
		[
			'a bad signature',
			{ signatureValid: false },
			"The CSR's signature does not verify; it was altered or damaged after it was created",
		],
		['SANs but no CN', { commonName: undefined, subjectAltNames: ['example.com'] }, undefined],
		[
			'no CN and no SANs',
			{ commonName: undefined },
			'The CSR has no common name and no subject alternative names',
		],
		[
			'a blank CN and a blank SAN',
			{ commonName: ' ', subjectAltNames: [''] },
			'The CSR has no common name and no subject alternative names',
		],
		[
			'a bad signature and a weak key',
			{ signatureValid: false, publicKey: { algorithm: 'RSA', bits: 512 } },
			"The CSR's signature does not verify; it was altered or damaged after it was created",
		],
	])('%s', (_name, change, problem) => {
		expect(csrKeyProblem({ ...base, ...change })).toBe(problem);
	});
});
