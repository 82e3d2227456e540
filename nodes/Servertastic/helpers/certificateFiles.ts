// The private key and the PKCS#7 bundle that go with an issued certificate, read and checked before
// any file is made. Messages never quote the key.
import { createPrivateKey, createPublicKey, type KeyObject, type X509Certificate } from 'crypto';

import {
	DerError,
	children,
	elementBytes,
	expectChildren,
	expectTag,
	parseDer,
	readOid,
	TAG,
} from './der';
import { CertificateFilesError, nameOf } from './certificateChain';
import { pem } from './derWriter';

const PRIVATE_KEY_BLOCK =
	/-----BEGIN ((?:ENCRYPTED |RSA |EC )?PRIVATE KEY)-----[^]*?-----END \1-----/;

/** The private key of a PEM text; `passphrase` for an encrypted one. */
export function readPrivateKey(text: string, passphrase: string): KeyObject {
	const block = PRIVATE_KEY_BLOCK.exec(text.replace(/\\r\\n|\\n/g, '\n'));
	if (!block) {
		throw new CertificateFilesError(
			'The private key is not a PEM private key: expected -----BEGIN PRIVATE KEY----- (or ENCRYPTED, RSA or EC PRIVATE KEY)',
		);
	}
	const encrypted =
		block[1] === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block[0]);
	if (encrypted && !passphrase) {
		throw new CertificateFilesError(
			"The private key is encrypted: give its passphrase in 'Private Key Passphrase'",
		);
	}
	let key: KeyObject | undefined;
	try {
		key = createPrivateKey(
			encrypted ? { key: block[0], format: 'pem', passphrase } : { key: block[0], format: 'pem' },
		);
	} catch {
		key = undefined;
	}
	if (key) return key;
	throw new CertificateFilesError(
		encrypted
			? 'The private key could not be decrypted: the passphrase is wrong or the key is damaged'
			: 'The private key could not be read: it is damaged or of a kind Node cannot load',
	);
}

const spkiOf = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

/** Refuses a key whose public half is not the certificate's public key. */
export function checkKeyMatches(privateKey: KeyObject, leaf: X509Certificate): void {
	if (!spkiOf(createPublicKey(privateKey)).equals(spkiOf(leaf.publicKey))) {
		throw new CertificateFilesError(
			`The private key does not match the certificate ${nameOf(leaf)}: its public key is another one. Give the key the order's CSR was made with.`,
		);
	}
}

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const PKCS7_PEM = /-----BEGIN PKCS7-----([^]*?)-----END PKCS7-----/;

/** The certificates of a PKCS#7 SignedData (its [0] IMPLICIT certificates field), as DER. */
function certificatesIn(der: Buffer): Buffer[] {
	const [contentType, content] = expectChildren(
		parseDer(der),
		TAG.SEQUENCE,
		2,
		2,
		'PKCS#7 content info',
	);
	if (readOid(contentType) !== SIGNED_DATA) throw new DerError('not a SignedData');
	const [signedData] = expectChildren(content, 0xa0, 1, 1, 'PKCS#7 content');
	const fields = children(expectTag(signedData, TAG.SEQUENCE, 'SignedData'));
	const certificates = fields.find((field) => field.tag === 0xa0);
	return certificates ? children(certificates).map(elementBytes) : [];
}

/**
 * The API's PKCS#7 as PEM for certificate.p7b. It may come as a PEM block or bare base64 (no source
 * shows which); it must be a SignedData bundle that holds the order's certificate.
 */
export function pkcs7Pem(text: string, leaf: X509Certificate): string {
	const unescaped = text.replace(/\\r\\n|\\n/g, '\n');
	const base64 = (PKCS7_PEM.exec(unescaped)?.[1] ?? unescaped).replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
		throw new CertificateFilesError(
			"The order's PKCS#7 bundle (pkcs7) is neither a PKCS7 PEM block nor base64",
		);
	}
	const der = Buffer.from(base64, 'base64');
	let certificates: Buffer[] = [];
	let failure: unknown;
	try {
		certificates = certificatesIn(der);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof DerError) {
		throw new CertificateFilesError(
			`The order's PKCS#7 bundle (pkcs7) is not a PKCS#7 certificate bundle (${failure.message})`,
		);
	}
	if (failure) throw failure;
	if (!certificates.some((certificate) => certificate.equals(leaf.raw))) {
		throw new CertificateFilesError(
			`The order's PKCS#7 bundle (pkcs7) does not hold its certificate ${nameOf(leaf)}`,
		);
	}
	return pem('PKCS7', der);
}
