/**
 * In-process test harness: runs a node inside n8n's real execution engine (n8n-core's
 * WorkflowExecute) without a server, database or DI setup.
 *
 * Recipe: ../shared/n8n-runtime-notes.md (project notes) §5. The parts that n8n's CLI would normally supply
 * (credentials storage, credential tester) are re-implemented here, following
 * packages/cli/src/credentials-helper.ts and packages/cli/src/services/credentials-tester.service.ts.
 *
 * Requires N8N_USER_FOLDER and N8N_ENCRYPTION_KEY to be set before n8n-core is loaded
 * (test/setup-env.ts does this for jest).
 *
 * Usage:
 *   const r = await runNode({
 *     nodeType: new Servertastic(),
 *     parameters: { resource: 'order', operation: 'get', orderToken: '={{ $json.token }}' },
 *     inputItems: [{ token: 'abc' }],
 *     credentialTypes: [new ServertasticApi()],
 *     credentials: { servertasticApi: { apiKey: 'k', environment: 'test' } },
 *     onError: 'continueErrorOutput',
 *   });
 *   r.status; r.success; r.errorOutput; r.downstream.error; serialiseEverything(r.run);
 *
 * Workflow built per call: Start (inline trigger emitting inputItems) → "Servertastic" (node under
 * test) → "Capture Success" on output 0 (+ "Capture Error" on output 1 with continueErrorOutput).
 */
import {
	Credentials,
	ExecuteContext,
	ExecutionLifecycleHooks,
	RoutingNode,
	WorkflowExecute,
	getAdditionalKeys,
} from 'n8n-core';
import * as n8nWorkflow from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, isExpression } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentials,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IConnections,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	ITaskDataConnections,
	ITriggerFunctions,
	ITriggerResponse,
	IExecuteFunctions,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowDataProxyAdditionalKeys,
	WorkflowExecuteMode,
} from 'n8n-workflow';

// n8n-core's ErrorReporter logs every node error (with stack) through n8n's Logger; keep test
// output quiet unless the caller asked for a log level (the Logger reads this lazily, on first use).
process.env.N8N_LOG_LEVEL ??= 'silent';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type OnErrorSetting = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	/** The node under test, e.g. `new Servertastic()`. */
	nodeType: INodeType | IVersionedNodeType;
	/** Type name the node is registered under. Default `CUSTOM.servertastic`. */
	nodeTypeName?: string;
	/** Default 1. */
	typeVersion?: number;
	/** Node parameters; may hold n8n expressions such as `={{ $json.email }}`. */
	parameters: INodeParameters;
	/** Items the start node emits. Default `[{}]`. */
	inputItems?: IDataObject[];
	/** Whole items (json and binary) the start node emits instead of `inputItems`. */
	inputData?: INodeExecutionData[];
	/** Credential types known to the credentials helper, e.g. `[new ServertasticApi()]`. */
	credentialTypes?: ICredentialType[];
	/** Decrypted credential data keyed by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** `onError` setting of the node under test. Default: not set (= stopWorkflow). */
	onError?: OnErrorSetting;
}

/** Shape of `run.data.resultData.error` (an ExecutionError, possibly after serialisation). */
export type RunError = NonNullable<IRunExecutionData['resultData']['error']>;

export interface RunNodeResult {
	/** The raw IRun the engine produced. */
	run: IRun;
	/** `run.status`: 'success' | 'error' | ... */
	status: string;
	/** `run.data.resultData.error`. */
	error?: RunError;
	/** All `main` outputs of the node under test (main[0], main[1] with continueErrorOutput). */
	output: INodeExecutionData[][];
	/** main[0] of the node under test (or []). */
	success: INodeExecutionData[];
	/** main[1] of the node under test when onError=continueErrorOutput (or []). */
	errorOutput: INodeExecutionData[];
	/** What the capture nodes attached to output 0 / output 1 actually received from the engine. */
	downstream: { success: INodeExecutionData[]; error: INodeExecutionData[] };
	/** Wall-clock time of processRunExecutionData (ms). */
	durationMs: number;
}

export const NODE_UNDER_TEST_NAME = 'Servertastic';
export const START_NODE_NAME = 'Start';
export const CAPTURE_SUCCESS_NODE_NAME = 'Capture Success';
export const CAPTURE_ERROR_NODE_NAME = 'Capture Error';

const START_NODE_TYPE = 'harness.start';
const CAPTURE_NODE_TYPE = 'harness.capture';

// ---------------------------------------------------------------------------------------------
// Node types registry
// ---------------------------------------------------------------------------------------------

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type: ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials helper
// ---------------------------------------------------------------------------------------------

/**
 * ICredentialsHelper for tests: credential data comes from memory instead of the database.
 * `authenticate` and `getDecrypted` follow n8n's CLI CredentialsHelper.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types: Record<string, ICredentialType>;

	/** Every credential-type name whose data was handed to the engine via getDecrypted. */
	readonly decryptedTypes: string[] = [];

	constructor(
		credentialTypes: ICredentialType[] = [],
		private readonly data: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
		this.types = Object.fromEntries(credentialTypes.map((t) => [t.name, t]));
	}

	getCredentialType(typeName: string): ICredentialType {
		const type = this.types[typeName];
		if (!type) throw new Error(`Unknown credential type: ${typeName}`);
		return type;
	}

	/** Same as n8n's CLI: function → call it; generic → resolve each key/value and merge. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions;
		const credentialType = this.getCredentialType(typeName);
		const { authenticate } = credentialType;

		if (authenticate) {
			if (typeof authenticate === 'function') {
				return await authenticate(credentials, requestOptions as IHttpRequestOptions);
			}

			if (typeof authenticate === 'object') {
				if (!workflow || !node) {
					throw new Error(
						'Workflow and node are required for declarative credential authentication',
					);
				}
				if (requestOptions.headers === undefined) requestOptions.headers = {};

				if (authenticate.type === 'generic') {
					const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as object)) {
							const keyResolved = resolveCredentialValue(key, credentials, workflow, node);
							const valueResolved = resolveCredentialValue(
								value as string,
								credentials,
								workflow,
								node,
							);
							if (!target[outerKey]) target[outerKey] = {};
							target[outerKey][keyResolved] = valueResolved;
						}
					}
				}
			}
		}

		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	getParentTypes(typeName: string): string[] {
		const parents: string[] = [];
		for (const parent of this.types[typeName]?.extends ?? []) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(_credentialType: string, _nodeType: string): boolean {
		return true;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		return new Credentials(
			{ id: nodeCredentials.id ?? null, name: nodeCredentials.name },
			type,
			'',
		);
	}

	/**
	 * Returns the test data for `type` the way n8n's getDecrypted → applyDefaultsAndOverwrites
	 * does (minus overwrites, external secrets and dynamic credentials): property defaults are
	 * filled in, keys the credential type does not declare are dropped (except oauthTokenData and
	 * the allowed-domain fields), and expressions are resolved. A fresh copy on every call.
	 */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.data[type];
		if (stored === undefined) {
			throw new Error(`No test credentials of type "${type}" were given to the harness`);
		}
		this.decryptedTypes.push(type);
		const original = structuredClone(stored);
		if (raw === true) return original;
		return await this.applyDefaults(
			additionalData,
			original,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** n8n CLI CredentialsHelper.applyDefaultsAndOverwrites, without overwrites. */
	async applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let decryptedData = (NodeHelpers.getNodeParameters(
			properties,
			{ ...decryptedDataOriginal } as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
				decryptedData[key] = decryptedDataOriginal[key];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				e.message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const mockNode: INode = {
				id: 'mock',
				name: '',
				typeVersion: 1,
				type: 'mock',
				position: [0, 0],
				parameters: {},
			};
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: new TestNodeTypes({
					mock: { description: { properties: [] } } as unknown as INodeType,
				}),
			});
			decryptedData = workflow.expression.getComplexParameterValue(
				mockNode,
				decryptedData as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		}
		return decryptedData;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data[type] = data;
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
		_additionalData: IWorkflowExecuteAdditionalData,
	): Promise<void> {
		this.data[type] = { ...this.data[type], oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types[type];
		if (!credentialType) return [];
		if (!credentialType.extends) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}

/** n8n CLI's CredentialsHelper.resolveValue. */
function resolveCredentialValue(
	parameterValue: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(parameterValue)) return parameterValue;
	const additionalKeys = { $credentials: credentials } as IWorkflowDataProxyAdditionalKeys;
	const returnValue = workflow.expression.getSimpleParameterValue(
		node,
		parameterValue,
		'internal',
		additionalKeys,
		undefined,
		'',
	);
	if (!returnValue) return '';
	return returnValue.toString();
}

// ---------------------------------------------------------------------------------------------
// Inline helper node types
// ---------------------------------------------------------------------------------------------

function createStartNodeType(items: IDataObject[], data?: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Start',
			name: START_NODE_TYPE,
			group: ['trigger'],
			version: 1,
			description: 'Emits the harness input items',
			defaults: { name: START_NODE_NAME },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
			// A manual trigger that never emits hangs the execution forever.
			const manualTriggerFunction = async () => {
				this.emit([
					data ? structuredClone(data) : this.helpers.returnJsonArray(structuredClone(items)),
				]);
			};
			return { manualTriggerFunction };
		},
	} as INodeType;
}

function createCaptureNodeType(received: Record<string, INodeExecutionData[]>): INodeType {
	return {
		description: {
			displayName: 'Harness Capture',
			name: CAPTURE_NODE_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Records what the engine delivered to it and passes it on',
			defaults: { name: 'Capture' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			received[this.getNode().name] = structuredClone(items);
			return [items];
		},
	} as INodeType;
}

// ---------------------------------------------------------------------------------------------
// additionalData, run data, deferred
// ---------------------------------------------------------------------------------------------

export function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	executionId = 'harness-exec-1',
): IWorkflowExecuteAdditionalData {
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('executeWorkflow is not available in the test harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in the test harness');
		},
		// n8n 2.x calls `new URL()` on these: they must be absolute.
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

type CreateRunExecutionData = (options: {
	executionData: { nodeExecutionStack: IExecuteData[] };
}) => IRunExecutionData;

/** n8n-workflow 2.x has createRunExecutionData; 1.x takes the plain object. */
export function createRunData(nodeExecutionStack: IExecuteData[]): IRunExecutionData {
	const factory = (n8nWorkflow as unknown as { createRunExecutionData?: CreateRunExecutionData })
		.createRunExecutionData;
	if (typeof factory === 'function') {
		return factory({ executionData: { nodeExecutionStack } });
	}
	return {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack,
		},
	} as unknown as IRunExecutionData;
}

// ---------------------------------------------------------------------------------------------
// runNode
// ---------------------------------------------------------------------------------------------

let executionCounter = 0;

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const {
		nodeType,
		nodeTypeName = 'CUSTOM.servertastic',
		typeVersion = 1,
		parameters,
		inputItems = [{}],
		inputData,
		credentialTypes = [],
		credentials = {},
		onError,
	} = options;

	const received: Record<string, INodeExecutionData[]> = {};
	const nodeTypes = new TestNodeTypes({
		[START_NODE_TYPE]: createStartNodeType(inputItems, inputData),
		[CAPTURE_NODE_TYPE]: createCaptureNodeType(received),
		[nodeTypeName]: nodeType,
	});

	const nodeCredentials: INodeCredentials = {};
	for (const credType of credentialTypes) {
		nodeCredentials[credType.name] = { id: '1', name: 'test' };
	}

	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: NODE_UNDER_TEST_NAME,
		type: nodeTypeName,
		typeVersion,
		position: [200, 0],
		parameters,
		...(credentialTypes.length ? { credentials: nodeCredentials } : {}),
		...(onError ? { onError } : {}),
	};
	const withErrorOutput = onError === 'continueErrorOutput';
	const nodes: INode[] = [
		{
			id: 'start',
			name: START_NODE_NAME,
			type: START_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		nodeUnderTest,
		{
			id: 'capture-success',
			name: CAPTURE_SUCCESS_NODE_NAME,
			type: CAPTURE_NODE_TYPE,
			typeVersion: 1,
			position: [400, -100],
			parameters: {},
		},
	];
	if (withErrorOutput) {
		nodes.push({
			id: 'capture-error',
			name: CAPTURE_ERROR_NODE_NAME,
			type: CAPTURE_NODE_TYPE,
			typeVersion: 1,
			position: [400, 100],
			parameters: {},
		});
	}

	const mainOutputs = [[{ node: CAPTURE_SUCCESS_NODE_NAME, type: 'main', index: 0 }]];
	if (withErrorOutput)
		mainOutputs.push([{ node: CAPTURE_ERROR_NODE_NAME, type: 'main', index: 0 }]);
	const connections = {
		[START_NODE_NAME]: { main: [[{ node: NODE_UNDER_TEST_NAME, type: 'main', index: 0 }]] },
		[NODE_UNDER_TEST_NAME]: { main: mainOutputs },
	} as IConnections;

	const workflowId = 'harness-wf';
	const workflow = new Workflow({
		id: workflowId,
		name: 'harness',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const executionId = `harness-exec-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: 'harness',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	let hookRun: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRun: IRun) => {
		hookRun = fullRun;
	});

	const credentialsHelper = new TestCredentialsHelper(credentialTypes, { ...credentials });
	const additionalData = createAdditionalData(credentialsHelper, hooks, executionId);

	const startNode = workflow.getNode(START_NODE_NAME)!;
	const runExecutionData = createRunData([
		{ node: startNode, data: { main: [[{ json: {} }]] }, source: null },
	]);

	const started = Date.now();
	const returned = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	// WorkflowExecute awaits the workflowExecuteAfter hook before it resolves; it skips the hook
	// only for cancelled executions, so fall back to the returned IRun then.
	const run = hookRun ?? returned;
	const durationMs = Date.now() - started;

	const taskData = run.data.resultData.runData[NODE_UNDER_TEST_NAME]?.[0];
	const output = (taskData?.data?.main ?? []).map((items) => items ?? []);
	const runDataItems = (name: string): INodeExecutionData[] =>
		received[name] ?? run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? [];

	return {
		run,
		status: run.status,
		error: run.data.resultData.error,
		output,
		success: output[0] ?? [],
		errorOutput: withErrorOutput ? (output[1] ?? []) : [],
		downstream: {
			success: runDataItems(CAPTURE_SUCCESS_NODE_NAME),
			error: withErrorOutput ? runDataItems(CAPTURE_ERROR_NODE_NAME) : [],
		},
		durationMs,
	};
}

// ---------------------------------------------------------------------------------------------
// Credential test (ICredentialType.test), as n8n's CredentialsTester does it
// ---------------------------------------------------------------------------------------------

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** n8n-nodes-base.noOp's description: what CredentialsTester uses for `ICredentialType.test`. */
const NO_OP_DESCRIPTION: INodeType['description'] = {
	displayName: 'No Operation, do nothing',
	name: 'noOp',
	icon: 'fa:arrow-right',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing', color: '#b0b0b0' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

/** lodash.get for the `key` of a responseSuccessBody rule (`a.b[0].c`). */
function getByPath(object: unknown, path: string): unknown {
	const parts = path
		.replace(/\[(\w+)\]/g, '.$1')
		.split('.')
		.filter((p) => p !== '');
	let current: unknown = object;
	for (const part of parts) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/**
 * Runs `credType.test` the way n8n's CredentialsTester.testCredentials does: a temporary
 * NoOp-based node whose only property routes `test.request`, executed by n8n-core's RoutingNode
 * (which resolves `$credentials` expressions in baseURL/url/... and sends the request through
 * httpRequestWithAuthentication → credentialsHelper.authenticate), then `test.rules`.
 */
export async function testCredential(
	credType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	credentialTypes: ICredentialType[] = [],
): Promise<CredentialTestResult> {
	const testRequest = credType.test;
	if (!testRequest) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new TestCredentialsHelper([credType, ...credentialTypes], {
		[credType.name]: data,
	});
	const additionalData = createAdditionalData(credentialsHelper);
	const mode: WorkflowExecuteMode = 'internal';
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: '1',
		name: 'test',
		type: credType.name,
		data: structuredClone(data),
	};
	// n8n applies defaults (and overwrites) and resolves expressions before testing.
	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaults(
			additionalData,
			credentialsDecrypted.data!,
			credType.name,
			mode,
		);
	} catch (error) {
		return { status: 'Error', message: String(error.message) };
	}

	const nodeType = { description: NO_OP_DESCRIPTION } as INodeType;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(nodeType.description.version)
			? nodeType.description.version.slice(-1)[0]
			: nodeType.description.version,
		position: [0, 0],
		credentials: {
			[credType.name]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [nodeTypeCopy.description.name]: nodeTypeCopy }),
	});

	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		runExecutionData,
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		// Same branches as CredentialsTester: HTTP response → rules / status; network error → code.
		if (error.cause?.response) {
			const errorResponseData = {
				statusCode: error.cause.response.status as number,
				statusMessage: error.cause.response.statusText as string | undefined,
			};
			if (testRequest.rules) {
				for (const rule of testRequest.rules) {
					if (
						rule.type === 'responseCode' &&
						errorResponseData.statusCode === rule.properties.value
					) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
			}
			if (errorResponseData.statusCode < 199 || errorResponseData.statusCode > 299) {
				return {
					status: 'Error',
					message:
						errorResponseData.statusMessage ||
						`Received HTTP status code: ${errorResponseData.statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	if (testRequest.rules && Array.isArray(testRequest.rules)) {
		for (const rule of testRequest.rules) {
			if (rule.type === 'responseSuccessBody') {
				const responseData = response![0][0].json;
				if (getByPath(responseData, rule.properties.key) === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
	}

	return { status: 'OK', message: 'Connection successful!' };
}

// ---------------------------------------------------------------------------------------------
// Serialisation (for "the secret appears nowhere" checks)
// ---------------------------------------------------------------------------------------------

const ERROR_KEYS = ['name', 'message', 'description', 'stack', 'cause', 'context'] as const;

/**
 * JSON of anything (typically the IRun or a RunNodeResult), including errors' non-enumerable
 * own properties (message, description, stack, cause, context, ...), every own property of
 * other objects, Buffers as utf8 + base64, Maps/Sets as arrays. Repeated references become "[Seen]".
 */
export function serialiseEverything(value: unknown, maxDepth = 25): string {
	const seen = new WeakSet<object>();

	const walk = (current: unknown, depth: number): unknown => {
		if (current === null || current === undefined) return current ?? null;
		const type = typeof current;
		if (type === 'string' || type === 'number' || type === 'boolean') return current;
		if (type === 'bigint') return current.toString();
		if (type === 'symbol') return current.toString();
		if (type === 'function') return `[Function ${(current as { name?: string }).name ?? ''}]`;

		const obj = current as object;
		// Each object is written once; later references (shared or circular) become "[Seen]".
		if (seen.has(obj)) return '[Seen]';
		if (depth > maxDepth) return '[MaxDepth]';
		if (Buffer.isBuffer(obj)) return { utf8: obj.toString('utf8'), base64: obj.toString('base64') };
		if (obj instanceof Date)
			return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
		if (obj instanceof URL) return obj.href;
		if (obj instanceof URLSearchParams) return obj.toString();
		seen.add(obj);
		{
			if (Array.isArray(obj)) return obj.map((v) => walk(v, depth + 1));
			if (obj instanceof Map)
				return [...obj.entries()].map(([k, v]) => [walk(k, depth + 1), walk(v, depth + 1)]);
			if (obj instanceof Set) return [...obj.values()].map((v) => walk(v, depth + 1));
			if (ArrayBuffer.isView(obj))
				return Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString('utf8');

			const out: Record<string, unknown> = {};
			const keys = new Set<string>(Object.getOwnPropertyNames(obj));
			if (obj instanceof Error) {
				for (const key of ERROR_KEYS) keys.add(key);
				out.__class = obj.constructor?.name;
			}
			for (const key of keys) {
				let v: unknown;
				try {
					v = (obj as Record<string, unknown>)[key];
				} catch (e) {
					v = `[Throws: ${(e as Error).message}]`;
				}
				if (v === undefined) continue;
				out[key] = walk(v, depth + 1);
			}
			return out;
		}
	};

	return JSON.stringify(walk(value, 0));
}
