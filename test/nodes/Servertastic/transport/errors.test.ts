import { NodeApiError, type INode } from 'n8n-workflow';

import {
	isUncertainOutcome,
	ServertasticApiError,
} from '../../../../nodes/Servertastic/transport/errors';

const node: INode = {
	id: '1',
	name: 'Servertastic',
	type: 'n8n-nodes-servertastic.servertastic',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('ServertasticApiError', () => {
	it('is a NodeApiError that carries what the callers decide on', () => {
		const error = new ServertasticApiError(
			node,
			{},
			{
				message: 'Servertastic could not be reached for order/place: the connection was reset',
				description: 'Nothing was received from the API.',
				itemIndex: 2,
				uncertain: true,
				retryable: true,
				retryAfterMs: 1500,
			},
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.name).toBe('NodeApiError');
		expect(error).toMatchObject({
			uncertain: true,
			retryable: true,
			retryAfterMs: 1500,
			httpCode: null,
		});
		expect(error.message).toBe(
			'Servertastic could not be reached for order/place: the connection was reset',
		);
		expect(error.context.itemIndex).toBe(2);
		expect(isUncertainOutcome(error)).toBe(true);
	});

	it('is definite and final unless told otherwise; other errors are never uncertain', () => {
		const error = new ServertasticApiError(
			node,
			{},
			{ message: 'Servertastic refused order/place: Bad CSR' },
		);
		expect(error).toMatchObject({ uncertain: false, retryable: false, retryAfterMs: undefined });
		expect(isUncertainOutcome(error)).toBe(false);
		expect(isUncertainOutcome(new NodeApiError(node, {}, { message: 'x' }))).toBe(false);
		expect(isUncertainOutcome(undefined)).toBe(false);
	});
});
