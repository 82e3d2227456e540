// Key pairs for a new CSR, made with node:crypto. generateKeyPair runs in libuv's thread pool, so an
// RSA 4096 key (seconds) does not hold up the event loop.
import { createHash, generateKeyPair, type KeyObject } from 'crypto';

export const KEY_TYPES = ['rsa2048', 'rsa3072', 'rsa4096', 'ecP256', 'ecP384'] as const;
export type KeyTypeChoice = (typeof KEY_TYPES)[number];

export type KeySpec =
	| { keyType: 'RSA'; keySize: 2048 | 3072 | 4096 }
	| { keyType: 'EC'; curve: 'P-256' | 'P-384' };

export const KEY_SPECS: Record<KeyTypeChoice, KeySpec> = {
	rsa2048: { keyType: 'RSA', keySize: 2048 },
	rsa3072: { keyType: 'RSA', keySize: 3072 },
	rsa4096: { keyType: 'RSA', keySize: 4096 },
	ecP256: { keyType: 'EC', curve: 'P-256' },
	ecP384: { keyType: 'EC', curve: 'P-384' },
};

export interface KeyPair {
	publicKey: KeyObject;
	privateKey: KeyObject;
}

export async function generateKeys(spec: KeySpec): Promise<KeyPair> {
	return await new Promise((resolve, reject) => {
		const done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) =>
			error ? reject(error) : resolve({ publicKey, privateKey });
		if (spec.keyType === 'RSA') {
			generateKeyPair('rsa', { modulusLength: spec.keySize, publicExponent: 0x10001 }, done);
		} else {
			generateKeyPair('ec', { namedCurve: spec.curve }, done);
		}
	});
}

/** PKCS#8 PEM; with a passphrase, encrypted (PBES2, AES-256-CBC) as OpenSSL writes it. */
export function privateKeyPem(privateKey: KeyObject, passphrase?: string): string {
	const exported = passphrase
		? privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
		: privateKey.export({ type: 'pkcs8', format: 'pem' });
	return exported.toString();
}

/** SHA-256 of the public key's SubjectPublicKeyInfo DER, hex: the usual key pin. */
export function publicKeySha256(publicKey: KeyObject): string {
	return createHash('sha256')
		.update(publicKey.export({ type: 'spki', format: 'der' }))
		.digest('hex');
}
