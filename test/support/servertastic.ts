import { readFileSync } from 'fs';
import { join } from 'path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ServertasticApi } from '../../credentials/ServertasticApi.credentials';
import * as account from '../../nodes/Servertastic/actions/account';
import * as order from '../../nodes/Servertastic/actions/order';
import * as product from '../../nodes/Servertastic/actions/product';
import type { OutputSpec } from '../../nodes/Servertastic/helpers/outputMode';
import { Servertastic } from '../../nodes/Servertastic/Servertastic.node';
import { type OnErrorSetting, runNode, type RunNodeResult } from '../harness';
import type { Simulator } from '../simulator';

/** Runs the Servertastic node inside n8n's engine with its credential pointed at the simulator. */
export async function runServertastic(
	simulator: Simulator,
	parameters: INodeParameters,
	options: { inputItems?: IDataObject[]; onError?: OnErrorSetting; apiKey?: string; timeoutSeconds?: number } = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new Servertastic(),
		parameters,
		inputItems: options.inputItems,
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
	if (!spec) throw new Error(`${String(parameters.resource)} → ${String(parameters.operation)} has no Output parameter`);
	return { ...parameters, output: 'selected', fields: [...spec.keys] };
}

export const TECH_CONTACT = {
	techFirstName: 'Ada',
	techLastName: 'Lovelace',
	techPhone: '+44 20 7946 0000',
	techEmail: 'ada@example.com',
	techJobTitle: 'Engineer',
};

export const TECH_ADDRESS = {
	techOrganisationName: 'Example Ltd',
	techAddressLine1: '1 High Street',
	techCity: 'London',
	techRegion: 'Greater London',
	techPostCode: 'EC1A 1AA',
	techCountryCode: 'GB',
};

export const ORGANISATION = {
	orgName: 'Example Ltd',
	orgAddressLine1: '1 High Street',
	orgCity: 'London',
	orgRegion: 'Greater London',
	orgPostalCode: 'EC1A 1AA',
	orgCountry: 'GB',
	orgPhone: '+44 20 7946 0001',
};

/** The API body the node should send for TECH_CONTACT as both contacts. */
export const CONTACT_BODY = {
	tech_contact_first_name: 'Ada',
	tech_contact_last_name: 'Lovelace',
	tech_contact_phone: '+44 20 7946 0000',
	tech_contact_email: 'ada@example.com',
	tech_contact_title: 'Engineer',
	admin_contact_first_name: 'Ada',
	admin_contact_last_name: 'Lovelace',
	admin_contact_phone: '+44 20 7946 0000',
	admin_contact_email: 'ada@example.com',
	admin_contact_title: 'Engineer',
};

/**
 * A RapidSSL order for www.example.com placed through the node (Email uses admin@example.com),
 * with the simulator's recording cleared afterwards: the starting point of the order-action tests.
 */
export async function placeOrderThroughNode(simulator: Simulator, dvAuthMethod = 'DNS'): Promise<string> {
	const token = simulator.createToken({ productCode: 'RapidSSL-12' });
	const result = await runServertastic(simulator, {
		resource: 'order',
		operation: 'place',
		orderToken: token,
		productBrand: 'rapidssl',
		dvAuthMethod,
		approverEmail: 'admin@example.com',
		csr: readFileSync(join(__dirname, '../fixtures/csr/rsa2048.csr'), 'utf8'),
		...TECH_CONTACT,
	});
	if (result.status !== 'success') throw new Error(`placing the test order failed: ${result.error?.message}`);
	simulator.reset();
	return token;
}
