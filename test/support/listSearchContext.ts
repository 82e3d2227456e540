import { LoadOptionsContext } from 'n8n-core';
import type {
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
	INodeParameters,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ServertasticApi } from '../../credentials/ServertasticApi.credentials';
import { Servertastic } from '../../nodes/Servertastic/Servertastic.node';
import { createAdditionalData, TestCredentialsHelper, TestNodeTypes } from '../harness';
import type { Simulator } from '../simulator';

export type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
) => Promise<INodeListSearchResult>;

/**
 * Runs a From List method as the editor does: through n8n-core's LoadOptionsContext, with the
 * node's current parameters (the editor sends them with the request) and the credential.
 */
export async function runListSearch(
	simulator: Simulator,
	method: ListSearchMethod,
	parameters: INodeParameters,
	field: string,
	filter?: string,
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'n1',
		name: 'Servertastic',
		type: 'CUSTOM.servertastic',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { servertasticApi: { id: '1', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ 'CUSTOM.servertastic': new Servertastic() }),
	});
	const helper = new TestCredentialsHelper([new ServertasticApi()], {
		servertasticApi: { apiKey: simulator.apiKey, environment: 'test', baseUrl: simulator.url },
	});
	const additionalData = { ...createAdditionalData(helper), currentNodeParameters: parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, `parameters.${field}`);
	return await method.call(context, filter);
}

/** How n8n saves a resource locator field. */
export const locator = (value: string, mode = 'list') => ({ __rl: true, mode, value });
