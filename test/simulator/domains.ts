// Domain helpers for approver lists and DCV records.

// Enough two-label public suffixes for realistic test domains; not the whole Public Suffix List.
const TWO_LABEL_SUFFIXES = new Set([
	'co.uk',
	'org.uk',
	'me.uk',
	'ltd.uk',
	'plc.uk',
	'ac.uk',
	'gov.uk',
	'com.au',
	'net.au',
	'org.au',
	'co.nz',
	'co.za',
	'com.br',
	'co.jp',
	'co.in',
]);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A host name, optionally `*.`-prefixed, with at least two labels. */
export function isDomain(name: string): boolean {
	const labels = name.toLowerCase().replace(/^\*\./, '').split('.');
	return (
		name.length <= 253 &&
		labels.length >= 2 &&
		labels.every((l) => LABEL.test(l)) &&
		/[a-z]/.test(labels[labels.length - 1])
	);
}

export function stripWildcard(name: string): string {
	return name.replace(/^\*\./, '').toLowerCase();
}

/** The registrable domain: `shop.example.co.uk` -> `example.co.uk`. */
export function baseDomain(name: string): string {
	const labels = stripWildcard(name).split('.');
	const keep = TWO_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
	return labels.slice(-keep).join('.');
}

const MAILBOXES = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'];

/** The constructed approver addresses of the domain, then of its base domain when different. */
export function approverEmails(name: string): string[] {
	const domain = stripWildcard(name);
	const base = baseDomain(domain);
	const domains = base === domain ? [domain] : [domain, base];
	return domains.flatMap((d) => MAILBOXES.map((m) => `${m}@${d}`));
}
