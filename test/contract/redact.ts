// Keeps the API key, order tokens, CSRs and private keys out of what the contract check prints or
// records. Pure: it only rewrites values it is given.

/** Keys whose value is an order token (showtokens' token, pointsaudit's OrderToken, …). */
const TOKEN_KEYS = new Set(['order_token', 'token', 'ordertoken']);
/** Keys whose value is a key, a CSR or a private key. */
const SECRET_KEYS: Record<string, string> = {
	api_key: '[redacted api key]',
	csr: '[redacted csr]',
	private_key: '[redacted private key]',
};
const PEM =
	/-----BEGIN ([A-Z0-9 ]*(?:PRIVATE KEY|CERTIFICATE REQUEST))-----[\s\S]*?(?:-----END \1-----|$)/g;
// DOC api2.md:154-158: [API End Point]/token/[order_token] (review URLs, invite URLs).
const TOKEN_URL = /(\/token\/)[^\s/?#"']+/g;

export const TOKEN_MARK = '[redacted order token]';

export class Redactor {
	private readonly secrets = new Map<string, string>();

	constructor(apiKey?: string) {
		if (apiKey) this.add(apiKey, '[redacted api key]');
	}

	/** Replace `secret` by `label` wherever it appears. Short values are ignored (they would mangle text). */
	add(secret: unknown, label = TOKEN_MARK): void {
		if (typeof secret === 'string' && secret.trim().length >= 6)
			this.secrets.set(secret.trim(), label);
	}

	/** Learns every token and secret an answer carries (before printing anything from it). */
	learn(value: unknown, key = ''): void {
		if (Array.isArray(value)) value.forEach((v) => this.learn(v, key));
		else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) this.learn(v, k);
		} else if (TOKEN_KEYS.has(key.toLowerCase())) this.add(value);
		else if (SECRET_KEYS[key.toLowerCase()]) this.add(value, SECRET_KEYS[key.toLowerCase()]);
	}

	text(input: string): string {
		let out = input
			.replace(PEM, (_m, label: string) => `[redacted ${label.toLowerCase()}]`)
			.replace(TOKEN_URL, `$1${TOKEN_MARK}`);
		// Longest first, so a secret containing another is replaced whole.
		for (const [secret, label] of [...this.secrets].sort((a, b) => b[0].length - a[0].length)) {
			out = out.split(secret).join(label);
			// As a URL or a form body would carry it.
			for (const encoded of [
				encodeURIComponent(secret),
				new URLSearchParams({ s: secret }).toString().slice(2),
			]) {
				if (encoded !== secret) out = out.split(encoded).join(label);
			}
		}
		return out;
	}

	/** A redacted deep copy: token and secret keys replaced by their label, every text scrubbed. */
	value(input: unknown, key = ''): unknown {
		if (Array.isArray(input)) return input.map((v) => this.value(v, key));
		if (input && typeof input === 'object') {
			return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, this.value(v, k)]));
		}
		if (typeof input !== 'string' || input === '') return input;
		if (TOKEN_KEYS.has(key.toLowerCase())) return TOKEN_MARK;
		const label = SECRET_KEYS[key.toLowerCase()];
		return label ?? this.text(input);
	}
}
