import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { csrFixture } from '../fixtures/csrs';
import type { Simulator } from '../simulator';
import { TECH_CONTACT } from './servertastic';

/**
 * Every resource/operation of the node with valid parameters for three input items, for the
 * suites that run all of them the same way (faults, secrets). `setup` prepares the simulator
 * (tokens, placed and completed orders) without going through the node.
 */

export interface OperationSetup {
	parameters: INodeParameters;
	inputItems: IDataObject[];
	/** Order tokens the items use (none for calls without one). */
	tokens: string[];
}

export interface OperationCase {
	/** 'order → place' */
	label: string;
	resource: string;
	operation: string;
	/** The API call the operation is about (Place also reads review and productfields first). */
	call: string;
	/** A read: the transport may send it again. */
	read: boolean;
	/** One success may give several items (a list), or none. */
	list: boolean;
	setup(simulator: Simulator): Promise<OperationSetup>;
	/** Parameters the node must refuse before any request (bad input); undefined when the operation takes no input. */
	badInput?: (setup: OperationSetup) => INodeParameters;
}

export const CSR = csrFixture('rsa2048');
/** The CSR's common name is www.example.com: these approver addresses are allowed for it. */
export const APPROVER = 'admin@example.com';
export const OTHER_APPROVER = 'webmaster@example.com';

const ITEMS = [{ n: 0 }, { n: 1 }, { n: 2 }];
/** What productfields requires when Servertastic makes the key pair (api2.md: required_if domain_name, !csr). */
const KEY_PAIR_ORGANISATION = {
	orgName: 'Example Ltd',
	orgDivision: 'IT',
	orgCity: 'London',
	orgRegion: 'Greater London',
	orgCountry: 'GB',
};

function contactParams(prefix: string): Record<string, string> {
	return {
		[`${prefix}_first_name`]: 'Ada',
		[`${prefix}_last_name`]: 'Lovelace',
		[`${prefix}_phone`]: '+44 20 7946 0000',
		[`${prefix}_email`]: 'ada@example.com',
		[`${prefix}_title`]: 'Engineer',
	};
}

/** Places an order straight at the simulator (not through the node); the recording is left as it was. */
export async function placeDirectly(
	simulator: Simulator,
	token: string,
	method: 'DNS' | 'EMAIL' = 'DNS',
): Promise<void> {
	const recorded = simulator.requests.length;
	const body = new URLSearchParams({
		order_token: token,
		dv_auth_method: method,
		...(method === 'EMAIL' ? { approver_email_address: APPROVER } : {}),
		csr: CSR,
		// Required by productfields (api2.md's example): the first value it offers.
		hashing_algorithm: 'SHA-256',
		...contactParams('tech_contact'),
		...contactParams('admin_contact'),
	});
	const response = await fetch(`${simulator.url}/order/place.json`, { method: 'POST', body });
	const answer = (await response.json()) as IDataObject;
	if (answer.success === undefined)
		throw new Error(`Set-up place failed: ${JSON.stringify(answer)}`);
	simulator.requests.splice(recorded);
}

const freshTokens = (simulator: Simulator) =>
	ITEMS.map(() => simulator.createToken({ productCode: 'RapidSSL-12' }));

async function placedTokens(
	simulator: Simulator,
	method: 'DNS' | 'EMAIL' = 'DNS',
): Promise<string[]> {
	const tokens = freshTokens(simulator);
	for (const token of tokens) await placeDirectly(simulator, token, method);
	return tokens;
}

async function completedTokens(simulator: Simulator): Promise<string[]> {
	const tokens = await placedTokens(simulator);
	for (const token of tokens) {
		simulator.advance(token);
		simulator.advance(token);
	}
	return tokens;
}

/** The Order Token as the editor saves it: a resource locator, By Value, mapped from the item. */
const withTokens = (tokens: string[], parameters: INodeParameters): OperationSetup => ({
	parameters: {
		orderToken: { __rl: true, mode: 'id', value: '={{ $json.token }}' },
		...parameters,
	},
	inputItems: tokens.map((token, n) => ({ n, token })),
	tokens,
});

const BAD_TOKEN_SHAPE = { orderToken: 'not a token!' };
/** Empty only when evaluated: n8n refuses to start a node whose required field is plainly empty. */
const EMPTY_BY_EXPRESSION = '={{ "" }}';

export const OPERATIONS: OperationCase[] = [
	{
		label: 'order → generateToken',
		resource: 'order',
		operation: 'generateToken',
		call: 'order/generatetoken',
		read: false,
		list: false,
		setup: async () => ({
			parameters: {
				productCode: 'RapidSSL-12',
				endCustomerEmail: 'buyer@example.com',
				resellerReference: 'derived',
			},
			inputItems: ITEMS,
			tokens: [],
		}),
		badInput: (setup) => ({ ...setup.parameters, endCustomerEmail: 'not an email' }),
	},
	{
		label: 'order → getProductFields',
		resource: 'order',
		operation: 'getProductFields',
		call: 'order/productfields',
		read: true,
		list: true,
		setup: async (simulator) => withTokens(freshTokens(simulator), {}),
		badInput: (setup) => ({ ...setup.parameters, orderToken: EMPTY_BY_EXPRESSION }),
	},
	{
		label: 'order → place',
		resource: 'order',
		operation: 'place',
		call: 'order/place',
		read: false,
		list: false,
		setup: async (simulator) =>
			withTokens(freshTokens(simulator), {
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: CSR,
				...TECH_CONTACT,
			}),
		badInput: (setup) => ({
			...setup.parameters,
			csr: '-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----',
		}),
	},
	{
		label: 'order → place (generated key pair)',
		resource: 'order',
		operation: 'place',
		call: 'order/place',
		read: false,
		list: false,
		setup: async (simulator) =>
			withTokens(freshTokens(simulator), {
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csrSource: 'generate',
				domainName: 'shop.example.com',
				...KEY_PAIR_ORGANISATION,
				...TECH_CONTACT,
			}),
		badInput: (setup) => ({ ...setup.parameters, domainName: 'not a domain' }),
	},
	{
		label: 'order → get',
		resource: 'order',
		operation: 'get',
		call: 'order/review',
		read: true,
		list: false,
		setup: async (simulator) => withTokens(await placedTokens(simulator), {}),
		badInput: (setup) => ({ ...setup.parameters, orderToken: EMPTY_BY_EXPRESSION }),
	},
	{
		label: 'order → getCertificateFiles',
		resource: 'order',
		operation: 'getCertificateFiles',
		call: 'order/review',
		read: true,
		list: false,
		setup: async (simulator) =>
			withTokens(await completedTokens(simulator), { privateKeySource: 'none' }),
		badInput: (setup) => ({ ...setup.parameters, orderToken: EMPTY_BY_EXPRESSION }),
	},
	{
		label: 'order → getApproverEmails',
		resource: 'order',
		operation: 'getApproverEmails',
		call: 'order/approverlist',
		read: true,
		list: true,
		setup: async () => ({
			parameters: { domain: '={{ $json.domain }}' },
			inputItems: ['example.com', 'shop.example.net', '*.example.org'].map((domain, n) => ({
				n,
				domain,
			})),
			tokens: [],
		}),
		badInput: (setup) => ({ ...setup.parameters, domain: 'not a domain' }),
	},
	{
		label: 'order → changeApproverEmail',
		resource: 'order',
		operation: 'changeApproverEmail',
		call: 'order/changeapproveremail',
		read: false,
		list: false,
		setup: async (simulator) =>
			withTokens(await placedTokens(simulator, 'EMAIL'), { approverEmailAddress: OTHER_APPROVER }),
		badInput: (setup) => ({ ...setup.parameters, approverEmailAddress: 'not an email' }),
	},
	{
		label: 'order → switchToEmailValidation',
		resource: 'order',
		operation: 'switchToEmailValidation',
		call: 'order/changeauthmethod',
		read: false,
		list: false,
		setup: async (simulator) =>
			withTokens(await placedTokens(simulator, 'DNS'), { approverEmailAddress: APPROVER }),
		badInput: (setup) => ({ ...setup.parameters, approverEmailAddress: 'not an email' }),
	},
	{
		label: 'order → recheckValidation',
		resource: 'order',
		operation: 'recheckValidation',
		call: 'order/pollauth',
		read: false,
		list: false,
		setup: async (simulator) => withTokens(await placedTokens(simulator, 'DNS'), {}),
		badInput: (setup) => ({ ...setup.parameters, ...BAD_TOKEN_SHAPE }),
	},
	{
		label: 'order → resendEmail',
		resource: 'order',
		operation: 'resendEmail',
		call: 'order/resendemail',
		read: false,
		list: false,
		setup: async (simulator) =>
			withTokens(await placedTokens(simulator, 'EMAIL'), { emailType: 'Approver' }),
		badInput: (setup) => ({ ...setup.parameters, ...BAD_TOKEN_SHAPE }),
	},
	{
		label: 'order → reissue',
		resource: 'order',
		operation: 'reissue',
		call: 'order/reissue',
		read: false,
		list: false,
		setup: async (simulator) =>
			withTokens(await completedTokens(simulator), { csr: CSR, validationMethod: 'DNS' }),
		badInput: (setup) => ({ ...setup.parameters, csr: 'not a CSR' }),
	},
	{
		label: 'order → cancel',
		resource: 'order',
		operation: 'cancel',
		call: 'order/cancel',
		read: false,
		list: false,
		setup: async (simulator) => withTokens(await placedTokens(simulator), {}),
		badInput: (setup) => ({ ...setup.parameters, ...BAD_TOKEN_SHAPE }),
	},
	{
		label: 'order → getManyExpiring',
		resource: 'order',
		operation: 'getManyExpiring',
		call: 'order/expiring',
		read: true,
		list: true,
		setup: async (simulator) => {
			await completedTokens(simulator);
			return {
				parameters: { days: '={{ $json.days }}', returnAll: true },
				inputItems: [365, 300, 200].map((days, n) => ({ n, days })),
				tokens: [],
			};
		},
		badInput: (setup) => ({ ...setup.parameters, days: 0 }),
	},
	{
		label: 'order → getManyModified',
		resource: 'order',
		operation: 'getManyModified',
		call: 'order/modifiedorders',
		read: true,
		list: true,
		setup: async (simulator) => {
			freshTokens(simulator);
			return {
				parameters: { since: '={{ $json.since }}', returnAll: true },
				inputItems: ['2020-01-01T00:00:00Z', '2021-06-30T12:00:00Z', '2022-12-31T23:59:59Z'].map(
					(since, n) => ({ n, since }),
				),
				tokens: [],
			};
		},
		badInput: (setup) => ({ ...setup.parameters, since: 'not a date' }),
	},
	{
		label: 'order → getManyTokens',
		resource: 'order',
		operation: 'getManyTokens',
		call: 'order/showtokens',
		read: true,
		list: true,
		setup: async (simulator) => {
			freshTokens(simulator);
			return { parameters: { which: 'all', returnAll: true }, inputItems: ITEMS, tokens: [] };
		},
		badInput: (setup) => ({ ...setup.parameters, returnAll: false, limit: 0 }),
	},
	{
		label: 'order → advanceTestOrder',
		resource: 'order',
		operation: 'advanceTestOrder',
		call: 'order/advanceorder',
		read: false,
		list: false,
		setup: async (simulator) => withTokens(await placedTokens(simulator), {}),
		badInput: (setup) => ({ ...setup.parameters, ...BAD_TOKEN_SHAPE }),
	},
	{
		label: 'account → get',
		resource: 'account',
		operation: 'get',
		call: 'account/review',
		read: true,
		list: false,
		setup: async () => ({ parameters: {}, inputItems: ITEMS, tokens: [] }),
	},
	{
		label: 'account → getPointsAudit',
		resource: 'account',
		operation: 'getPointsAudit',
		call: 'account/pointsaudit',
		read: true,
		list: true,
		setup: async () => ({ parameters: { returnAll: true }, inputItems: ITEMS, tokens: [] }),
		badInput: (setup) => ({ ...setup.parameters, returnAll: false, limit: -1 }),
	},
	{
		label: 'product → getMany',
		resource: 'product',
		operation: 'getMany',
		call: 'product/listproducts',
		read: true,
		list: true,
		setup: async () => ({
			parameters: { productGroup: 'SSL', returnAll: true },
			inputItems: ITEMS,
			tokens: [],
		}),
		badInput: (setup) => ({ ...setup.parameters, validationLevels: ['XX'] }),
	},
];

/** The node's parameters for a case: resource, operation and the set-up's parameters. */
export function nodeParameters(
	operation: OperationCase,
	parameters: INodeParameters,
): INodeParameters {
	return { resource: operation.resource, operation: operation.operation, ...parameters };
}
