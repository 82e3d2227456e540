// Preloaded (node --import) into n8n's own scanner CLI by scripts/verify-package.mjs.
//
// @n8n/scan-community-package asks registry.npmjs.org (packument, provenance attestations) and
// codeload.github.com (the attested source) through axios, with the hosts written into its code, and
// runs `npm pack` for the tarball. This sends those axios requests to the local registry named by
// SCANNER_LOCAL_REGISTRY (on 127.0.0.1) instead, and refuses any other host, so the scan runs
// offline, on our own tarball and sources, and can never reach a published package by mistake.
// `npm pack` is pointed at the same registry through npm_config_registry by the caller.
import axios from 'axios';

const local = process.env.SCANNER_LOCAL_REGISTRY;
if (!local || !/^http:\/\/127\.0\.0\.1:\d+$/.test(local)) {
	throw new Error('SCANNER_LOCAL_REGISTRY must be http://127.0.0.1:<port>');
}

const redirected = {
	'https://registry.npmjs.org/': `${local}/registry/`,
	'https://codeload.github.com/': `${local}/codeload/`,
};
const httpAdapter = axios.getAdapter('http');

axios.defaults.adapter = async (config) => {
	const url = axios.getUri(config);
	const from = Object.keys(redirected).find((prefix) => url.startsWith(prefix));
	if (!from)
		throw new Error(
			`scanner-offline: refusing a request to ${url} (only the local registry is reachable)`,
		);
	return httpAdapter({
		...config,
		baseURL: undefined,
		params: undefined,
		url: redirected[from] + url.slice(from.length),
		proxy: false,
	});
};
