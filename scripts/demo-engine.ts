/**
 * `npm run demo`: places one example order with the built node, inside n8n's execution engine,
 * against the local Servertastic simulator, and prints what happened. Nothing leaves this machine.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'servertastic-demo-'));
process.env.N8N_ENCRYPTION_KEY ??= 'demo';
process.env.N8N_LOG_LEVEL ??= 'silent';

/* eslint-disable @typescript-eslint/no-require-imports */
async function main(): Promise<void> {
	const { runNode } = require('../test/harness') as typeof import('../test/harness');
	const { startSimulator, makeCsr } =
		require('../test/simulator') as typeof import('../test/simulator');
	// The compiled package, exactly as n8n would load it.
	const dist = resolve(__dirname, '..', '..', '..', '..', 'dist');
	const { Servertastic } = require(join(dist, 'nodes/Servertastic/Servertastic.node.js'));
	const { ServertasticApi } = require(join(dist, 'credentials/ServertasticApi.credentials.js'));

	const simulator = await startSimulator();
	try {
		const token = simulator.createToken({ productCode: 'RapidSSL-12' });
		const { csr } = makeCsr('shop.example.com');
		console.log(`Simulator: ${simulator.url} (test API key, ${simulator.points()} points)`);
		console.log(`Order token for RapidSSL-12: ${token}\n`);

		const result = await runNode({
			nodeType: new Servertastic(),
			credentialTypes: [new ServertasticApi()],
			credentials: {
				servertasticApi: { apiKey: simulator.apiKey, environment: 'test', baseUrl: simulator.url },
			},
			parameters: {
				resource: 'order',
				operation: 'place',
				orderToken: '={{ $json.orderToken }}',
				productBrand: 'rapidssl',
				dvAuthMethod: 'DNS',
				csr: '={{ $json.csr }}',
				sanDomains: '',
				techFirstName: '={{ $json.firstName }}',
				techLastName: '={{ $json.lastName }}',
				techPhone: '={{ $json.phone }}',
				techEmail: '={{ $json.email }}',
				techJobTitle: 'IT Manager',
			},
			inputItems: [
				{
					orderToken: token,
					csr,
					firstName: 'Ada',
					lastName: 'Lovelace',
					phone: '+44 20 7946 0000',
					email: 'ada@example.com',
				},
			],
		});
		if (result.status !== 'success') {
			console.error(
				`The workflow failed: ${result.error?.message}\n${result.error?.description ?? ''}`,
			);
			process.exitCode = 1;
			return;
		}
		const [request] = simulator.requestsTo('order/place');
		const sent = {
			...request.body,
			csr: `${request.body.csr.slice(0, 36)}... (${request.body.csr.length} characters)`,
		};
		console.log(`Sent: ${request.method} ${request.path} (${request.contentType})`);
		console.log(JSON.stringify(sent, null, 2));
		const item = result.success[0].json as Record<string, any>;
		console.log('\nOutput item (what a following Email or Slack node receives):');
		console.log(JSON.stringify({ ...item, response: '(the API answer, kept as is)' }, null, 2));
		console.log(`\nOrder ${item.resellerOrderId}: ${simulator.getOrder(token)?.status}.`);
		console.log(`Next step for the customer: ${item.validation.instructions}`);
		console.log(`Points left: ${simulator.points()}. Execution took ${result.durationMs} ms.`);
	} finally {
		await simulator.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
