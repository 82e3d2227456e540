import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { runNode, serialiseEverything, TestCredentialsHelper, testCredential } from './index';

// ---------------------------------------------------------------------------------------------
// Tiny HTTP server (Connection: close, so no keep-alive socket keeps jest alive)
// ---------------------------------------------------------------------------------------------

interface SeenRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
}

const VALID_KEY = 'valid-key-0123';
const SECRET = 'sk-SECRET-9f8e7d6c';

let server: Server;
let baseUrl: string;
const seen: SeenRequest[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const entry: SeenRequest = {
			method: req.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
		};
		seen.push(entry);
		req.resume();
		req.on('end', () => {
			const send = (status: number, body: unknown) => {
				res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
				res.end(JSON.stringify(body));
			};
			const presentedKey = req.headers['x-api-key'] ?? url.searchParams.get('api_key');
			if (url.pathname === '/echo') return send(200, { ok: true, ...entry, headers: req.headers });
			if (url.pathname === '/account') {
				// API style that answers 200 with a failure flag (for responseSuccessBody rules).
				return send(200, { result: { success: presentedKey === VALID_KEY } });
			}
			if (url.pathname === '/guarded') {
				return presentedKey === VALID_KEY
					? send(200, { ok: true })
					: send(401, { error: 'invalid key' });
			}
			return send(404, { error: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	seen.length = 0;
});

// ---------------------------------------------------------------------------------------------
// Inline credential types
// ---------------------------------------------------------------------------------------------

class FnKeyApi implements ICredentialType {
	name = 'fnKeyApi';
	displayName = 'Function-auth API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	];
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-Api-Key': credentials.apiKey as string },
		};
	}
	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/account' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'result.success', value: false, message: 'The API key was rejected' },
			},
		],
	};
}

class GenericQsApi implements ICredentialType {
	name = 'genericQsApi';
	displayName = 'Generic-auth API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: {
			qs: { api_key: '={{$credentials.apiKey}}' },
			headers: {
				'X-Static': 'static-value',
				'={{"X-Region-" + "Key"}}': '={{$credentials.apiKey.length}}',
			},
		},
	};
	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/guarded' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'Wrong API key (401)' } }],
	};
}

// ---------------------------------------------------------------------------------------------
// Inline test node
// ---------------------------------------------------------------------------------------------

const probeDescription: INodeTypeDescription = {
	displayName: 'Harness Probe',
	name: 'harnessProbe',
	group: ['transform'],
	version: 1,
	description: 'Node used to test the harness',
	defaults: { name: 'Harness Probe' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [
		{
			name: 'fnKeyApi',
			required: true,
			displayOptions: { show: { authentication: ['fnKeyApi'] } },
		},
		{
			name: 'genericQsApi',
			required: true,
			displayOptions: { show: { authentication: ['genericQsApi'] } },
		},
	],
	properties: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Function', value: 'fnKeyApi' },
				{ name: 'Generic', value: 'genericQsApi' },
			],
			default: 'fnKeyApi',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			options: [
				{ name: 'Echo', value: 'echo' },
				{ name: 'Request', value: 'request' },
				{ name: 'Fail Flagged Items', value: 'failFlagged' },
				{ name: 'Throw Unguarded', value: 'throwUnguarded' },
			],
			default: 'echo',
		},
		{ displayName: 'Email', name: 'email', type: 'string', default: '' },
		{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
	],
};

class HarnessProbe implements INodeType {
	description = probeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i) as string;
				if (operation === 'echo') {
					out.push({
						json: { email: this.getNodeParameter('email', i) as string, index: i },
						pairedItem: { item: i },
					});
				} else if (operation === 'request') {
					const authentication = this.getNodeParameter('authentication', i) as string;
					const credentials = await this.getCredentials(authentication, i);
					const response = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						authentication,
						{
							method: 'GET',
							url: `${credentials.baseUrl as string}${this.getNodeParameter('path', i) as string}`,
							json: true,
						},
					)) as IDataObject;
					out.push({ json: response, pairedItem: { item: i } });
				} else if (operation === 'failFlagged') {
					if (items[i].json.fail) {
						throw new NodeOperationError(this.getNode(), `Item ${i} is flagged`, {
							itemIndex: i,
							description: 'flagged by the test',
						});
					}
					out.push({ json: { ok: true, id: items[i].json.id as number }, pairedItem: { item: i } });
				} else {
					throw new NodeOperationError(this.getNode(), 'Unguarded failure');
				}
			} catch (error) {
				if (this.getNodeParameter('operation', i) === 'throwUnguarded') throw error;
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

const credentialTypes = [new FnKeyApi(), new GenericQsApi()];

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('runNode: item routing', () => {
	it('runs the node with the start items and delivers its output downstream with pairedItem', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			nodeTypeName: 'CUSTOM.harnessProbe',
			parameters: { operation: 'echo', email: 'fixed@example.com' },
			inputItems: [{ n: 1 }, { n: 2 }, { n: 3 }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.success.map((i) => i.json)).toEqual([
			{ email: 'fixed@example.com', index: 0 },
			{ email: 'fixed@example.com', index: 1 },
			{ email: 'fixed@example.com', index: 2 },
		]);
		expect(result.success.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.downstream.success).toEqual(result.success);
		expect(result.downstream.error).toEqual([]);
		expect(result.errorOutput).toEqual([]);
		// The engine really ran the whole chain.
		expect(Object.keys(result.run.data.resultData.runData).sort()).toEqual([
			'Capture Success',
			'Servertastic',
			'Start',
		]);
		expect(result.run.data.resultData.runData.Servertastic[0].source).toEqual([
			{ previousNode: 'Start', previousNodeOutput: 0, previousNodeRun: 0 },
		]);
	});

	it('defaults to a single empty input item', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { operation: 'echo' },
		});
		expect(result.status).toBe('success');
		expect(result.success).toHaveLength(1);
		expect(result.run.data.resultData.runData.Servertastic[0].data?.main[0]?.[0].json).toEqual({
			email: '',
			index: 0,
		});
	});

	it('resolves expressions against each input item', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { operation: 'echo', email: '={{ $json.user.email.toLowerCase() }}' },
			inputItems: [{ user: { email: 'A@Example.com' } }, { user: { email: 'B@Example.com' } }],
		});
		expect(result.status).toBe('success');
		expect(result.success.map((i) => i.json.email)).toEqual(['a@example.com', 'b@example.com']);
	});
});

describe('runNode: errors and onError', () => {
	const inputItems = [{ id: 1 }, { id: 2, fail: true }, { id: 3 }];

	it('stops the workflow with status error when onError is not set', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { operation: 'failFlagged' },
			inputItems,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Item 1 is flagged');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.success).toEqual([]);
		expect(result.downstream.success).toEqual([]);
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Servertastic');
		// The engine stores errors as plain `{ ...error, message, stack }` objects, not instances.
		const taskError = result.run.data.resultData.runData.Servertastic[0].error;
		expect(taskError).not.toBeInstanceOf(Error);
		expect(taskError).toMatchObject({
			name: 'NodeOperationError',
			description: 'flagged by the test',
		});
		expect(result.error?.description).toBe('flagged by the test');
		expect(result.run.data.resultData.runData['Capture Success']).toBeUndefined();
	});

	it('stopWorkflow behaves the same', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { operation: 'failFlagged' },
			inputItems,
			onError: 'stopWorkflow',
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Item 1 is flagged');
	});

	it('continueRegularOutput keeps the error item in main[0]', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { operation: 'failFlagged' },
			inputItems,
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(result.success.map((i) => i.json)).toEqual([
			{ ok: true, id: 1 },
			{ error: 'Item 1 is flagged' },
			{ ok: true, id: 3 },
		]);
		expect(result.downstream.success.map((i) => i.json)).toEqual(result.success.map((i) => i.json));
		expect(result.errorOutput).toEqual([]);
	});

	it('continueErrorOutput routes the failed item to output 1 and its capture node', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { operation: 'failFlagged' },
			inputItems,
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(2);
		expect(result.success.map((i) => i.json)).toEqual([
			{ ok: true, id: 1 },
			{ ok: true, id: 3 },
		]);
		// n8n merges the paired input item into the error item.
		expect(result.errorOutput).toEqual([
			{ json: { id: 2, fail: true, error: 'Item 1 is flagged' }, pairedItem: { item: 1 } },
		]);
		expect(result.downstream.success.map((i) => i.json)).toEqual([
			{ ok: true, id: 1 },
			{ ok: true, id: 3 },
		]);
		expect(result.downstream.error.map((i) => i.json)).toEqual([
			{ id: 2, fail: true, error: 'Item 1 is flagged' },
		]);
		// Items entering a node get their pairedItem re-pointed (by the engine) at the previous node's output.
		expect(result.downstream.success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.run.data.resultData.runData['Capture Error'][0].source).toEqual([
			{ previousNode: 'Servertastic', previousNodeOutput: 1, previousNodeRun: 0 },
		]);
	});

	// Real n8n behaviour (WorkflowExecute.handleNodeExecutionError): when execute() itself throws and
	// onError is a "continue" setting, the engine passes the node's INPUT items on to output 0, even
	// with continueErrorOutput; the error only lands in the task data. Nodes must catch per item.
	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
		'an error thrown out of execute() with %s passes the input items to output 0',
		async (onError) => {
			const result = await runNode({
				nodeType: new HarnessProbe(),
				parameters: { operation: 'throwUnguarded' },
				inputItems: [{ id: 1 }, { id: 2 }],
				onError,
			});
			expect(result.status).toBe('success');
			expect(result.error).toBeUndefined();
			expect(result.success.map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }]);
			expect(result.downstream.success.map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }]);
			expect(result.errorOutput).toEqual([]);
			expect(result.downstream.error).toEqual([]);
			expect(result.run.data.resultData.runData.Servertastic[0].error?.message).toBe(
				'Unguarded failure',
			);
		},
	);
});

describe('runNode: credentials', () => {
	it('applies a function-style authenticate (header)', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { authentication: 'fnKeyApi', operation: 'request', path: '/echo' },
			credentialTypes,
			credentials: { fnKeyApi: { apiKey: VALID_KEY, baseUrl } },
		});
		expect(result.status).toBe('success');
		expect(seen).toHaveLength(1);
		expect(seen[0].headers['x-api-key']).toBe(VALID_KEY);
		expect(result.success[0].json).toMatchObject({ ok: true, path: '/echo' });
		expect(
			result.run.data.resultData.runData.Servertastic[0].data?.main[0]?.[0].pairedItem,
		).toEqual({
			item: 0,
		});
	});

	it('applies a generic authenticate (qs + headers, expressions in keys and values)', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { authentication: 'genericQsApi', operation: 'request', path: '/guarded' },
			credentialTypes,
			credentials: { genericQsApi: { apiKey: VALID_KEY, baseUrl } },
		});
		expect(result.status).toBe('success');
		expect(result.success[0].json).toEqual({ ok: true });
		expect(seen[0].query).toEqual({ api_key: VALID_KEY });
		expect(seen[0].headers['x-static']).toBe('static-value');
		expect(seen[0].headers['x-region-key']).toBe(String(VALID_KEY.length));
	});

	it('turns an HTTP 401 into a NodeApiError and, with continueErrorOutput, routes it', async () => {
		const stopped = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { authentication: 'genericQsApi', operation: 'request', path: '/guarded' },
			credentialTypes,
			credentials: { genericQsApi: { apiKey: 'wrong', baseUrl } },
		});
		expect(stopped.status).toBe('error');
		expect(stopped.error?.name).toBe('NodeApiError');
		expect((stopped.error as NodeApiError).httpCode).toBe('401');
		expect(stopped.error?.message).toBe('Authorization failed - please check your credentials');
		// n8n's NodeApiError does not carry the request (and its auth) into the run.
		expect(serialiseEverything(stopped.run)).not.toContain('wrong');

		const routed = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { authentication: 'genericQsApi', operation: 'request', path: '/guarded' },
			credentialTypes,
			credentials: { genericQsApi: { apiKey: 'wrong', baseUrl } },
			onError: 'continueErrorOutput',
		});
		expect(routed.status).toBe('success');
		expect(routed.downstream.error).toHaveLength(1);
		expect(typeof routed.downstream.error[0].json.error).toBe('string');
	});

	it('getDecrypted applies credential defaults and rejects unknown data', async () => {
		const helper = new TestCredentialsHelper(credentialTypes, {
			fnKeyApi: { apiKey: 'k', baseUrl: '={{ "http://" + "host" }}', undeclared: 'x' },
		});
		const data = await helper.getDecrypted(
			{} as never,
			{ id: '1', name: 'test' },
			'fnKeyApi',
			'manual',
		);
		// Like n8n's applyDefaultsAndOverwrites: defaults added, undeclared keys dropped, expressions resolved.
		expect(data).toEqual({ apiKey: 'k', baseUrl: 'http://host', region: 'eu' });
		await expect(
			helper.getDecrypted({} as never, { id: '1', name: 'test' }, 'genericQsApi', 'manual'),
		).rejects.toThrow('No test credentials of type "genericQsApi"');
	});
});

describe('testCredential (ICredentialType.test as n8n CredentialsTester runs it)', () => {
	it('responseSuccessBody: OK when the rule does not match, Error with the rule message when it does', async () => {
		await expect(testCredential(new FnKeyApi(), { apiKey: VALID_KEY, baseUrl })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(seen[0].path).toBe('/account');
		expect(seen[0].headers['x-api-key']).toBe(VALID_KEY);

		await expect(testCredential(new FnKeyApi(), { apiKey: 'nope', baseUrl })).resolves.toEqual({
			status: 'Error',
			message: 'The API key was rejected',
		});
	});

	it('responseCode: OK on 2xx, the rule message on the matching status', async () => {
		await expect(
			testCredential(new GenericQsApi(), { apiKey: VALID_KEY, baseUrl }),
		).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(seen[0].query).toEqual({ api_key: VALID_KEY });

		await expect(testCredential(new GenericQsApi(), { apiKey: 'nope', baseUrl })).resolves.toEqual({
			status: 'Error',
			message: 'Wrong API key (401)',
		});
	});

	it('non-2xx without a matching rule reports the status text; network errors report the code', async () => {
		const noRules = new GenericQsApi();
		noRules.test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/missing' } };
		await expect(testCredential(noRules, { apiKey: VALID_KEY, baseUrl })).resolves.toEqual({
			status: 'Error',
			message: 'Not Found',
		});

		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		await expect(
			testCredential(new GenericQsApi(), { apiKey: VALID_KEY, baseUrl: deadUrl }),
		).resolves.toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
	});

	it('reports a credential type without a test', async () => {
		const untested = new GenericQsApi();
		delete untested.test;
		await expect(testCredential(untested, {})).resolves.toEqual({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});

describe('serialiseEverything', () => {
	it('includes non-enumerable error fields, causes and nested errors', () => {
		const cause = new Error(`inner ${SECRET}`);
		const error = new Error('outer', { cause });
		Object.defineProperty(error, 'context', { value: { hidden: 'ctx-marker' }, enumerable: false });
		Object.defineProperty(error, 'description', { value: 'desc-marker', enumerable: false });
		const circular: IDataObject = { error: error as unknown as IDataObject };
		circular.self = circular;

		const text = serialiseEverything({ circular, buf: Buffer.from('buffer-marker') });
		expect(JSON.stringify(circular.error)).not.toContain(SECRET); // plain JSON would miss it
		expect(text).toContain(SECRET);
		expect(text).toContain('ctx-marker');
		expect(text).toContain('desc-marker');
		expect(text).toContain('buffer-marker');
		expect(text).toContain('[Seen]');
	});

	it('finds a secret in an error `cause` that a node attached to an output item', async () => {
		const leaky = new HarnessProbe();
		leaky.execute = async function (this: IExecuteFunctions) {
			const credentials = await this.getCredentials('fnKeyApi');
			// `{ cause }` makes a non-enumerable property.
			const error = new NodeOperationError(this.getNode(), 'generic failure');
			Object.defineProperty(error, 'cause', {
				value: new Error(`token ${credentials.apiKey as string} refused`),
				enumerable: false,
			});
			if (!this.continueOnFail()) throw error;
			return [[{ json: {}, error, pairedItem: { item: 0 } }]];
		};
		const result = await runNode({
			nodeType: leaky,
			parameters: { authentication: 'fnKeyApi', operation: 'echo' },
			credentialTypes,
			credentials: { fnKeyApi: { apiKey: SECRET, baseUrl } },
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		// The engine replaced json with { error: message } but kept the Error instance on the item.
		expect(result.success[0].json).toEqual({ error: 'generic failure' });
		expect(result.success[0].error).toBeInstanceOf(NodeOperationError);
		expect(serialiseEverything(result.run)).toContain(SECRET);
		// (n8n's ExecutionBaseError.toJSON also writes cause.name/message, so plain JSON shows it too.)

		// When the same error stops the workflow, the engine's `{ ...error }` copy drops the cause.
		const stopped = await runNode({
			nodeType: leaky,
			parameters: { authentication: 'fnKeyApi', operation: 'echo' },
			credentialTypes,
			credentials: { fnKeyApi: { apiKey: SECRET, baseUrl } },
		});
		expect(stopped.status).toBe('error');
		expect(serialiseEverything(stopped)).not.toContain(SECRET);
	});

	it('serialises a real NodeApiError run without throwing', async () => {
		const result = await runNode({
			nodeType: new HarnessProbe(),
			parameters: { authentication: 'fnKeyApi', operation: 'request', path: '/guarded' },
			credentialTypes,
			credentials: { fnKeyApi: { apiKey: SECRET, baseUrl } },
		});
		expect(result.status).toBe('error');
		const text = serialiseEverything(result);
		expect(text).toContain('NodeApiError');
		expect(text.length).toBeLessThan(5_000_000);
	});
});
