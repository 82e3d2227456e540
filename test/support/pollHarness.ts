/**
 * Runs the Servertastic Trigger's poll the way n8n does: a Workflow holding the node, n8n-core's
 * PollContext (the context n8n hands to `poll`), the credential's own authenticate, against the
 * simulator. The Workflow's staticData persists between polls like an active workflow's; `restart()`
 * builds a new Workflow and context from the static data as JSON, as n8n does when it loads the
 * workflow from its database after a restart.
 */
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { ServertasticApi } from '../../credentials/ServertasticApi.credentials';
import { ServertasticEventTrigger } from '../../nodes/ServertasticEventTrigger/ServertasticEventTrigger.node';
import {
	TestCredentialsHelper,
	TestNodeTypes,
	createAdditionalData,
	createRunData,
} from '../harness';
import type { Simulator } from '../simulator';

export const TRIGGER_NODE_NAME = 'Servertastic Trigger';
const TRIGGER_TYPE = 'CUSTOM.servertasticEventTrigger';

export interface TriggerInstance {
	workflow: Workflow;
	/** One poll, as n8n's poll tick calls it. */
	poll(): Promise<INodeExecutionData[][] | null>;
	/** The items of one poll (empty for null). */
	pollItems(): Promise<IDataObject[]>;
	/** The workflow's static data as it would be saved (JSON). */
	savedStaticData(): IDataObject;
	/** The trigger node's own part of it (n8n keys it `node:<node name>`). */
	savedNodeData(): IDataObject | undefined;
	/** A new Workflow and context from the saved static data: what n8n has after a restart. */
	restart(): TriggerInstance;
}

export interface TriggerOptions {
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
	staticData?: IDataObject;
	apiKey?: string;
}

function triggerNode(parameters: INodeParameters): INode {
	return {
		id: 'servertastic-trigger',
		name: TRIGGER_NODE_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(parameters),
		credentials: { servertasticApi: { id: '1', name: 'test' } },
	};
}

function credentialsHelper(simulator: Simulator, apiKey?: string): TestCredentialsHelper {
	return new TestCredentialsHelper([new ServertasticApi()], {
		servertasticApi: {
			apiKey: apiKey ?? simulator.apiKey,
			environment: 'test',
			baseUrl: simulator.url,
		},
	});
}

export function startTrigger(
	simulator: Simulator,
	parameters: INodeParameters,
	options: TriggerOptions = {},
): TriggerInstance {
	const nodeTypes = new TestNodeTypes({ [TRIGGER_TYPE]: new ServertasticEventTrigger() });
	const workflow = new Workflow({
		id: 'trigger-wf',
		name: 'trigger',
		nodes: [triggerNode(parameters)],
		connections: {},
		nodeTypes,
		active: true,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
	const node = workflow.getNode(TRIGGER_NODE_NAME)!;
	const additionalData = createAdditionalData(credentialsHelper(simulator, options.apiKey));
	// One context per activation, reused by every poll, as n8n does.
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'trigger',
		options.activation ?? 'activate',
	);
	const nodeType = new ServertasticEventTrigger();
	const instance: TriggerInstance = {
		workflow,
		poll: async () => await nodeType.poll.call(context),
		pollItems: async () => ((await instance.poll()) ?? [[]])[0].map((item) => item.json),
		savedStaticData: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		savedNodeData: () =>
			instance.savedStaticData()[`node:${TRIGGER_NODE_NAME}`] as IDataObject | undefined,
		restart: () =>
			startTrigger(simulator, parameters, {
				...options,
				activation: 'init',
				staticData: instance.savedStaticData(),
			}),
	};
	return instance;
}

/**
 * "Fetch Test Event": the trigger as the start node of a manual execution, run by n8n-core's
 * WorkflowExecute (which calls `poll` with mode 'manual').
 */
export async function fetchTestEvent(
	simulator: Simulator,
	parameters: INodeParameters,
	staticData?: IDataObject,
): Promise<{ run: IRun; items: IDataObject[]; workflow: Workflow }> {
	const nodeTypes = new TestNodeTypes({ [TRIGGER_TYPE]: new ServertasticEventTrigger() });
	const nodes = [triggerNode(parameters)];
	const workflow = new Workflow({
		id: 'trigger-wf',
		name: 'trigger',
		nodes,
		connections: {},
		nodeTypes,
		active: false,
		staticData,
		settings: { executionOrder: 'v1' },
	});
	const workflowData: IWorkflowBase = {
		id: 'trigger-wf',
		name: 'trigger',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const hooks = new ExecutionLifecycleHooks('manual', 'trigger-exec-1', workflowData);
	let hookRun: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRun: IRun) => {
		hookRun = fullRun;
	});
	const additionalData = createAdditionalData(
		credentialsHelper(simulator),
		hooks,
		'trigger-exec-1',
	);
	const runData = createRunData([
		{ node: workflow.getNode(TRIGGER_NODE_NAME)!, data: { main: [[{ json: {} }]] }, source: null },
	]);
	const returned = await new WorkflowExecute(
		additionalData,
		'manual',
		runData,
	).processRunExecutionData(workflow);
	const run = hookRun ?? returned;
	const items = (run.data.resultData.runData[TRIGGER_NODE_NAME]?.[0]?.data?.main?.[0] ?? []).map(
		(item) => item.json,
	);
	return { run, items, workflow };
}
