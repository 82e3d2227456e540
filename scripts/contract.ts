/**
 * `npm run contract -- --test-api`: checks the shape of Servertastic's TEST API answers against the
 * contract fixtures (test/contract). Reads SERVERTASTIC_TEST_API_KEY; never talks to the live API.
 * Exit code 0: every answer matches; 1: some differ; 2: refused (usage, key missing, live URL).
 */
import { parseArgs, runContract } from '../test/contract/live';

export async function main(
	argv: string[],
	env: Record<string, string | undefined>,
	out: (line: string) => void = (line) => console.log(line),
): Promise<number> {
	const opts = parseArgs(argv, env);
	if ('error' in opts) {
		out(`contract: ${opts.error}`);
		return 2;
	}
	const result = await runContract(opts, out);
	return result.exitCode;
}

if (require.main === module) {
	main(process.argv.slice(2), process.env).then(
		(code) => {
			process.exitCode = code;
		},
		(err: unknown) => {
			// The message may name the URL but never the key: runContract redacts, this is a last resort.
			const key = process.env.SERVERTASTIC_TEST_API_KEY;
			const text = String((err as Error)?.stack ?? err);
			console.error(`contract: failed: ${key ? text.split(key).join('[redacted api key]') : text}`);
			process.exitCode = 2;
		},
	);
}
