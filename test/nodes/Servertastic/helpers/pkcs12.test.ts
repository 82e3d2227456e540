import { createHmac, createPrivateKey, createPublicKey, X509Certificate } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createSecureContext } from 'tls';

import {
	children,
	parseDer,
	readInteger,
	valueBytes,
} from '../../../../nodes/Servertastic/helpers/der';
import {
	generateKeys,
	KEY_SPECS,
	privateKeyPem,
} from '../../../../nodes/Servertastic/helpers/keyPair';
import { buildPfx, pkcs12Kdf, PFX_ITERATIONS } from '../../../../nodes/Servertastic/helpers/pkcs12';
import { makePki, openssl, opensslResult, type Pki } from '../../../fixtures/pki';

let pki: Pki;
beforeAll(() => {
	pki = makePki('Pfx', 1);
});
afterAll(() => pki.close());

/** A key and an openssl-issued certificate for it. */
async function keyAndCertificate(keyType: keyof typeof KEY_SPECS) {
	const keys = await generateKeys(KEY_SPECS[keyType]);
	const keyPem = privateKeyPem(keys.privateKey);
	const keyPath = pki.file(`${keyType}.key`, keyPem);
	const csr = openssl(['req', '-new', '-key', keyPath, '-subj', '/CN=www.example.com']);
	return { keys, keyPem, certificate: pki.issue(csr, ['www.example.com']) };
}

const der = (pem: string) => new X509Certificate(pem).raw;

describe('pkcs12Kdf', () => {
	it.each(['openssl-made', 'pässwörd 🙂'])(
		'derives the MAC key of a PFX openssl made (password %s)',
		async (password) => {
			const { keyPem, certificate } = await keyAndCertificate('ecP256');
			const pfxPath = join(pki.dir, 'openssl.pfx');
			openssl([
				'pkcs12',
				'-export',
				'-inkey',
				pki.file('k.pem', keyPem),
				'-in',
				pki.file('c.pem', certificate),
				'-macalg',
				'sha256',
				'-passout',
				`pass:${password}`,
				'-out',
				pfxPath,
			]);
			const [, authSafe, macData] = children(parseDer(readFileSync(pfxPath)));
			const content = valueBytes(children(children(authSafe)[1])[0]);
			const [digestInfo, salt, iterations] = children(macData);
			const digest = valueBytes(children(digestInfo)[1]);
			const key = pkcs12Kdf(password, valueBytes(salt), 3, Number(readInteger(iterations)), 32);
			expect(createHmac('sha256', key).update(content).digest().equals(digest)).toBe(true);
		},
	);
});

describe('buildPfx', () => {
	it.each(['rsa2048', 'ecP256', 'ecP384'] as const)(
		'%s: openssl verifies the MAC and reads the key and every certificate; Node loads it',
		async (keyType) => {
			const { keys, keyPem, certificate } = await keyAndCertificate(keyType);
			const password = 'Pässword-1';
			const pfx = await buildPfx({
				privateKey: keys.privateKey,
				certificates: [der(certificate), der(pki.intermediates[0])],
				password,
				friendlyName: 'www.example.com',
			});
			const path = pki.file(`${keyType}.pfx`, pfx);
			const read = opensslResult([
				'pkcs12',
				'-in',
				path,
				'-passin',
				`pass:${password}`,
				'-info',
				'-nodes',
			]);
			expect(read.ok).toBe(true);
			expect(read.output).toContain(`MAC: sha256, Iteration ${PFX_ITERATIONS}`);
			expect(read.output).toContain('MAC length: 32, salt length: 16');
			expect(
				read.output.match(/PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256/g),
			).toHaveLength(2);
			expect(read.output).toContain('friendlyName: www.example.com');
			const certificates = [
				...read.output.matchAll(/-----BEGIN CERTIFICATE-----[^]*?-----END CERTIFICATE-----/g),
			].map((m) => new X509Certificate(m[0]).fingerprint256);
			expect(certificates).toEqual(
				[certificate, pki.intermediates[0]].map((pem) => new X509Certificate(pem).fingerprint256),
			);
			const key = /-----BEGIN PRIVATE KEY-----[^]*?-----END PRIVATE KEY-----/.exec(read.output)![0];
			expect(
				createPrivateKey(key)
					.export({ type: 'pkcs8', format: 'der' })
					.equals(createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' })),
			).toBe(true);
			// openssl's own full check: it reads the PFX without -info and prints no error.
			expect(
				opensslResult(['pkcs12', '-in', path, '-passin', `pass:${password}`, '-noout']).ok,
			).toBe(true);
			// Node (OpenSSL's PKCS12_parse) loads it as a TLS identity with the password only.
			expect(() => createSecureContext({ pfx, passphrase: password })).not.toThrow();
			expect(() => createSecureContext({ pfx, passphrase: 'wrong' })).toThrow();
			const wrong = opensslResult(['pkcs12', '-in', path, '-passin', 'pass:wrong', '-noout']);
			expect(wrong.ok).toBe(false);
			expect(wrong.output).toMatch(/Mac verify error/i);
			expect(
				createPublicKey(key)
					.export({ type: 'spki', format: 'der' })
					.equals(
						new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' }),
					),
			).toBe(true);
		},
	);

	it('uses fresh salts and IVs each time, and the iteration count asked for', async () => {
		const { keys, certificate } = await keyAndCertificate('ecP256');
		const input = {
			privateKey: keys.privateKey,
			certificates: [der(certificate)],
			password: 'secret-1',
			iterations: 2048,
		};
		const [first, second] = [await buildPfx(input), await buildPfx(input)];
		expect(first.equals(second)).toBe(false);
		const read = opensslResult([
			'pkcs12',
			'-in',
			pki.file('i.pfx', first),
			'-passin',
			'pass:secret-1',
			'-info',
			'-noout',
		]);
		expect(read.output).toContain('MAC: sha256, Iteration 2048');
		expect(read.output).toContain('Iteration 2048, PRF hmacWithSHA256');
		await expect(buildPfx({ ...input, certificates: [] })).rejects.toThrow(
			'a PKCS#12 file needs the certificate',
		);
	});
});
