/*
 * Pure checks of user input, run before an order is placed because a rejected or wrong order
 * costs money. Each `...Problem` function returns undefined when the value is fine, or a sentence
 * fragment that completes "<Field label> <problem>", e.g. "Email is not a valid email address: ...".
 * Blank values count as problems except in textProblem: callers skip optional fields themselves.
 * This file: host and domain names (the certificate's names, SANs, the domain of an email).
 */

import { badCharacterReason, got, NON_ASCII, show } from './text';

const HOSTNAME_MAX_LENGTH = 253;
const LABEL_MAX_LENGTH = 63;

// Not in public DNS (RFC 6761/6762, ICANN's .internal, common private-network suffixes):
// a certificate authority will refuse them, so stop before paying.
const PRIVATE_TLDS: ReadonlySet<string> = new Set([
	'corp',
	'example',
	'home',
	'internal',
	'intranet',
	'invalid',
	'lan',
	'local',
	'localdomain',
	'localhost',
	'private',
	'test',
]);

function looksLikeIpAddress(value: string): boolean {
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return true;
	if (/^\[[^\]]*\](:\d+)?$/.test(value)) return true;
	// IPv6: hex groups of up to four digits, either compressed (::) or all eight, maybe a zone.
	const groups = value.replace(/%\S+$/, '').split(':');
	if (groups.length < 3 || groups.length > 8) return false;
	if (
		!groups.every(
			(group) => /^[0-9a-f]{0,4}$/i.test(group) || /^\d{1,3}(\.\d{1,3}){3}$/.test(group),
		)
	) {
		return false;
	}
	return value.includes('::') || groups.length === 8;
}

/** The host of a pasted URL ("https://www.example.com/x" -> "www.example.com"), if it is valid. */
function hostFromUrl(value: string, allowWildcard: boolean): string | undefined {
	const host = value
		.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
		.split(/[/?#]/)[0]
		.replace(/^[^@]*@/, '')
		.replace(/:\d+$/, '')
		.toLowerCase();
	return host !== '' && hostReason(host, allowWildcard, 'host') === undefined ? host : undefined;
}

/** The punycode (xn--) form of a unicode name, if it converts to a valid host name. */
function punycodeSuggestion(value: string, allowWildcard: boolean): string | undefined {
	// Only plain names: the URL parser would quietly drop a path, port or user part.
	if (!/^[^\s/?#\\@:%[\]]+$/.test(value)) return undefined;
	const wildcard = value.startsWith('*.');
	let ascii: string;
	try {
		// The WHATWG URL parser applies IDNA (UTS #46) to the host, which is what browsers resolve.
		ascii = new URL(`http://${wildcard ? value.slice(2) : value}/`).hostname;
	} catch {
		return undefined; // no suggestion; the caller still reports the problem
	}
	const candidate = `${wildcard ? '*.' : ''}${ascii}`;
	return hostReason(candidate, allowWildcard, 'host') === undefined ? candidate : undefined;
}

/** Why value is not a usable public DNS name, without the "(got ...)" part; undefined if fine. */
export function hostReason(
	value: string,
	allowWildcard: boolean,
	kind: 'host' | 'domain',
): string | undefined {
	if (value.trim() === '') return 'must not be empty';
	const bad = badCharacterReason(value, false);
	if (bad) return bad;
	if (/\s/.test(value)) return 'must not contain spaces';
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) {
		const host = hostFromUrl(value, allowWildcard);
		return `must be just the ${kind} name, without "https://" or a path${host ? `; did you mean ${show(host)}?` : ''}`;
	}
	if (value.includes('@')) return `must be a ${kind} name, not an email address`;
	if (looksLikeIpAddress(value)) {
		return kind === 'host'
			? 'must be a host name, not an IP address: certificates for IP addresses cannot be ordered through this API'
			: 'must be a domain name, not an IP address';
	}
	const port = /^[^:]+(:\d*)$/.exec(value);
	if (port) return `must not include a port (${show(port[1])})`;
	if (NON_ASCII.test(value)) {
		const suggestion = punycodeSuggestion(value, allowWildcard);
		return `must be written in ASCII: give internationalised names in punycode (xn--) form${suggestion ? `; did you mean ${show(suggestion)}?` : ''}`;
	}
	if (value.endsWith('.')) return 'must not end with a dot';
	if (value.startsWith('.')) return 'must not start with a dot';
	return labelsReason(value, allowWildcard, kind);
}

/** The wildcard, the labels and the top-level domain of a name that has passed the checks above. */
function labelsReason(
	value: string,
	allowWildcard: boolean,
	kind: 'host' | 'domain',
): string | undefined {
	const wildcard = value.startsWith('*.');
	if (wildcard && !allowWildcard) return 'must not be a wildcard ("*.") name here';
	const rest = wildcard ? value.slice(2) : value;
	if (rest.includes('*')) {
		return allowWildcard
			? 'may only use "*" as the whole first label, as in "*.example.com"'
			: 'must not contain "*"';
	}
	if (value.length > HOSTNAME_MAX_LENGTH) {
		return `must be at most ${HOSTNAME_MAX_LENGTH} characters long, but has ${value.length}`;
	}

	const labels = rest.split('.');
	if (labels.includes('')) return 'must not contain two dots in a row';
	for (const label of labels) {
		if (label.length > LABEL_MAX_LENGTH) {
			return `has a part of ${label.length} characters between dots, at most ${LABEL_MAX_LENGTH} are allowed (${show(label)})`;
		}
		const other = /[^A-Za-z0-9-]/.exec(label);
		if (other) {
			return other[0] === '_'
				? 'must not contain "_": underscores are not allowed in certificate names'
				: `must not contain ${show(other[0])}: only letters, digits, hyphens and dots are allowed`;
		}
		if (label.startsWith('-') || label.endsWith('-')) {
			return `must not have a part that starts or ends with a hyphen (${show(label)})`;
		}
	}
	if (labels.length < 2) {
		return wildcard
			? 'must have at least two labels after "*.", as in "*.example.com": a wildcard cannot cover a whole top-level domain'
			: `must be a fully qualified ${kind} name with at least two labels, e.g. "www.example.com"`;
	}
	const tld = labels[labels.length - 1].toLowerCase();
	if (/^\d+$/.test(tld)) return `must not end in an all-numeric top-level domain (${show(tld)})`;
	if (!/^[a-z]{2,63}$/.test(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) {
		return `has an invalid top-level domain ${show(tld)}: it must be at least two letters, or punycode (xn--)`;
	}
	if (PRIVATE_TLDS.has(tld)) {
		return `uses ".${tld}", a reserved or private-network top-level domain that is not on the public internet`;
	}
	return undefined;
}

export function hostnameProblem(
	value: string,
	opts: { allowWildcard?: boolean } = {},
): string | undefined {
	const why = hostReason(value, opts.allowWildcard === true, 'host');
	return why === undefined ? undefined : `${why} ${got(value)}`;
}

export function isWildcardName(name: string): boolean {
	return name.trim().startsWith('*.');
}

/**
 * Splits a SAN list typed as text (commas, spaces, new lines) or given as an array whose elements
 * may themselves be comma-separated. `names` holds every distinct, lower-cased entry in input
 * order, valid or not: do not order anything while `problems` is non-empty.
 */
export function parseSanList(input: string | string[]): { names: string[]; problems: string[] } {
	// n8n expressions can hand over numbers or null despite the declared type.
	const parts = (Array.isArray(input) ? input : [input]).map((part: unknown) =>
		typeof part === 'string' ? part : part === null || part === undefined ? '' : String(part),
	);
	const names: string[] = [];
	const seen = new Set<string>();
	for (const part of parts) {
		for (const raw of part.split(/[\s,]+/)) {
			const name = raw.trim().toLowerCase();
			if (name === '' || seen.has(name)) continue;
			seen.add(name);
			names.push(name);
		}
	}
	const problems: string[] = [];
	for (const name of names) {
		const why = hostReason(name, true, 'host');
		if (why !== undefined) problems.push(`${show(name)} is not a valid host name: ${why}`);
	}
	return { names, problems };
}
