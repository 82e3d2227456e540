import { LoadOptionsContext } from 'n8n-core';
import { type INode, type INodeParameters, Workflow } from 'n8n-workflow';

import { ServertasticApi } from '../../../../credentials/ServertasticApi.credentials';
import { getApproverEmails } from '../../../../nodes/Servertastic/methods/loadOptions';
import { Servertastic } from '../../../../nodes/Servertastic/Servertastic.node';
import { csrFixture } from '../../../fixtures/csrs';
import { createAdditionalData, TestCredentialsHelper, TestNodeTypes } from '../../../harness';
import { startSimulator, type Simulator } from '../../../simulator';

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset());

/** A dropdown's loader run through n8n-core's own LoadOptionsContext, as the editor runs it. */
async function loadApprovers(parameters: INodeParameters, loader = getApproverEmails, path = 'parameters.approverEmail') {
	const node: INode = {
		id: 'n1',
		name: 'Servertastic',
		type: 'CUSTOM.servertastic',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'order', operation: 'place', dvAuthMethod: 'EMAIL', ...parameters },
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
	// The editor sends the node's current parameters with the request; n8n puts them here.
	const additionalData = { ...createAdditionalData(helper), currentNodeParameters: node.parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, path);
	return await loader.call(context);
}

describe('Approver Email dropdown', () => {
	it("lists the approver addresses for the CSR's domain from approverlist", async () => {
		const options = await loadApprovers({ csr: csrFixture('ec-p256') });
		expect(options.map((option) => option.value)).toEqual(expect.arrayContaining(['admin@api.example.net', 'admin@example.net']));
		expect(options.every((option) => option.name === option.value)).toBe(true);
		const [request] = simulator.requestsTo('order/approverlist');
		expect(request.query).toEqual({ domain_name: 'api.example.net' });
	});

	it('strips the wildcard label and copes with a one-element answer', async () => {
		simulator.settings.approverListSingle = true;
		try {
			const options = await loadApprovers({ csr: csrFixture('wildcard') });
			expect(options).toHaveLength(1);
			expect(simulator.requestsTo('order/approverlist')[0].query.domain_name).toBe('example.com');
		} finally {
			simulator.settings.approverListSingle = false;
		}
	});

	it('asks for the CSR first, and says when it cannot be read', async () => {
		await expect(loadApprovers({ csr: '' })).rejects.toThrow('Enter the CSR first');
		await expect(loadApprovers({ csr: 'garbage' })).rejects.toThrow(/^The CSR cannot be read/);
		expect(simulator.requests).toHaveLength(0);
	});
});

describe('Approver Email dropdown when Servertastic generates the key pair', () => {
	it('lists the addresses for Domain Name', async () => {
		const options = await loadApprovers({ csrSource: 'generate', domainName: '*.Shop.Example.org', csr: '' });
		expect(options.map((option) => option.value)).toContain('admin@shop.example.org');
		expect(simulator.requestsTo('order/approverlist')[0].query).toEqual({ domain_name: 'shop.example.org' });
	});

	it('asks for the Domain Name first', async () => {
		await expect(loadApprovers({ csrSource: 'generate', domainName: '' })).rejects.toThrow('Enter the Domain Name first');
		await expect(loadApprovers({ csrSource: 'generate', domainName: '={{ $json.domain }}' })).rejects.toThrow('Enter the Domain Name first');
		expect(simulator.requests).toHaveLength(0);
	});
});
