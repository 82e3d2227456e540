// Just enough DER to read a CSR's common name and public key and to mint real, verifiable
// (but simulator-only) certificates: ECDSA P-256 throughout because key generation is instant.
import { createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

function derLength(n: number): Buffer {
	if (n < 0x80) return Buffer.from([n]);
	const bytes: number[] = [];
	for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...parts: Buffer[]): Buffer {
	const body = Buffer.concat(parts);
	return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const set = (...parts: Buffer[]): Buffer => tlv(0x31, ...parts);
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer): Buffer => tlv(0x03, Buffer.from([0]), b);
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n: number, ...parts: Buffer[]): Buffer => tlv(0xa0 | n, ...parts);

function oid(dotted: string): Buffer {
	const [a, b, ...rest] = dotted.split('.').map(Number);
	const bytes = [a * 40 + b];
	for (const n of rest) {
		const enc = [n & 0x7f];
		for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128))
			enc.unshift(0x80 | (v & 0x7f));
		bytes.push(...enc);
	}
	return tlv(0x06, Buffer.from(bytes));
}

function integer(b: Buffer): Buffer {
	// DER integers are signed: a set high bit needs a leading zero to stay positive.
	return tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function time(d: Date): Buffer {
	const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
	// RFC 5280: UTCTime up to 2049, GeneralizedTime after.
	return d.getUTCFullYear() < 2050
		? tlv(0x17, Buffer.from(iso.slice(2)))
		: tlv(0x18, Buffer.from(iso));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

export interface DistinguishedName {
	commonName: string;
	organisation?: string;
	country?: string;
}

function dn(name: DistinguishedName): Buffer {
	const rdns: Buffer[] = [];
	if (name.country) rdns.push(set(seq(oid('2.5.4.6'), tlv(0x13, Buffer.from(name.country)))));
	if (name.organisation) rdns.push(set(seq(oid('2.5.4.10'), utf8(name.organisation))));
	rdns.push(set(seq(oid('2.5.4.3'), utf8(name.commonName))));
	return seq(...rdns);
}

function sanExtension(dnsNames: string[]): Buffer {
	return seq(oid('2.5.29.17'), octets(seq(...dnsNames.map((n) => tlv(0x82, Buffer.from(n))))));
}

export function toPem(label: string, der: Buffer): string {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function fromPem(text: string): Buffer | undefined {
	const m = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(text);
	if (!m) return undefined;
	const der = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
	return der.length > 0 ? der : undefined;
}

export interface KeyPair {
	publicKey: KeyObject;
	privateKey: KeyObject;
}

export const newKeyPair = (): KeyPair => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** The rest of a CSR's subject: what place gets from the org_* fields and the admin email. */
export interface CsrSubject {
	organisation?: string;
	unit?: string;
	locality?: string;
	region?: string;
	country?: string;
	email?: string;
}

function csrName(commonName: string, s: CsrSubject): Buffer {
	const rdn = (id: string, value: Buffer): Buffer => set(seq(oid(id), value));
	const rdns: Buffer[] = [];
	if (s.country && /^[A-Za-z]{2}$/.test(s.country))
		rdns.push(rdn('2.5.4.6', tlv(0x13, Buffer.from(s.country.toUpperCase()))));
	if (s.region) rdns.push(rdn('2.5.4.8', utf8(s.region)));
	if (s.locality) rdns.push(rdn('2.5.4.7', utf8(s.locality)));
	if (s.organisation) rdns.push(rdn('2.5.4.10', utf8(s.organisation)));
	if (s.unit) rdns.push(rdn('2.5.4.11', utf8(s.unit)));
	rdns.push(rdn('2.5.4.3', utf8(commonName)));
	if (s.email) rdns.push(rdn('1.2.840.113549.1.9.1', tlv(0x16, Buffer.from(s.email))));
	return seq(...rdns);
}

/** A real PKCS#10 request (openssl can verify it); optional SANs go in an extensionRequest. */
export function makeCsr(
	commonName: string,
	sans: string[] = [],
	subject: CsrSubject = {},
): { csr: string; privateKey: string } {
	const keys = newKeyPair();
	const attributes = sans.length
		? explicit(0, seq(oid('1.2.840.113549.1.9.14'), set(seq(sanExtension(sans)))))
		: explicit(0);
	const info = seq(
		integer(Buffer.from([0])),
		csrName(commonName, subject),
		keys.publicKey.export({ type: 'spki', format: 'der' }),
		attributes,
	);
	const der = seq(info, ECDSA_SHA256, bits(sign('sha256', info, keys.privateKey)));
	return {
		csr: toPem('CERTIFICATE REQUEST', der),
		privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
	};
}

/**
 * The CSR's common name by a naive scan for the CN attribute (OID 2.5.4.3): in a CSR the subject is
 * the first name, so the first hit is it. Text that is not a PEM (a test's placeholder) falls back to
 * the first thing that looks like a domain.
 */
export function csrCommonName(csr: string): string | undefined {
	const der = fromPem(csr);
	if (der) {
		const at = der.indexOf(Buffer.from([0x06, 0x03, 0x55, 0x04, 0x03]));
		if (at >= 0 && at + 7 <= der.length) {
			const tag = der[at + 5];
			const len = der[at + 6];
			// UTF8String, PrintableString, T61String, IA5String; a CN is at most 64 chars: short length form.
			if ([0x0c, 0x13, 0x14, 0x16].includes(tag) && len < 0x80) {
				return der.subarray(at + 7, at + 7 + len).toString(tag === 0x0c ? 'utf8' : 'latin1');
			}
		}
		return undefined;
	}
	return /(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}/i.exec(csr)?.[0];
}

/** Reads one DER element's header at `at`: where its content starts and ends. */
function element(der: Buffer, at: number): { start: number; end: number } {
	let len = der[at + 1];
	let start = at + 2;
	if (len & 0x80) {
		const n = len & 0x7f;
		len = 0;
		for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
		start += n;
	}
	if (start + len > der.length) throw new Error('truncated DER');
	return { start, end: start + len };
}

/** The CSR's public key, so the issued certificate matches the customer's private key. */
export function csrPublicKey(csr: string): KeyObject | undefined {
	try {
		const der = fromPem(csr);
		if (!der) return undefined;
		const info = element(der, element(der, 0).start); // CertificationRequest > CertificationRequestInfo
		const version = element(der, info.start);
		const subject = element(der, version.end);
		const spki = element(der, subject.end);
		return createPublicKey({
			key: der.subarray(subject.end, spki.end),
			format: 'der',
			type: 'spki',
		});
	} catch {
		return undefined;
	}
}

export interface Authority {
	name: DistinguishedName;
	privateKey: KeyObject;
	der: Buffer;
}

interface CertSpec {
	subject: DistinguishedName;
	publicKey: KeyObject;
	issuer: Authority | undefined; // undefined: self-signed
	signingKey: KeyObject;
	notBefore: Date;
	notAfter: Date;
	ca: boolean;
	dnsNames?: string[];
}

function certificate(spec: CertSpec): Buffer {
	const extensions = spec.ca
		? [seq(oid('2.5.29.19'), bool(true), octets(seq(bool(true))))]
		: [sanExtension(spec.dnsNames ?? [spec.subject.commonName])];
	const serial = randomBytes(16);
	serial[0] = (serial[0] & 0x7f) | 0x01;
	const tbs = seq(
		explicit(0, integer(Buffer.from([2]))),
		integer(serial),
		ECDSA_SHA256,
		dn(spec.issuer?.name ?? spec.subject),
		seq(time(spec.notBefore), time(spec.notAfter)),
		dn(spec.subject),
		spec.publicKey.export({ type: 'spki', format: 'der' }),
		explicit(3, seq(...extensions)),
	);
	return seq(tbs, ECDSA_SHA256, bits(sign('sha256', tbs, spec.signingKey)));
}

const SIM_ORG = 'Servertastic Simulator (test only)';
const YEAR_MS = 365 * 24 * 3600 * 1000;

export function makeAuthority(commonName: string, parent?: Authority): Authority {
	const keys = newKeyPair();
	const name = { commonName, organisation: SIM_ORG, country: 'GB' };
	const now = Date.now();
	const der = certificate({
		subject: name,
		publicKey: keys.publicKey,
		issuer: parent,
		signingKey: parent?.privateKey ?? keys.privateKey,
		notBefore: new Date(now - YEAR_MS),
		notAfter: new Date(now + 10 * YEAR_MS),
		ca: true,
	});
	return { name, privateKey: keys.privateKey, der };
}

export function issueLeaf(
	issuer: Authority,
	commonName: string,
	dnsNames: string[],
	publicKey: KeyObject,
	notBefore: Date,
	notAfter: Date,
): Buffer {
	return certificate({
		subject: { commonName },
		publicKey,
		issuer,
		signingKey: issuer.privateKey,
		notBefore,
		notAfter,
		ca: false,
		dnsNames,
	});
}

/** A certs-only PKCS#7 SignedData bundle, as CAs hand out for IIS and Java. */
export function pkcs7(certs: Buffer[]): string {
	const signedData = seq(
		integer(Buffer.from([1])),
		set(),
		seq(oid('1.2.840.113549.1.7.1')),
		tlv(0xa0, ...certs),
		set(),
	);
	return toPem('PKCS7', seq(oid('1.2.840.113549.1.7.2'), explicit(0, signedData)));
}
