import { createHash, X509Certificate } from 'crypto';

export interface CertificateFacts {
	/** Short, stable identity of the certificate: tells a reissued certificate from the one already seen. */
	id: string;
	/** ISO 8601 start of validity; null when the text could not be read as a certificate. */
	notBefore: string | null;
}

/** Identity and start of validity of the first certificate in a PEM text; null for no text. */
export function certificateFacts(pem: string | null): CertificateFacts | null {
	if (!pem || !pem.trim()) return null;
	try {
		const certificate = new X509Certificate(pem);
		const start = Date.parse(certificate.validFrom);
		return {
			id: certificate.fingerprint256.replace(/:/g, '').toLowerCase().slice(0, 32),
			notBefore: Number.isNaN(start) ? null : new Date(start).toISOString(),
		};
	} catch {
		// Not readable as X.509: still tell one text from another, but nothing about its dates.
		return {
			id: createHash('sha256').update(pem.replace(/\s+/g, '')).digest('hex').slice(0, 32),
			notBefore: null,
		};
	}
}
