// Writes a PKCS#10 certificate signing request (RFC 2986) with node:crypto and derWriter.ts: the
// subject, the DNS names in an extensionRequest, signed SHA-256 with the request's own key.
import { sign, type KeyObject } from 'crypto';

import {
	algorithm,
	bitString,
	explicit,
	ia5String,
	integer,
	nullValue,
	octetString,
	oid,
	pem,
	printableString,
	sequence,
	setOf,
	tlv,
	utf8String,
} from './derWriter';

export interface CsrSubject {
	commonName: string;
	organisation?: string;
	organisationalUnit?: string;
	locality?: string;
	state?: string;
	country?: string; // two letters, checked by the caller
	email?: string;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const SUBJECT_ALT_NAME = '2.5.29.17';
const DNS_NAME_TAG = 0x82; // GeneralName [2] IMPLICIT IA5String

// The usual order (as OpenSSL's default config writes them): country first, common name last but email.
const NAME_PARTS: Array<{ key: keyof CsrSubject; oid: string; encode: (text: string) => Buffer }> =
	[
		{ key: 'country', oid: '2.5.4.6', encode: printableString },
		{ key: 'state', oid: '2.5.4.8', encode: utf8String },
		{ key: 'locality', oid: '2.5.4.7', encode: utf8String },
		{ key: 'organisation', oid: '2.5.4.10', encode: utf8String },
		{ key: 'organisationalUnit', oid: '2.5.4.11', encode: utf8String },
		{ key: 'commonName', oid: '2.5.4.3', encode: utf8String },
		{ key: 'email', oid: '1.2.840.113549.1.9.1', encode: ia5String },
	];

/** The subject Name: one attribute per RDN, empty fields left out. */
export function subjectName(subject: CsrSubject): Buffer {
	const relativeNames = NAME_PARTS.filter((part) => subject[part.key]).map((part) =>
		setOf(sequence(oid(part.oid), part.encode(subject[part.key] as string))),
	);
	return sequence(...relativeNames);
}

/** The extensionRequest attribute with a subjectAltName of DNS names, or nothing without names. */
function attributes(dnsNames: readonly string[]): Buffer {
	if (dnsNames.length === 0) return explicit(0);
	const generalNames = sequence(
		...dnsNames.map((name) => tlv(DNS_NAME_TAG, Buffer.from(name, 'latin1'))),
	);
	const extensions = sequence(sequence(oid(SUBJECT_ALT_NAME), octetString(generalNames)));
	return explicit(0, sequence(oid(EXTENSION_REQUEST), setOf(extensions)));
}

/** CertificationRequestInfo: version 0, subject, the public key (SPKI), attributes. */
export function certificationRequestInfo(
	subject: CsrSubject,
	dnsNames: readonly string[],
	publicKey: KeyObject,
): Buffer {
	const spki = publicKey.export({ type: 'spki', format: 'der' });
	return sequence(integer(0), subjectName(subject), spki, attributes(dnsNames));
}

function signatureAlgorithm(privateKey: KeyObject): Buffer {
	if (privateKey.asymmetricKeyType === 'rsa') return algorithm(SHA256_WITH_RSA, nullValue());
	if (privateKey.asymmetricKeyType === 'ec') return algorithm(ECDSA_WITH_SHA256);
	throw new Error(`cannot sign a CSR with a ${privateKey.asymmetricKeyType ?? 'unknown'} key`);
}

/** The signed request as DER. ECDSA signatures come from node:crypto already DER-encoded. */
export function buildCsr(
	subject: CsrSubject,
	dnsNames: readonly string[],
	keys: { publicKey: KeyObject; privateKey: KeyObject },
): Buffer {
	const info = certificationRequestInfo(subject, dnsNames, keys.publicKey);
	const signature = sign('sha256', info, keys.privateKey);
	return sequence(info, signatureAlgorithm(keys.privateKey), bitString(signature));
}

export const csrToPem = (der: Buffer): string => pem('CERTIFICATE REQUEST', der);
