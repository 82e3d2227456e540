// The PEM text of a pasted CSR: exactly one CERTIFICATE REQUEST block with only whitespace around
// it. What is sent to the API is rebuilt from the bytes that were checked (csrPem), so no text the
// checks did not see (a preamble, a control character, a second block) can reach it.
import { pem } from './derWriter';

export class PemError extends Error {
	override name = 'PemError';
}

const MAX_INPUT_LENGTH = 64 * 1024;
const CSR_LABELS = ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'];
const CSR_BLOCK =
	/-----BEGIN (NEW )?CERTIFICATE REQUEST-----([^]*?)-----END (NEW )?CERTIFICATE REQUEST-----/;
/** Whitespace a paste may carry: spaces, tabs, line ends. Anything else (form feed, NUL...) is refused. */
const WHITESPACE = /^[ \t\r\n]*$/;
const BASE64_LINE_CHARACTERS = /^[A-Za-z0-9+/= \t\r\n]*$/;

/** The first character of `text` that `allowed` does not match, for an error message. */
function describeCharacter(text: string, allowed: RegExp): string {
	const unexpected = [...text].find((character) => !allowed.test(character)) ?? '';
	const code = unexpected.codePointAt(0) ?? 0;
	const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	return code < 0x20 || (code >= 0x7f && code < 0xa0)
		? `the control character ${hex}`
		: `"${unexpected}" (${hex})`;
}

/** CSRs copied out of JSON arrive with literal "\n" escapes; PHP's json_encode also escapes "/". */
function unescaped(input: string): string {
	return input
		.replace(/^\uFEFF/, '')
		.replace(/\\r\\n|\\n|\\r/g, '\n')
		.replace(/\\\//g, '/');
}

function checkLabels(text: string): void {
	const labels = [...text.matchAll(/-----BEGIN ([^-\r\n]*)-----/g)].map((match) => match[1].trim());
	if (labels.some((label) => label.includes('PRIVATE KEY'))) {
		throw new PemError(
			'This is a private key, not a certificate signing request. Never paste a private key; ' +
				'paste the CSR (-----BEGIN CERTIFICATE REQUEST-----) instead',
		);
	}
	const csrCount = labels.filter((label) => CSR_LABELS.includes(label)).length;
	if (csrCount > 1)
		throw new PemError(
			'The text contains more than one certificate signing request; paste exactly one',
		);
	if (csrCount === 0) {
		if (labels.some((label) => /(^| )CERTIFICATE$/.test(label))) {
			throw new PemError('This is a certificate, not a certificate signing request');
		}
		if (labels.length > 0)
			throw new PemError(`This is a "${labels[0]}" PEM block, not a certificate signing request`);
		throw new PemError(
			'No certificate signing request found: expected text starting with -----BEGIN CERTIFICATE REQUEST-----',
		);
	}
	if (labels.length > 1)
		throw new PemError('Paste only the certificate signing request, without other PEM blocks');
}

/** The DER bytes of the one CSR block in `input`; a PemError says what is wrong with the text. */
export function csrDerFromPem(input: string): Buffer {
	if (typeof input !== 'string' || input.trim() === '') throw new PemError('No CSR was given');
	if (input.length > MAX_INPUT_LENGTH) {
		throw new PemError(
			'The CSR text is larger than 64 KiB; paste only the certificate signing request',
		);
	}
	const text = unescaped(input);
	checkLabels(text);
	const block = CSR_BLOCK.exec(text);
	if (!block || block[1] !== block[3]) {
		throw new PemError(
			'The CSR is incomplete: its -----END CERTIFICATE REQUEST----- line is missing or does not match',
		);
	}
	const before = text.slice(0, block.index);
	const after = text.slice(block.index + block[0].length);
	if (!WHITESPACE.test(before)) {
		throw new PemError(
			'Paste only the certificate signing request: there is other text before its -----BEGIN CERTIFICATE REQUEST----- line',
		);
	}
	if (!WHITESPACE.test(after)) {
		throw new PemError(
			`Paste only the certificate signing request: after its -----END CERTIFICATE REQUEST----- line there is ${describeCharacter(after, /[ \t\r\n]/)}`,
		);
	}
	if (!BASE64_LINE_CHARACTERS.test(block[2])) {
		throw new PemError(
			`The CSR is not valid base64: it contains ${describeCharacter(block[2], /[A-Za-z0-9+/= \t\r\n]/)}; copy it again without changes`,
		);
	}
	const base64 = block[2].replace(/[ \t\r\n]+/g, '');
	if (base64 === '') throw new PemError('The CSR is empty');
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) {
		throw new PemError('The CSR is not valid base64; copy it again without changes');
	}
	return Buffer.from(base64, 'base64');
}

/** The CSR as the API gets it: the checked bytes in base64, 64 characters a line, LF line ends. */
export function csrPem(der: Buffer): string {
	return pem('CERTIFICATE REQUEST', der).trimEnd();
}
