import type { INodeParameters } from 'n8n-workflow';

import { Servertastic } from '../../../../nodes/Servertastic/Servertastic.node';
import { type Simulator, startSimulator } from '../../../simulator';
import { runServertastic } from '../../../support/servertastic';
import { locator } from '../../../support/listSearchContext';
import { nodeParameters, OPERATIONS } from '../../../support/operationTable';

/**
 * Order Token is a resource locator. Every operation that takes one reads it in each form n8n may
 * have saved: From List (a fixed token), By Value (an expression), and the plain string a workflow
 * saved before the field became a locator holds.
 */

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());

const TOKEN_OPERATIONS = new Servertastic().description.properties
	.filter((property) => property.name === 'orderToken')
	.flatMap((property) => property.displayOptions?.show?.operation ?? []);
const withToken = OPERATIONS.filter(
	(operation) => operation.resource === 'order' && TOKEN_OPERATIONS.includes(operation.operation),
);

const FORMS: Array<[string, (token: string) => INodeParameters['orderToken'], boolean]> = [
	['From List', (token) => locator(token), false],
	['By Value, a pasted token', (token) => locator(token, 'id'), false],
	['By Value, an expression', () => locator('={{ $json.token }}', 'id'), true],
	['a plain string expression (saved before the locator)', () => '={{ $json.token }}', true],
	['a plain string token (saved before the locator)', (token) => token, false],
];

const cases = withToken.flatMap((operation) =>
	FORMS.map(
		([form, value, perItem]) => [operation.label, form, operation, value, perItem] as const,
	),
);

describe('every operation reads the Order Token locator, and the plain strings of older workflows', () => {
	it.each(cases)('%s, %s', async (_label, _form, operation, value, perItem) => {
		simulator.reset({ state: true });
		const setup = await operation.setup(simulator);
		expect(setup.tokens.length).toBeGreaterThan(0);
		// A fixed value is the same for every item: one item then.
		const items = perItem ? setup.inputItems : setup.inputItems.slice(0, 1);
		const parameters = { ...setup.parameters, orderToken: value(setup.tokens[0]) };
		const result = await runServertastic(
			simulator,
			nodeParameters(operation, { ...parameters, options: { concurrency: 1 } }),
			{ inputItems: items },
		);
		expect({ status: result.status, error: result.error?.message }).toEqual({
			status: 'success',
			error: undefined,
		});
		const sent = simulator
			.requestsTo(operation.call)
			.map((request) => request.query.order_token ?? request.body?.order_token);
		expect(sent).toEqual(setup.tokens.slice(0, items.length));
	});

	it('covers every operation that takes a token', () => {
		expect(new Set(withToken.map((operation) => operation.operation))).toEqual(
			new Set(TOKEN_OPERATIONS),
		);
		expect(TOKEN_OPERATIONS).toHaveLength(11);
	});
});
