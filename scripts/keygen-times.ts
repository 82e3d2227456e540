// Measures what Generate Key and CSR and Get Certificate Files cost: key generation per type (with
// the longest event-loop stall while it runs, to show generation is off the loop), CSR signing and
// PFX writing. Run: node scripts/run-ts.js scripts/keygen-times.ts
import { buildCsr } from '../nodes/Servertastic/helpers/csrWriter';
import { generateKeys, KEY_SPECS, type KeyTypeChoice } from '../nodes/Servertastic/helpers/keyPair';
import { buildPfx } from '../nodes/Servertastic/helpers/pkcs12';

const RUNS: Record<KeyTypeChoice, number> = {
	rsa2048: 20,
	rsa3072: 10,
	rsa4096: 6,
	ecP256: 100,
	ecP384: 100,
};

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed<T>(
	run: () => Promise<T>,
): Promise<{ value: T; elapsed: number; stall: number }> {
	// A 1 ms ticker: the longest gap between ticks is how long the event loop was held up.
	let last = performance.now();
	let stall = 0;
	const ticker = setInterval(() => {
		const now = performance.now();
		stall = Math.max(stall, now - last);
		last = now;
	}, 1);
	const started = performance.now();
	const value = await run();
	const elapsed = performance.now() - started;
	clearInterval(ticker);
	return { value, elapsed, stall };
}

async function main(): Promise<void> {
	console.log(
		`node ${process.version}, ${require('os').cpus().length} cores, load ${require('os').loadavg()[0].toFixed(2)}`,
	);
	for (const keyType of Object.keys(KEY_SPECS) as KeyTypeChoice[]) {
		const times: number[] = [];
		const stalls: number[] = [];
		let keys;
		for (let run = 0; run < RUNS[keyType]; run++) {
			const result = await timed(() => generateKeys(KEY_SPECS[keyType]));
			times.push(result.elapsed);
			stalls.push(result.stall);
			keys = result.value;
		}
		const signing = await timed(async () =>
			buildCsr({ commonName: 'www.example.com' }, ['www.example.com'], keys!),
		);
		console.log(
			`${keyType.padEnd(8)} runs ${String(RUNS[keyType]).padStart(3)}  median ${ms(median(times))}  min ${ms(Math.min(...times))}  max ${ms(Math.max(...times))}  longest loop stall ${ms(Math.max(...stalls))}  CSR ${ms(signing.elapsed)}`,
		);
	}
	const keys = await generateKeys(KEY_SPECS.rsa2048);
	const certificate = Buffer.alloc(1500, 1); // the PFX writer only wraps the bytes
	const pfx = [];
	for (let run = 0; run < 10; run++) {
		pfx.push(
			(
				await timed(() =>
					buildPfx({
						privateKey: keys.privateKey,
						certificates: [certificate, certificate],
						password: 'secret-1',
					}),
				)
			).elapsed,
		);
	}
	console.log(`PFX (RSA 2048 key, 2 certificates, 10000 iterations x3) median ${ms(median(pfx))}`);
}

void main();
