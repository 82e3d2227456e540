// The HTTP side: routing `/{service}/{call}.json`, parameter parsing, recording, canned replies.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, ErrorCode } from './errors';
import { callNeedsApiKey } from '../../nodes/Servertastic/transport/calls';
import { CALLS } from './calls';
import { requireApiKey } from './context';
import type { SimulatorSettings } from './calls';
import { FaultInjector } from './faults';
import { issueWhenDue, progressFileOrders } from './fileCheck';
import type { FileValidationSettings } from './fileCheck';
import { shapeAnswer } from './shape';
import type { Variant } from './shape';
import type { FaultSettings, InjectedFault } from './faults';
import { Account } from './state';
import type { OrderState, OrderStatus } from './state';
import { csrCommonName as scanCommonName } from './x509';

export const DEFAULT_API_KEY = 'st-sim-test-0123456789abcdef';
export const DEFAULT_POINTS = 5000;
const MAX_BODY = 1024 * 1024;

export interface SimulatorOptions {
	/** Port to bind on 127.0.0.1; default 0 (a free port). */
	port?: number;
	/** The one accepted api_key; default DEFAULT_API_KEY. */
	apiKey?: string;
	/** Opening balance; default DEFAULT_POINTS. */
	points?: number;
	/** Reads a CSR's common name; default a naive DER scan for the CN attribute. */
	csrCommonName?: (csr: string) => string | undefined;
	/** The simulator's clock; default the real one. `setNow` overrides it. */
	now?: () => Date;
	/** The XML-to-JSON reading of the answers; default 'documented' (see SimulatorSettings). */
	answerVariant?: Variant;
	errorsWithHttp200?: boolean;
	/** Old switch (alias): approverlist answers its first address as a bare object. */
	approverListSingle?: boolean;
	/** Old switch (alias): answerVariant 'one-as-object' and 'empty-as-string' together. */
	xmlStyleLists?: boolean;
	latencyMs?: number;
	/** Random faults in a share of the answers; see faults.ts. */
	faults?: FaultSettings;
	/** FILE/SFILE validation done for real (fileCheck.ts); default none. */
	fileValidation?: FileValidationSettings;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. '/order/place.json'. */
	path: string;
	/** Service and call without '.json', e.g. 'order/place'. */
	call: string;
	contentType?: string;
	query: Record<string, string>;
	/** The parsed form body; {} for any other content type. */
	body: Record<string, string>;
	rawBody: string;
	headers: Record<string, string | string[] | undefined>;
}

export interface CannedReply {
	status: number;
	/** A string is sent as is, anything else as JSON. Omitted with `process`: the real call's own answer (status and body). */
	body?: unknown | string;
	/** Default application/json. */
	contentType?: string;
	/** Run the real call first (its effects stay), then answer with this reply: an answer that lies or is lost. */
	process?: boolean;
	/** Reset the connection instead of answering (with `process`: after the call took effect). */
	destroy?: boolean;
	/** Extra response headers, e.g. Retry-After. */
	headers?: Record<string, string>;
	/** Never answer (with `process`: after the call took effect); the connection stays open until the client gives up. */
	hang?: boolean;
	/** Wait this long before answering (with `process`: the call takes effect after the wait). */
	delayMs?: number;
	/** Send the headers and half the body, then reset the connection. */
	resetMidBody?: boolean;
	/** Send only the first half of the body, as a complete answer (JSON cut short). */
	halfBody?: boolean;
}

export interface Simulator {
	/** http://127.0.0.1:PORT */
	url: string;
	port: number;
	/** The accepted key (changes after account/regenerateapikey). */
	readonly apiKey: string;
	/** Every request in arrival order, canned and malformed ones included. */
	requests: RecordedRequest[];
	/** The faults `settings.faults` injected, in arrival order (cleared by reset). */
	injectedFaults: InjectedFault[];
	/** Recorded requests to one call: 'order/place' (a leading '/' or trailing '.json' is ignored). */
	requestsTo(call: string): RecordedRequest[];
	/** Mutable switches; applied to the next request. */
	settings: SimulatorSettings;
	/** Clears the recording and canned replies; `{ state: true }` also restarts account, orders, settings, clock. */
	reset(opts?: { state?: boolean }): void;
	/** A fresh order token without HTTP (not recorded). Throws on an unknown product or bad counts. */
	createToken(opts: {
		productCode: string;
		sanCount?: number;
		serverCount?: number;
		email?: string;
		reference?: string;
	}): string;
	/** The live order object: mutating it changes what the API answers. */
	getOrder(token: string): OrderState | undefined;
	/** As advanceorder; returns the new status. Throws when the order cannot advance. */
	advance(token: string): OrderStatus;
	/** Marks a placed order 'Roll Back' (placement failed) and refunds its points. */
	rollBack(token: string): void;
	/** The next request to `call` gets this reply instead; several queue FIFO. */
	respondOnce(call: string, reply: CannedReply): void;
	points(): number;
	setPoints(n: number): void;
	/** Freezes the simulator's clock at `date`; undefined returns to the real clock. */
	setNow(date: Date | undefined): void;
	close(): Promise<void>;
}

const normaliseCall = (call: string): string => call.replace(/^\/+/, '').replace(/\.json$/, '');

const escapeXml = (s: string): string =>
	s.replace(
		/[<>&'"]/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
	);

function send(
	res: ServerResponse,
	status: number,
	body: string,
	contentType = 'application/json',
	headers: Record<string, string> = {},
): void {
	// Connection: close so no keep-alive socket holds a test process open.
	res.writeHead(status, {
		...headers,
		'content-type': contentType,
		connection: 'close',
		'content-length': Buffer.byteLength(body),
	});
	res.end(body);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const initialSettings: SimulatorSettings = {
		answerVariant: options.answerVariant ?? 'documented',
		errorsWithHttp200: options.errorsWithHttp200 ?? false,
		approverListSingle: options.approverListSingle ?? false,
		xmlStyleLists: options.xmlStyleLists ?? false,
		latencyMs: options.latencyMs ?? 0,
		faults: options.faults,
		fileValidation: options.fileValidation,
	};
	const settings: SimulatorSettings = { ...initialSettings };
	const requests: RecordedRequest[] = [];
	const canned = new Map<string, CannedReply[]>();
	const injectedFaults: InjectedFault[] = [];
	const faultInjector = new FaultInjector();
	let frozen: Date | undefined;
	const now = (): Date => (frozen ? new Date(frozen.getTime()) : (options.now?.() ?? new Date()));
	const newAccount = (): Account =>
		new Account(options.apiKey ?? DEFAULT_API_KEY, options.points ?? DEFAULT_POINTS, now);
	let account = newAccount();
	let baseUrl = '';

	const sendError = (res: ServerResponse, error: ApiError): void => {
		const body = JSON.stringify({ error: { code: error.code, message: error.message } });
		send(res, settings.errorsWithHttp200 ? 200 : error.status, body);
	};

	function page(res: ServerResponse, path: string): boolean {
		// The review_url and invite_url pages, so links in the demo lead somewhere.
		const m = /^\/(review|invite)\/([0-9a-f]{32})$/.exec(path);
		const order = m ? account.orders.get(m[2]) : undefined;
		if (!m || !order) return false;
		const title = m[1] === 'review' ? 'Order review' : 'Customer invitation';
		const html = `<!doctype html><title>${title}</title><h1>${title} (simulator)</h1><p>${escapeXml(
			`${order.resellerOrderId} ${order.productCode} ${order.domainName ?? ''}: ${order.status}`,
		)}</p>\n`;
		send(res, 200, html, 'text/html; charset=utf-8');
		return true;
	}

	function handle(
		req: IncomingMessage,
		res: ServerResponse,
		rawBody: string,
		tooLarge: boolean,
	): void {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const contentType = req.headers['content-type'];
		const query = Object.fromEntries(url.searchParams);
		const form = (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
		const body = form ? Object.fromEntries(new URLSearchParams(rawBody)) : {};
		const route = /^\/(order|account|product)\/([a-z]+)(\.json)?$/.exec(url.pathname);
		const call = route ? `${route[1]}/${route[2]}` : normaliseCall(url.pathname);
		requests.push({
			method,
			path: url.pathname,
			call,
			contentType,
			query,
			body,
			rawBody,
			headers: { ...req.headers },
		});

		let reply = canned.get(call)?.shift();
		if (!reply && route && CALLS[call]) {
			const fault = faultInjector.decide(settings.faults, call);
			if (fault) {
				injectedFaults.push({
					requestIndex: requests.length - 1,
					call,
					kind: fault.kind,
					afterEffect: fault.afterEffect,
				});
				reply = fault.reply;
			}
		}
		if (reply) {
			const chosen = reply;
			const params = { ...query, ...body };
			if (chosen.delayMs)
				setTimeout(
					() => answerCanned(res, chosen, route ? call : undefined, params, method),
					chosen.delayMs,
				);
			else answerCanned(res, chosen, route ? call : undefined, params, method);
			return;
		}
		if (!route && method === 'GET' && page(res, url.pathname)) return;
		if (tooLarge)
			return sendError(
				res,
				new ApiError(ErrorCode.InvalidParameter, 'Request body too large', 413),
			);
		const handler = route ? CALLS[call] : undefined;
		if (route && !route[3]) {
			// Without .json the real API speaks XML; the simulator only says so, in XML.
			const status = settings.errorsWithHttp200 ? 200 : handler ? 400 : 404;
			const message = handler
				? `XML responses are not simulated: use ${url.pathname}.json`
				: `Unknown call ${call}`;
			const xml =
				'<?xml version="1.0" encoding="UTF-8"?>\n<response><error>' +
				`<code>${handler ? ErrorCode.NotJson : ErrorCode.UnknownCall}</code><message>${escapeXml(message)}</message>` +
				'</error></response>\n';
			return send(res, status, xml, 'text/xml');
		}
		if (!handler)
			return sendError(res, new ApiError(ErrorCode.UnknownCall, `Unknown call ${call}`, 404));
		if (method !== 'GET' && method !== 'POST') {
			return sendError(
				res,
				new ApiError(ErrorCode.InvalidParameter, `Method ${method} not allowed`, 405),
			);
		}
		// The form body wins over the query string, as in PHP's $_REQUEST.
		const answer = runCall(call, { ...query, ...body }, method);
		send(res, answer.status, answer.body);
	}

	/** The simulator's own progression before an API call; pollauth and advanceorder check their order's file now. */
	async function beforeCall(req: IncomingMessage, rawBody: string): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const route = /^\/(order|account|product)\/([a-z]+)(\.json)?$/.exec(url.pathname);
		if (!route) return;
		const call = `${route[1]}/${route[2]}`;
		const form = (req.headers['content-type'] ?? '')
			.toLowerCase()
			.startsWith('application/x-www-form-urlencoded');
		const params = {
			...Object.fromEntries(url.searchParams),
			...(form ? Object.fromEntries(new URLSearchParams(rawBody)) : {}),
		};
		const explicit = ['order/pollauth', 'order/advanceorder'].includes(call)
			? account.orders.get(params.order_token ?? '')
			: undefined;
		await progressFileOrders(account, settings.fileValidation, explicit);
	}

	/** Runs a known call and gives its answer as it would be sent. */
	function runCall(
		call: string,
		params: Record<string, string>,
		method: string,
	): { status: number; body: string } {
		try {
			const context = {
				account,
				params,
				method,
				baseUrl,
				settings,
				csrCommonName: options.csrCommonName ?? scanCommonName,
			};
			if (callNeedsApiKey(call)) requireApiKey(context);
			const result = CALLS[call](context);
			return { status: 200, body: JSON.stringify(shapeAnswer(call, result, settings)) };
		} catch (err) {
			if (err instanceof ApiError) {
				const body = JSON.stringify({ error: { code: err.code, message: err.message } });
				return { status: settings.errorsWithHttp200 ? 200 : err.status, body };
			}
			return {
				status: 500,
				body: JSON.stringify({ error: { code: -500, message: `Simulator fault: ${String(err)}` } }),
			};
		}
	}

	/** A canned or injected reply; `call` is set for a known API path. */
	function answerCanned(
		res: ServerResponse,
		reply: CannedReply,
		call: string | undefined,
		params: Record<string, string>,
		method: string,
	): void {
		// The canned reply stands whatever the real call said, unless it has no body of its own.
		const real = reply.process && call && CALLS[call] ? runCall(call, params, method) : undefined;
		// A delayed reply may find the client gone: the call took effect all the same, nobody hears of it.
		if (res.destroyed) return;
		if (reply.destroy) {
			res.socket?.destroy();
			return;
		}
		if (reply.hang) return;
		const status = reply.body === undefined && real ? real.status : reply.status;
		const text =
			reply.body === undefined
				? (real?.body ?? '')
				: typeof reply.body === 'string'
					? reply.body
					: JSON.stringify(reply.body);
		const contentType = reply.contentType ?? 'application/json';
		if (reply.resetMidBody) {
			res.writeHead(status, {
				...reply.headers,
				'content-type': contentType,
				connection: 'close',
				'content-length': Buffer.byteLength(text),
			});
			res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.resetAndDestroy());
			return;
		}
		send(
			res,
			status,
			reply.halfBody ? text.slice(0, Math.floor(text.length / 2)) : text,
			contentType,
			reply.headers,
		);
	}

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		// A client that hangs up mid-request must not take the server down.
		req.on('error', () => res.destroy());
		req.on('end', () => {
			const fault = (err: unknown) =>
				send(
					res,
					500,
					JSON.stringify({ error: { code: -500, message: `Simulator fault: ${String(err)}` } }),
				);
			const handleNow = () => {
				try {
					handle(req, res, Buffer.concat(chunks).toString('utf8'), size > MAX_BODY);
					issueWhenDue(account, settings.fileValidation);
				} catch (err) {
					fault(err);
				}
			};
			// With the real file check the order's file is fetched first; without it nothing waits.
			const run = () =>
				settings.fileValidation
					? beforeCall(req, Buffer.concat(chunks).toString('utf8')).then(handleNow, fault)
					: handleNow();
			if (settings.latencyMs > 0) setTimeout(run, settings.latencyMs);
			else run();
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	baseUrl = `http://127.0.0.1:${port}`;

	const order = (token: string): OrderState => {
		const found = account.orders.get(token);
		if (!found) throw new Error(`Unknown order token ${token}`);
		return found;
	};

	return {
		url: baseUrl,
		port,
		get apiKey() {
			return account.apiKey;
		},
		requests,
		injectedFaults,
		requestsTo: (call) => requests.filter((r) => r.call === normaliseCall(call)),
		settings,
		reset(opts) {
			requests.length = 0;
			injectedFaults.length = 0;
			canned.clear();
			if (opts?.state) {
				frozen = undefined;
				account = newAccount();
				Object.assign(settings, initialSettings);
			}
		},
		createToken: (opts) => account.createToken(opts).orderToken,
		getOrder: (token) => account.orders.get(token),
		advance: (token) => account.advance(order(token)),
		rollBack: (token) => account.rollBack(order(token)),
		respondOnce(call, reply) {
			const key = normaliseCall(call);
			canned.set(key, [...(canned.get(key) ?? []), reply]);
		},
		points: () => account.balance,
		setPoints: (n) => account.adjust(n - account.balance, 'Balance set by the test harness'),
		setNow(date) {
			frozen = date ? new Date(date.getTime()) : undefined;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			}),
	};
}
