// A minimal DER (ASN.1) writer beside der.ts: what a PKCS#10 request and a PKCS#12 file need.
// Every function returns the whole TLV, so structures are built by nesting calls.
import { TAG } from './der';

export class DerWriteError extends Error {
	override name = 'DerWriteError';
}

function lengthBytes(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element: identifier byte, definite length, value. */
export function tlv(tag: number, ...values: Buffer[]): Buffer {
	if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f) {
		throw new DerWriteError('only single-byte tags are supported');
	}
	const value = Buffer.concat(values);
	return Buffer.concat([Buffer.from([tag]), lengthBytes(value.length), value]);
}

export const sequence = (...elements: Buffer[]): Buffer => tlv(TAG.SEQUENCE, ...elements);

/** A SET OF: DER orders the encoded elements bytewise (X.690 11.6). */
export function setOf(...elements: Buffer[]): Buffer {
	return tlv(TAG.SET, ...[...elements].sort(Buffer.compare));
}

export const nullValue = (): Buffer => tlv(TAG.NULL);
export const octetString = (bytes: Buffer): Buffer => tlv(TAG.OCTET_STRING, bytes);
export const booleanValue = (value: boolean): Buffer =>
	tlv(TAG.BOOLEAN, Buffer.from([value ? 0xff : 0]));

/** A BIT STRING of whole bytes (signatures, public keys). */
export const bitString = (bytes: Buffer): Buffer => tlv(TAG.BIT_STRING, Buffer.from([0]), bytes);

/** [n] EXPLICIT: a constructed context-specific element around whole elements. */
export const explicit = (tagNumber: number, ...elements: Buffer[]): Buffer =>
	tlv(0xa0 | tagNumber, ...elements);

/** [n] IMPLICIT for a primitive value (e.g. EncryptedData's encryptedContent). */
export const implicitPrimitive = (tagNumber: number, bytes: Buffer): Buffer =>
	tlv(0x80 | tagNumber, bytes);

/** INTEGER from a non-negative bigint or number, minimal two's complement. */
export function integer(value: bigint | number): Buffer {
	const number = BigInt(value);
	if (number < 0n) throw new DerWriteError('negative integers are not supported');
	let hex = number.toString(16);
	if (hex.length % 2) hex = '0' + hex;
	let bytes = Buffer.from(hex, 'hex');
	if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
	return tlv(TAG.INTEGER, bytes);
}

/** OBJECT IDENTIFIER from dotted text, base-128 arcs. */
export function oid(dotted: string): Buffer {
	if (!/^[0-2]\.\d+(\.\d+)*$/.test(dotted))
		throw new DerWriteError(`malformed object identifier ${dotted}`);
	const arcs = dotted.split('.').map((arc) => BigInt(arc));
	if (arcs[0] < 2n && arcs[1] > 39n)
		throw new DerWriteError(`malformed object identifier ${dotted}`);
	const bytes: number[] = [];
	for (const arc of [arcs[0] * 40n + arcs[1], ...arcs.slice(2)]) {
		const encoded = [Number(arc & 0x7fn)];
		for (let rest = arc >> 7n; rest > 0n; rest >>= 7n) encoded.unshift(Number(rest & 0x7fn) | 0x80);
		bytes.push(...encoded);
	}
	return tlv(TAG.OID, Buffer.from(bytes));
}

export const utf8String = (text: string): Buffer => tlv(TAG.UTF8_STRING, Buffer.from(text, 'utf8'));

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export function printableString(text: string): Buffer {
	if (!PRINTABLE.test(text)) throw new DerWriteError('not a PrintableString');
	return tlv(TAG.PRINTABLE_STRING, Buffer.from(text, 'latin1'));
}

export function ia5String(text: string): Buffer {
	if ([...text].some((character) => character.charCodeAt(0) > 0x7f))
		throw new DerWriteError('not an IA5String');
	return tlv(TAG.IA5_STRING, Buffer.from(text, 'latin1'));
}

/** BMPString (UTF-16 big-endian), as PKCS#12 friendly names are written. */
export const bmpString = (text: string): Buffer =>
	tlv(TAG.BMP_STRING, Buffer.from(text, 'utf16le').swap16());

/** AlgorithmIdentifier: the OID and its parameters (NULL where the algorithm wants it). */
export const algorithm = (dotted: string, parameters?: Buffer): Buffer =>
	parameters ? sequence(oid(dotted), parameters) : sequence(oid(dotted));

/** PEM text: the label, base64 in lines of 64, LF line ends, a final newline. */
export function pem(label: string, der: Buffer): string {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
