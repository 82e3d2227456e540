import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ErrorReporter } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { retryPolicy } from '../../../nodes/Servertastic/transport';
import { type OnErrorSetting, type RunNodeResult, serialiseEverything } from '../../harness';
import { type CannedReply, type Simulator, startSimulator } from '../../simulator';
import { outputSpecOf, runServertastic } from '../../support/servertastic';
import {
	nodeParameters,
	type OperationCase,
	type OperationSetup,
	OPERATIONS,
} from '../../support/operationTable';

/**
 * For every operation, on its success path and on every error path (an API error at HTTP 200,
 * 400 and 500, an answer that is not JSON, a refused connection, input refused before sending),
 * the API key appears nowhere: not in any output item, not in any error (message, description,
 * cause, context, stack), not in anything n8n logged. The API's answers in these runs quote the
 * key and the order token back, raw and URL-encoded, the way a careless proxy or API might.
 * Order tokens never appear in an error's message or description.
 */

const API_KEY = 'st_Secret+Key/With=?&%#Chars_7Zq';
const KEY_FORMS = [API_KEY, encodeURIComponent(API_KEY)];
const MODES: OnErrorSetting[] = ['stopWorkflow', 'continueErrorOutput'];

interface LogEntry {
	level: string;
	message: unknown;
	meta: unknown;
}
const logs: LogEntry[] = [];
const captureLogger = {
	error: (message: unknown, meta?: unknown) => logs.push({ level: 'error', message, meta }),
	warn: (message: unknown, meta?: unknown) => logs.push({ level: 'warn', message, meta }),
	info: (message: unknown, meta?: unknown) => logs.push({ level: 'info', message, meta }),
	debug: (message: unknown, meta?: unknown) => logs.push({ level: 'debug', message, meta }),
	verbose: (message: unknown, meta?: unknown) => logs.push({ level: 'verbose', message, meta }),
	scoped: () => captureLogger,
};

let simulator: Simulator;
/** A simulator that was closed: its port refuses connections. */
let refusingUrl: string;
const savedPolicy = { ...retryPolicy };

beforeAll(async () => {
	// n8n's logger proxy (the engine's own logging), the Logger that node contexts and the
	// ErrorReporter use: every level of all three lands in `logs`.
	LoggerProxy.init(captureLogger as never);
	Container.set(Logger, captureLogger as never);
	(Container.get(ErrorReporter) as unknown as { logger: unknown }).logger = captureLogger;
	Object.assign(retryPolicy, { baseDelayMs: 1, maxDelayMs: 2 });
	simulator = await startSimulator({ apiKey: API_KEY });
	const closed = await startSimulator({ apiKey: API_KEY });
	refusingUrl = closed.url;
	await closed.close();
});
afterAll(async () => {
	Object.assign(retryPolicy, savedPolicy);
	await simulator.close();
});

/** An API error that quotes the key and the request's token (if it has one) back. */
const quotingError = (status: number, token: string | undefined): CannedReply => ({
	status,
	body: {
		error: {
			code: -1,
			message: `Invalid api_key ${API_KEY} (${encodeURIComponent(API_KEY)})${token ? ` for order_token ${token}` : ''}`,
		},
	},
});

/** A proxy's error page that shows the request, key and token included. */
const quotingPage = (token: string | undefined): CannedReply => ({
	status: 502,
	contentType: 'text/html',
	body: `<html><body><h1>Bad Gateway</h1><p>GET /order/review.json?api_key=${encodeURIComponent(API_KEY)}${token ? `&amp;order_token=${token}` : ''} (key ${API_KEY})</p></body></html>`,
});

interface ErrorPath {
	name: string;
	/** Arranges the failure; returns the parameters and the simulator to run against. */
	arrange(
		operation: OperationCase,
		setup: OperationSetup,
	): { parameters: OperationSetup['parameters']; target: Simulator };
	/** Whether the node sends anything at all on this path. */
	sends: boolean;
}

/** The token of item 0, whose request meets the failure (Concurrency 1 keeps the order fixed). */
const tokenOf = (setup: OperationSetup): string | undefined => setup.tokens[0];

/** Queue a reply for every attempt item 0 makes (a read tries again after a 5xx or a page), so that it fails in the end. */
function failEveryAttempt(operation: OperationCase, reply: CannedReply) {
	const attempts = operation.read && reply.status >= 500 ? retryPolicy.attempts : 1;
	for (let i = 0; i < attempts; i++) simulator.respondOnce(operation.call, reply);
}

const PATHS: ErrorPath[] = [
	{
		name: 'success',
		sends: true,
		arrange: (_operation, setup) => ({ parameters: setup.parameters, target: simulator }),
	},
	{
		// The answer as it came (Output Raw) is in the output: it must be as free of the key.
		name: 'success, Output Raw',
		sends: true,
		arrange: (_operation, setup) => ({
			parameters: { ...setup.parameters, output: 'raw' },
			target: simulator,
		}),
	},
	...[200, 400, 500].map(
		(status): ErrorPath => ({
			name: `API error at HTTP ${status}`,
			sends: true,
			arrange: (operation, setup) => {
				failEveryAttempt(operation, quotingError(status, tokenOf(setup)));
				return { parameters: setup.parameters, target: simulator };
			},
		}),
	),
	{
		name: 'an answer that is not JSON',
		sends: true,
		arrange: (operation, setup) => {
			failEveryAttempt(operation, quotingPage(tokenOf(setup)));
			return { parameters: setup.parameters, target: simulator };
		},
	},
	{
		name: 'a refused connection',
		sends: false,
		arrange: (_operation, setup) => ({
			parameters: setup.parameters,
			target: { ...simulator, url: refusingUrl } as Simulator,
		}),
	},
	{
		name: 'input refused before sending',
		sends: false,
		arrange: (operation, setup) => ({ parameters: operation.badInput!(setup), target: simulator }),
	},
];

function expectNoKey(text: string, where: string) {
	for (const form of KEY_FORMS)
		expect({ where, leaks: text.includes(form) }).toEqual({ where, leaks: false });
}

/** The texts a person reads: the run's error and every error item. */
function errorTexts(result: RunNodeResult): string[] {
	const texts: unknown[] = [result.error?.message, result.error?.description];
	for (const item of [...result.success, ...result.errorOutput]) {
		if (typeof item.json.error === 'string') texts.push(item.json.error, item.json.message);
	}
	return texts.filter((text): text is string => typeof text === 'string');
}

const cases = OPERATIONS.flatMap((operation) =>
	PATHS.filter((path) => path.name !== 'input refused before sending' || operation.badInput)
		.filter(
			(path) =>
				path.name !== 'success, Output Raw' ||
				outputSpecOf(operation.resource, operation.operation),
		)
		.flatMap((path) =>
			MODES.map((mode) => [operation.label, path.name, mode, operation, path] as const),
		),
);

describe('the API key and order tokens stay secret', () => {
	it('captures what n8n logs (or the checks below would prove nothing)', async () => {
		logs.length = 0;
		simulator.reset({ state: true });
		simulator.respondOnce('account/review', quotingError(400, 'x'));
		const result = await runServertastic(simulator, { resource: 'account', operation: 'get' });
		expect(result.status).toBe('error');
		expect(logs.some((entry) => entry.level === 'debug')).toBe(true);
		// The ErrorReporter logs the node's error with its stack: the message is there, redacted.
		expect(
			logs.some(
				(entry) =>
					entry.level === 'error' &&
					String(entry.message).includes('Servertastic refused account/review'),
			),
		).toBe(true);
	});

	it.each(cases)('%s, %s, %s', async (_label, pathName, mode, operation, path) => {
		logs.length = 0;
		simulator.reset({ state: true });
		const setup = await operation.setup(simulator);
		const { parameters, target } = path.arrange(operation, setup);
		const result = await runServertastic(
			target,
			nodeParameters(operation, { ...parameters, options: { concurrency: 1 } }),
			{
				inputItems: setup.inputItems,
				onError: mode,
				apiKey: API_KEY,
				timeoutSeconds: 2,
			},
		);

		if (pathName.startsWith('success')) {
			expect(result.status).toBe('success');
			expect(result.errorOutput).toEqual([]);
		} else if (mode === 'stopWorkflow') {
			expect(result.status).toBe('error');
		} else {
			expect(result.errorOutput.length).toBeGreaterThanOrEqual(1);
		}
		if (!path.sends) expect(simulator.requests).toEqual([]);
		if (pathName.startsWith('API error') || pathName.includes('JSON')) {
			expect(simulator.requestsTo(operation.call).length).toBeGreaterThanOrEqual(1);
		}

		expectNoKey(serialiseEverything(result), 'the run (outputs, errors, causes, contexts, stacks)');
		expectNoKey(serialiseEverything(logs), 'the logs');
		for (const text of errorTexts(result)) {
			for (const token of setup.tokens)
				expect({ text, hasToken: text.includes(token) }).toEqual({ text, hasToken: false });
		}
		if (!pathName.startsWith('success')) expect(errorTexts(result).length).toBeGreaterThan(0);
	});
});
