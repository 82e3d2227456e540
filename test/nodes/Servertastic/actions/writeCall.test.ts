import type { IExecuteFunctions, INode, NodeApiError } from 'n8n-workflow';

import { sendWrite, settle } from '../../../../nodes/Servertastic/actions/writeCall';
import { ServertasticApiError } from '../../../../nodes/Servertastic/transport';

// sendWrite against n8n's request helper as the transport calls it: each test says what the
// helper answers or throws, and counts how often it was asked.

const NODE: INode = {
	id: 'write-call',
	name: 'Servertastic',
	type: 'n8n-nodes-servertastic.servertastic',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

type Reply = { statusCode: number; body: string } | { code: string };

function contextAnswering(reply: Reply) {
	const requests: Array<{ method?: string; url: string }> = [];
	const context = {
		getNode: () => NODE,
		getCredentials: async () => ({ apiKey: 'test-key-0000', environment: 'test' }),
		helpers: {
			httpRequestWithAuthentication: async (
				_type: string,
				request: { method?: string; url: string },
			) => {
				requests.push(request);
				if ('code' in reply) throw Object.assign(new Error('socket'), { code: reply.code });
				return {
					statusCode: reply.statusCode,
					headers: { 'content-type': 'application/json' },
					body: reply.body,
				};
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, requests };
}

const PARAMS = { order_token: 'tok-write-call-0001' };
const RESET: Reply = { code: 'ECONNRESET' };

describe('settle', () => {
	it('gives the value of a promise that resolves', async () => {
		expect(await settle(Promise.resolve(42))).toEqual({ value: 42 });
	});

	it('gives the failure of a promise that rejects, as it came', async () => {
		const failure = new ServertasticApiError(NODE, {}, { message: 'refused' });
		const settled = await settle(Promise.reject(failure));
		expect(settled.failure).toBe(failure);
		expect(settled.value).toBeUndefined();
	});
});

describe('sendWrite', () => {
	it('sends the call once and gives the answer; confirm is not asked', async () => {
		const { context, requests } = contextAnswering({
			statusCode: 200,
			body: '{"success":"Order cancelled"}',
		});
		const confirm = jest.fn(async () => 'never');
		const result = await sendWrite(context, 'order/cancel', PARAMS, { itemIndex: 0, confirm });
		expect(result).toEqual({ outcome: 'sent', answer: { success: 'Order cancelled' } });
		expect(requests).toHaveLength(1);
		expect(requests[0].url).toContain('order/cancel');
		expect(confirm).not.toHaveBeenCalled();
	});

	it('rejects with the API refusal itself and does not ask confirm', async () => {
		const { context, requests } = contextAnswering({
			statusCode: 200,
			body: '{"error":{"code":-1,"message":"Order cannot be cancelled"}}',
		});
		const confirm = jest.fn(async () => 'never');
		const sent = await settle(
			sendWrite(context, 'order/cancel', PARAMS, { itemIndex: 2, confirm }),
		);
		expect(sent.failure).toBeInstanceOf(ServertasticApiError);
		expect(sent.failure?.message).toBe(
			'Servertastic refused order/cancel: Order cannot be cancelled',
		);
		expect((sent.failure as ServertasticApiError).uncertain).toBe(false);
		expect(confirm).not.toHaveBeenCalled();
		expect(requests).toHaveLength(1);
	});

	it('after an uncertain outcome gives what confirm found, with the failure, and never sends again', async () => {
		const { context, requests } = contextAnswering(RESET);
		const confirm = jest.fn(async (failure: NodeApiError) => ({ placedAfter: failure.message }));
		const result = await sendWrite(context, 'order/place', PARAMS, { itemIndex: 1, confirm });
		expect(result.outcome).toBe('confirmedAfterUncertainAnswer');
		if (result.outcome !== 'confirmedAfterUncertainAnswer') return;
		expect(result.confirmation).toEqual({
			placedAfter: 'Servertastic could not be reached for order/place: the connection was reset',
		});
		expect(result.failure).toBe(confirm.mock.calls[0][0]);
		expect((result.failure as ServertasticApiError).uncertain).toBe(true);
		expect(confirm).toHaveBeenCalledTimes(1);
		expect(requests).toHaveLength(1);
	});

	it('rejects with the original failure when confirm finds no effect', async () => {
		const { context, requests } = contextAnswering(RESET);
		const confirm = jest.fn(async (_failure: NodeApiError) => undefined);
		const sent = await settle(
			sendWrite(context, 'order/generatetoken', PARAMS, { itemIndex: 0, confirm }),
		);
		expect(sent.failure).toBe(confirm.mock.calls[0][0]);
		expect(sent.failure?.message).toBe(
			'Servertastic could not be reached for order/generatetoken: the connection was reset',
		);
		expect(confirm).toHaveBeenCalledTimes(1);
		expect(requests).toHaveLength(1);
	});

	it("rejects with confirm's own error when confirm cannot tell", async () => {
		const { context, requests } = contextAnswering({ statusCode: 502, body: '' });
		const own = new ServertasticApiError(NODE, {}, { message: 'state unknown' });
		const confirm = jest.fn(async (): Promise<undefined> => {
			throw own;
		});
		const sent = await settle(
			sendWrite(context, 'order/reissue', PARAMS, { itemIndex: 0, confirm }),
		);
		expect(sent.failure).toBe(own);
		expect(requests).toHaveLength(1);
	});
});
