import {
	DerError,
	TAG,
	children,
	elementBytes,
	expectChildren,
	isStringElement,
	parseDer,
	readBitString,
	readElement,
	readInteger,
	readOid,
	readString,
	valueBytes,
	type DerElement,
} from '../../../../nodes/Servertastic/helpers/der';
import { seededRandom } from '../../../support/random';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const parseHex = (text: string) => parseDer(hex(text));

/** Minimal DER writer for building test inputs. */
function tlv(tag: number, value: Buffer): Buffer {
	const length = value.length;
	let header: number[];
	if (length < 0x80) header = [length];
	else {
		const bytes: number[] = [];
		for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
		header = [0x80 | bytes.length, ...bytes];
	}
	return Buffer.concat([Buffer.from([tag, ...header]), value]);
}

function encodeOid(dotted: string): Buffer {
	const arcs = dotted.split('.').map(BigInt);
	const numbers = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
	const out: number[] = [];
	for (const number of numbers) {
		const groups: number[] = [Number(number & 0x7fn)];
		for (let rest = number >> 7n; rest > 0n; rest >>= 7n)
			groups.unshift(Number(rest & 0x7fn) | 0x80);
		out.push(...groups);
	}
	return tlv(TAG.OID, Buffer.from(out));
}

describe('readElement', () => {
	it('reads short-form lengths and offsets', () => {
		const element = parseHex('04 03 aa bb cc');
		expect(element).toMatchObject({ tag: 0x04, headerStart: 0, valueStart: 2, end: 5, depth: 0 });
		expect(valueBytes(element)).toEqual(hex('aabbcc'));
		expect(elementBytes(element)).toEqual(hex('0403aabbcc'));
	});

	it.each([
		['81', 0x80],
		['82', 0x1234],
		['83', 0x10000],
	])('reads long-form lengths (%s)', (_prefix, length) => {
		const encoded = tlv(0x04, Buffer.alloc(length, 7));
		const element = parseDer(encoded);
		expect(element.end - element.valueStart).toBe(length);
		expect(element.end).toBe(encoded.length);
	});

	it('reads a four-byte length field and still checks it against the data', () => {
		expect(parseHex('04 84 00 00 00 02 aa bb').end).toBe(8);
		expect(() => parseHex('04 84 ff ff ff ff aa bb')).toThrow(DerError);
		expect(() => parseHex('04 84 7f ff ff ff aa')).toThrow('length runs past the end of the data');
	});

	it.each([
		['indefinite length', '30 80 00 00', 'indefinite length is not allowed'],
		['five length bytes', '04 85 00 00 00 00 01 aa', 'length field too long'],
		['length past the end', '04 05 aa bb', 'length runs past the end of the data'],
		['truncated length field', '04 82 01', 'truncated length'],
		['one byte', '30', 'truncated data'],
		['no bytes', '', 'truncated data'],
		['multi-byte tag', '1f 81 01 00', 'multi-byte tags are not supported'],
		['trailing bytes', '05 00 00', 'unexpected bytes after the data'],
	])('rejects %s', (_name, input, message) => {
		expect(() => parseHex(input)).toThrow(new DerError(message));
	});

	it('rejects offsets outside the buffer', () => {
		const der = hex('05 00');
		expect(() => readElement(der, 2)).toThrow(DerError);
		expect(() => readElement(der, -1)).toThrow(DerError);
		expect(() => readElement(der, 0.5)).toThrow(DerError);
		expect(() => readElement(der, 0, 99)).not.toThrow();
	});
});

describe('children', () => {
	it('lists the children of a constructed element in order', () => {
		const list = children(parseHex('30 08 02 01 05 05 00 04 01 ff'));
		expect(list.map((child) => child.tag)).toEqual([0x02, 0x05, 0x04]);
		expect(list.map((child) => child.depth)).toEqual([1, 1, 1]);
		expect(readInteger(list[0])).toBe(5n);
	});

	it('does not let a child run past its parent even when the buffer goes on', () => {
		const der = hex('30 03 04 03 aa bb cc');
		const outer = readElement(der, 0);
		expect(outer.end).toBe(5);
		expect(() => children(outer)).toThrow('length runs past the end of the data');
	});

	it('rejects primitive elements and an empty constructed element has no children', () => {
		expect(() => children(parseHex('04 00'))).toThrow('expected a constructed element');
		expect(children(parseHex('30 00'))).toEqual([]);
	});

	it('caps nesting depth', () => {
		let nested = tlv(TAG.NULL, Buffer.alloc(0));
		for (let i = 0; i < 40; i++) nested = tlv(TAG.SEQUENCE, nested);
		let element: DerElement = parseDer(nested);
		const walk = () => {
			for (;;) element = children(element)[0];
		};
		expect(walk).toThrow('nesting too deep');
		expect(element.depth).toBe(32);
	});

	it('checks types and field counts', () => {
		const sequence = parseHex('30 03 02 01 01');
		expect(expectChildren(sequence, TAG.SEQUENCE, 1, 1, 'thing')).toHaveLength(1);
		expect(() => expectChildren(sequence, TAG.SET, 1, 1, 'thing')).toThrow(
			'thing has the wrong type',
		);
		expect(() => expectChildren(sequence, TAG.SEQUENCE, 2, 3, 'thing')).toThrow(
			'thing has the wrong number of fields',
		);
	});
});

describe('readOid', () => {
	it.each([
		['1.2.840.113549.1.1.11', '06 09 2a 86 48 86 f7 0d 01 01 0b'],
		['2.5.4.3', '06 03 55 04 03'],
		['0.9.2342.19200300.100.1.25', '06 0a 09 92 26 89 93 f2 2c 64 01 19'],
		['1.3.101.112', '06 03 2b 65 70'],
		['2.999.3', '06 03 88 37 03'],
		['0.0', '06 01 00'],
	])('decodes %s', (dotted, encoded) => {
		expect(readOid(parseHex(encoded))).toBe(dotted);
	});

	it('round-trips random OIDs, including 128-bit arcs', () => {
		const random = seededRandom(7);
		for (let i = 0; i < 500; i++) {
			const first = Math.floor(random() * 3);
			const second = first < 2 ? Math.floor(random() * 40) : Math.floor(random() * 1000);
			const rest = Array.from({ length: Math.floor(random() * 8) }, () =>
				random() < 0.1
					? (BigInt(Math.floor(random() * 2 ** 52)) << 76n).toString()
					: String(Math.floor(random() * 2 ** 31)),
			);
			const dotted = [first, second, ...rest].join('.');
			expect(readOid(parseDer(encodeOid(dotted)))).toBe(dotted);
		}
	});

	it.each([
		['empty', '06 00'],
		['last byte continues', '06 02 2a 86'],
		['non-minimal arc', '06 03 2a 80 01'],
		['too long', '06 81 81 ' + '01 '.repeat(129)],
	])('rejects an OID that is %s', (_name, encoded) => {
		expect(() => readOid(parseHex(encoded))).toThrow('malformed object identifier');
	});

	it('rejects other types', () => {
		expect(() => readOid(parseHex('02 01 01'))).toThrow('object identifier has the wrong type');
	});
});

describe('readInteger', () => {
	it.each([
		['02 01 00', 0n],
		['02 01 7f', 127n],
		['02 02 00 80', 128n],
		['02 01 ff', -1n],
		['02 01 80', -128n],
		['02 02 ff 7f', -129n],
		['02 09 00 ff ff ff ff ff ff ff ff', 2n ** 64n - 1n],
	])('decodes %s', (encoded, value) => {
		expect(readInteger(parseHex(encoded))).toBe(value);
	});

	it('rejects an empty integer and other types', () => {
		expect(() => readInteger(parseHex('02 00'))).toThrow('empty integer');
		expect(() => readInteger(parseHex('04 01 01'))).toThrow('integer has the wrong type');
	});
});

describe('readBitString', () => {
	it('returns the unused-bit count and the bytes', () => {
		const { unusedBits, bytes } = readBitString(parseHex('03 03 04 ab c0'));
		expect(unusedBits).toBe(4);
		expect(bytes).toEqual(hex('abc0'));
		expect(readBitString(parseHex('03 01 00')).bytes).toHaveLength(0);
	});

	it.each([
		['empty', '03 00'],
		['more than 7 unused bits', '03 02 08 ff'],
		['unused bits without data', '03 01 03'],
	])('rejects %s', (_name, encoded) => {
		expect(() => readBitString(parseHex(encoded))).toThrow('malformed bit string');
	});
});

describe('readString', () => {
	const string = (tag: number, bytes: Buffer) => parseDer(tlv(tag, bytes));

	it('decodes each string type', () => {
		expect(readString(string(TAG.UTF8_STRING, Buffer.from('Bäckerei Ωmega 😀', 'utf8')))).toBe(
			'Bäckerei Ωmega 😀',
		);
		expect(readString(string(TAG.PRINTABLE_STRING, Buffer.from('Example Ltd')))).toBe(
			'Example Ltd',
		);
		expect(readString(string(TAG.IA5_STRING, Buffer.from('a@example.com')))).toBe('a@example.com');
		expect(readString(string(TAG.NUMERIC_STRING, Buffer.from('0123 45')))).toBe('0123 45');
		expect(readString(string(TAG.VISIBLE_STRING, Buffer.from('visible')))).toBe('visible');
		expect(readString(string(TAG.T61_STRING, hex('42 e4 63 6b')))).toBe('Bäck');
		expect(readString(string(TAG.BMP_STRING, hex('00 e4 03 a9 d8 3d de 00')))).toBe('äΩ😀');
		expect(readString(string(TAG.UNIVERSAL_STRING, hex('00 00 00 41 00 01 f6 00')))).toBe('A😀');
		expect(readString(string(TAG.UTF8_STRING, Buffer.alloc(0)))).toBe('');
	});

	it('does not decode a BMPString in place', () => {
		const der = tlv(TAG.BMP_STRING, hex('00 41'));
		readString(parseDer(der));
		expect(der).toEqual(hex('1e 02 00 41'));
	});

	it.each([
		['a lone continuation byte', 'c3 28'],
		['an overlong encoding', 'c0 af'],
		['an encoded surrogate', 'ed a0 80'],
		['a truncated sequence', 'e2 82'],
	])('rejects UTF-8 with %s', (_name, bytes) => {
		expect(() => readString(string(TAG.UTF8_STRING, hex(bytes)))).toThrow(
			'invalid UTF-8 in string',
		);
	});

	it('rejects malformed BMP and Universal strings and non-string types', () => {
		expect(() => readString(string(TAG.BMP_STRING, hex('00 41 00')))).toThrow(
			'malformed BMPString',
		);
		expect(() => readString(string(TAG.UNIVERSAL_STRING, hex('00 00 41')))).toThrow(
			'malformed UniversalString',
		);
		expect(() => readString(string(TAG.UNIVERSAL_STRING, hex('00 11 00 00')))).toThrow(
			'malformed UniversalString',
		);
		expect(() => readString(string(TAG.UNIVERSAL_STRING, hex('00 00 d8 00')))).toThrow(
			'malformed UniversalString',
		);
		expect(() => readString(parseHex('02 01 01'))).toThrow('expected a string');
		expect(isStringElement(parseHex('02 01 01'))).toBe(false);
		expect(isStringElement(parseHex('0c 00'))).toBe(true);
	});
});

describe('fuzzing', () => {
	/** Visits everything reachable and decodes whatever the tags claim to be. */
	function walk(element: DerElement): void {
		if (element.tag & 0x20) {
			for (const child of children(element)) walk(child);
			return;
		}
		const readers: Record<number, (e: DerElement) => unknown> = {
			[TAG.INTEGER]: readInteger,
			[TAG.BIT_STRING]: readBitString,
			[TAG.OID]: readOid,
			[TAG.OCTET_STRING]: (e) => {
				if (valueBytes(e).length > 1) walk(parseDer(valueBytes(e)));
			},
		};
		(isStringElement(element) ? readString : readers[element.tag])?.(element);
	}

	it('throws only DerError on random and mutated input', () => {
		const random = seededRandom(20240611);
		const sample = tlv(
			TAG.SEQUENCE,
			Buffer.concat([
				encodeOid('1.2.840.113549.1.1.11'),
				tlv(TAG.INTEGER, hex('00 c0 ff ee')),
				tlv(TAG.BIT_STRING, hex('00 30 03 02 01 05')),
				tlv(TAG.OCTET_STRING, tlv(TAG.SEQUENCE, tlv(0x82, Buffer.from('example.com')))),
				tlv(TAG.SET, tlv(TAG.BMP_STRING, hex('00 41 00 42'))),
				tlv(TAG.UTF8_STRING, Buffer.from('ü')),
			]),
		);
		let derErrors = 0;
		for (let i = 0; i < 5000; i++) {
			let input: Buffer;
			if (i % 2) {
				input = Buffer.from(sample);
				const changes = 1 + Math.floor(random() * 3);
				for (let c = 0; c < changes; c++)
					input[Math.floor(random() * input.length)] = Math.floor(random() * 256);
			} else {
				input = Buffer.from(
					Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256)),
				);
			}
			try {
				walk(parseDer(input));
			} catch (error) {
				if (!(error instanceof DerError))
					throw new Error(`input ${input.toString('hex')} threw ${error}`);
				derErrors++;
			}
		}
		expect(derErrors).toBeGreaterThan(1000);
		expect(() => walk(parseDer(sample))).not.toThrow();
	});
});
