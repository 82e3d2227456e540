import type { INodeParameters } from 'n8n-workflow';

import { approverEmails } from '../../../../simulator';
import { runServertastic } from '../../../../support/servertastic';
import {
	describeApiErrors,
	expectNoSecret,
	expectQueries,
	useSimulator,
} from '../../../../support/readChecks';

const simulator = useSimulator();

const getApproverEmails = (domain: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'getApproverEmails',
	domain,
	options,
});

describe('Order → Get Approver Emails inside n8n', () => {
	it('one item per address {email}, paired; domain_name sent without api_key', async () => {
		const result = await runServertastic(simulator(), getApproverEmails('shop.example.co.uk'));
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/approverlist', [{ domain_name: 'shop.example.co.uk' }]);
		expect(result.success.map((item) => item.json)).toEqual(
			approverEmails('shop.example.co.uk').map((email) => ({ email })),
		);
		expect(result.success).toHaveLength(10);
		expect(result.success.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
		expect(result.downstream.success).toHaveLength(10);
		expectNoSecret(result);
	});

	it('a wildcard name is checked as such and sent without "*."; the domain is trimmed and lower-cased', async () => {
		const result = await runServertastic(
			simulator(),
			getApproverEmails(' *.Example.COM ', { output: 'allEmails' }),
		);
		expect(result.status).toBe('success');
		expectQueries(simulator(), 'order/approverlist', [{ domain_name: 'example.com' }]);
		expect(result.success.map((item) => item.json)).toEqual([
			{ domain: 'example.com', emails: approverEmails('example.com') },
		]);
	});

	it.each([
		[
			'https://shop.example.com/',
			/^'Domain' must be just the host name, without "https:\/\/" or a path; did you mean "shop.example.com"\?/,
		],
		['admin@example.com', /^'Domain' must be a host name, not an email address/],
		['localhost', /^'Domain' must be a fully qualified host name/],
		['shop.example.local', /^'Domain' uses "\.local"/],
		// An empty literal is n8n's own "required" issue; an expression can still give "".
		['={{ "" }}', /^'Domain' must not be empty/],
	])('refuses %j before sending anything', async (domain, message) => {
		const result = await runServertastic(simulator(), getApproverEmails(domain));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(simulator().requests).toEqual([]);
	});

	it('approverListSingle: one address as a bare object gives one item', async () => {
		simulator().settings.approverListSingle = true;
		const result = await runServertastic(simulator(), getApproverEmails('example.com'));
		expect(result.success.map((item) => item.json)).toEqual([{ email: 'admin@example.com' }]);
	});

	it('xmlStyleLists: one address as a bare object, none as "", several as {email: [...]}', async () => {
		simulator().settings.xmlStyleLists = true;
		simulator().respondOnce('order/approverlist', {
			status: 200,
			body: { success: 'ok', approver_email: { email: 'admin@example.com' } },
		});
		simulator().respondOnce('order/approverlist', {
			status: 200,
			body: { success: 'ok', approver_email: '' },
		});
		simulator().respondOnce('order/approverlist', {
			status: 200,
			body: {
				success: 'ok',
				approver_email: { email: ['admin@example.com', 'webmaster@example.com'] },
			},
		});
		const one = await runServertastic(simulator(), getApproverEmails('example.com'));
		expect(one.success.map((item) => item.json)).toEqual([{ email: 'admin@example.com' }]);
		const none = await runServertastic(
			simulator(),
			getApproverEmails('example.com', { output: 'allEmails' }),
		);
		expect(none.success.map((item) => item.json)).toEqual([{ domain: 'example.com', emails: [] }]);
		const several = await runServertastic(simulator(), getApproverEmails('example.com'));
		expect(several.success.map((item) => item.json.email)).toEqual([
			'admin@example.com',
			'webmaster@example.com',
		]);
		// The simulator's own list in XML style (several elements) still arrives whole.
		const whole = await runServertastic(simulator(), getApproverEmails('example.com'));
		expect(whole.success).toHaveLength(5);
	});

	it('each input item gives its own list, every address paired to its item', async () => {
		const result = await runServertastic(simulator(), getApproverEmails('={{ $json.domain }}'), {
			inputItems: [{ domain: 'example.com' }, { domain: 'shop.example.net' }],
		});
		const byItem = [0, 1].map((index) =>
			result.success
				.filter((item) => (item.pairedItem as { item: number }).item === index)
				.map((item) => item.json.email),
		);
		expect(byItem).toEqual([approverEmails('example.com'), approverEmails('shop.example.net')]);
	});

	describeApiErrors(simulator, 'order/approverlist', () => getApproverEmails('example.com'));
});
