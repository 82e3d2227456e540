// Runs the simulator for the demo: prints {"url","apiKey"} as one JSON line, serves until a signal.
import { startSimulator } from './index';

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const at = args.indexOf('--port');
	const raw =
		at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--port='))?.slice('--port='.length);
	const port = raw === undefined ? 0 : Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		process.stderr.write(`Invalid --port ${raw}\n`);
		process.exit(2);
	}
	const sim = await startSimulator({ port });
	process.stdout.write(`${JSON.stringify({ url: sim.url, apiKey: sim.apiKey })}\n`);
	const stop = (): void => {
		void sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`${String(err)}\n`);
	process.exit(1);
});
