import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// Which calls take the key is the table of calls' business, shared with the transport.
import {
	API_CALLS,
	apiCallOfUrl,
	callNeedsApiKey,
	callPath,
} from '../nodes/Servertastic/transport/calls';

export const SERVERTASTIC_BASE_URLS = {
	live: 'https://api2.servertastic.com',
	test: 'https://test-api2.servertastic.com',
} as const;

export function servertasticBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (override) return override.replace(/\/+$/, '');
	return credentials.environment === 'test'
		? SERVERTASTIC_BASE_URLS.test
		: SERVERTASTIC_BASE_URLS.live;
}

export class ServertasticApi implements ICredentialType {
	name = 'servertasticApi';

	displayName = 'Servertastic API';

	icon: Icon = {
		light: 'file:../nodes/Servertastic/servertastic.svg',
		dark: 'file:../nodes/Servertastic/servertastic.dark.svg',
	};

	documentationUrl = 'https://github.com/servertastic-n8n/n8n-nodes-servertastic#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your reseller API key, from the Servertastic control panel (Account → API). Test and live accounts have different keys.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Live',
					value: 'live',
					description: 'Real orders that spend points: api2.servertastic.com',
				},
				{
					name: 'Test',
					value: 'test',
					description: 'The sandbox: test-api2.servertastic.com',
				},
			],
			default: 'live',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api2.servertastic.com',
			description:
				'Leave empty to use the environment above. Set it to reach another API host, such as a proxy or a local simulator.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 60,
			description:
				'How long to wait for an answer. After a timeout a read is sent again; a place is never sent again, the order state is checked instead.',
		},
	];

	// A function rather than a generic block: the key goes only to the calls that take it.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticated: IHttpRequestOptions = { ...requestOptions };
		if (!/^https?:\/\//i.test(authenticated.url)) {
			authenticated.baseURL = servertasticBaseUrl(credentials);
		}
		const call = apiCallOfUrl(authenticated.url);
		if (call && callNeedsApiKey(call)) {
			authenticated.qs = { ...(authenticated.qs ?? {}), api_key: credentials.apiKey as string };
		}
		return authenticated;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || ($credentials.environment === "test" ? "https://test-api2.servertastic.com" : "https://api2.servertastic.com") }}',
			url: callPath('account/review'),
			method: API_CALLS['account/review'].method,
		},
		rules: [
			{
				// n8n fails the test when get(body, key) === value: here, when `success` is missing
				// (the API sends `error` bodies with HTTP 200 too).
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: undefined,
					message:
						'Servertastic refused the API key for this environment. Check the key and the Live/Test choice.',
				},
			},
		],
	};
}
