// Place, Reissue and Get hand the validation on: the file as binary data with its path and URL for
// HTTP/HTTPS file validation, the DNS record as separate fields for DNS.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { csrFixture } from '../../../../fixtures/csrs';
import { runServertastic, TECH_CONTACT } from '../../../../support/servertastic';
import { expectNoSecret, useSimulator } from '../../../../support/readChecks';
import { filesOf, generateKeyAndCsr, placeAndIssue } from './certificateFiles.support';

const simulator = useSimulator();

const place = (
	orderToken: string,
	dvAuthMethod: string,
	csr = csrFixture('rsa2048'),
): INodeParameters => ({
	resource: 'order',
	operation: 'place',
	orderToken,
	productBrand: 'rapidssl',
	dvAuthMethod,
	approverEmail: 'admin@example.com',
	csr,
	...TECH_CONTACT,
});
const get = (orderToken: string): INodeParameters => ({
	resource: 'order',
	operation: 'get',
	orderToken,
});

function expectValidationFile(
	item: INodeExecutionData,
	scheme: 'http' | 'https',
	host: string,
	name: string,
	contents: string,
) {
	const path = `/.well-known/pki-validation/${name}`;
	expect(item.json.validationFile).toEqual({ name, path, url: `${scheme}://${host}${path}` });
	expect(item.json.dnsRecord).toBeNull();
	expect(Object.keys(item.binary ?? {})).toEqual(['validationFile']);
	expect(item.binary!.validationFile).toMatchObject({ fileName: name, mimeType: 'text/plain' });
	// Byte for byte what the certificate authority will fetch.
	expect(filesOf(item).validationFile.toString('utf8')).toBe(contents);
}

describe('validation handed on by Place, Reissue and Get', () => {
	it.each([
		['FILE', 'http'],
		['SFILE', 'https'],
	] as const)(
		'%s: Place and Get output the file (as the API names it) for an SFTP node, with its path and URL',
		async (method, scheme) => {
			const token = simulator().createToken({ productCode: 'RapidSSL-12' });
			const placed = await runServertastic(simulator(), place(token, method));
			expect(placed.status).toBe('success');
			const order = simulator().getOrder(token)!;
			expect(order.fileName).toBe('/.well-known/pki-validation/fileauth.txt');
			expectValidationFile(
				placed.success[0],
				scheme,
				'www.example.com',
				'fileauth.txt',
				order.fileContents!,
			);
			const got = await runServertastic(simulator(), get(token));
			expectValidationFile(
				got.success[0],
				scheme,
				'www.example.com',
				'fileauth.txt',
				order.fileContents!,
			);
			expectNoSecret(got);
		},
	);

	it("Get: a file name of the CA's own (Sectigo-style hash name, several lines of contents) is kept exactly", async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		Object.assign(simulator().getOrder(token)!, {
			status: 'Awaiting Customer Verification',
			placedAt: new Date(),
			domainName: '*.shop.example.com',
			dvAuthMethod: 'FILE',
			fileName: '/.well-known/pki-validation/0F3A9C2B7D1E4F5A6B7C8D9E0F1A2B3C.txt',
			fileContents: 'c7cf0e1d2a9b8c7d6e5f4a3b2c1d0e9f\nsectigo.com\nabc123def456',
		});
		const [item] = (await runServertastic(simulator(), get(token))).success;
		// The wildcard's base name is the host that is checked.
		expectValidationFile(
			item,
			'http',
			'shop.example.com',
			'0F3A9C2B7D1E4F5A6B7C8D9E0F1A2B3C.txt',
			'c7cf0e1d2a9b8c7d6e5f4a3b2c1d0e9f\nsectigo.com\nabc123def456',
		);
	});

	it('DNS: the record as separate fields, no file', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const placed = (await runServertastic(simulator(), place(token, 'DNS'))).success[0];
		const order = simulator().getOrder(token)!;
		const record = { name: order.dnsName, type: 'TXT', value: order.dnsString };
		expect(placed.json.dnsRecord).toEqual(record);
		expect(placed.json.validationFile).toBeNull();
		expect(placed.binary).toBeUndefined();
		const got = (await runServertastic(simulator(), get(token))).success[0];
		expect(got.json.dnsRecord).toEqual(record);
		expect(got.binary).toBeUndefined();
	});

	it('Email, and a file not ready yet: both keys null, no binary', async () => {
		const token = simulator().createToken({ productCode: 'RapidSSL-12' });
		const placed = (await runServertastic(simulator(), place(token, 'EMAIL'))).success[0];
		expect([placed.json.validationFile, placed.json.dnsRecord, placed.binary]).toEqual([
			null,
			null,
			undefined,
		]);
		Object.assign(simulator().getOrder(token)!, {
			dvAuthMethod: 'FILE',
			fileName: undefined,
			fileContents: undefined,
		});
		const got = (await runServertastic(simulator(), get(token))).success[0];
		expect(got.json.validation).toMatchObject({ method: 'FILE', file: null });
		expect([got.json.validationFile, got.json.dnsRecord, got.binary]).toEqual([
			null,
			null,
			undefined,
		]);
	});

	it('Reissue with a CSR made by Generate Key and CSR and HTTPS file validation: the new file as binary', async () => {
		const first = await generateKeyAndCsr(simulator(), {
			keyType: 'ecP256',
			commonName: 'shop.example.com',
		});
		const token = await placeAndIssue(simulator(), String(first.json.csr));
		const next = await generateKeyAndCsr(simulator(), {
			keyType: 'ecP256',
			commonName: 'shop.example.com',
		});
		const result = await runServertastic(simulator(), {
			resource: 'order',
			operation: 'reissue',
			orderToken: token,
			csr: String(next.json.csr),
			validationMethod: 'SFILE',
		});
		expect(result.status).toBe('success');
		const order = simulator().getOrder(token)!;
		expectValidationFile(
			result.success[0],
			'https',
			'shop.example.com',
			'fileauth.txt',
			order.fileContents!,
		);
	});
});
