// A real OpenSSH server of our own (Debian's openssh-server) for the SFTP uploads of the unattended
// workflows: `/usr/sbin/sshd -D -e -f <our config>` on a free port of 127.0.0.1, its own host key, one
// authorised user key, no password login, internal-sftp, no chroot (paths are absolute).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { freePort } from './n8n';

export const SSHD = '/usr/sbin/sshd';
/** internal-sftp's umask and the requests it refuses (see the config below). */
export const SFTP_FLAGS = '-u 022 -P fsetstat,setstat,lsetstat';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface Sshd {
	host: '127.0.0.1';
	port: number;
	/** The account the SFTP credential logs in as (the user running the test). */
	username: string;
	/** The authorised user key (OpenSSH PEM), for the SFTP credential. */
	privateKey: string;
	/** `SHA256:...` of the server's host key, as `ssh-keygen -lf` prints it. */
	hostKeyFingerprint: string;
	/** A folder of this server only (docroot, key folders live below it). */
	dir: string;
	/** What sshd wrote to stderr (-e): logins and SFTP sessions. */
	log(): string;
	/** Stops sshd; its folder goes too unless `keepFiles` (or E2E_KEEP). */
	stop(options?: { keepFiles?: boolean }): Promise<void>;
}

function keygen(file: string, comment: string): void {
	const made = spawnSync(
		'ssh-keygen',
		['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file],
		{ encoding: 'utf8' },
	);
	if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr}`);
}

export async function startSshd(): Promise<Sshd> {
	if (!existsSync(SSHD))
		throw new Error(
			`${SSHD} is missing: apt-get install openssh-server (npm run e2e:unattended does it)`,
		);
	const dir = mkdtempSync(join(process.env.E2E_TMP_DIR ?? tmpdir(), 'sshd-servertastic-e2e-'));
	const username = userInfo().username;
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	// sshd run by root insists on its privilege-separation folder (Debian's service makes it the same way).
	if (asRoot && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
	const hostKey = join(dir, 'ssh_host_ed25519_key');
	const userKey = join(dir, 'sftp_user_key');
	keygen(hostKey, 'servertastic-e2e-host');
	keygen(userKey, 'servertastic-e2e-sftp');
	writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${userKey}.pub`), { mode: 0o600 });
	const port = await freePort();
	const config = join(dir, 'sshd_config');
	writeFileSync(
		config,
		[
			`Port ${port}`,
			'ListenAddress 127.0.0.1',
			`HostKey ${hostKey}`,
			`PidFile ${join(dir, 'sshd.pid')}`,
			`AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
			`AllowUsers ${username}`,
			'PubkeyAuthentication yes',
			'PasswordAuthentication no',
			'KbdInteractiveAuthentication no',
			// Root may log in by key only (the CI runs as root).
			'PermitRootLogin prohibit-password',
			'UsePAM no',
			// The key files sit in a temporary folder, not in a home folder sshd would vet.
			'StrictModes no',
			`Subsystem sftp internal-sftp ${SFTP_FLAGS}`,
			// Files as a web server expects them (0644, folders 0755). n8n's SFTP node (ssh2) sets every file it
			// writes to 0666 after opening it (fchmod, then chmod): refusing those requests leaves the umask's
			// mode, and ssh2 goes on writing.
			`ForceCommand internal-sftp ${SFTP_FLAGS}`,
			'AllowTcpForwarding no',
			'X11Forwarding no',
			'LogLevel VERBOSE',
			'',
		].join('\n'),
	);
	const checked = spawnSync(SSHD, ['-t', '-f', config], { encoding: 'utf8' });
	if (checked.status !== 0) throw new Error(`sshd -t refused the configuration: ${checked.stderr}`);
	const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], {
		cwd: dir,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	let exited: number | null | undefined;
	child.on('exit', (code) => (exited = code));
	const deadline = Date.now() + 15_000;
	while (!stderr.includes(`Server listening on 127.0.0.1 port ${port}`)) {
		if (exited !== undefined) throw new Error(`sshd exited with ${exited}: ${stderr}`);
		if (Date.now() > deadline)
			throw new Error(`sshd not listening on ${port} after 15 s: ${stderr}`);
		await sleep(50);
	}
	const fingerprint =
		spawnSync('ssh-keygen', ['-lf', `${hostKey}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1] ??
		'';
	return {
		host: '127.0.0.1',
		port,
		username,
		privateKey: readFileSync(userKey, 'utf8'),
		hostKeyFingerprint: fingerprint,
		dir,
		log: () => stderr,
		async stop(options) {
			if (child.exitCode === null && child.signalCode === null) {
				const gone = new Promise((done) => child.once('exit', done));
				child.kill('SIGTERM');
				const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
				await gone;
				clearTimeout(forced);
			}
			if (!process.env.E2E_KEEP && !options?.keepFiles)
				rmSync(dir, { recursive: true, force: true });
		},
	};
}
