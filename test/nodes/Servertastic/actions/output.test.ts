import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { Servertastic } from '../../../../nodes/Servertastic/Servertastic.node';
import { serialiseEverything } from '../../../harness';
import { startSimulator, type Simulator } from '../../../simulator';
import { outputSpecOf, runServertastic } from '../../../support/servertastic';
import { nodeParameters, OPERATIONS } from '../../../support/operationTable';

/**
 * Output (Simplified / Raw / Selected Fields) on every operation that has it, run in n8n's engine
 * against the simulator: the router shapes every item, checks the choice before any request,
 * and a private key Servertastic generated is in the output once whatever the choice.
 */

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset({ state: true }));

const shaped = OPERATIONS.filter((operation) =>
	outputSpecOf(operation.resource, operation.operation),
);
const specOf = (operation: (typeof shaped)[number]) =>
	outputSpecOf(operation.resource, operation.operation)!;
const IS_API_KEY = /^[a-z0-9]+(_[a-z0-9]+)*$/;

async function run(operation: (typeof shaped)[number], output: INodeParameters) {
	const setup = await operation.setup(simulator);
	const result = await runServertastic(
		simulator,
		nodeParameters(operation, { ...setup.parameters, ...output }),
		{
			inputItems: setup.inputItems,
		},
	);
	return { setup, result };
}

describe('Output: Simplified, Raw, Selected Fields', () => {
	it('every operation that answered with more than its tidy keys has the Output parameter', () => {
		expect(shaped.map((operation) => operation.label).sort()).toEqual(
			[
				'account → get',
				'order → advanceTestOrder',
				'order → cancel',
				'order → changeApproverEmail',
				'order → generateToken',
				'order → get',
				'order → getManyModified',
				'order → place',
				'order → place (generated key pair)',
				'order → recheckValidation',
				'order → reissue',
				'order → resendEmail',
				'order → switchToEmailValidation',
			].sort(),
		);
	});

	it('the editor default is Simplified on every operation, and an AI tool call that leaves Output out gets it too', () => {
		const outputs = new Servertastic().description.properties.filter(
			(property: INodeProperties) => property.name === 'output',
		);
		expect(outputs.length).toBeGreaterThanOrEqual(shaped.length - 1);
		for (const property of outputs) expect(property.default).toBe('simple');
		// The runs below pass no Output parameter at all, as a tool call does for what the agent does not fill in.
	});

	it.each(shaped.map((operation) => [operation.label, operation] as const))(
		'%s: Simplified by default: exactly its simple keys, never the raw answer',
		async (_label, operation) => {
			const { result } = await run(operation, {});
			expect(result.status).toBe('success');
			expect(result.success.length).toBeGreaterThan(0);
			for (const item of result.success) {
				expect(Object.keys(item.json)).toEqual([...specOf(operation).simple]);
				expect(item.json).not.toHaveProperty('response');
			}
		},
	);

	it.each(shaped.map((operation) => [operation.label, operation] as const))(
		"%s: Raw: the API's answer, no tidy key added but the raw extras",
		async (_label, operation) => {
			const { setup, result } = await run(operation, { output: 'raw' });
			expect(result.status).toBe('success');
			const extras = specOf(operation).rawExtras ?? [];
			for (const item of result.success) {
				const keys = Object.keys(item.json).filter((key) => !extras.includes(key));
				expect(keys.length).toBeGreaterThan(0);
				expect(keys.filter((key) => !IS_API_KEY.test(key))).toEqual([]);
			}
			if (operation.operation === 'get') {
				// A read: asking again gives the answer the node returned, key for key.
				const query =
					operation.resource === 'order'
						? `order_token=${setup.tokens[0]}`
						: `api_key=${encodeURIComponent(simulator.apiKey)}`;
				const again = await fetch(`${simulator.url}/${operation.call}.json?${query}`);
				expect(result.success[0].json).toEqual(await again.json());
			}
		},
	);

	it.each(shaped.map((operation) => [operation.label, operation] as const))(
		'%s: Selected Fields: the chosen keys in output order (the private key kept), nothing else',
		async (_label, operation) => {
			const spec = specOf(operation);
			const chosen = [spec.keys[spec.keys.length - 1], spec.keys[0]];
			const { result } = await run(operation, { output: 'selected', fields: chosen });
			expect(result.status).toBe('success');
			for (const item of result.success) {
				const kept = (spec.alwaysKept ?? []).filter(
					(key) => item.json[key] !== null && item.json[key] !== undefined,
				);
				expect(Object.keys(item.json)).toEqual(
					spec.keys.filter((key) => chosen.includes(key) || kept.includes(key)),
				);
			}
		},
	);

	it.each(shaped.map((operation) => [operation.label, operation] as const))(
		'%s: a field the operation does not output is refused before any request, naming it',
		async (_label, operation) => {
			const { result } = await run(operation, {
				output: 'selected',
				fields: '={{ "status,response" }}',
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(
				/'Fields' lists .*"response".* not a field of this operation's output .*\[item 0\]$/,
			);
			expect(simulator.requestsTo(operation.call)).toEqual([]);
		},
	);

	it('Selected Fields with nothing chosen is refused; Continue puts each item on the error output, paired', async () => {
		const operation = shaped.find((candidate) => candidate.label === 'order → cancel')!;
		const setup = await operation.setup(simulator);
		const result = await runServertastic(
			simulator,
			nodeParameters(operation, { ...setup.parameters, output: 'selected', fields: [] }),
			{
				inputItems: setup.inputItems,
				onError: 'continueErrorOutput',
			},
		);
		expect(result.success).toEqual([]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.errorOutput[0].json.error).toMatch(/^'Fields' is empty/);
		expect(simulator.requestsTo('order/cancel')).toEqual([]);
	});
});

describe('a private key Servertastic generated is in the output once, with its notice, in every mode', () => {
	const operation = shaped.find(
		(candidate) => candidate.label === 'order → place (generated key pair)',
	)!;
	it.each([
		['Simplified', {}],
		['Raw', { output: 'raw' }],
		['Selected Fields without it', { output: 'selected', fields: ['status'] }],
	])('%s', async (_mode, output) => {
		const { result } = await run(operation, output);
		expect(result.status).toBe('success');
		for (const [index, item] of result.success.entries()) {
			const key = String(item.json.privateKey ?? item.json.private_key);
			expect(key).toMatch(/^-----BEGIN (RSA )?PRIVATE KEY-----/);
			// Counted in the item's JSON text, where the key's line breaks are escaped.
			const text = serialiseEverything(result.success[index].json);
			expect(text.split(JSON.stringify(key).slice(1, -1)).length - 1).toBe(1);
			expect(String(item.json.privateKeyNotice)).toMatch(/once/);
		}
	});
});
