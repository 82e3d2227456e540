import { certificateFacts } from '../../../../nodes/ServertasticEventTrigger/helpers/certificate';
import { issueLeaf, makeAuthority, newKeyPair, toPem } from '../../../simulator/x509';

describe('certificateFacts', () => {
	const authority = makeAuthority('Test CA');
	const leaf = (notBefore: Date) =>
		toPem(
			'CERTIFICATE',
			issueLeaf(
				authority,
				'shop.example.com',
				['shop.example.com'],
				newKeyPair().publicKey,
				notBefore,
				new Date('2027-01-01T00:00:00Z'),
			),
		);

	it('reads the start of validity and a stable identity', () => {
		const pem = leaf(new Date('2026-03-04T05:06:07Z'));
		const facts = certificateFacts(pem)!;
		expect(facts.notBefore).toBe('2026-03-04T05:06:07.000Z');
		expect(facts.id).toMatch(/^[0-9a-f]{32}$/);
		expect(certificateFacts(`\n${pem}\n`)!.id).toBe(facts.id);
	});

	it('tells two certificates for the same name apart', () => {
		const start = new Date('2026-03-04T05:06:07Z');
		expect(certificateFacts(leaf(start))!.id).not.toBe(certificateFacts(leaf(start))!.id);
	});

	it('gives no facts for no text, and an identity without dates for text that is not a certificate', () => {
		expect(certificateFacts(null)).toBeNull();
		expect(certificateFacts('  ')).toBeNull();
		const odd = certificateFacts(
			'-----BEGIN CERTIFICATE-----\nnot base64 der\n-----END CERTIFICATE-----',
		)!;
		expect(odd.notBefore).toBeNull();
		expect(odd.id).toMatch(/^[0-9a-f]{32}$/);
		expect(certificateFacts('something else')!.id).not.toBe(odd.id);
	});
});
