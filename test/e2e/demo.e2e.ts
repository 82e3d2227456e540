import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';

import { freePort, REPO } from './support/n8n';

/**
 * `npm run demo` as a newcomer runs it, on the warm cache: the editor on the port given with
 * --port, no "first run downloads" notice, and Ctrl-C (SIGINT to the whole process group, as a
 * terminal sends it) ends it with exit status 0 and n8n stopped.
 */

interface Run {
	child: ChildProcess;
	output: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(command: string, args: string[]): Run {
	// Its own process group, like a shell's foreground job: the SIGINT below reaches npm, sh and node.
	const child = spawn(command, args, {
		cwd: REPO,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
		child.on('exit', (code, signal) => done({ code, signal })),
	);
	return { child, output: () => output, exited };
}

async function waitFor(run: Run, text: string, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!run.output().includes(text)) {
		if (run.child.exitCode !== null)
			throw new Error(`the demo exited ${run.child.exitCode} before "${text}":\n${run.output()}`);
		if (Date.now() > until) throw new Error(`no "${text}" after ${timeoutMs} ms:\n${run.output()}`);
		await new Promise((done) => setTimeout(done, 250));
	}
}

describe('npm run demo', () => {
	let run: Run | undefined;
	afterEach(async () => {
		if (run?.child.exitCode === null && run.child.pid) {
			process.kill(-run.child.pid, 'SIGKILL');
			await run.exited;
		}
		run = undefined;
	});

	it('--port N: the editor there; warm cache, no download notice; Ctrl-C exits 0 and stops n8n', async () => {
		const port = await freePort();
		run = start('npm', ['run', 'demo', '--', '--port', String(port)]);
		await waitFor(run, 'Ctrl-C stops n8n', 280_000);
		const output = run.output();
		expect(output).toContain(`n8n editor: http://127.0.0.1:${port}/workflow/`);
		expect(output).toContain('n8n 2.41.1 is installed (cached).');
		expect(output).not.toContain('the first run downloads it');
		expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

		process.kill(-run.child.pid!, 'SIGINT');
		expect(await run.exited).toEqual({ code: 0, signal: null });
		await expect(
			fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) }),
		).rejects.toThrow();
	}, 330_000);

	it('--port N that is in use: refused at once (exit 1), nothing installed or started', async () => {
		const port = await freePort();
		const server: Server = createServer();
		await new Promise<void>((done) => server.listen(port, done));
		try {
			run = start(process.execPath, [
				'scripts/run-ts.js',
				'scripts/demo.ts',
				'--port',
				String(port),
			]);
			expect((await run.exited).code).toBe(1);
			expect(run.output()).toContain(`port ${port} (--port) is in use`);
			expect(run.output()).not.toContain('Packed');
		} finally {
			server.close();
		}
	}, 60_000);

	it('--port without a port number: exit 2 with the reason', async () => {
		run = start(process.execPath, ['scripts/run-ts.js', 'scripts/demo.ts', '--port', 'abc']);
		expect((await run.exited).code).toBe(2);
		expect(run.output()).toContain('--port needs a port number from 1 to 65535 (got "abc")');
	}, 60_000);
});
