// Reads a PKCS#10 certificate signing request (RFC 2986) pasted by a user, checks its self-signature
// and applies our order policy, so a bad CSR is refused with a clear message before it reaches the API.
import { createPublicKey, type KeyObject } from 'crypto';

import {
	DerError,
	TAG,
	elementBytes,
	expectChildren,
	parseDer,
	readBitString,
	readInteger,
	readOid,
	type DerElement,
} from './der';
import { readName, readSubjectAltNames } from './csrNames';
import { csrDerFromPem, csrPem, PemError } from './pem';
import {
	readAlgorithmIdentifier,
	RSASSA_PSS,
	SIGNATURE_NAMES,
	SIGNATURE_SCHEMES,
	verifySignature,
} from './csrSignature';

export type CsrPublicKey =
	| { algorithm: 'RSA'; bits: number }
	| { algorithm: 'EC'; curve: string } // 'P-256' | 'P-384' | 'P-521' | 'secp256k1' or the dotted OID when unknown
	| { algorithm: string }; // e.g. 'Ed25519', 'RSASSA-PSS', or the dotted OID

export interface ParsedCsr {
	commonName?: string; // subject CN (last CN if several)
	subject: Record<string, string>; // short names; unknown attributes keyed by dotted OID; last value wins
	subjectAltNames: string[]; // dNSName entries of the extensionRequest's subjectAltName, in order, as written
	publicKey: CsrPublicKey;
	signatureAlgorithm: string; // e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA256', or dotted OID
	signatureValid: boolean; // verified with Node's crypto against the CSR's own public key
	pem: string; // the checked bytes as PEM (64-character lines, LF): the text to send, never the pasted one
}

export class CsrError extends Error {
	override name = 'CsrError';
}

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

const KEY_ALGORITHMS: Record<string, string> = {
	[RSA_ENCRYPTION]: 'RSA',
	[EC_PUBLIC_KEY]: 'EC',
	[RSASSA_PSS]: 'RSASSA-PSS',
	'1.2.840.10040.4.1': 'DSA',
	'1.3.101.110': 'X25519',
	'1.3.101.111': 'X448',
	'1.3.101.112': 'Ed25519',
	'1.3.101.113': 'Ed448',
};

const CURVES: Record<string, string> = {
	'1.2.840.10045.3.1.7': 'P-256',
	'1.3.132.0.34': 'P-384',
	'1.3.132.0.35': 'P-521',
	'1.3.132.0.10': 'secp256k1',
};

/** The pasted text's one CSR block, read and checked. Every problem with the input is a CsrError. */
export function parseCsr(pem: string): ParsedCsr {
	let der: Buffer;
	try {
		der = csrDerFromPem(pem);
	} catch (error) {
		throw error instanceof PemError ? new CsrError(error.message) : error;
	}
	let failure: unknown;
	try {
		return readCertificationRequest(der);
	} catch (error) {
		failure = error;
	}
	// Only structural errors become user-facing; anything else is a bug and surfaces as such.
	if (failure instanceof DerError) {
		throw new CsrError(
			`The CSR is damaged or is not a certificate signing request (${failure.message})`,
		);
	}
	throw failure;
}

/** Our order policy: undefined when the CSR is acceptable, else a sentence saying what is wrong. */
export function csrKeyProblem(csr: ParsedCsr): string | undefined {
	if (!csr.signatureValid) {
		return SIGNATURE_NAMES.has(csr.signatureAlgorithm)
			? "The CSR's signature does not verify; it was altered or damaged after it was created"
			: `The CSR is signed with ${csr.signatureAlgorithm}, which is not supported`;
	}
	const key = csr.publicKey;
	if ('bits' in key && key.algorithm === 'RSA') {
		if (key.bits < 2048) return `RSA key is ${key.bits} bits; at least 2048 are required`;
	} else if ('curve' in key && key.algorithm === 'EC') {
		if (key.curve !== 'P-256' && key.curve !== 'P-384') {
			return `EC curve ${key.curve} is not accepted; use P-256 or P-384`;
		}
	} else {
		return `${key.algorithm} keys are not accepted; use RSA (2048 bits or more) or EC (P-256 or P-384)`;
	}
	if (!csr.commonName?.trim() && !csr.subjectAltNames.some((name) => name.trim())) {
		return 'The CSR has no common name and no subject alternative names';
	}
	return undefined;
}

function readCertificationRequest(der: Buffer): ParsedCsr {
	const [info, signatureAlgorithmId, signatureBits] = expectChildren(
		parseDer(der),
		TAG.SEQUENCE,
		3,
		3,
		'CSR',
	);
	// The attributes field is required, but some old tools leave it out.
	const [version, subject, subjectPublicKeyInfo, attributes] = expectChildren(
		info,
		TAG.SEQUENCE,
		3,
		4,
		'CSR info',
	);
	const versionNumber = readInteger(version);
	if (versionNumber !== 0n) {
		throw new CsrError(`The CSR has version ${versionNumber}; only version 0 (PKCS#10 v1) exists`);
	}
	const names = readName(subject);
	const { publicKey, keyObject } = readPublicKey(subjectPublicKeyInfo);
	const subjectAltNames = attributes ? readSubjectAltNames(attributes) : [];
	const signatureAlgorithm = readAlgorithmIdentifier(signatureAlgorithmId);
	const signature = readBitString(signatureBits);
	if (signature.unusedBits !== 0) throw new DerError('signature is not a whole number of bytes');
	return {
		commonName: names.CN,
		subject: names,
		subjectAltNames,
		publicKey,
		signatureAlgorithm: SIGNATURE_SCHEMES[signatureAlgorithm.oid]?.name ?? signatureAlgorithm.oid,
		signatureValid: verifySignature(
			signatureAlgorithm,
			keyObject,
			elementBytes(info),
			signature.bytes,
		),
		pem: csrPem(der),
	};
}

function readPublicKey(spki: DerElement): { publicKey: CsrPublicKey; keyObject: KeyObject } {
	const [algorithmId, keyBits] = expectChildren(spki, TAG.SEQUENCE, 2, 2, 'public key');
	const { oid, parameters } = readAlgorithmIdentifier(algorithmId);
	const { unusedBits, bytes } = readBitString(keyBits);
	if (unusedBits !== 0) throw new DerError('public key is not a whole number of bytes');
	const algorithm = KEY_ALGORITHMS[oid] ?? oid;
	let publicKey: CsrPublicKey = { algorithm };
	if (oid === RSA_ENCRYPTION) {
		// Size from the RSAPublicKey itself: SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
		const [modulus, exponent] = expectChildren(
			parseDer(bytes),
			TAG.SEQUENCE,
			2,
			2,
			'RSA public key',
		);
		const modulusValue = readInteger(modulus);
		if (modulusValue <= 0n || readInteger(exponent) <= 0n)
			throw new DerError('RSA public key is not positive');
		publicKey = { algorithm: 'RSA', bits: modulusValue.toString(2).length };
	} else if (oid === EC_PUBLIC_KEY) {
		if (!parameters) throw new DerError('EC public key has no curve');
		const curveOid = parameters.tag === TAG.OID ? readOid(parameters) : 'explicit';
		publicKey = { algorithm: 'EC', curve: CURVES[curveOid] ?? curveOid };
	}
	const keyObject = loadPublicKey(elementBytes(spki));
	if (!keyObject) throw new CsrError(`The CSR's public key (${algorithm}) could not be read`);
	return { publicKey, keyObject };
}

function loadPublicKey(spki: Buffer): KeyObject | undefined {
	try {
		return createPublicKey({ key: spki, format: 'der', type: 'spki' });
	} catch {
		return undefined;
	}
}
