import { readFileSync } from 'fs';
import { join } from 'path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ServertasticApi } from '../../credentials/ServertasticApi.credentials';
import * as account from '../../nodes/Servertastic/actions/account';
import * as certificate from '../../nodes/Servertastic/actions/certificate';
import * as order from '../../nodes/Servertastic/actions/order';
import * as product from '../../nodes/Servertastic/actions/product';
import type { OutputSpec } from '../../nodes/Servertastic/helpers/outputMode';
import { Servertastic } from '../../nodes/Servertastic/Servertastic.node';
import { type OnErrorSetting, runNode, type RunNodeResult } from '../harness';
import type { Simulator } from '../simulator';
import { TECH_CONTACT } from './contact';

export { CONTACT_BODY, ORGANISATION, TECH_ADDRESS, TECH_CONTACT } from './contact';

/** Runs the Servertastic node inside n8n's engine with its credential pointed at the simulator. */
export async function runServertastic(
	simulator: Simulator,
	parameters: INodeParameters,
	options: {
		inputItems?: IDataObject[];
		inputData?: INodeExecutionData[];
		onError?: OnErrorSetting;
		apiKey?: string;
		timeoutSeconds?: number;
	} = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new Servertastic(),
		parameters,
		inputItems: options.inputItems,
		inputData: options.inputData,
		onError: options.onError,
		credentialTypes: [new ServertasticApi()],
		credentials: {
			servertasticApi: {
				apiKey: options.apiKey ?? simulator.apiKey,
				environment: 'test',
				baseUrl: simulator.url,
				...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
			},
		},
	});
}

const OPERATIONS: Record<string, Record<string, object>> = {
	account: account.operations,
	certificate: certificate.operations,
	order: order.operations,
	product: product.operations,
};

/** The Output spec of an operation; undefined for one without an Output parameter. */
export function outputSpecOf(resource: string, operation: string): OutputSpec | undefined {
	const module = OPERATIONS[resource]?.[operation] as { output?: OutputSpec } | undefined;
	return module?.output;
}

/**
 * The parameters with Output set to Selected Fields and every field chosen: the whole tidy item,
 * for tests about the tidy keys that Simplified leaves out. Raw's answer is `{ output: 'raw' }`.
 */
export function allFields(parameters: INodeParameters): INodeParameters {
	const spec = outputSpecOf(String(parameters.resource), String(parameters.operation));
	if (!spec)
		throw new Error(
			`${String(parameters.resource)} → ${String(parameters.operation)} has no Output parameter`,
		);
	return { ...parameters, output: 'selected', fields: [...spec.keys] };
}

/**
 * A RapidSSL order for www.example.com placed through the node (Email uses admin@example.com),
 * with the simulator's recording cleared afterwards: the starting point of the order-action tests.
 */
export async function placeOrderThroughNode(
	simulator: Simulator,
	dvAuthMethod = 'DNS',
	csr = readFileSync(join(__dirname, '../fixtures/csr/rsa2048.csr'), 'utf8'),
): Promise<string> {
	const token = simulator.createToken({ productCode: 'RapidSSL-12' });
	const result = await runServertastic(simulator, {
		resource: 'order',
		operation: 'place',
		orderToken: token,
		productBrand: 'rapidssl',
		dvAuthMethod,
		approverEmail: 'admin@example.com',
		csr,
		...TECH_CONTACT,
	});
	if (result.status !== 'success')
		throw new Error(`placing the test order failed: ${result.error?.message}`);
	simulator.reset();
	return token;
}
