// Renewal requests for the queue-mode test and benchmark: built against the simulator's own orders,
// sent to the renewals webhook, and followed in n8n's execution list.
import { csrFixture } from '../../fixtures/csrs';
import type { Simulator } from '../../simulator';
import { QUEUE_WORKFLOW } from './fixtures';
import type { ExecutionSummary, N8n } from './n8n';

export const CONTACT = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	phone: '+44 20 7946 0000',
	email: 'ada@example.com',
	jobTitle: 'Engineer',
};
const CSR = csrFixture('rsa2048');
const RENEWALS = QUEUE_WORKFLOW.renewals;

export interface Renewal {
	renewalId: string;
	productCode: string;
	customerEmail: string;
	previousOrderToken: string;
	csr: string;
	contact: typeof CONTACT;
}

/** Renewal requests for certificates the simulator already holds (their orders are the previous ones). */
export function renewalRequests(simulator: Simulator, prefix: string, count: number): Renewal[] {
	return Array.from({ length: count }, (_, index) => ({
		renewalId: `${prefix}-${String(index + 1).padStart(4, '0')}`,
		productCode: 'RapidSSL-12',
		customerEmail: 'certs@example.com',
		previousOrderToken: simulator.createToken({
			productCode: 'RapidSSL-12',
			reference: `prev-${prefix}-${index + 1}`,
		}),
		csr: CSR,
		contact: CONTACT,
	}));
}

export async function sendRenewals(n8n: N8n, batch: Renewal[]): Promise<Response> {
	return await fetch(`${n8n.baseUrl}/webhook/${RENEWALS.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ renewals: batch }),
	});
}

/** One webhook call per renewal, `parallel` at a time, as a form or ticket system would send them; resolves to the refused ones. */
export async function postEach(n8n: N8n, all: Renewal[], parallel = 20): Promise<string[]> {
	let next = 0;
	const refused: string[] = [];
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < all.length) {
				const renewal = all[next++];
				const response = await sendRenewals(n8n, [renewal]);
				if (response.status !== 200)
					refused.push(
						`${renewal.renewalId}: HTTP ${response.status} ${(await response.text()).slice(0, 80)}`,
					);
			}
		}),
	);
	return refused;
}

export const ENDED = ['success', 'error', 'crashed', 'canceled', 'failed'];

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until `count` executions of the workflow beyond `known` have ended. */
export async function waitForEnded(
	n8n: N8n,
	workflowId: string,
	known: Set<string>,
	count: number,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await n8n.allExecutions(workflowId)).filter(
			(execution) => !known.has(execution.id),
		);
		const ended = fresh.filter((execution) => ENDED.includes(execution.status));
		if (ended.length >= count) return ended;
		if (Date.now() > deadline) {
			throw new Error(
				`${ended.length} of ${count} executions ended within ${timeoutMs} ms (statuses: ${fresh.map((e) => e.status).join(',')})`,
			);
		}
		await sleep(500);
	}
}

export async function executionIds(n8n: N8n, workflowId: string): Promise<Set<string>> {
	return new Set((await n8n.allExecutions(workflowId)).map((execution) => execution.id));
}

export function ordersPerMinute(count: number, ms: number): number {
	return (count * 60_000) / ms;
}
