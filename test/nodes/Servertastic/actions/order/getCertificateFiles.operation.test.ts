import { createPrivateKey, createPublicKey, X509Certificate } from 'crypto';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	makePki,
	openssl,
	opensslResult,
	tamperedSignature,
	type Pki,
} from '../../../../fixtures/pki';
import { serialiseEverything } from '../../../../harness';
import { CERT_DAYS, type Simulator } from '../../../../simulator';
import { runServertastic } from '../../../../support/servertastic';
import { expectNoSecret, useSimulator } from '../../../../support/readChecks';
import { filesOf, generateKeyAndCsr, placeAndIssue, reviewWith } from './certificateFiles.support';

const currentSimulator = useSimulator();
let simulator: Simulator;
let pki: Pki;
beforeAll(() => {
	pki = makePki('Files', 2);
});
afterAll(() => pki.close());
beforeEach(() => {
	simulator = currentSimulator();
});

const PFX_PASSWORD = 'pfx-Pässword 1';
const getFiles = (orderToken: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'getCertificateFiles',
	orderToken,
	...extra,
});
const withKeyText = (privateKey: string, extra: INodeParameters = {}): INodeParameters => ({
	privateKeySource: 'text',
	privateKey,
	pfxPassword: PFX_PASSWORD,
	...extra,
});

/** openssl reads the PFX with the password, verifying its MAC, and lists what it holds. */
function checkPfx(pfx: Buffer, keyPem: string, certificates: string[]): string {
	const path = pki.file(`check-${Date.now()}.pfx`, pfx);
	const read = opensslResult([
		'pkcs12',
		'-in',
		path,
		'-passin',
		`pass:${PFX_PASSWORD}`,
		'-info',
		'-nodes',
	]);
	expect(read.ok).toBe(true);
	const info = read.output;
	expect(info).toContain('MAC: sha256, Iteration 10000');
	expect(info).toContain(
		'PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256',
	);
	expect(info).toContain(
		'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256',
	);
	const inside = [
		...info.matchAll(/-----BEGIN CERTIFICATE-----[^]*?-----END CERTIFICATE-----/g),
	].map((m) => new X509Certificate(m[0]).fingerprint256);
	expect(inside).toEqual(certificates.map((pem) => new X509Certificate(pem).fingerprint256));
	const key = /-----BEGIN PRIVATE KEY-----[^]*?-----END PRIVATE KEY-----/.exec(info)![0];
	const spki = (text: string) =>
		createPublicKey(createPrivateKey(text)).export({ type: 'spki', format: 'der' });
	expect(spki(key).equals(spki(keyPem))).toBe(true);
	// A wrong password fails the MAC check.
	const wrong = opensslResult([
		'pkcs12',
		'-in',
		path,
		'-passin',
		'pass:wrong-password',
		'-info',
		'-nodes',
	]);
	expect(wrong.ok).toBe(false);
	expect(wrong.output).toMatch(/Mac verify error/i);
	return info;
}

describe('Order → Get Certificate Files inside n8n', () => {
	it('a simulator-issued order and the key from Generate Key and CSR: every file, each checked by openssl; the facts', async () => {
		const generated = await generateKeyAndCsr(simulator, {
			keyType: 'ecP256',
			commonName: 'shop.example.com',
			sanDomains: 'api.example.com',
		});
		const token = await placeAndIssue(simulator, String(generated.json.csr));
		const result = await runServertastic(
			simulator,
			getFiles(token, withKeyText(String(generated.json.privateKey))),
		);
		expect(result.status).toBe('success');
		const [item] = result.success;
		expect(item.pairedItem).toEqual({ item: 0 });
		const files = filesOf(item);
		expect(Object.keys(files).sort()).toEqual([
			'certificate',
			'chain',
			'fullchain',
			'key',
			'p7b',
			'pfx',
		]);
		expect(item.json.files).toEqual([
			'certificate.pem',
			'chain.pem',
			'fullchain.pem',
			'certificate.p7b',
			'key.pem',
			'certificate.pfx',
		]);
		expect(Object.values(item.binary!).map((file) => [file.fileName, file.mimeType])).toEqual([
			['certificate.pem', 'application/x-pem-file'],
			['chain.pem', 'application/x-pem-file'],
			['fullchain.pem', 'application/x-pem-file'],
			['certificate.p7b', 'application/x-pkcs7-certificates'],
			['key.pem', 'application/x-pem-file'],
			['certificate.pfx', 'application/x-pkcs12'],
		]);
		const order = simulator.getOrder(token)!;
		const root = order.caCerts!.find((ca) => ca.type === 'ROOT')!.certificate;
		const intermediate = order.caCerts!.find((ca) => ca.type === 'INTERMEDIATE')!.certificate;
		const certificate = files.certificate.toString();
		expect(new X509Certificate(certificate).fingerprint256).toBe(
			new X509Certificate(order.certificate!).fingerprint256,
		);
		expect(files.chain.toString()).toBe(openssl(['x509'], intermediate));
		expect(files.fullchain.toString()).toBe(certificate + files.chain.toString());
		const rootPath = pki.file('sim-root.pem', root);
		const chainPath = pki.file('sim-chain.pem', files.chain);
		expect(openssl(['verify', '-CAfile', rootPath, '-untrusted', chainPath], certificate)).toBe(
			'stdin: OK\n',
		);
		expect(openssl(['pkcs7', '-print_certs'], files.p7b)).toContain(
			'subject=CN = shop.example.com',
		);
		expect(files.key.toString()).toBe(generated.json.privateKey);
		checkPfx(files.pfx, String(generated.json.privateKey), [certificate, files.chain.toString()]);

		const x509 = new X509Certificate(certificate);
		const fingerprint = openssl(['x509', '-noout', '-fingerprint', '-sha256'], certificate)
			.trim()
			.split('=')[1];
		expect(item.json).toMatchObject({
			orderToken: token,
			status: 'Completed',
			domain: 'shop.example.com',
			commonName: 'shop.example.com',
			subject: 'CN=shop.example.com',
			// The names the order was placed for, with the simulator's free www add-on.
			sans: ['shop.example.com', 'www.shop.example.com'],
			issuer: x509.issuer.replace(/\n/g, ', '),
			serialNumber: openssl(['x509', '-noout', '-serial'], certificate).trim().split('=')[1],
			notBefore: new Date(x509.validFrom).toISOString(),
			notAfter: order.expiryDate!.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
			sha256Fingerprint: fingerprint,
			publicKeySha256: generated.json.publicKeySha256,
			chainSubjects: [x509.issuer.replace(/\n/g, ', ')],
			leftOutCertificates: [],
			keyMatchesCertificate: true,
		});
		// Issued just now for CERT_DAYS days: whole days left, rounded down.
		expect([CERT_DAYS - 1, CERT_DAYS]).toContain(item.json.daysRemaining);
		// One review, nothing else; the key is in key.pem and the PFX only.
		expect(simulator.requests.map((request) => request.call)).toEqual(['order/review']);
		expect(serialiseEverything(item.json)).not.toContain('PRIVATE KEY');
		expectNoSecret(result);
	});

	it('without a key: the certificate files only, keyMatchesCertificate null', async () => {
		const generated = await generateKeyAndCsr(simulator, {
			keyType: 'rsa2048',
			commonName: 'www.example.com',
		});
		const token = await placeAndIssue(simulator, String(generated.json.csr));
		const result = await runServertastic(simulator, getFiles(token, { privateKeySource: 'none' }));
		const [item] = result.success;
		expect(Object.keys(item.binary!)).toEqual(['certificate', 'chain', 'fullchain', 'p7b']);
		expect(item.json.keyMatchesCertificate).toBeNull();
		expect(item.json.publicKeySha256).toBe(generated.json.publicKeySha256);
	});

	it('the key from the previous step as a binary property, encrypted: key.pem stays encrypted unless asked otherwise', async () => {
		const generated = await generateKeyAndCsr(simulator, {
			keyType: 'ecP384',
			commonName: 'www.example.com',
			options: { privateKeyPassphrase: 'key passphrase' },
		});
		const token = await placeAndIssue(simulator, String(generated.json.csr));
		const inputData: INodeExecutionData[] = [{ json: generated.json, binary: generated.binary }];
		const params = {
			privateKeySource: 'binary',
			privateKeyPassphrase: 'key passphrase',
			pfxPassword: PFX_PASSWORD,
		};
		const kept = await runServertastic(simulator, getFiles(token, params), { inputData });
		expect(kept.status).toBe('success');
		const keptKey = filesOf(kept.success[0]).key.toString();
		expect(keptKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
		expect(openssl(['pkey', '-passin', 'pass:key passphrase', '-pubout'], keptKey)).toBe(
			openssl(
				['pkey', '-passin', 'pass:key passphrase', '-pubout'],
				String(generated.json.privateKey),
			),
		);
		const plain = await runServertastic(
			simulator,
			getFiles(token, { ...params, options: { unencryptedKeyFile: true } }),
			{ inputData },
		);
		expect(filesOf(plain.success[0]).key.toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
		checkPfx(filesOf(plain.success[0]).pfx, filesOf(plain.success[0]).key.toString(), [
			filesOf(plain.success[0]).certificate.toString(),
			filesOf(plain.success[0]).chain.toString(),
		]);
	});

	it('an openssl PKI with two intermediates listed top first: chain.pem in server order, the root only when asked', async () => {
		const generated = await generateKeyAndCsr(simulator, {
			keyType: 'rsa2048',
			commonName: 'www.example.com',
			sanDomains: 'example.com',
		});
		const leaf = pki.issue(String(generated.json.csr), ['www.example.com', 'example.com']);
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const review = reviewWith({
			leaf,
			intermediates: [...pki.intermediates].reverse(),
			root: pki.root,
		});
		for (const includeRoot of [false, true]) {
			reviewWith.serve(simulator, review);
			const result = await runServertastic(
				simulator,
				getFiles(
					token,
					withKeyText(String(generated.json.privateKey), { options: { includeRoot } }),
				),
			);
			expect(result.status).toBe('success');
			const files = filesOf(result.success[0]);
			const expectedChain = includeRoot ? [...pki.intermediates, pki.root] : pki.intermediates;
			expect(files.chain.toString()).toBe(expectedChain.join(''));
			expect(files.fullchain.toString()).toBe(leaf + expectedChain.join(''));
			expect(
				openssl(
					[
						'verify',
						'-CAfile',
						pki.file('root.pem', pki.root),
						'-untrusted',
						pki.file('c.pem', files.chain),
					],
					files.certificate,
				),
			).toBe('stdin: OK\n');
			checkPfx(files.pfx, String(generated.json.privateKey), [leaf, ...expectedChain]);
			expect(result.success[0].json.chainSubjects).toEqual(
				expectedChain.map((pem) => new X509Certificate(pem).subject.replace(/\n/g, ', ')),
			);
		}
	});

	it('a PKCS#7 given as bare base64 is written as a PKCS7 PEM that openssl reads', async () => {
		const generated = await generateKeyAndCsr(simulator, {
			keyType: 'ecP256',
			commonName: 'www.example.com',
		});
		const leaf = pki.issue(String(generated.json.csr), ['www.example.com']);
		const p7 = openssl([
			'crl2pkcs7',
			'-nocrl',
			'-certfile',
			pki.file('p7.pem', leaf + pki.intermediates.join('')),
		]);
		const bare = p7.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
		reviewWith.serve(
			simulator,
			reviewWith({ leaf, intermediates: pki.intermediates, root: pki.root, pkcs7: bare }),
		);
		const result = await runServertastic(
			simulator,
			getFiles(simulator.createToken({ productCode: 'RapidSSL-12' })),
		);
		const p7b = filesOf(result.success[0]).p7b.toString();
		expect(p7b).toMatch(/^-----BEGIN PKCS7-----\n/);
		expect(openssl(['pkcs7', '-print_certs', '-noout'], p7b)).toContain(
			'subject=CN = www.example.com',
		);
	});

	describe('refusals name the problem; no files, the key never shown', () => {
		const refused = async (
			token: string,
			parameters: INodeParameters,
			options: { inputData?: INodeExecutionData[] } = {},
		) => {
			const result = await runServertastic(simulator, getFiles(token, parameters), {
				...options,
				onError: 'continueErrorOutput',
			});
			expect(result.success).toEqual([]);
			expect(result.errorOutput).toHaveLength(1);
			expect(result.errorOutput[0].binary).toBeUndefined();
			const text = serialiseEverything(result);
			expect(text).not.toMatch(/PRIVATE KEY-----\\n|MI[GHIJ][A-Za-z0-9+/]{40}/);
			return result.errorOutput[0].json as IDataObject;
		};

		it('an order not issued yet, by its status', async () => {
			const token = simulator.createToken({ productCode: 'RapidSSL-12' });
			expect(await refused(token, {})).toEqual({
				error: 'The order is not issued yet (status: Order Placed) [item 0]',
				message: 'No files were made. Get the order again once its status is Completed.',
			});
			const generated = await generateKeyAndCsr(simulator, {
				keyType: 'ecP256',
				commonName: 'www.example.com',
			});
			const placed = await placeAndIssue(simulator, String(generated.json.csr), 1);
			expect((await refused(placed, withKeyText(String(generated.json.privateKey)))).error).toBe(
				'The order is not issued yet (status: Awaiting Customer Verification) [item 0]',
			);
		});

		it('a key that does not match the certificate', async () => {
			const issued = await generateKeyAndCsr(simulator, {
				keyType: 'ecP256',
				commonName: 'www.example.com',
			});
			const other = await generateKeyAndCsr(simulator, {
				keyType: 'ecP256',
				commonName: 'www.example.com',
			});
			const token = await placeAndIssue(simulator, String(issued.json.csr));
			const error = await refused(token, withKeyText(String(other.json.privateKey)));
			expect(error.error).toBe(
				'The private key does not match the certificate "www.example.com": its public key is another one. Give the key the order\'s CSR was made with. [item 0]',
			);
		});

		it('a broken chain: an intermediate of another CA, a leaf its named issuer did not sign, a missing root', async () => {
			const generated = await generateKeyAndCsr(simulator, {
				keyType: 'ecP256',
				commonName: 'www.example.com',
			});
			const leaf = pki.issue(String(generated.json.csr), ['www.example.com']);
			const token = simulator.createToken({ productCode: 'RapidSSL-12' });
			const stranger = makePki('Stranger', 1);
			try {
				reviewWith.serve(
					simulator,
					reviewWith({ leaf, intermediates: stranger.intermediates, root: stranger.root }),
				);
				expect((await refused(token, {})).error).toMatch(
					/^The chain is broken: none of the CA certificates the API gave issued the certificate "www.example.com" \(its issuer: C=GB, O=Files PKI \(tests only\), CN=Files Intermediate CA 2\) \[item 0\]$/,
				);
				// The issuer is named (and its key id matches), the signature does not verify.
				reviewWith.serve(
					simulator,
					reviewWith({
						leaf: tamperedSignature(leaf),
						intermediates: pki.intermediates,
						root: pki.root,
					}),
				);
				expect((await refused(token, {})).error).toBe(
					'The chain is broken: the CA certificate "Files Intermediate CA 2" did not sign "www.example.com": the signature does not verify [item 0]',
				);
				reviewWith.serve(
					simulator,
					reviewWith({
						leaf,
						intermediates: [tamperedSignature(pki.intermediates[0]), pki.intermediates[1]],
						root: pki.root,
					}),
				);
				expect((await refused(token, {})).error).toBe(
					'The chain is broken: the CA certificate "Files Intermediate CA 1" did not sign "Files Intermediate CA 2": the signature does not verify [item 0]',
				);
				reviewWith.serve(
					simulator,
					reviewWith({ leaf, intermediates: pki.intermediates, root: stranger.root }),
				);
				expect((await refused(token, { options: { includeRoot: true } })).error).toBe(
					'No root certificate the API gave signed "Files Intermediate CA 1", so the chain cannot end in its root [item 0]',
				);
			} finally {
				stranger.close();
			}
		});

		it('unreadable certificates: the fake PEM blocks of the documented example', async () => {
			const token = simulator.createToken({ productCode: 'RapidSSL-12' });
			reviewWith.serve(simulator, reviewWith({}));
			expect((await refused(token, {})).error).toBe(
				"The order's certificate is not a readable X.509 certificate [item 0]",
			);
		});

		it('key problems before any request: not a key, encrypted without or with a wrong passphrase, a short PFX password, no binary property', async () => {
			const generated = await generateKeyAndCsr(simulator, {
				keyType: 'ecP256',
				commonName: 'www.example.com',
				options: { privateKeyPassphrase: 'right one' },
			});
			const key = String(generated.json.privateKey);
			const token = simulator.createToken({ productCode: 'RapidSSL-12' });
			simulator.reset();
			const cases: Array<[INodeParameters, string]> = [
				[
					withKeyText(String(generated.json.csr)),
					'The private key is not a PEM private key: expected -----BEGIN PRIVATE KEY----- (or ENCRYPTED, RSA or EC PRIVATE KEY)',
				],
				[
					withKeyText(key),
					"The private key is encrypted: give its passphrase in 'Private Key Passphrase'",
				],
				[
					withKeyText(key, { privateKeyPassphrase: 'wrong one' }),
					'The private key could not be decrypted: the passphrase is wrong or the key is damaged',
				],
				[
					withKeyText(key, { privateKeyPassphrase: 'right one', pfxPassword: 'abc' }),
					"'PFX Password' must be at least 4 characters long",
				],
				[
					{
						privateKeySource: 'binary',
						privateKeyBinaryProperty: 'nokey',
						pfxPassword: PFX_PASSWORD,
					},
					'The input item has no binary property "nokey" holding the private key',
				],
			];
			for (const [parameters, message] of cases) {
				const error = await refused(token, parameters);
				expect(error.error).toBe(`${message} [item 0]`);
				expect(serialiseEverything(error)).not.toContain('wrong one');
			}
			expect(simulator.requests).toEqual([]);
		});
	});
});
