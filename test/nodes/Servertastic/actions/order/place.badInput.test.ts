import type { IDataObject } from 'n8n-workflow';

import { PLACE_ORDER_FIELDS } from '../../../../../nodes/Servertastic/helpers/placeOrderFields';
import { csrFixture } from '../../../../fixtures/csrs';
import { serialiseEverything } from '../../../../harness';
import { startSimulator, type Simulator } from '../../../../simulator';
import {
	ORGANISATION,
	runServertastic,
	TECH_ADDRESS,
	TECH_CONTACT,
} from '../../../../support/servertastic';

/**
 * A corpus of bad inputs, one input item each, run through the node in ONE workflow with
 * "Continue (regular output)": every item must come back as an error naming its field and its item,
 * and the simulator must have seen no request at all.
 */

const GOOD: IDataObject = {
	orderToken: 'tok_good_0001',
	validationLevel: 'OV',
	productBrand: 'geotrust',
	dvAuthMethod: 'DNS',
	approverEmail: '',
	csr: csrFixture('rsa2048'),
	sanDomains: '',
	...TECH_CONTACT,
	...TECH_ADDRESS,
	...ORGANISATION,
	orgJurisdictionCity: 'Cardiff',
	orgJurisdictionRegion: 'Wales',
	orgJurisdictionCountry: 'GB',
	csrSource: 'paste',
	domainName: '',
	hashingAlgorithm: '',
	webServerType: 'Other',
	competitiveUpgrade: false,
};

// Every parameter reads its value from the item, so each item can be bad in its own way. With the
// switches as expressions n8n shows (and requires) every field they could reveal: all get one.
const PARAMETERS = Object.fromEntries(
	[...new Set([...Object.keys(GOOD), ...PLACE_ORDER_FIELDS.map((field) => field.name)])].map(
		(name) => [name, `={{ $json.${name} }}`],
	),
);

type Case = [label: string, changes: IDataObject, field: string];
const cases: Case[] = [];
const add = (label: string, changes: IDataObject, field: string) =>
	cases.push([label, changes, field]);

// CSRs: truncated, relabelled, garbage, tampered, weak keys.
const pem = csrFixture('rsa2048').trim();
for (const cut of [30, 36, 60, 100, 200, 400, 700, 900, pem.length - 40, pem.length - 26]) {
	add(`CSR truncated at ${cut}`, { csr: pem.slice(0, cut) }, 'CSR');
}
add(
	'CSR labelled as a certificate',
	{ csr: pem.replace(/CERTIFICATE REQUEST/g, 'CERTIFICATE') },
	'CSR',
);
add(
	'CSR labelled as a private key',
	{ csr: pem.replace(/CERTIFICATE REQUEST/g, 'PRIVATE KEY') },
	'CSR',
);
add('CSR with base64 garbage', { csr: pem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!$$$$%%') }, 'CSR');
add(
	'CSR with no body',
	{ csr: '-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----' },
	'CSR',
);
add('CSR twice', { csr: `${pem}\n${pem}` }, 'CSR');
add('CSR after other text', { csr: `Here it is:\n${pem}` }, 'CSR');
add('CSR with a NUL after END', { csr: `${pem}\u0000` }, 'CSR');
add('CSR with a bell after END', { csr: `${pem}\n\u0007\n` }, 'CSR');
add('CSR with a form feed inside', { csr: pem.replace(/\n(?!-)/, '\n\f') }, 'CSR');
add('CSR with a vertical tab inside', { csr: pem.replace(/\n(?!-)/, '\n\v') }, 'CSR');
add(
	'CSR followed by its private key',
	{ csr: `${pem}\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----` },
	'CSR',
);
const body = pem.split('\n').slice(1, -1).join('');
const der = Buffer.from(body, 'base64');
for (const offset of [der.length - 1, der.length - 20, der.length - 100, 60, 100]) {
	const tampered = Buffer.from(der);
	tampered[offset] ^= 0x01;
	const text = tampered.toString('base64').replace(/(.{64})/g, '$1\n');
	add(
		`CSR with byte ${offset} changed`,
		{ csr: `-----BEGIN CERTIFICATE REQUEST-----\n${text}\n-----END CERTIFICATE REQUEST-----` },
		'CSR',
	);
}
for (const weak of ['rsa1024', 'ec-p521', 'ed25519'] as const)
	add(`CSR with a ${weak} key`, { csr: csrFixture(weak) }, 'CSR');
add('CSR as a number', { csr: 12345 }, 'CSR');
add('CSR as an object', { csr: { pem } }, 'CSR');
add('CSR as a list', { csr: [pem] }, 'CSR');
add('CSR as true', { csr: true }, 'CSR');
add(
	'wildcard CSR with HTTP file',
	{ csr: csrFixture('wildcard'), dvAuthMethod: 'FILE' },
	'Validation Method',
);
add(
	'wildcard CSR with HTTPS file',
	{ csr: csrFixture('wildcard'), dvAuthMethod: 'SFILE' },
	'Validation Method',
);
add(
	'wildcard SAN with HTTP file',
	{ sanDomains: 'shop.example.com, *.mail.example.com', dvAuthMethod: 'FILE' },
	'Validation Method',
);

// SANs that are not host names.
const badNames = [
	'a..example.com',
	'-a.example.com',
	'a-.example.com',
	'exa mple.com',
	'10.0.0.1',
	'192.168.1.1',
	'::1',
	'[::1]',
	'localhost',
	'printer.local',
	'*.*.example.com',
	'ex*ample.com',
	'https://example.org',
	'ada@example.com',
	`${'a'.repeat(64)}.example.com`,
	`${'abcdefghi.'.repeat(26)}com`,
	'bücher.de',
	'example.com.',
	'a_b.example.com',
	'*.com',
	'example',
	'1.2.3.4',
	'example.123',
	'exam\tple.com',
	'example.com:443',
	'münchen.example.de',
	'xn--.com',
	'ex;ample.com',
	'ex"ample.com',
	'中文.example.com',
];
for (const name of badNames)
	add(
		`SAN ${JSON.stringify(name)}`,
		{ sanDomains: `ok.example.com, ${name}` },
		'Additional Domains (SANs)',
	);
add('SANs as an object', { sanDomains: { a: 'b' } }, 'Additional Domains (SANs)');
add(
	'SANs as a list with a number',
	{ sanDomains: ['a.example.com', 5] },
	'Additional Domains (SANs)',
);

// Emails.
const badEmails = [
	'ada',
	'ada@',
	'@example.com',
	'ada@example',
	'ada@@example.com',
	'ada example@example.com',
	'Ada <ada@example.com>',
	'ada@.example.com',
	'ada@example..com',
	'.ada@example.com',
	'ada.@example.com',
	'a..da@example.com',
	`${'a'.repeat(65)}@example.com`,
	'ada@exämple.com',
	'mailto:ada@example.com',
	'ada@example.com, bob@example.com',
	'ada@localhost',
	'ada@10.0.0.1',
];
for (const email of badEmails)
	add(`tech email ${JSON.stringify(email)}`, { techEmail: email }, 'Tech Contact Email');
for (const email of badEmails.slice(0, 8)) {
	add(
		`approver email ${JSON.stringify(email)}`,
		{ dvAuthMethod: 'EMAIL', approverEmail: email },
		'Approver Email',
	);
}

// Phones.
const badPhones = [
	'call me',
	'12',
	'+',
	'++44 20 7946 0000',
	'+44 20 7946 0000 ext',
	'0044-20-ABC',
	'1234567890123456789',
	'+0 20 7946 0000',
	'(((12345678)))x',
	'44#2079460000',
];
for (const phone of badPhones)
	add(`tech phone ${JSON.stringify(phone)}`, { techPhone: phone }, 'Tech Contact Phone');
for (const phone of badPhones.slice(0, 4))
	add(`organisation phone ${JSON.stringify(phone)}`, { orgPhone: phone }, 'Organisation Phone');

// Countries.
const badCountries = ['UK', 'EU', 'XK', 'G', 'GBR', 'United Kingdom', 'Germany', '12', 'ÖS', 'ZZ'];
for (const country of badCountries)
	add(
		`organisation country ${JSON.stringify(country)}`,
		{ orgCountry: country },
		'Organisation Country Code',
	);
for (const country of badCountries.slice(0, 5))
	add(
		`tech country ${JSON.stringify(country)}`,
		{ techCountryCode: country },
		'Tech Contact Country Code',
	);

// Control characters, CR/LF and very long values in every text field.
const textFields: Array<[string, string]> = [
	['techFirstName', 'Tech Contact First Name'],
	['techLastName', 'Tech Contact Last Name'],
	['techJobTitle', 'Tech Contact Job Title'],
	['techOrganisationName', 'Tech Contact Organisation'],
	['techAddressLine1', 'Tech Contact Address Line 1'],
	['techCity', 'Tech Contact City'],
	['techRegion', 'Tech Contact Region'],
	['techPostCode', 'Tech Contact Post Code'],
	['orgName', 'Organisation Name'],
	['orgAddressLine1', 'Organisation Address Line 1'],
	['orgCity', 'Organisation City'],
	['orgRegion', 'Organisation Region'],
	['orgPostalCode', 'Organisation Postal Code'],
];
for (const [name, label] of textFields) {
	add(`CR/LF in ${name}`, { [name]: 'Value\r\nX-Injected: yes' }, label);
	add(`NUL in ${name}`, { [name]: 'Value\u0000' }, label);
	add(`escape character in ${name}`, { [name]: 'Value\u001b[31m' }, label);
	add(`300 characters in ${name}`, { [name]: 'x'.repeat(300) }, label);
	add(`an object in ${name}`, { [name]: { value: 'x' } }, label);
	add(`a list in ${name}`, { [name]: ['x'] }, label);
	add(`a boolean in ${name}`, { [name]: false }, label);
	add(`nothing in ${name}`, { [name]: '' }, label);
}

// The token and the switches.
add('token with spaces', { orderToken: 'tok with spaces' }, 'Order Token');
add('token too long', { orderToken: 't'.repeat(129) }, 'Order Token');
add('token as an object', { orderToken: { token: 'x' } }, 'Order Token');
add('token empty', { orderToken: '' }, 'Order Token');
add('unknown validation method', { dvAuthMethod: 'POST' }, 'Validation Method');
add('unknown validation level', { validationLevel: 'XV' }, 'Product Validation Level');
add('unknown brand', { productBrand: 'acme' }, 'Product Brand');
add('unknown CSR source', { csrSource: 'upload' }, 'CSR Source');
add('unknown web server type', { webServerType: 'Apache' }, 'Web Server Type');
add('hashing algorithm with a space', { hashingAlgorithm: 'SHA 256' }, 'Hashing Algorithm');

// Servertastic generates the key pair: the domain name and the organisation it needs.
const keyPair = {
	csrSource: 'generate',
	csr: '',
	domainName: 'www.example.com',
	orgDivision: 'IT',
};
for (const name of [
	'',
	'not a domain',
	'printer.local',
	'10.0.0.1',
	'https://example.com',
	'*.*.example.com',
	'exa\nmple.com',
]) {
	add(
		`generated key pair for ${JSON.stringify(name)}`,
		{ ...keyPair, domainName: name },
		'Domain Name',
	);
}
add(
	'generated key pair for a wildcard with HTTP file',
	{ ...keyPair, domainName: '*.example.com', dvAuthMethod: 'FILE' },
	'Validation Method',
);
add(
	'generated key pair without the division',
	{ ...keyPair, orgDivision: '' },
	'Organisation Division',
);
add(
	'generated key pair with CR/LF in the division',
	{ ...keyPair, orgDivision: 'IT\r\nX: 1' },
	'Organisation Division',
);
add(
	'generated key pair with a domain as a list',
	{ ...keyPair, domainName: ['www.example.com'] },
	'Domain Name',
);

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());

describe('Order → Place: a corpus of bad input', () => {
	it('has at least 200 cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(200);
	});

	it('refuses every case before any request, naming the field and the item', async () => {
		const inputItems = cases.map(([, changes]) => ({ ...GOOD, ...changes }));
		const result = await runServertastic(
			simulator,
			{ resource: 'order', operation: 'place', ...PARAMETERS },
			{ inputItems, onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		expect(simulator.requests).toEqual([]);
		expect(result.success).toHaveLength(cases.length);
		const outcomes = result.success.map((item, index) => ({
			case: cases[index][0],
			paired: item.pairedItem,
			error: String(item.json.error ?? 'NOT REFUSED'),
		}));
		for (const [index, outcome] of outcomes.entries()) {
			const field = cases[index][2].replace(/[()]/g, '\\$&');
			expect(outcome).toEqual({
				case: outcome.case,
				paired: { item: index },
				error: expect.stringMatching(new RegExp(`^'${field}' .*\\[item ${index}\\]$`, 's')),
			});
		}
		expect(serialiseEverything(result)).not.toContain(simulator.apiKey);
	});

	it('the base item itself is good, so each case fails for its own change', async () => {
		const token = simulator.createToken({ productCode: 'TrueBizID-12' });
		const result = await runServertastic(
			simulator,
			{ resource: 'order', operation: 'place', ...PARAMETERS, options: { validateOnly: true } },
			{ inputItems: [{ ...GOOD, orderToken: token }] },
		);
		expect(result.success[0].json).toMatchObject({
			valid: true,
			problems: [],
			checkedAgainstProductFields: true,
		});
	});
});
