// Writes a password-protected PKCS#12 file (RFC 7292) as OpenSSL 3 does by default: the key in a
// PBES2 shrouded key bag, the certificates in PBES2-encrypted data (PBKDF2-HMAC-SHA256, AES-256-CBC,
// RFC 8018), and an HMAC-SHA256 MAC whose key comes from the PKCS#12 KDF (RFC 7292 appendix B).
import {
	createCipheriv,
	createHash,
	createHmac,
	pbkdf2,
	randomBytes,
	type KeyObject,
} from 'crypto';

import {
	algorithm,
	bmpString,
	explicit,
	implicitPrimitive,
	integer,
	nullValue,
	octetString,
	oid,
	sequence,
	setOf,
} from './derWriter';

const OID = {
	data: '1.2.840.113549.1.7.1',
	encryptedData: '1.2.840.113549.1.7.6',
	pbes2: '1.2.840.113549.1.5.13',
	pbkdf2: '1.2.840.113549.1.5.12',
	hmacWithSha256: '1.2.840.113549.2.9',
	aes256Cbc: '2.16.840.1.101.3.4.1.42',
	sha256: '2.16.840.1.101.3.4.2.1',
	shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
	certBag: '1.2.840.113549.1.12.10.1.3',
	x509Certificate: '1.2.840.113549.1.9.22.1',
	friendlyName: '1.2.840.113549.1.9.20',
	localKeyId: '1.2.840.113549.1.9.21',
};

// Above OpenSSL's default of 2048; each of the three derivations stays in the milliseconds.
export const PFX_ITERATIONS = 10000;
const SALT_LENGTH = 16;

export interface PfxInput {
	privateKey: KeyObject;
	/** DER certificates: the key's certificate first, then its chain. */
	certificates: Buffer[];
	password: string;
	friendlyName?: string;
	iterations?: number;
}

async function pbkdf2Sha256(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
	return await new Promise((resolve, reject) =>
		pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256', (error, key) =>
			error ? reject(error) : resolve(key),
		),
	);
}

/** PBES2 encryption: the AlgorithmIdentifier that describes it and the ciphertext. */
async function pbes2Encrypt(
	plain: Buffer,
	password: string,
	iterations: number,
): Promise<{ algorithmId: Buffer; encrypted: Buffer }> {
	const salt = randomBytes(SALT_LENGTH);
	const iv = randomBytes(16);
	const key = await pbkdf2Sha256(password, salt, iterations);
	const cipher = createCipheriv('aes-256-cbc', key, iv);
	const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
	const kdf = algorithm(
		OID.pbkdf2,
		sequence(
			octetString(salt),
			integer(iterations),
			integer(32),
			algorithm(OID.hmacWithSha256, nullValue()),
		),
	);
	const algorithmId = algorithm(
		OID.pbes2,
		sequence(kdf, algorithm(OID.aes256Cbc, octetString(iv))),
	);
	return { algorithmId, encrypted };
}

/** RFC 7292 B.2 with SHA-256 (u = 32, v = 64); the password as a BMPString with its two zero bytes. */
export function pkcs12Kdf(
	password: string,
	salt: Buffer,
	id: number,
	iterations: number,
	length: number,
): Buffer {
	const u = 32;
	const v = 64;
	const passwordBytes = Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
	const fill = (bytes: Buffer) => {
		const out = Buffer.alloc(bytes.length ? v * Math.ceil(bytes.length / v) : 0);
		for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length];
		return out;
	};
	const input = Buffer.concat([fill(salt), fill(passwordBytes)]);
	const diversifier = Buffer.alloc(v, id);
	const result: Buffer[] = [];
	for (let round = 0; round * u < length; round++) {
		let digest = createHash('sha256').update(diversifier).update(input).digest();
		for (let i = 1; i < iterations; i++) digest = createHash('sha256').update(digest).digest();
		result.push(digest);
		const block = fill(digest);
		// I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of the input.
		for (let offset = 0; offset < input.length; offset += v) {
			let carry = 1;
			for (let i = v - 1; i >= 0; i--) {
				const sum = input[offset + i] + block[i] + carry;
				input[offset + i] = sum & 0xff;
				carry = sum >> 8;
			}
		}
	}
	return Buffer.concat(result).subarray(0, length);
}

function bag(bagId: string, value: Buffer, attributes: Buffer[]): Buffer {
	return sequence(
		oid(bagId),
		explicit(0, value),
		...(attributes.length ? [setOf(...attributes)] : []),
	);
}

const attribute = (type: string, value: Buffer): Buffer => sequence(oid(type), setOf(value));
const dataContentInfo = (content: Buffer): Buffer =>
	sequence(oid(OID.data), explicit(0, octetString(content)));

/** The PFX as DER. Random salts and IVs: two calls never give the same bytes. */
export async function buildPfx(input: PfxInput): Promise<Buffer> {
	const iterations = input.iterations ?? PFX_ITERATIONS;
	if (!input.certificates.length) throw new Error('a PKCS#12 file needs the certificate');
	const localKeyId = createHash('sha256').update(input.certificates[0]).digest();
	const keyAttributes = [attribute(OID.localKeyId, octetString(localKeyId))];
	if (input.friendlyName)
		keyAttributes.push(attribute(OID.friendlyName, bmpString(input.friendlyName)));

	const certBags = input.certificates.map((der, index) =>
		bag(
			OID.certBag,
			sequence(oid(OID.x509Certificate), explicit(0, octetString(der))),
			index === 0 ? keyAttributes : [],
		),
	);
	const certs = await pbes2Encrypt(sequence(...certBags), input.password, iterations);
	const encryptedData = sequence(
		integer(0),
		sequence(oid(OID.data), certs.algorithmId, implicitPrimitive(0, certs.encrypted)),
	);
	const certsInfo = sequence(oid(OID.encryptedData), explicit(0, encryptedData));

	const pkcs8 = input.privateKey.export({ type: 'pkcs8', format: 'der' });
	const key = await pbes2Encrypt(pkcs8, input.password, iterations);
	const keyBag = bag(
		OID.shroudedKeyBag,
		sequence(key.algorithmId, octetString(key.encrypted)),
		keyAttributes,
	);
	const keyInfo = dataContentInfo(sequence(keyBag));

	const authenticatedSafe = sequence(certsInfo, keyInfo);
	const macSalt = randomBytes(SALT_LENGTH);
	const macKey = pkcs12Kdf(input.password, macSalt, 3, iterations, 32);
	const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest();
	const macData = sequence(
		sequence(algorithm(OID.sha256, nullValue()), octetString(mac)),
		octetString(macSalt),
		integer(iterations),
	);
	return sequence(integer(3), dataContentInfo(authenticatedSafe), macData);
}
