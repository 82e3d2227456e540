// The importable workflows and credentials in test/workflows, pointed at this run's simulator and catcher.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORKFLOWS_DIR } from './n8n';

/** Where the committed fixtures point; replaced by the run's real addresses. */
export const FIXTURE_SIMULATOR_URL = 'http://127.0.0.1:18080';
export const FIXTURE_CATCHER_URL = 'http://127.0.0.1:18090';

export const WORKFLOW = {
	form: {
		file: 'form-place-ov-notify.json',
		id: 'StFormPlaceOv001',
		path: 'servertastic-ov-order',
	},
	webhook: {
		file: 'webhook-place-dv-email-notify.json',
		id: 'StHookPlaceDv001',
		path: 'servertastic-place-dv',
	},
	errorBranch: {
		file: 'webhook-place-error-branch.json',
		id: 'StHookPlaceErr01',
		path: 'servertastic-place-batch',
	},
} as const;

/** The queue-mode workflows (test/e2e/queue.e2e.ts). */
export const QUEUE_WORKFLOW = {
	renewals: {
		file: 'webhook-renewals-token-place-notify.json',
		id: 'StHookRenewQ001',
		path: 'servertastic-renewals',
	},
	issued: { file: 'trigger-certificate-issued-notify.json', id: 'StTrigIssuedQ01' },
} as const;

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
}

export function workflowFixture(file: string, catcherUrl: string): WorkflowJson {
	const text = readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
	// Every fixture notifies the catcher; a fixture that stopped doing so would silently test nothing.
	if (!text.includes(FIXTURE_CATCHER_URL))
		throw new Error(`${file} does not use ${FIXTURE_CATCHER_URL}`);
	return JSON.parse(text.split(FIXTURE_CATCHER_URL).join(catcherUrl)) as WorkflowJson;
}

export function credentialsFixture(simulatorUrl: string, apiKey: string): unknown[] {
	const credentials = JSON.parse(
		readFileSync(join(WORKFLOWS_DIR, 'servertastic-simulator.credentials.json'), 'utf8'),
	) as Array<{
		data: Record<string, unknown>;
	}>;
	return credentials.map((credential) => ({
		...credential,
		data: { ...credential.data, baseUrl: simulatorUrl, apiKey },
	}));
}
