import type { INodeParameters } from 'n8n-workflow';

import { searchApproverEmails } from '../../../../nodes/Servertastic/methods/listSearch';
import { Servertastic } from '../../../../nodes/Servertastic/Servertastic.node';
import { csrFixture } from '../../../fixtures/csrs';
import { startSimulator, type Simulator } from '../../../simulator';
import { placeDirectly } from '../../../support/operationTable';
import { locator, runListSearch } from '../../../support/listSearchContext';

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.reset());

/** Approver Email's From List, for Place unless `parameters` says otherwise. */
async function approvers(parameters: INodeParameters, filter?: string) {
	const field =
		parameters.operation && parameters.operation !== 'place'
			? 'approverEmailAddress'
			: 'approverEmail';
	const all = { resource: 'order', operation: 'place', dvAuthMethod: 'EMAIL', ...parameters };
	return (await runListSearch(simulator, searchApproverEmails, all, field, filter)).results;
}

const emails = (results: Array<{ value: unknown }>) => results.map((result) => result.value);

describe('Approver Email From List in Place', () => {
	it('is the method every Approver Email field names, and it is registered', () => {
		const { description, methods } = new Servertastic();
		const fields = description.properties.filter((property) =>
			['approverEmail', 'approverEmailAddress'].includes(property.name),
		);
		expect(fields.length).toBeGreaterThanOrEqual(4);
		for (const field of fields) {
			expect(field.type).toBe('resourceLocator');
			expect(field.modes?.map((mode) => mode.name)).toEqual(['list', 'email']);
			expect(field.modes?.[0].typeOptions?.searchListMethod).toBe('searchApproverEmails');
			expect(field.modes?.[0].hint).toMatch(/empty/);
		}
		expect(methods.listSearch.searchApproverEmails).toBe(searchApproverEmails);
	});

	it("lists the approver addresses for the CSR's domain from approverlist", async () => {
		const results = await approvers({ csr: csrFixture('ec-p256') });
		expect(emails(results)).toEqual(
			expect.arrayContaining(['admin@api.example.net', 'admin@example.net']),
		);
		expect(results.every((result) => result.name === result.value)).toBe(true);
		const [request] = simulator.requestsTo('order/approverlist');
		expect(request.query).toEqual({ domain_name: 'api.example.net' });
	});

	it('narrows the list to the search text', async () => {
		const results = await approvers({ csr: csrFixture('ec-p256') }, 'HOSTMASTER');
		expect(emails(results).length).toBeGreaterThan(0);
		expect(emails(results).every((email) => String(email).startsWith('hostmaster@'))).toBe(true);
	});

	it('strips the wildcard label and copes with a one-element answer', async () => {
		simulator.settings.approverListSingle = true;
		try {
			expect(await approvers({ csr: csrFixture('wildcard') })).toHaveLength(1);
			expect(simulator.requestsTo('order/approverlist')[0].query.domain_name).toBe('example.com');
		} finally {
			simulator.settings.approverListSingle = false;
		}
	});

	it('is empty, not an error, with no CSR, an unresolved expression or an unreadable CSR; nothing is sent', async () => {
		for (const csr of ['', '   ', '={{ $json.csr }}', 'garbage', undefined]) {
			expect(await approvers(csr === undefined ? {} : { csr })).toEqual([]);
		}
		expect(simulator.requests).toHaveLength(0);
	});
});

describe('Approver Email From List when Servertastic generates the key pair', () => {
	it('lists the addresses for Domain Name', async () => {
		const results = await approvers({
			csrSource: 'generate',
			domainName: '*.Shop.Example.org',
			csr: '',
		});
		expect(emails(results)).toContain('admin@shop.example.org');
		expect(simulator.requestsTo('order/approverlist')[0].query.domain_name).toBe(
			'shop.example.org',
		);
	});

	it('is empty with no Domain Name yet, or one from an expression', async () => {
		expect(await approvers({ csrSource: 'generate', domainName: '' })).toEqual([]);
		expect(await approvers({ csrSource: 'generate', domainName: '={{ $json.domain }}' })).toEqual(
			[],
		);
		expect(simulator.requests).toHaveLength(0);
	});
});

describe("Approver Email From List for a placed order: the order's domain", () => {
	async function placed(): Promise<string> {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		await placeDirectly(simulator, token, 'EMAIL');
		simulator.reset();
		return token;
	}

	it.each(['changeApproverEmail', 'switchToEmailValidation', 'reissue'])(
		'%s: reads the domain from the review of the token (a locator or a plain string)',
		async (operation) => {
			const token = await placed();
			for (const orderToken of [locator(token), locator(token, 'id'), token]) {
				simulator.reset();
				const results = await approvers({ operation, orderToken, validationMethod: 'EMAIL' });
				expect(emails(results)).toContain('admin@example.com');
				expect(simulator.requests.map((request) => request.call)).toEqual([
					'order/review',
					'order/approverlist',
				]);
				expect(simulator.requestsTo('order/approverlist')[0].query.domain_name).toBe(
					'www.example.com',
				);
			}
		},
	);

	it("reissue: a new CSR's domain comes first", async () => {
		const token = await placed();
		const results = await approvers({
			operation: 'reissue',
			orderToken: locator(token),
			csr: csrFixture('ec-p256'),
		});
		expect(emails(results)).toContain('admin@api.example.net');
		expect(simulator.requests.map((request) => request.call)).toEqual(['order/approverlist']);
	});

	it('is empty with no token, a token from an expression or a malformed one; nothing is sent', async () => {
		for (const orderToken of [
			locator(''),
			locator('={{ $json.token }}', 'id'),
			'={{ $json.token }}',
			locator('not a token!', 'id'),
		]) {
			expect(await approvers({ operation: 'changeApproverEmail', orderToken })).toEqual([]);
		}
		expect(simulator.requests).toHaveLength(0);
	});

	it('a token Servertastic does not know: the error never holds the token', async () => {
		const token = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
		const failure = await approvers({
			operation: 'changeApproverEmail',
			orderToken: locator(token),
		}).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		const text = JSON.stringify({
			message: (failure as Error).message,
			description: (failure as { description?: string }).description,
		});
		expect(text).not.toContain(token);
		expect(text).not.toContain(simulator.apiKey);
	});
});
