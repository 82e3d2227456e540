import {
	TAG,
	children,
	parseDer,
	readBitString,
	readInteger,
	readOid,
	readString,
	valueBytes,
} from '../../../../nodes/Servertastic/helpers/der';
import {
	DerWriteError,
	algorithm,
	bitString,
	bmpString,
	booleanValue,
	explicit,
	ia5String,
	implicitPrimitive,
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
} from '../../../../nodes/Servertastic/helpers/derWriter';
import { openssl } from '../../../fixtures/pki';
import { seededRandom } from '../../../simulator';

const hex = (bytes: Buffer) => bytes.toString('hex');

describe('derWriter', () => {
	it('writes short and long lengths exactly at their edges', () => {
		for (const [length, header] of [
			[0, '0400'],
			[127, '047f'],
			[128, '048180'],
			[255, '0481ff'],
			[256, '04820100'],
			[65535, '0482ffff'],
			[65536, '0483010000'],
		] as const) {
			const element = octetString(Buffer.alloc(length, 7));
			expect(hex(element.subarray(0, header.length / 2))).toBe(header);
			expect(element.length).toBe(header.length / 2 + length);
			expect(valueBytes(parseDer(element)).equals(Buffer.alloc(length, 7))).toBe(true);
		}
	});

	it('writes minimal non-negative integers that the reader reads back', () => {
		expect(hex(integer(0))).toBe('020100');
		expect(hex(integer(127))).toBe('02017f');
		expect(hex(integer(128))).toBe('02020080');
		expect(hex(integer(256))).toBe('02020100');
		expect(hex(integer(10000))).toBe('02022710');
		const random = seededRandom(7);
		for (let i = 0; i < 300; i++) {
			const bytes = Buffer.from(
				Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)),
			);
			const value = BigInt('0x' + bytes.toString('hex'));
			expect(readInteger(parseDer(integer(value)))).toBe(value);
		}
		expect(() => integer(-1)).toThrow(DerWriteError);
	});

	it('writes object identifiers as the reader and openssl read them', () => {
		for (const dotted of [
			'1.2.840.113549.1.1.11',
			'2.5.29.17',
			'1.2.840.10045.3.1.7',
			'2.999.1',
			'0.9.2342.19200300.100.1.25',
			'1.3.6.1.4.1.311.60.2.1.3',
		]) {
			expect(readOid(parseDer(oid(dotted)))).toBe(dotted);
		}
		expect(hex(oid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
		expect(openssl(['asn1parse', '-inform', 'DER'], oid('2.16.840.1.101.3.4.1.42'))).toContain(
			'aes-256-cbc',
		);
		for (const bad of ['1', '3.1', '1.40', '1..2', 'x.y'])
			expect(() => oid(bad)).toThrow(DerWriteError);
	});

	it('writes strings of each type, and refuses text a type cannot hold', () => {
		expect(readString(parseDer(utf8String('Exämple 日本 🙂')))).toBe('Exämple 日本 🙂');
		expect(parseDer(printableString('GB')).tag).toBe(TAG.PRINTABLE_STRING);
		expect(readString(parseDer(ia5String('a@example.com')))).toBe('a@example.com');
		expect(readString(parseDer(bmpString('www.example.com')))).toBe('www.example.com');
		expect(() => printableString('a@b')).toThrow(DerWriteError);
		expect(() => ia5String('é')).toThrow(DerWriteError);
	});

	it('sorts a SET OF by its encodings, and nests sequences, tags, bit strings, booleans and NULL', () => {
		const set = setOf(integer(300), integer(1), octetString(Buffer.from([0])));
		expect(children(parseDer(set)).map((element) => element.tag)).toEqual([
			TAG.INTEGER,
			TAG.INTEGER,
			TAG.OCTET_STRING,
		]);
		expect(hex(set)).toBe('310a' + '020101' + '0202012c' + '040100');
		const nested = sequence(
			explicit(0, booleanValue(true)),
			implicitPrimitive(1, Buffer.from('ab')),
			bitString(Buffer.from([1, 2])),
			nullValue(),
			algorithm('2.5.29.17'),
		);
		const [tagged, implicit, bits, nothing, id] = children(parseDer(nested));
		expect(tagged.tag).toBe(0xa0);
		expect(hex(valueBytes(children(tagged)[0]))).toBe('ff');
		expect(implicit.tag).toBe(0x81);
		expect(readBitString(bits).bytes.equals(Buffer.from([1, 2]))).toBe(true);
		expect(nothing.tag).toBe(TAG.NULL);
		expect(readOid(children(id)[0])).toBe('2.5.29.17');
		expect(() => tlv(0x1f)).toThrow(DerWriteError);
	});

	it('writes PEM in 64-character lines with a final newline', () => {
		const text = pem('TEST', Buffer.alloc(100, 1));
		const lines = text.split('\n');
		expect(lines[0]).toBe('-----BEGIN TEST-----');
		expect(lines[1]).toHaveLength(64);
		expect(lines.at(-2)).toBe('-----END TEST-----');
		expect(text.endsWith('\n')).toBe(true);
	});
});
