// Order → Get Certificate Files against the documented completed reviews in every XML→JSON reading:
// the fixtures' fake PEM blocks replaced by an openssl PKI's real ones, key for key, the files and
// facts must be the same whichever reading the API uses.
import type { IDataObject } from 'n8n-workflow';

import { buildCsr, csrToPem } from '../../nodes/Servertastic/helpers/csrWriter';
import { generateKeys, KEY_SPECS, privateKeyPem } from '../../nodes/Servertastic/helpers/keyPair';
import { makePki, opensslPkcs7, type Pki } from '../fixtures/pki';
import { filesOf } from '../nodes/Servertastic/actions/order/certificateFiles.support';
import { startSimulator, type Simulator } from '../simulator';
import { runServertastic } from '../support/servertastic';
import { applyVariant, fixture, serveFixture, variantsFor, type Variant } from '.';

const CASES = ['completed', 'completed-one-each', 'completed-pkcs7'];
const READINGS: Variant[] = ['documented', ...variantsFor('order/review')];

let simulator: Simulator;
let pki: Pki;
let leaf: string;
let privateKey: string;
beforeAll(async () => {
	simulator = await startSimulator();
	pki = makePki('Contract', 1);
	const keys = await generateKeys(KEY_SPECS.ecP256);
	leaf = pki.issue(
		csrToPem(buildCsr({ commonName: 'www.example.com' }, ['www.example.com'], keys)),
		['www.example.com'],
	);
	privateKey = privateKeyPem(keys.privateKey);
});
afterAll(async () => {
	pki.close();
	await simulator.close();
});

/** The documented answer with real certificates where it has fake ones; its shape untouched. */
function withRealCertificates(caseName: string): IDataObject {
	const review = fixture('order/review', caseName) as IDataObject;
	review.certificate = leaf;
	const real: Record<string, string> = { INTERMEDIATE: pki.intermediates[0], ROOT: pki.root };
	const caCerts = review.ca_certs as { certificate_info: IDataObject[] };
	for (const entry of caCerts.certificate_info) entry.certificate = real[String(entry.type)];
	const reissued = review.reissued_certificates as { certificate_info: IDataObject[] } | undefined;
	for (const entry of reissued?.certificate_info ?? []) entry.certificate = leaf;
	if (review.pkcs7) review.pkcs7 = opensslPkcs7(pki, [leaf, pki.intermediates[0]]);
	return review;
}

describe.each(CASES)('Order → Get Certificate Files, order/review case %s', (caseName) => {
	let expected: { json: IDataObject; files: Record<string, string> } | undefined;

	it.each(READINGS)('%s reading: the same files and facts', async (variant) => {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		serveFixture(
			simulator,
			'order/review',
			applyVariant('order/review', withRealCertificates(caseName), variant),
		);
		const result = await runServertastic(simulator, {
			resource: 'order',
			operation: 'getCertificateFiles',
			orderToken: token,
			privateKeySource: 'text',
			privateKey,
			pfxPassword: 'contract-1',
		});
		expect(result.status).toBe('success');
		const [item] = result.success;
		const files = Object.fromEntries(
			Object.entries(filesOf(item)).map(([name, bytes]) => [
				name,
				name === 'pfx' ? `${bytes.length > 1000}` : bytes.toString(),
			]),
		);
		expect(files.certificate).toBe(leaf);
		expect(files.chain).toBe(pki.intermediates[0]);
		expect(files.fullchain).toBe(leaf + pki.intermediates[0]);
		expect(files.key).toBe(privateKey);
		expect(item.json.files).toEqual([
			'certificate.pem',
			'chain.pem',
			'fullchain.pem',
			...(caseName === 'completed-pkcs7' ? ['certificate.p7b'] : []),
			'key.pem',
			'certificate.pfx',
		]);
		expect(item.json).toMatchObject({
			status: 'Completed',
			domain: 'www.example.com',
			commonName: 'www.example.com',
			leftOutCertificates: [],
		});
		const json = { ...item.json, orderToken: null, daysRemaining: null };
		expected ??= { json, files };
		expect({ json, files }).toEqual(expected);
	});
});
