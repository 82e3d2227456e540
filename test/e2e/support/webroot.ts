// The customer's web server in the unattended tests: node:http serving the SSH server's document root
// for the domains it hosts, so the simulator's file check reads what the SFTP node uploaded.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

export interface Webroot {
	/** '127.0.0.1:PORT', for the simulator's name-to-address map. */
	address: string;
	/** Every request: the Host header, the path and the status answered. */
	requests: Array<{ host: string; path: string; status: number }>;
	close(): Promise<void>;
}

export async function startWebroot(docroot: string, domains: string[]): Promise<Webroot> {
	const root = resolve(docroot);
	const requests: Webroot['requests'] = [];
	const server = createServer((req, res) => {
		const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const file = resolve(root, `.${path}`);
		const answer = (status: number, body: string | Buffer) => {
			requests.push({ host, path, status });
			res.writeHead(status, {
				'content-type': 'text/plain',
				connection: 'close',
				'content-length': Buffer.byteLength(body),
			});
			res.end(body);
		};
		// Only the hosted domains, only GET, nothing outside the document root.
		if (!domains.includes(host) || req.method !== 'GET' || !file.startsWith(root + sep))
			return answer(404, 'not found');
		readFile(file).then(
			(body) => answer(200, body),
			() => answer(404, 'not found'),
		);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	return {
		address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () => new Promise<void>((done) => server.close(() => done())),
	};
}
