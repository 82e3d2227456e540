// Which signature algorithms a CSR may be signed with, and checking its self-signature with Node's crypto.
import { verify, type KeyObject } from 'crypto';

import {
	TAG,
	children,
	expectChildren,
	expectTag,
	readInteger,
	readOid,
	type DerElement,
} from './der';

// Node's crypto.constants.RSA_PKCS1_PSS_PADDING (fixed by OpenSSL); written out to keep the import list short.
const RSA_PKCS1_PSS_PADDING = 6;
export const RSASSA_PSS = '1.2.840.113549.1.1.10';

const HASHES: Record<string, string> = {
	'1.3.14.3.2.26': 'sha1',
	'2.16.840.1.101.3.4.2.4': 'sha224',
	'2.16.840.1.101.3.4.2.1': 'sha256',
	'2.16.840.1.101.3.4.2.2': 'sha384',
	'2.16.840.1.101.3.4.2.3': 'sha512',
};

interface SignatureScheme {
	name: string;
	hash: string | null; // null: the algorithm hashes internally (EdDSA)
	keyTypes: string[]; // KeyObject.asymmetricKeyType values the scheme may be used with
}
const scheme = (name: string, hash: string | null, ...keyTypes: string[]): SignatureScheme => ({
	name,
	hash,
	keyTypes,
});
export const SIGNATURE_SCHEMES: Record<string, SignatureScheme> = {
	'1.2.840.113549.1.1.5': scheme('sha1WithRSAEncryption', 'sha1', 'rsa'),
	'1.2.840.113549.1.1.14': scheme('sha224WithRSAEncryption', 'sha224', 'rsa'),
	'1.2.840.113549.1.1.11': scheme('sha256WithRSAEncryption', 'sha256', 'rsa'),
	'1.2.840.113549.1.1.12': scheme('sha384WithRSAEncryption', 'sha384', 'rsa'),
	'1.2.840.113549.1.1.13': scheme('sha512WithRSAEncryption', 'sha512', 'rsa'),
	[RSASSA_PSS]: scheme('RSASSA-PSS', null, 'rsa', 'rsa-pss'), // hash comes from the parameters
	'1.2.840.10045.4.1': scheme('ecdsa-with-SHA1', 'sha1', 'ec'),
	'1.2.840.10045.4.3.1': scheme('ecdsa-with-SHA224', 'sha224', 'ec'),
	'1.2.840.10045.4.3.2': scheme('ecdsa-with-SHA256', 'sha256', 'ec'),
	'1.2.840.10045.4.3.3': scheme('ecdsa-with-SHA384', 'sha384', 'ec'),
	'1.2.840.10045.4.3.4': scheme('ecdsa-with-SHA512', 'sha512', 'ec'),
	'1.2.840.10040.4.3': scheme('dsa-with-SHA1', 'sha1', 'dsa'),
	'2.16.840.1.101.3.4.3.1': scheme('dsa-with-SHA224', 'sha224', 'dsa'),
	'2.16.840.1.101.3.4.3.2': scheme('dsa-with-SHA256', 'sha256', 'dsa'),
	'1.3.101.112': scheme('Ed25519', null, 'ed25519'),
	'1.3.101.113': scheme('Ed448', null, 'ed448'),
};
export const SIGNATURE_NAMES = new Set(Object.values(SIGNATURE_SCHEMES).map((known) => known.name));

export function readAlgorithmIdentifier(element: DerElement): {
	oid: string;
	parameters?: DerElement;
} {
	const [oid, parameters] = expectChildren(element, TAG.SEQUENCE, 1, 2, 'algorithm identifier');
	return { oid: readOid(oid), parameters };
}

function readPssParameters(
	parameters: DerElement | undefined,
): { hash: string; saltLength: number } | undefined {
	// The parameters SEQUENCE must be present; its fields default to RFC 4055's sha1 and 20 bytes of salt.
	if (!parameters) return undefined;
	let hash: string | undefined = 'sha1';
	let saltLength = 20;
	for (const field of children(expectTag(parameters, TAG.SEQUENCE, 'RSASSA-PSS parameters'))) {
		const [inner] = expectChildren(field, field.tag, 1, 1, 'RSASSA-PSS parameter');
		if (field.tag === 0xa0) hash = HASHES[readAlgorithmIdentifier(inner).oid];
		if (field.tag === 0xa2) saltLength = Number(readInteger(inner));
	}
	return hash && saltLength >= 0 && saltLength <= 1024 ? { hash, saltLength } : undefined;
}

export function verifySignature(
	algorithm: { oid: string; parameters?: DerElement },
	key: KeyObject,
	data: Buffer,
	signature: Buffer,
): boolean {
	const known = SIGNATURE_SCHEMES[algorithm.oid];
	if (!known || !known.keyTypes.includes(key.asymmetricKeyType ?? '')) return false;
	const pss = algorithm.oid === RSASSA_PSS ? readPssParameters(algorithm.parameters) : undefined;
	if (algorithm.oid === RSASSA_PSS && !pss) return false;
	try {
		// MGF1 is taken to use the same hash as the signature, as every common tool does; others fail here.
		return pss
			? verify(
					pss.hash,
					data,
					{ key, padding: RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength },
					signature,
				)
			: verify(known.hash, data, key, signature);
	} catch {
		// OpenSSL rejects some malformed signatures by throwing rather than returning false.
		return false;
	}
}
