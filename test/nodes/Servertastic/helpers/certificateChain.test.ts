import { X509Certificate } from 'crypto';

import {
	CertificateFilesError,
	certificateFacts,
	dnsNamesOf,
	orderChain,
	readCertificates,
} from '../../../../nodes/Servertastic/helpers/certificateChain';
import { makePki, openssl, type Pki } from '../../../fixtures/pki';

let pki: Pki;
let leaf: X509Certificate;
let leafPem: string;
beforeAll(() => {
	pki = makePki('Chain', 3);
	const csr = openssl([
		'req',
		'-new',
		'-newkey',
		'ec',
		'-pkeyopt',
		'ec_paramgen_curve:P-256',
		'-nodes',
		'-keyout',
		`${pki.dir}/leaf.key`,
		'-subj',
		'/CN=www.example.com',
	]);
	leafPem = pki.issue(csr, ['www.example.com', 'example.com'], 30);
	leaf = new X509Certificate(leafPem);
});
afterAll(() => pki.close());

const x509 = (pem: string) => new X509Certificate(pem);
const subjects = (certificates: X509Certificate[]) =>
	certificates.map((certificate) => certificate.subject.split('\n').at(-1));

describe('orderChain', () => {
	it('orders intermediates given in any order, leaf issuer first; the root only when asked', () => {
		const [int3, int2, int1] = pki.intermediates.map(x509);
		for (const given of [
			[int1, int2, int3],
			[int2, int3, int1],
			[int3, int1, int2],
		]) {
			expect(subjects(orderChain(leaf, given, [x509(pki.root)], false).chain)).toEqual([
				'CN=Chain Intermediate CA 3',
				'CN=Chain Intermediate CA 2',
				'CN=Chain Intermediate CA 1',
			]);
		}
		const withRoot = orderChain(leaf, [int1, int2, int3], [x509(pki.root)], true);
		expect(subjects(withRoot.chain).at(-1)).toBe('CN=Chain Root CA');
		expect(withRoot.root?.fingerprint256).toBe(x509(pki.root).fingerprint256);
	});

	it('a root listed among the intermediates and duplicates: left out of the chain, not reported as extra', () => {
		const [int3, int2, int1] = pki.intermediates.map(x509);
		const result = orderChain(leaf, [int3, x509(pki.root), int2, int3, int1], [], false);
		expect(subjects(result.chain)).toEqual([
			'CN=Chain Intermediate CA 3',
			'CN=Chain Intermediate CA 2',
			'CN=Chain Intermediate CA 1',
		]);
		expect(result.leftOut).toEqual([]);
		expect(
			subjects(orderChain(leaf, [int3, x509(pki.root), int2, int1], [], true).chain).at(-1),
		).toBe('CN=Chain Root CA');
	});

	it("names certificates that are not on the leaf's path", () => {
		const other = makePki('Other', 1);
		try {
			const result = orderChain(
				leaf,
				[...pki.intermediates, ...other.intermediates].map(x509),
				[x509(pki.root)],
				false,
			);
			expect(result.chain).toHaveLength(3);
			expect(result.leftOut).toEqual([
				'C=GB, O=Other PKI (tests only), CN=Other Intermediate CA 1',
			]);
		} finally {
			other.close();
		}
	});

	it('refuses a missing link, and an issuer that is not a CA', () => {
		const [int3, , int1] = pki.intermediates.map(x509);
		// Without CA 2: CA 3 is there, but the path stops at it and the root did not sign it.
		expect(() => orderChain(leaf, [int3, int1], [x509(pki.root)], true)).toThrow(
			new CertificateFilesError(
				'No root certificate the API gave signed "Chain Intermediate CA 3", so the chain cannot end in its root',
			),
		);
		expect(() => orderChain(leaf, [], [], false)).toThrow(
			/^The chain is broken: none of the CA certificates the API gave issued the certificate "www.example.com"/,
		);
		// A leaf (not a CA) that happens to carry the issuer's name and key cannot issue anything.
		const notCa = openssl([
			'req',
			'-x509',
			'-key',
			`${pki.dir}/leaf.key`,
			'-subj',
			'/CN=www.example.com',
			'-days',
			'1',
			'-addext',
			'basicConstraints=critical,CA:false',
		]);
		const signedByLeaf = openssl([
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:P-256',
			'-nodes',
			'-keyout',
			`${pki.dir}/x.key`,
			'-subj',
			'/CN=x.example.com',
			'-CA',
			pki.file('nca.pem', notCa),
			'-CAkey',
			`${pki.dir}/leaf.key`,
			'-days',
			'1',
		]);
		expect(() => orderChain(x509(signedByLeaf), [x509(notCa)], [], false)).toThrow(
			'The chain is broken: the CA certificate "www.example.com" is not a CA certificate, so it cannot have issued "x.example.com"',
		);
	});
});

describe('readCertificates and facts', () => {
	it('reads every block, JSON-escaped line ends too, and names an unreadable one', () => {
		const text = (pki.intermediates.join('') + leafPem).replace(/\n/g, '\\n');
		expect(readCertificates(text, 'x')).toHaveLength(4);
		expect(() => readCertificates('nothing', 'The chain')).toThrow(
			'The chain holds no PEM certificate',
		);
		const broken = `${leafPem}-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n`;
		expect(() => readCertificates(broken, 'The chain')).toThrow(
			'The chain (block 2) is not a readable X.509 certificate',
		);
	});

	it('gives the facts openssl gives', () => {
		const facts = certificateFacts(leaf, new Date(leaf.validFrom));
		expect(facts).toEqual({
			commonName: 'www.example.com',
			subject: 'CN=www.example.com',
			sans: ['www.example.com', 'example.com'],
			issuer: 'C=GB, O=Chain PKI (tests only), CN=Chain Intermediate CA 3',
			serialNumber: openssl(['x509', '-noout', '-serial'], leafPem).trim().replace('serial=', ''),
			notBefore: new Date(
				openssl(['x509', '-noout', '-startdate'], leafPem).trim().replace('notBefore=', ''),
			).toISOString(),
			notAfter: new Date(
				openssl(['x509', '-noout', '-enddate'], leafPem).trim().replace('notAfter=', ''),
			).toISOString(),
			daysRemaining: 30,
			sha256Fingerprint: openssl(['x509', '-noout', '-fingerprint', '-sha256'], leafPem)
				.trim()
				.split('=')[1],
		});
		expect(dnsNamesOf(x509(pki.root))).toEqual([]);
	});
});
