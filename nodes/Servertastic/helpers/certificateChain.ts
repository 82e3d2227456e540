// The issued certificate and its CA certificates as a web server wants them, checked with Node's
// X509Certificate: the chain in order (the leaf's issuer first), each signed by the next.
import { X509Certificate } from 'crypto';

import { pem } from './derWriter';

/** A refusal that names the problem; it never holds key material. */
export class CertificateFilesError extends Error {
	override name = 'CertificateFilesError';
}

const CERTIFICATE_BLOCK =
	/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s\\n]*?-----END CERTIFICATE-----/g;

/** Every CERTIFICATE block of a text (JSON-escaped line ends allowed). */
export function readCertificates(text: string, what: string): X509Certificate[] {
	const blocks = text.replace(/\\r\\n|\\n/g, '\n').match(CERTIFICATE_BLOCK) ?? [];
	if (!blocks.length) throw new CertificateFilesError(`${what} holds no PEM certificate`);
	const certificates = blocks.map((block) => {
		try {
			return new X509Certificate(block);
		} catch {
			return undefined;
		}
	});
	const bad = certificates.findIndex((certificate) => !certificate);
	if (bad >= 0) {
		const which = blocks.length > 1 ? ` (block ${bad + 1})` : '';
		throw new CertificateFilesError(`${what}${which} is not a readable X.509 certificate`);
	}
	return certificates as X509Certificate[];
}

export const certificatePem = (certificate: X509Certificate): string =>
	pem('CERTIFICATE', certificate.raw);

/** The subject's common name, for messages. */
export function nameOf(certificate: X509Certificate): string {
	const commonName = certificate.subject.split('\n').find((line) => line.startsWith('CN='));
	return commonName ? `"${commonName.slice(3)}"` : `"${certificate.subject.replace(/\n/g, ', ')}"`;
}

const issuedBy = (subject: X509Certificate, issuer: X509Certificate): boolean =>
	subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
const isSelfSigned = (certificate: X509Certificate): boolean => issuedBy(certificate, certificate);

/** Why `issuer` cannot be `subject`'s issuer in a chain, or undefined. */
function issuerProblem(subject: X509Certificate, issuer: X509Certificate): string | undefined {
	if (!subject.checkIssued(issuer)) return `is not the issuer named by ${nameOf(subject)}`;
	if (!subject.verify(issuer.publicKey))
		return `did not sign ${nameOf(subject)}: the signature does not verify`;
	if (!issuer.ca) return `is not a CA certificate, so it cannot have issued ${nameOf(subject)}`;
	return undefined;
}

export interface OrderedChain {
	/** Intermediates in server order, the leaf's issuer first; the root last only when asked for. */
	chain: X509Certificate[];
	root: X509Certificate | null;
	/** CA certificates the API gave that are not on the leaf's path (subjects). */
	leftOut: string[];
}

function unique(certificates: X509Certificate[]): X509Certificate[] {
	const seen = new Set<string>();
	return certificates.filter(
		(certificate) =>
			!seen.has(certificate.fingerprint256) && !!seen.add(certificate.fingerprint256),
	);
}

/** The next certificate up from `current` in `pool`, or a refusal when one only looks like it. */
function nextIssuer(
	current: X509Certificate,
	pool: X509Certificate[],
): X509Certificate | undefined {
	const named = pool.filter((candidate) => current.checkIssued(candidate));
	const found = named.find((candidate) => !issuerProblem(current, candidate));
	if (found || !named.length) return found;
	throw new CertificateFilesError(
		`The chain is broken: the CA certificate ${nameOf(named[0])} ${issuerProblem(current, named[0])}`,
	);
}

/**
 * Builds the path from the leaf through the intermediates (in whatever order the API lists them),
 * then finds the root that signed its top. Refuses a leaf no given CA certificate issued, and a root
 * asked for that is missing or did not sign the chain.
 */
export function orderChain(
	leaf: X509Certificate,
	intermediates: X509Certificate[],
	roots: X509Certificate[],
	includeRoot: boolean,
): OrderedChain {
	const pool = unique(intermediates).filter(
		(certificate) => certificate.fingerprint256 !== leaf.fingerprint256,
	);
	const chain: X509Certificate[] = [];
	let top = leaf;
	let selfSignedTop: X509Certificate | undefined;
	while (!isSelfSigned(top)) {
		const issuer = nextIssuer(top, pool);
		if (!issuer) break;
		pool.splice(pool.indexOf(issuer), 1);
		if (isSelfSigned(issuer)) {
			selfSignedTop = issuer; // a root listed as an intermediate
			break;
		}
		chain.push(issuer);
		top = issuer;
	}
	const root = selfSignedTop ?? (isSelfSigned(top) ? undefined : nextIssuer(top, unique(roots)));
	if (!chain.length && !root && !isSelfSigned(leaf)) {
		throw new CertificateFilesError(
			`The chain is broken: none of the CA certificates the API gave issued the certificate ${nameOf(leaf)} (its issuer: ${leaf.issuer.replace(/\n/g, ', ')})`,
		);
	}
	if (includeRoot && !root) {
		throw new CertificateFilesError(
			`No root certificate the API gave signed ${nameOf(top)}, so the chain cannot end in its root`,
		);
	}
	const used = new Set(
		[...chain, ...(root ? [root] : [])].map((certificate) => certificate.fingerprint256),
	);
	const leftOut = unique([...intermediates, ...roots])
		.filter(
			(certificate) =>
				!used.has(certificate.fingerprint256) && certificate.fingerprint256 !== leaf.fingerprint256,
		)
		.map((certificate) => certificate.subject.replace(/\n/g, ', '));
	return { chain: includeRoot && root ? [...chain, root] : chain, root: root ?? null, leftOut };
}

const DAY_MS = 24 * 3600 * 1000;

/** The DNS names of the subjectAltName, in order. */
export function dnsNamesOf(certificate: X509Certificate): string[] {
	return (certificate.subjectAltName ?? '')
		.split(/,\s*/)
		.filter((entry) => entry.startsWith('DNS:'))
		.map((entry) => entry.slice(4));
}

/** The facts of the issued certificate, for the output JSON. */
export function certificateFacts(
	leaf: X509Certificate,
	now: Date,
): Record<string, string | number | string[] | null> {
	const notAfter = new Date(leaf.validTo);
	const commonName = leaf.subject.split('\n').find((line) => line.startsWith('CN='));
	return {
		commonName: commonName ? commonName.slice(3) : null,
		subject: leaf.subject.replace(/\n/g, ', '),
		sans: dnsNamesOf(leaf),
		issuer: leaf.issuer.replace(/\n/g, ', '),
		serialNumber: leaf.serialNumber,
		notBefore: new Date(leaf.validFrom).toISOString(),
		notAfter: notAfter.toISOString(),
		daysRemaining: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
		sha256Fingerprint: leaf.fingerprint256,
	};
}
