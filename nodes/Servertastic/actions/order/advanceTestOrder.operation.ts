import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SERVERTASTIC_BASE_URLS } from '../../../../credentials/ServertasticApi.credentials';
import { CREDENTIAL_TYPE } from '../../transport';
import { orderTokenProperty } from '../common.descriptions';
import { actionOutputSpec, orderAction } from './orderAction';
import { type OrderTokenItem, prepareOrderToken } from './orderInput';

function hostOf(url: string): string {
	const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
	return (match ? match[1] : url).toLowerCase().replace(/\.$/, '');
}

const LIVE_HOST = hostOf(SERVERTASTIC_BASE_URLS.live);
const TEST_HOST = hostOf(SERVERTASTIC_BASE_URLS.test);

/**
 * Why these credentials reach the live API, or undefined. Live: Environment Live with no base URL
 * override, or an override to a servertastic.com host other than the test host (api2, and the
 * newer api.servertastic.com/v2). An override elsewhere (a proxy, the simulator) is not the live API.
 */
export function liveApiReason(credentials: ICredentialDataDecryptedObject): string | undefined {
	const override = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (!override) return credentials.environment === 'test' ? undefined : 'its Environment is Live';
	const host = hostOf(override);
	if (host === TEST_HOST) return undefined;
	if (host === LIVE_HOST || host === 'servertastic.com' || host.endsWith('.servertastic.com')) {
		return `its Base URL Override points at ${host}, a live Servertastic host`;
	}
	return undefined;
}

/** Runs for every item before any request: on a live credential nothing is ever sent. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<OrderTokenItem> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const reason = liveApiReason(credentials);
	if (reason) {
		throw new NodeOperationError(
			this.getNode(),
			`Advance Test Order works only with the test API, and this credential reaches the live API (${reason}) [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Nothing was sent. advanceorder exists only on the test API (test-api2.servertastic.com). Use a Servertastic API credential with Environment set to Test.',
			},
		);
	}
	return await prepareOrderToken.call(this, itemIndex);
}

// The answer is a `success` sentence only (api2.md "advanceorder"); Get shows the new status.
export const { output, description, execute } = orderAction({
	operation: 'advanceTestOrder',
	call: 'order/advanceorder',
	output: actionOutputSpec(),
	properties: [
		{
			...orderTokenProperty,
			description:
				'The token of a test order. Each run moves it one stage on; the new status can take up to 3 minutes to show in Get. Only the test API has this call: with a live credential the node refuses and sends nothing.',
		},
	],
	prepare,
});
