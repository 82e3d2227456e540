// A minimal DER (ASN.1) reader: just what a PKCS#10 CSR needs. Input is untrusted, so every
// offset is checked against the enclosing element and every failure is a DerError.

export class DerError extends Error {
	override name = 'DerError';
}

export const TAG = {
	BOOLEAN: 0x01,
	INTEGER: 0x02,
	BIT_STRING: 0x03,
	OCTET_STRING: 0x04,
	NULL: 0x05,
	OID: 0x06,
	UTF8_STRING: 0x0c,
	NUMERIC_STRING: 0x12,
	PRINTABLE_STRING: 0x13,
	T61_STRING: 0x14,
	IA5_STRING: 0x16,
	VISIBLE_STRING: 0x1a,
	UNIVERSAL_STRING: 0x1c,
	BMP_STRING: 0x1e,
	SEQUENCE: 0x30,
	SET: 0x31,
} as const;

const CONSTRUCTED = 0x20;
const MAX_DEPTH = 32;
// Real OIDs are a few dozen bytes; the cap keeps bigint arithmetic on hostile input cheap.
const MAX_OID_LENGTH = 128;

export interface DerElement {
	readonly der: Buffer; // the buffer the element was read from
	readonly tag: number; // identifier byte: class, constructed bit and tag number
	readonly headerStart: number;
	readonly valueStart: number;
	readonly end: number; // offset just past the value
	readonly depth: number;
}

/** Reads one TLV at `offset`; the element must end at or before `limit`. */
export function readElement(
	der: Buffer,
	offset: number,
	limit = der.length,
	depth = 0,
): DerElement {
	if (depth > MAX_DEPTH) throw new DerError('nesting too deep');
	limit = Math.min(limit, der.length);
	if (!Number.isInteger(offset) || offset < 0 || offset + 2 > limit)
		throw new DerError('truncated data');
	const tag = der[offset];
	if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
	let length = der[offset + 1];
	let valueStart = offset + 2;
	if (length === 0x80) throw new DerError('indefinite length is not allowed');
	if (length > 0x80) {
		const lengthBytes = length - 0x80;
		if (lengthBytes > 4) throw new DerError('length field too long');
		if (valueStart + lengthBytes > limit) throw new DerError('truncated length');
		length = 0;
		for (let i = 0; i < lengthBytes; i++) length = length * 256 + der[valueStart + i];
		valueStart += lengthBytes;
	}
	if (length > limit - valueStart) throw new DerError('length runs past the end of the data');
	return { der, tag, headerStart: offset, valueStart, end: valueStart + length, depth };
}

/** Reads the single element that must fill `der` exactly. */
export function parseDer(der: Buffer): DerElement {
	const root = readElement(der, 0);
	if (root.end !== der.length) throw new DerError('unexpected bytes after the data');
	return root;
}

export function children(element: DerElement): DerElement[] {
	if (!(element.tag & CONSTRUCTED)) throw new DerError('expected a constructed element');
	const result: DerElement[] = [];
	// Each child is at least two bytes long, so the loop always advances.
	for (let offset = element.valueStart; offset < element.end; ) {
		const child = readElement(element.der, offset, element.end, element.depth + 1);
		result.push(child);
		offset = child.end;
	}
	return result;
}

export function expectTag(element: DerElement, tag: number, what: string): DerElement {
	if (element.tag !== tag) throw new DerError(`${what} has the wrong type`);
	return element;
}

/** Children of a constructed element with `tag`, checking how many there are. */
export function expectChildren(
	element: DerElement,
	tag: number,
	min: number,
	max: number,
	what: string,
): DerElement[] {
	const list = children(expectTag(element, tag, what));
	if (list.length < min || list.length > max)
		throw new DerError(`${what} has the wrong number of fields`);
	return list;
}

export function valueBytes(element: DerElement): Buffer {
	return element.der.subarray(element.valueStart, element.end);
}

/** The whole TLV, header included: what signatures are computed over. */
export function elementBytes(element: DerElement): Buffer {
	return element.der.subarray(element.headerStart, element.end);
}

export function readOid(element: DerElement): string {
	const bytes = valueBytes(expectTag(element, TAG.OID, 'object identifier'));
	if (bytes.length === 0 || bytes.length > MAX_OID_LENGTH || bytes[bytes.length - 1] & 0x80) {
		throw new DerError('malformed object identifier');
	}
	const arcs: bigint[] = [];
	let arc = 0n;
	let arcStart = true;
	for (const byte of bytes) {
		if (arcStart && byte === 0x80) throw new DerError('malformed object identifier');
		arc = (arc << 7n) | BigInt(byte & 0x7f);
		arcStart = !(byte & 0x80);
		if (arcStart) {
			arcs.push(arc);
			arc = 0n;
		}
	}
	// The first encoded number packs the first two arcs as 40 * first + second.
	const first = arcs[0] < 40n ? 0n : arcs[0] < 80n ? 1n : 2n;
	return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}

export function readInteger(element: DerElement): bigint {
	const bytes = valueBytes(expectTag(element, TAG.INTEGER, 'integer'));
	if (bytes.length === 0) throw new DerError('empty integer');
	const unsigned = BigInt('0x' + bytes.toString('hex'));
	return bytes[0] & 0x80 ? unsigned - (1n << BigInt(bytes.length * 8)) : unsigned;
}

export function readBitString(element: DerElement): { unusedBits: number; bytes: Buffer } {
	const value = valueBytes(expectTag(element, TAG.BIT_STRING, 'bit string'));
	if (value.length === 0 || value[0] > 7 || (value.length === 1 && value[0] !== 0)) {
		throw new DerError('malformed bit string');
	}
	return { unusedBits: value[0], bytes: value.subarray(1) };
}

const STRING_TAGS: ReadonlySet<number> = new Set([
	TAG.UTF8_STRING,
	TAG.NUMERIC_STRING,
	TAG.PRINTABLE_STRING,
	TAG.T61_STRING,
	TAG.IA5_STRING,
	TAG.VISIBLE_STRING,
	TAG.UNIVERSAL_STRING,
	TAG.BMP_STRING,
]);

export function isStringElement(element: DerElement): boolean {
	return STRING_TAGS.has(element.tag);
}

export function readString(element: DerElement): string {
	const bytes = valueBytes(element);
	switch (element.tag) {
		case TAG.UTF8_STRING: {
			// Buffer decoding replaces bad sequences with U+FFFD; a round trip exposes them.
			const text = bytes.toString('utf8');
			if (!Buffer.from(text, 'utf8').equals(bytes)) throw new DerError('invalid UTF-8 in string');
			return text;
		}
		case TAG.BMP_STRING:
			if (bytes.length % 2) throw new DerError('malformed BMPString');
			return Buffer.from(bytes).swap16().toString('utf16le');
		case TAG.UNIVERSAL_STRING: {
			if (bytes.length % 4) throw new DerError('malformed UniversalString');
			let text = '';
			for (let i = 0; i < bytes.length; i += 4) {
				const codePoint = bytes.readUInt32BE(i);
				if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
					throw new DerError('malformed UniversalString');
				}
				text += String.fromCodePoint(codePoint);
			}
			return text;
		}
		default:
			// The remaining 7- and 8-bit types; T61 is read as Latin-1, as most software does.
			if (!STRING_TAGS.has(element.tag)) throw new DerError('expected a string');
			return bytes.toString('latin1');
	}
}
