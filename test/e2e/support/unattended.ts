// Set-up pieces of the unattended suite (unattended.e2e.ts): the certificate that is about to expire,
// the workflows pointed at this run's SSH server, and what the SSH server holds afterwards.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Simulator, makeCsr } from '../../simulator';
import { FIXTURE_CATCHER_URL, type WorkflowJson, workflowFixture } from './fixtures';

/** Where the committed workflows' Settings node points; replaced by this run's folders on the SSH server. */
export const FIXTURE_DOCROOT = '/var/www/html';
export const FIXTURE_CERT_DIR = '/etc/ssl/servertastic';

export const UNATTENDED_WORKFLOW = {
	loop: { file: 'schedule-renew-sftp-validate-install.json', id: 'StUnattendLoop01' },
	keep: { file: 'schedule-renew-sftp-keep-key.json', id: 'StUnattendKeep01' },
	issued: { file: 'trigger-issued-install-sftp.json', id: 'StUnattendIssue1' },
} as const;

const DAY_MS = 24 * 3600 * 1000;

/**
 * A certificate issued long ago that expires in `days`: placed (EMAIL, so no file check) and advanced by
 * the test as history, before n8n runs. Returns the old order's token.
 */
export async function expiringCertificate(
	simulator: Simulator,
	domain: string,
	days: number,
): Promise<string> {
	const token = simulator.createToken({ productCode: 'RapidSSL-12', reference: `old-${domain}` });
	const person = (role: string) => ({
		[`${role}_first_name`]: 'Ada',
		[`${role}_last_name`]: 'Lovelace',
		[`${role}_phone`]: '+44 20 7946 0000',
		[`${role}_email`]: 'ada@example.com',
		[`${role}_title`]: 'Engineer',
	});
	const response = await fetch(`${simulator.url}/order/place.json`, {
		method: 'POST',
		body: new URLSearchParams({
			api_key: simulator.apiKey,
			order_token: token,
			dv_auth_method: 'EMAIL',
			approver_email_address: `admin@${domain.replace(/^[^.]+\./, '')}`,
			hashing_algorithm: 'SHA-256',
			csr: makeCsr(domain).csr,
			...person('tech_contact'),
			...person('admin_contact'),
		}),
	});
	const answer = (await response.json()) as { success?: string };
	if (!answer.success)
		throw new Error(`Could not place the old order for ${domain}: ${JSON.stringify(answer)}`);
	while (simulator.advance(token) !== 'Completed');
	const order = simulator.getOrder(token)!;
	order.expiryDate = new Date(Date.now() + days * DAY_MS);
	order.completedAt = new Date(order.expiryDate.getTime() - 199 * DAY_MS);
	return token;
}

/** A committed workflow pointed at this run: catcher, docroot and certificate folder; its schedule every `everySeconds`. */
export function unattendedWorkflow(
	file: string,
	urls: { catcher: string; docroot: string; certDir: string },
	everySeconds?: number,
): WorkflowJson {
	const workflow = workflowFixture(file, urls.catcher);
	const text = JSON.stringify(workflow);
	for (const placeholder of [FIXTURE_DOCROOT, FIXTURE_CERT_DIR, FIXTURE_CATCHER_URL]) {
		if (
			placeholder !== FIXTURE_CATCHER_URL &&
			!text.includes(placeholder) &&
			file !== UNATTENDED_WORKFLOW.issued.file
		) {
			throw new Error(`${file} does not use ${placeholder}`);
		}
	}
	const pointed = JSON.parse(
		text.split(FIXTURE_DOCROOT).join(urls.docroot).split(FIXTURE_CERT_DIR).join(urls.certDir),
	) as WorkflowJson;
	for (const node of pointed.nodes) {
		// "Every day at 03:00" becomes "every N seconds": the Schedule Trigger itself still starts the run.
		if (node.type === 'n8n-nodes-base.scheduleTrigger' && everySeconds) {
			node.parameters = {
				rule: { interval: [{ field: 'seconds', secondsInterval: everySeconds }] },
			};
		}
	}
	return pointed;
}

export interface Installed {
	certificate: X509Certificate;
	chainLength: number;
	keyMatches: boolean;
	keyPem: string;
}

/** What the SSH server holds for a domain: fullchain.pem and key.pem, read as a web server would. */
export function installedCertificate(certDir: string, domain: string): Installed | null {
	const fullchain = join(certDir, domain, 'fullchain.pem');
	const key = join(certDir, domain, 'key.pem');
	if (!existsSync(fullchain) || !existsSync(key)) return null;
	const pems =
		readFileSync(fullchain, 'utf8').match(
			/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
		) ?? [];
	const [first] = pems;
	if (!first) return null;
	const certificate = new X509Certificate(first);
	const keyPem = readFileSync(key, 'utf8');
	return {
		certificate,
		chainLength: pems.length,
		keyMatches: certificate.checkPrivateKey(createPrivateKey(keyPem)),
		keyPem,
	};
}

/** The base64 body of a PEM, for looking for it in n8n's files. */
export const pemBody = (pem: string): string =>
	pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
