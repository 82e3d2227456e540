import {
	API_CALLS,
	apiCallOfUrl,
	callFacts,
	callNeedsApiKey,
	callPath,
	isReadCall,
	READ_CALLS,
} from '../../../../nodes/Servertastic/transport/calls';
import { CALLS as SIMULATED } from '../../../simulator/calls';

describe('the table of calls', () => {
	it('is the list the simulator answers: no call without a handler, no handler without a call', () => {
		expect(Object.keys(SIMULATED).sort()).toEqual(Object.keys(API_CALLS).sort());
	});

	it('sends only place and reissue as a form (POST); everything else is GET', () => {
		const posted = Object.entries(API_CALLS)
			.filter(([, facts]) => facts.method === 'POST')
			.map(([call]) => call);
		expect(posted).toEqual(['order/place', 'order/reissue']);
	});

	it('calls nothing a read that buys, places or changes something', () => {
		for (const call of [
			'order/generatetoken',
			'order/place',
			'order/reissue',
			'order/cancel',
			'account/addtestpoints',
			'account/regenerateapikey',
		]) {
			expect({ call, read: isReadCall(call) }).toEqual({ call, read: false });
		}
		expect(READ_CALLS.every((call) => API_CALLS[call].read)).toBe(true);
		expect(READ_CALLS).toHaveLength(9);
	});

	it('gives unknown calls no facts: not read, and the key only for account and product calls', () => {
		expect(callFacts('order/unknown')).toBeUndefined();
		expect(callFacts('constructor')).toBeUndefined();
		expect(isReadCall('order/unknown')).toBe(false);
		expect(callNeedsApiKey('order/unknown')).toBe(false);
		expect(callNeedsApiKey('account/unknown')).toBe(true);
		expect(callNeedsApiKey('product/unknown')).toBe(true);
	});

	it('maps a call to its path and back', () => {
		for (const call of Object.keys(API_CALLS) as Array<keyof typeof API_CALLS>) {
			expect(apiCallOfUrl(callPath(call))).toBe(call);
		}
		expect(apiCallOfUrl('/order/place.json?order_token=x')).toBe('order/place');
		expect(apiCallOfUrl('order/place')).toBe('order/place');
		expect(apiCallOfUrl('/favicon.ico')).toBeUndefined();
	});
});
