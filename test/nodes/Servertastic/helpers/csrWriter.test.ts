import { csrKeyProblem, parseCsr } from '../../../../nodes/Servertastic/helpers/csr';
import {
	buildCsr,
	csrToPem,
	type CsrSubject,
} from '../../../../nodes/Servertastic/helpers/csrWriter';
import { ISO_COUNTRY_CODES } from '../../../../nodes/Servertastic/helpers/countries';
import {
	generateKeys,
	KEY_SPECS,
	type KeyPair,
	type KeyTypeChoice,
} from '../../../../nodes/Servertastic/helpers/keyPair';
import { prepareKeyRequest } from '../../../../nodes/Servertastic/helpers/keyRequest';
import { opensslResult } from '../../../fixtures/pki';
import { seededRandom } from '../../../simulator';

/** openssl's view of a CSR: whether its self-signature verifies, the subject, the SANs, the key. */
function opensslView(pem: string) {
	const { ok, output } = opensslResult(
		['req', '-verify', '-noout', '-subject', '-nameopt', 'multiline,-esc_msb,utf8', '-text'],
		pem,
	);
	const subjectBlock = /\n {8}Subject:\n((?: {12}.*\n)*)/.exec(output)?.[1] ?? '';
	const subject = Object.fromEntries(
		subjectBlock
			.split('\n')
			.filter(Boolean)
			// multiline printing doubles a backslash (its escape character) and nothing else we write.
			.map((line) =>
				/^ +(\S+) += (.*)$/
					.exec(line)!
					.slice(1, 3)
					.map((part) => part.replace(/\\\\/g, '\\')),
			),
	);
	const sans =
		/X509v3 Subject Alternative Name: *\n +(.*)\n/
			.exec(output)?.[1]
			.split(', ')
			.map((entry) => entry.replace(/^DNS:/, '')) ?? [];
	const bits = /Public-Key: \((\d+) bit\)/.exec(output)?.[1];
	const curve = /NIST CURVE: (P-\d+)/.exec(output)?.[1] ?? null;
	return {
		verified: ok && output.includes('self-signature verify OK'),
		subject,
		sans,
		bits: Number(bits),
		curve,
	};
}

const OPENSSL_NAMES: Record<keyof CsrSubject, string> = {
	country: 'countryName',
	state: 'stateOrProvinceName',
	locality: 'localityName',
	organisation: 'organizationName',
	organisationalUnit: 'organizationalUnitName',
	commonName: 'commonName',
	email: 'emailAddress',
};
const SHORT_NAMES: Record<keyof CsrSubject, string> = {
	country: 'C',
	state: 'ST',
	locality: 'L',
	organisation: 'O',
	organisationalUnit: 'OU',
	commonName: 'CN',
	email: 'emailAddress',
};
const inOpensslNames = (subject: CsrSubject) =>
	Object.fromEntries(
		Object.entries(subject).map(([key, value]) => [OPENSSL_NAMES[key as keyof CsrSubject], value]),
	);
const inShortNames = (subject: CsrSubject) =>
	Object.fromEntries(
		Object.entries(subject).map(([key, value]) => [SHORT_NAMES[key as keyof CsrSubject], value]),
	);

/** Writes a CSR and checks it with openssl and with our own reader. */
function checkRoundTrip(
	subject: CsrSubject,
	dnsNames: string[],
	keys: KeyPair,
	keyType: KeyTypeChoice,
) {
	const pem = csrToPem(buildCsr(subject, dnsNames, keys));
	const parsed = parseCsr(pem);
	expect(parsed.signatureValid).toBe(true);
	expect(csrKeyProblem(parsed)).toBeUndefined();
	expect(parsed.subject).toEqual(inShortNames(subject));
	expect(parsed.commonName).toBe(subject.commonName);
	expect(parsed.subjectAltNames).toEqual(dnsNames);
	expect(parsed.pem.trim()).toBe(pem.trim());
	const view = opensslView(pem);
	expect(view.verified).toBe(true);
	expect(view.subject).toEqual(inOpensslNames(subject));
	expect(view.sans).toEqual(dnsNames);
	const spec = KEY_SPECS[keyType];
	if (spec.keyType === 'RSA') {
		expect(parsed.publicKey).toEqual({ algorithm: 'RSA', bits: spec.keySize });
		expect(view.bits).toBe(spec.keySize);
		expect(parsed.signatureAlgorithm).toBe('sha256WithRSAEncryption');
	} else {
		expect(parsed.publicKey).toEqual({ algorithm: 'EC', curve: spec.curve });
		expect(view.curve).toBe(spec.curve);
		expect(parsed.signatureAlgorithm).toBe('ecdsa-with-SHA256');
	}
}

const FULL_SUBJECT: CsrSubject = {
	commonName: 'www.example.com',
	organisation: 'Exämple, Ltd + Söhne "Ω"',
	organisationalUnit: 'IT; Web=Ops',
	locality: 'Zürich',
	state: '東京都',
	country: 'GB',
	email: 'certs@example.com',
};

describe('csrWriter: every key type, checked by openssl req -verify and by our CSR reader', () => {
	it.each(Object.keys(KEY_SPECS) as KeyTypeChoice[])(
		'%s with a full subject and SANs',
		async (keyType) => {
			const keys = await generateKeys(KEY_SPECS[keyType]);
			checkRoundTrip(
				FULL_SUBJECT,
				['www.example.com', 'example.com', '*.shop.example.com'],
				keys,
				keyType,
			);
			// The common name alone: no other RDN, the CN as the only SAN.
			checkRoundTrip({ commonName: 'example.org' }, ['example.org'], keys, keyType);
		},
	);

	it('writes no extensionRequest when there are no names, as openssl expects', async () => {
		const keys = await generateKeys(KEY_SPECS.ecP256);
		const pem = csrToPem(buildCsr({ commonName: 'example.org' }, [], keys));
		expect(parseCsr(pem).subjectAltNames).toEqual([]);
		expect(opensslView(pem).verified).toBe(true);
	});
});

const ALPHABET = [
	...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.+-_"\'\\/<>;=#&()@!?*:',
	'é',
	'ü',
	'ß',
	'Ø',
	'ñ',
	'東',
	'京',
	'Ω',
	'д',
	'🙂',
	'€',
];
const COUNTRIES = [...ISO_COUNTRY_CODES];

function randomText(random: () => number, min: number, max: number): string {
	const length = min + Math.floor(random() * (max - min + 1));
	const text = Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)])
		.join('')
		.trim();
	return text || 'x';
}

function randomLabel(random: () => number): string {
	const characters = 'abcdefghijklmnopqrstuvwxyz0123456789-';
	const length = 1 + Math.floor(random() * 12);
	const label = Array.from(
		{ length },
		() => characters[Math.floor(random() * characters.length)],
	).join('');
	return label.replace(/^-+|-+$/g, '') || 'a';
}

function randomHost(random: () => number, wildcard = false): string {
	const labels = Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomLabel(random));
	const tld = ['com', 'net', 'org', 'co.uk', 'io', 'xn--p1ai'][Math.floor(random() * 6)];
	return `${wildcard ? '*.' : ''}${labels.join('.')}.${tld}`;
}

describe('csrWriter: random subjects and SAN lists round-trip (seeded)', () => {
	const keys: Partial<Record<KeyTypeChoice, KeyPair>> = {};
	beforeAll(async () => {
		// Keys are reused: what varies is the request, and RSA generation is slow.
		for (const keyType of ['rsa2048', 'ecP256', 'ecP384'] as const)
			keys[keyType] = await generateKeys(KEY_SPECS[keyType]);
	});

	it('300 random requests: prepared from user input, written, read back by our reader and openssl', () => {
		const random = seededRandom(20261202);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		for (let round = 0; round < 300; round++) {
			const optional = (make: () => string) => (random() < 0.6 ? make() : '');
			const sanList = Array.from({ length: Math.floor(random() * 8) }, () =>
				randomHost(random, random() < 0.15),
			);
			// Duplicates in other case, and every separator the field accepts.
			if (sanList.length && random() < 0.3) sanList.push(sanList[0].toUpperCase());
			const separator = pick([', ', ',', ' ', '\n', ' ,\n ']);
			const prepared = prepareKeyRequest({
				commonName: `  ${randomHost(random, random() < 0.1)} `,
				sanDomains: random() < 0.5 ? sanList.join(separator) : sanList,
				organisation: optional(() => ` ${randomText(random, 1, 64)}`),
				organisationalUnit: optional(() => randomText(random, 1, 64)),
				locality: optional(() => randomText(random, 1, 128)),
				state: optional(() => randomText(random, 1, 60)),
				country: optional(() => (random() < 0.5 ? pick(COUNTRIES) : pick(COUNTRIES).toLowerCase())),
				email: optional(
					() => `${randomLabel(random)}.${randomLabel(random)}@${randomHost(random)}`,
				),
			});
			if (!prepared.ok) throw new Error(`round ${round}: ${JSON.stringify(prepared.problems)}`);
			const { subject, dnsNames } = prepared.request;
			expect(dnsNames[0]).toBe(subject.commonName);
			expect(new Set(dnsNames).size).toBe(dnsNames.length);
			const keyType = pick(['rsa2048', 'ecP256', 'ecP384'] as const);
			checkRoundTrip(subject, dnsNames, keys[keyType]!, keyType);
		}
	}, 120_000);
});
