// HTTP file validation done for real: the simulator fetches `http://<domain>/.well-known/pki-validation/<file>`
// as a CA would, through a name-to-address map the test gives it, and moves the order on only when the
// contents match. Without the map (the default) nothing is fetched and orders move only by advance.
import { request } from 'node:http';

import { stripWildcard } from './domains';
import type { Account, OrderState } from './state';
import { isPending } from './state';

export interface FileValidationSettings {
	/** Domain name → 'host:port' the check connects to; the request still says `Host: <domain>`. */
	hosts: Record<string, string>;
	/** After the file matched, the certificate is issued this much later (default 0: at the matching check). */
	issueDelayMs?: number;
	/** The simulator also checks by itself, on any API request, at most this often per order (default: only on pollauth and advanceorder). */
	selfCheckEveryMs?: number;
	/** How long one fetch may take (default 5000 ms). */
	timeoutMs?: number;
}

export interface FileCheck {
	at: Date;
	matched: boolean;
	/** Per checked name: 'matched', or what was wrong (no address, HTTP status, wrong contents, error). */
	results: Record<string, string>;
}

export const FILE_METHODS = ['FILE', 'SFILE'];

/** Contents as CAs compare them: line ends as LF, trailing white space ignored. */
const normalise = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');

/** Whether this order is one the file check looks after (FILE or SFILE, placed, not finished). */
export function checksFile(
	order: OrderState,
	settings: FileValidationSettings | undefined,
): boolean {
	return (
		settings !== undefined &&
		FILE_METHODS.includes(order.dvAuthMethod ?? '') &&
		isPending(order) &&
		!order.fileValidatedAt
	);
}

/** The names that must each serve the file: the common name and the SANs (the free www add-on is covered by its base, a guess). */
export function namesToCheck(order: OrderState): string[] {
	const names = [stripWildcard(order.domainName ?? ''), ...order.sanDomains.map(stripWildcard)];
	return [...new Set(names.filter(Boolean))];
}

/** GET the file of one name; resolves to 'matched' or the problem. */
export function fetchFile(
	name: string,
	path: string,
	expected: string,
	settings: FileValidationSettings,
): Promise<string> {
	const address = settings.hosts[name];
	if (!address) return Promise.resolve(`no address for ${name}`);
	const match = /^(.+):(\d+)$/.exec(address);
	if (!match) return Promise.resolve(`bad address ${address} for ${name}`);
	return new Promise((resolve) => {
		const req = request(
			{
				host: match[1],
				port: Number(match[2]),
				path,
				method: 'GET',
				headers: { host: name, connection: 'close' },
				timeout: settings.timeoutMs ?? 5000,
			},
			(res) => {
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (chunk: Buffer) => {
					size += chunk.length;
					// A validation file is a few lines; anything big is not it.
					if (size <= 64 * 1024) chunks.push(chunk);
				});
				res.on('end', () => {
					// Redirects are not followed: the file must be at the documented path itself.
					if (res.statusCode !== 200) return resolve(`HTTP ${res.statusCode ?? '?'}`);
					const body = Buffer.concat(chunks).toString('utf8');
					resolve(
						size <= 64 * 1024 && normalise(body) === normalise(expected)
							? 'matched'
							: 'wrong contents',
					);
				});
				res.on('error', (error) => resolve(`error: ${error.message}`));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timed out')));
		req.on('error', (error) => resolve(`error: ${error.message}`));
		req.end();
	});
}

/** Checks every name of the order; on a match marks it validated (issued by `issueWhenDue`, after the call). */
export async function checkOrderFile(
	account: Account,
	order: OrderState,
	settings: FileValidationSettings,
): Promise<FileCheck> {
	const path = order.fileName ?? '';
	const results: Record<string, string> = {};
	for (const name of namesToCheck(order))
		results[name] = await fetchFile(name, path, order.fileContents ?? '', settings);
	const check: FileCheck = {
		at: account.now(),
		matched: Object.values(results).every((r) => r === 'matched'),
		results,
	};
	// The order may have changed while the fetches ran (cancelled, say).
	if (!checksFile(order, settings)) return check;
	order.fileCheck = check;
	if (check.matched) {
		order.fileValidatedAt = check.at;
		account.touch(order, 'Domain Control Validated');
		// Validated, waiting for the CA: a documented status (a guess: no source says which one comes here).
		if (order.status === 'Order Placed') account.setStatus(order, 'Awaiting Provider Approval');
	}
	return check;
}

/** Issues every validated order whose delay has passed (before and after each API call). */
export function issueWhenDue(account: Account, settings: FileValidationSettings | undefined): void {
	if (!settings) return;
	const now = account.now().getTime();
	for (const order of account.orders.values()) {
		if (
			!order.fileValidatedAt ||
			!isPending(order) ||
			!FILE_METHODS.includes(order.dvAuthMethod ?? '')
		)
			continue;
		if (now - order.fileValidatedAt.getTime() < (settings.issueDelayMs ?? 0)) continue;
		account.issue(order);
		account.setStatus(order, 'Completed');
	}
}

/**
 * Before an API call: the simulator's own progression. Due orders are issued; with `selfCheckEveryMs`,
 * orders waiting for their file are checked; `explicit` (pollauth, advanceorder) checks that one order now.
 */
export async function progressFileOrders(
	account: Account,
	settings: FileValidationSettings | undefined,
	explicit?: OrderState,
): Promise<void> {
	if (!settings) return;
	issueWhenDue(account, settings);
	const now = account.now().getTime();
	for (const order of account.orders.values()) {
		const every = settings.selfCheckEveryMs;
		const dueForSelfCheck =
			every !== undefined && (!order.fileCheck || now - order.fileCheck.at.getTime() >= every);
		if (checksFile(order, settings) && (order === explicit || dueForSelfCheck))
			await checkOrderFile(account, order, settings);
	}
	// What the checks validated is issued before the call, except the order the call itself asks about
	// (pollauth answers 'Validated' for a pending order; it is issued right after).
	if (!explicit?.fileValidatedAt) issueWhenDue(account, settings);
}
