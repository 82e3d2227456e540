// A local HTTP endpoint standing in for Slack (and any other notification target): records every
// request and answers 200 with a small JSON body.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CaughtRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** The JSON body, or the raw text when it is not JSON. */
	body: unknown;
	rawBody: string;
}

export interface Catcher {
	/** http://127.0.0.1:PORT */
	url: string;
	requests: CaughtRequest[];
	requestsTo(path: string): CaughtRequest[];
	/** Resolves once `count` requests reached `path`; rejects after `timeoutMs`. */
	waitFor(path: string, count: number, timeoutMs?: number): Promise<CaughtRequest[]>;
	close(): Promise<void>;
}

export async function startCatcher(): Promise<Catcher> {
	const requests: CaughtRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			let body: unknown = rawBody;
			try {
				body = rawBody ? JSON.parse(rawBody) : null;
			} catch {
				// Kept as text.
			}
			requests.push({
				method: req.method ?? '',
				path: (req.url ?? '').split('?')[0],
				headers: req.headers,
				body,
				rawBody,
			});
			const answer = JSON.stringify({ ok: true, received: requests.length });
			res.writeHead(200, {
				'content-type': 'application/json',
				connection: 'close',
				'content-length': Buffer.byteLength(answer),
			});
			res.end(answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const requestsTo = (path: string) => requests.filter((request) => request.path === path);
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		requestsTo,
		async waitFor(path, count, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			while (requestsTo(path).length < count) {
				if (Date.now() > deadline) {
					throw new Error(
						`The catcher got ${requestsTo(path).length} request(s) to ${path} in ${timeoutMs} ms, not ${count}`,
					);
				}
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			return requestsTo(path);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
