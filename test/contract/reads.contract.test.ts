// Every read operation and order action (except Place, Generate Token and Get Product Fields) run in
// n8n's real engine against every contract fixture in every XML→JSON reading: the tidy output must be
// the same, field by field, whichever reading the API uses. The trigger's runs are in
// reads.trigger.contract.test.ts.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { entriesOf } from '../../nodes/Servertastic/helpers/normalise';
import { serialiseEverything } from '../harness';
import { startSimulator, type Simulator } from '../simulator';
import { fakeDateOnly, useFastRetries } from '../support/jestHooks';
import { allFields, outputSpecOf, runServertastic } from '../support/servertastic';
import { applyVariant, fixture, fixtureCases, serveFixture, variantsFor, type Variant } from '.';
import * as expected from './reads.expected';

const { TOKEN } = expected;

interface ReadOperation {
	name: string;
	call: string;
	parameters: INodeParameters;
	/** The items (without `response`) for each fixture case ('' for the uncased one). */
	items: (caseName: string) => IDataObject[];
	/** Other answers the operation reads, served in the same reading. */
	alsoServes?: Array<{ call: string; caseName?: string }>;
}

const order = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation,
	...extra,
});
const action = (operation: string, extra: INodeParameters = {}) =>
	order(operation, { orderToken: TOKEN, ...extra });
const acted = (message: string, fields: IDataObject = {}) => [
	{ orderToken: TOKEN, success: true, message, ...fields },
];

const OPERATIONS: ReadOperation[] = [
	{
		name: 'Order → Get',
		call: 'order/review',
		parameters: action('get'),
		items: (c) => [expected.handedOn(expected.REVIEW[c])],
	},
	{
		name: 'Order → Get Many Modified',
		call: 'order/modifiedorders',
		parameters: order('getManyModified', { since: '2024-03-12T00:00:00Z', returnAll: true }),
		items: (c) => expected.GET_MANY_MODIFIED[c],
	},
	{
		name: 'Order → Get Many Expiring',
		call: 'order/expiring',
		parameters: order('getManyExpiring', { days: 60, returnAll: true }),
		items: (c) => expected.EXPIRING[c],
	},
	{
		name: 'Order → Get Many Tokens',
		call: 'order/showtokens',
		parameters: order('getManyTokens', { which: 'all', returnAll: true }),
		items: (c) => expected.TOKENS[c],
	},
	{
		name: 'Order → Get Approver Emails (one item per email)',
		call: 'order/approverlist',
		parameters: order('getApproverEmails', { domain: 'www.example.com' }),
		items: (c) =>
			(c === 'one-address'
				? ['admin']
				: ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster']
			).map((box) => ({
				email: `${box}@example.com`,
			})),
	},
	{
		name: 'Order → Get Approver Emails (all in one item)',
		call: 'order/approverlist',
		parameters: order('getApproverEmails', {
			domain: 'www.example.com',
			options: { output: 'allEmails' },
		}),
		items: (c) => [
			{
				domain: 'www.example.com',
				emails: (c === 'one-address'
					? ['admin']
					: ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster']
				).map((box) => `${box}@example.com`),
			},
		],
	},
	{
		name: 'Order → Resend Email',
		call: 'order/resendemail',
		parameters: action('resendEmail', { emailType: 'Fulfillment' }),
		items: () =>
			acted('Email resent', {
				emailType: 'Fulfillment',
				sentTo: ['admin@example.com', 'alex.smith@example.com', 'sam.jones@example.com'],
				recipients: {
					approverEmail: 'admin@example.com',
					adminContactEmail: 'alex.smith@example.com',
					techContactEmail: 'sam.jones@example.com',
				},
			}),
	},
	{
		name: 'Order → Change Approver Email',
		call: 'order/changeapproveremail',
		parameters: action('changeApproverEmail', { approverEmailAddress: 'admin@example.com' }),
		items: () => acted('Change Approver Email Reset', { approverEmail: 'admin@example.com' }),
	},
	{
		name: 'Order → Switch Validation to Email',
		call: 'order/changeauthmethod',
		parameters: action('switchToEmailValidation', { approverEmailAddress: 'admin@example.com' }),
		items: () =>
			acted('DV Auth Method Updated', { method: 'EMAIL', approverEmail: 'admin@example.com' }),
	},
	{
		name: 'Order → Recheck Validation',
		call: 'order/pollauth',
		parameters: action('recheckValidation'),
		items: (c) => acted('Order Polled', { status: c === 'no-status' ? null : 'Pending' }),
	},
	{
		name: 'Order → Reissue',
		call: 'order/reissue',
		parameters: action('reissue'),
		// The answer's CSR is a placeholder: the domain comes from one review.
		alsoServes: [{ call: 'order/review', caseName: 'completed' }],
		items: () => {
			const answer = fixture('order/reissue') as Record<string, string>;
			const dnsRecord = { name: 'www.example.com', type: 'TXT', value: answer.dns_string };
			return acted('Order reissued', {
				commonName: 'www.example.com',
				validation: {
					method: 'DNS',
					approverEmail: null,
					file: null,
					dnsRecord,
					instructions: `Create a DNS TXT record named www.example.com with the value ${answer.dns_string}.`,
				},
				csr: answer.csr,
				privateKey: answer.private_key,
				validationFile: null,
				dnsRecord,
			});
		},
	},
	{
		name: 'Order → Cancel',
		call: 'order/cancel',
		parameters: action('cancel'),
		items: () => acted('Order cancelled - STR_1_202403121045', { cancelled: true }),
	},
	{
		name: 'Order → Advance Test Order',
		call: 'order/advanceorder',
		parameters: action('advanceTestOrder'),
		items: () =>
			acted(
				'Order was pushed. Please wait up to 3 minutes for the status to update - STR_1_201611071123',
			),
	},
	{
		name: 'Account → Get',
		call: 'account/review',
		parameters: { resource: 'account', operation: 'get' },
		items: (c) => [expected.ACCOUNT[c]],
	},
	{
		name: 'Account → Get Points Audit',
		call: 'account/pointsaudit',
		parameters: { resource: 'account', operation: 'getPointsAudit', returnAll: true },
		items: (c) => expected.POINTS_AUDIT[c],
	},
	{
		name: 'Product → Get Many',
		call: 'product/listproducts',
		parameters: { resource: 'product', operation: 'getMany', productGroup: 'All', returnAll: true },
		items: (c) => expected.PRODUCTS[c],
	},
];

let sim: Simulator;
useFastRetries();
fakeDateOnly(expected.NOW);
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.reset({ state: true });
});

const withoutResponse = ({ response: _response, ...rest }: IDataObject) => rest;
/** modifiedorders' records (orders.order), read as the node reads them. */
const recordsOf = (answer: unknown): unknown[] =>
	entriesOf((answer as IDataObject).orders, 'order');
const readings = (call: string): Variant[] => ['documented', ...variantsFor(call)];

describe.each(OPERATIONS)('$name reads $call', (operation) => {
	const cases = fixtureCases(operation.call).map((caseName) => caseName ?? '');
	const runs = cases.flatMap((caseName) =>
		readings(operation.call).map((variant) => [caseName || '(default)', variant] as const),
	);

	it.each(runs)(
		'case %s, %s reading: the tidy output field by field',
		async (caseLabel, variant) => {
			const caseName = caseLabel === '(default)' ? undefined : caseLabel;
			const answer = applyVariant(operation.call, fixture(operation.call, caseName), variant);
			serveFixture(sim, operation.call, answer);
			for (const other of operation.alsoServes ?? []) {
				serveFixture(
					sim,
					other.call,
					applyVariant(other.call, fixture(other.call, other.caseName), variant),
				);
			}
			const want = operation.items(caseName ?? '');
			// A fixture case without written-out expectations fails here: add them to reads.expected.ts.
			expect(want?.every((item) => item !== undefined)).toBe(true);
			// With an Output parameter: every tidy field (Selected Fields, all of them), then Raw.
			const spec = outputSpecOf(
				String(operation.parameters.resource),
				String(operation.parameters.operation),
			);
			const result = await runServertastic(
				sim,
				spec ? allFields(operation.parameters) : operation.parameters,
			);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(result.success.map((item) => withoutResponse(item.json))).toEqual(want);
			expect(result.success.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
				true,
			);
			expect(result.success.some((item) => 'response' in item.json)).toBe(false);
			if (!spec) return;
			// Raw: the answer as it came (a list operation: each record of it as it came).
			serveFixture(sim, operation.call, answer);
			for (const other of operation.alsoServes ?? []) {
				serveFixture(
					sim,
					other.call,
					applyVariant(other.call, fixture(other.call, other.caseName), variant),
				);
			}
			const raw = await runServertastic(sim, { ...operation.parameters, output: 'raw' });
			const records = operation.call === 'order/modifiedorders' ? recordsOf(answer) : [answer];
			expect(raw.success.map((item) => item.json)).toEqual(records);
		},
	);

	it.each([200, 400])(
		'the documented error body with HTTP %i: a NodeApiError with the API message, no token in it',
		async (status) => {
			serveFixture(sim, operation.call, fixture('error'), status);
			const result = await runServertastic(sim, operation.parameters);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				`Servertastic refused ${operation.call}: Invalid order token`,
			);
			const { message, description } = result.error as unknown as IDataObject;
			expect(serialiseEverything({ message, description })).not.toContain(TOKEN);
			expect(serialiseEverything(result)).not.toContain(sim.apiKey);
		},
	);
});
