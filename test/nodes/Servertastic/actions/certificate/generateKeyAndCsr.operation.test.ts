import { createHash, createPrivateKey, createPublicKey } from 'crypto';

import type { INodeParameters } from 'n8n-workflow';

import { parseCsr } from '../../../../../nodes/Servertastic/helpers/csr';
import { opensslResult } from '../../../../fixtures/pki';
import { serialiseEverything } from '../../../../harness';
import { runServertastic } from '../../../../support/servertastic';
import { expectNoSecret, useSimulator } from '../../../../support/readChecks';

const simulator = useSimulator();

const generate = (extra: INodeParameters): INodeParameters => ({
	resource: 'certificate',
	operation: 'generateKeyAndCsr',
	...extra,
});
const fileText = (data: string) => Buffer.from(data, 'base64').toString('utf8');

describe('Certificate → Generate Key and CSR inside n8n', () => {
	it.each([
		['rsa2048', 'RSA', 2048, null],
		['rsa3072', 'RSA', 3072, null],
		['rsa4096', 'RSA', 4096, null],
		['ecP256', 'EC', null, 'P-256'],
		['ecP384', 'EC', null, 'P-384'],
	])(
		'%s: the CSR (accepted by openssl and our reader), the PKCS#8 key, both as files; nothing sent',
		async (keyType, type, size, curve) => {
			const result = await runServertastic(
				simulator(),
				generate({
					keyType,
					commonName: 'WWW.Example.com',
					sanDomains: 'shop.example.com, api.example.com',
					subject: {
						organisation: 'Example Ltd',
						organisationalUnit: 'IT',
						locality: 'London',
						state: 'Greater London',
						country: 'gb',
						email: 'certs@example.com',
					},
				}),
			);
			expect(result.status).toBe('success');
			const [item] = result.success;
			expect(item.pairedItem).toEqual({ item: 0 });
			const json = item.json;
			expect(json).toEqual({
				commonName: 'www.example.com',
				domains: ['www.example.com', 'shop.example.com', 'api.example.com'],
				subject: {
					commonName: 'www.example.com',
					organisation: 'Example Ltd',
					organisationalUnit: 'IT',
					locality: 'London',
					state: 'Greater London',
					country: 'GB',
					email: 'certs@example.com',
				},
				keyType: type,
				keySize: size,
				curve,
				publicKeySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
				csr: expect.stringMatching(/^-----BEGIN CERTIFICATE REQUEST-----\n/),
				privateKey: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n/),
				privateKeyEncrypted: false,
			});
			const csr = String(json.csr);
			const verify = opensslResult(
				['req', '-verify', '-noout', '-subject', '-nameopt', 'RFC2253'],
				csr,
			);
			expect(verify.output).toContain('self-signature verify OK');
			expect(verify.output).toContain(
				'subject=emailAddress=certs@example.com,CN=www.example.com,OU=IT,O=Example Ltd,L=London,ST=Greater London,C=GB',
			);
			const parsed = parseCsr(csr);
			expect(parsed.signatureValid).toBe(true);
			expect(parsed.subjectAltNames).toEqual(json.domains);
			// The key is the CSR's; publicKeySha256 is the SHA-256 of its SPKI.
			const spki = createPublicKey(createPrivateKey(String(json.privateKey))).export({
				type: 'spki',
				format: 'der',
			});
			expect(createHash('sha256').update(spki).digest('hex')).toBe(json.publicKeySha256);
			expect(
				opensslResult(['pkey', '-pubout', '-outform', 'DER'], String(json.privateKey)).ok,
			).toBe(true);
			expect(Object.keys(item.binary!)).toEqual(['csr', 'key']);
			expect(item.binary!.csr).toMatchObject({
				fileName: 'csr.pem',
				mimeType: 'application/x-pem-file',
			});
			expect(item.binary!.key).toMatchObject({
				fileName: 'key.pem',
				mimeType: 'application/x-pem-file',
			});
			expect(fileText(item.binary!.csr.data)).toBe(csr);
			expect(fileText(item.binary!.key.data)).toBe(json.privateKey);
			expect(simulator().requests).toEqual([]);
			expectNoSecret(result);
		},
	);

	it('with a passphrase: an encrypted PKCS#8 key (AES-256-CBC) that openssl opens with it only', async () => {
		const result = await runServertastic(
			simulator(),
			generate({
				keyType: 'ecP256',
				commonName: 'example.org',
				options: { privateKeyPassphrase: 'correct horse' },
			}),
		);
		const { privateKey, privateKeyEncrypted } = result.success[0].json;
		expect(privateKeyEncrypted).toBe(true);
		expect(privateKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
		const info = opensslResult(['asn1parse'], String(privateKey)).output;
		expect(info).toContain('PBES2');
		expect(info).toContain('aes-256-cbc');
		expect(
			opensslResult(['pkey', '-passin', 'pass:correct horse', '-noout'], String(privateKey)).ok,
		).toBe(true);
		expect(
			opensslResult(['pkey', '-passin', 'pass:wrong horse', '-noout'], String(privateKey)).ok,
		).toBe(false);
		expect(serialiseEverything(result)).not.toContain('correct horse');
	});

	it('many items: each its own key, in input order, from expressions', async () => {
		const names = ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'];
		const result = await runServertastic(
			simulator(),
			generate({ keyType: 'ecP256', commonName: '={{ $json.name }}' }),
			{
				inputItems: names.map((name) => ({ name })),
			},
		);
		expect(result.success.map((item) => item.json.commonName)).toEqual(names);
		expect(result.success.map((item) => item.pairedItem)).toEqual(
			names.map((_, item) => ({ item })),
		);
		expect(new Set(result.success.map((item) => item.json.publicKeySha256)).size).toBe(4);
	});

	it('bad input in any item stops before any key is made, naming the field and the item; Continue sets that item aside', async () => {
		const items = [
			{ name: 'ok.example.com', country: 'GB' },
			{ name: 'bad name.example.com', country: 'Britain' },
		];
		const parameters = generate({
			keyType: 'rsa4096',
			commonName: '={{ $json.name }}',
			subject: { country: '={{ $json.country }}' },
		});
		const started = Date.now();
		const stopped = await runServertastic(simulator(), parameters, { inputItems: items });
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toBe(
			'\'Common Name\' must not contain spaces (got "bad name.example.com") (and 1 more) [item 1]',
		);
		expect(stopped.error?.description).toBe(
			'No key was made. Fix:\n- \'Common Name\' must not contain spaces (got "bad name.example.com")\n- \'Country\' must be a two-letter ISO 3166 country code; did you mean GB? (got "Britain")',
		);
		// No RSA 4096 key was generated for item 0 either.
		expect(Date.now() - started).toBeLessThan(1000);
		const continued = await runServertastic(
			simulator(),
			generate({ ...parameters, keyType: 'ecP256' }),
			{ inputItems: items, onError: 'continueErrorOutput' },
		);
		expect(continued.success.map((item) => item.json.commonName)).toEqual(['ok.example.com']);
		expect(continued.errorOutput.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[
				'\'Common Name\' must not contain spaces (got "bad name.example.com") (and 1 more) [item 1]',
				{ item: 1 },
			],
		]);
		const short = await runServertastic(
			simulator(),
			generate({ commonName: 'example.org', options: { privateKeyPassphrase: 'abc' } }),
		);
		expect(short.error?.message).toBe(
			"'Private Key Passphrase' must be at least 4 characters long [item 0]",
		);
		// The message and description never repeat it (n8n keeps the node's parameters, as for any field).
		expect(
			serialiseEverything({ message: short.error?.message, description: short.error?.description }),
		).not.toContain('abc');
	});
});
