// The live contract check (`npm run contract -- --test-api`): runs the read calls and one test order's
// life against Servertastic's TEST API (or the simulator, with --base-url), and compares the shape of
// every answer with the fixtures. README.md says what it does and that it has never reached the service.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFixtures } from '.';
import { Redactor } from './redact';
import { reportedVariants, shapeDifferences } from './shape';
import type { Variant } from './variants';
import { makeCsr } from '../simulator/x509';

export const TEST_API = 'https://test-api2.servertastic.com';
export const KEY_VARIABLE = 'SERVERTASTIC_TEST_API_KEY';

export interface ContractOptions {
	baseUrl: string;
	apiKey: string;
	/** Folder for --record; undefined: record nothing. */
	record?: string;
	/** The domain for approverlist and the test order's CSR. */
	domain: string;
	acceptVariants: boolean;
}

export interface ContractResult {
	calls: number;
	matching: number;
	differing: number;
	/** The readings the differing answers match (those every such answer shares, else all seen). */
	variants: Variant[];
	exitCode: number;
}

export const USAGE = `usage: npm run contract -- --test-api [--base-url URL] [--record DIR] [--domain NAME] [--accept-variants]
  Reads ${KEY_VARIABLE}. Talks only to ${TEST_API} (or --base-url, e.g. the simulator); never to the live API.`;

/** Why a base URL is refused, or undefined when it may be used. */
export function refuseBaseUrl(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `--base-url ${baseUrl} is not a URL`;
	}
	const host = url.hostname.toLowerCase();
	const live =
		baseUrl.toLowerCase().includes('api2.servertastic.com') &&
		!baseUrl.toLowerCase().includes('test-');
	if (
		live ||
		((host === 'servertastic.com' || host.endsWith('.servertastic.com')) &&
			host !== 'test-api2.servertastic.com')
	) {
		return `refusing ${url.origin}: the contract check talks to the test API (${TEST_API}) only, never live`;
	}
	return undefined;
}

/** The options from the command line and the environment, or the reason to refuse. */
export function parseArgs(
	argv: string[],
	env: Record<string, string | undefined>,
): ContractOptions | { error: string } {
	const opts: ContractOptions = {
		baseUrl: TEST_API,
		apiKey: '',
		domain: 'example.com',
		acceptVariants: false,
	};
	let testApi = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
			return v;
		};
		try {
			if (arg === '--test-api') testApi = true;
			else if (arg === '--base-url') opts.baseUrl = value().replace(/\/+$/, '');
			else if (arg === '--record') opts.record = value();
			else if (arg === '--domain') opts.domain = value();
			else if (arg === '--accept-variants') opts.acceptVariants = true;
			else return { error: `unknown argument ${arg}\n${USAGE}` };
		} catch (err) {
			return { error: `${(err as Error).message}\n${USAGE}` };
		}
	}
	if (!testApi) return { error: `--test-api is required\n${USAGE}` };
	const refused = refuseBaseUrl(opts.baseUrl);
	if (refused) return { error: refused };
	const key = env[KEY_VARIABLE]?.trim();
	if (!key)
		return { error: `${KEY_VARIABLE} is not set: refusing to run without the test API key` };
	opts.apiKey = key;
	return opts;
}

const gmt = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

interface Step {
	call: string;
	/** The fixture case name for --record ('recorded-fresh'). */
	caseName: string;
	params: Record<string, string>;
	post?: boolean;
}

/** Runs the check; every line it prints goes through `out`, redacted. */
export async function runContract(
	opts: ContractOptions,
	out: (line: string) => void,
): Promise<ContractResult> {
	const redact = new Redactor(opts.apiKey);
	const say = (line: string) => out(redact.text(line));
	const fixtures = allFixtures();
	const seen: Variant[][] = [];
	let calls = 0;
	let differing = 0;
	say(`contract: ${opts.baseUrl}${opts.baseUrl === TEST_API ? ' (the test API)' : ''}`);

	async function call(step: Step): Promise<Record<string, unknown> | undefined> {
		calls++;
		const params = new URLSearchParams(step.params);
		const url = `${opts.baseUrl}/${step.call}.json`;
		let answer: unknown;
		let status = 0;
		try {
			const res = step.post
				? await fetch(url, {
						method: 'POST',
						body: params,
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
					})
				: await fetch(`${url}?${params}`);
			status = res.status;
			const text = await res.text();
			try {
				answer = JSON.parse(text);
			} catch {
				differing++;
				say(`DIFF ${step.call}: HTTP ${status}, not JSON: ${text.slice(0, 120)}`);
				return undefined;
			}
		} catch (err) {
			differing++;
			say(`DIFF ${step.call}: no answer (${(err as Error).message})`);
			return undefined;
		}
		redact.learn(answer);
		if (opts.record) record(step, answer);
		const isError = !!answer && typeof answer === 'object' && 'error' in answer;
		const against = fixtures
			.filter((f) => f.call === (isError ? 'error' : step.call))
			.map((f) => f.answer);
		const lines = shapeDifferences(isError ? 'error' : step.call, answer, against, {
			acceptVariants: opts.acceptVariants,
		});
		if (isError) {
			const e = (answer as { error: { code?: unknown; message?: unknown } }).error;
			lines.unshift(
				`${step.call}: answered an error (HTTP ${status}, code ${String(e?.code)}): ${String(e?.message)}`,
			);
		}
		if (!lines.length) {
			say(`ok   ${step.call}`);
			return answer as Record<string, unknown>;
		}
		differing++;
		const variants = reportedVariants(lines);
		if (variants.length) seen.push(variants);
		say(`DIFF ${step.call}`);
		for (const line of lines) say(`     ${line}`);
		return isError ? undefined : (answer as Record<string, unknown>);
	}

	function record(step: Step, answer: unknown): void {
		const [service, name] = step.call.split('/');
		const dir = join(opts.record!, service);
		mkdirSync(dir, { recursive: true });
		const date = gmt(new Date()).slice(0, 10);
		const where = opts.baseUrl === TEST_API ? 'the test API' : `${opts.baseUrl} (not the test API)`;
		const file = {
			source: `recorded from ${where} on ${date}`,
			note: 'Values as answered, with the API key, every order token, CSR and private key redacted.',
			answer: redact.value(answer),
		};
		writeFileSync(
			join(dir, `${name}.${step.caseName}.json`),
			`${redact.text(JSON.stringify(file, null, '\t'))}\n`,
		);
	}

	const key = { api_key: opts.apiKey };
	const since = gmt(new Date(Date.now() - 7 * 24 * 3600 * 1000));
	await call({ call: 'account/review', caseName: 'recorded', params: key });
	const products = await call({
		call: 'product/listproducts',
		caseName: 'recorded',
		params: { ...key, product_group: 'SSL' },
	});
	await call({ call: 'order/showtokens', caseName: 'recorded', params: key });
	await call({ call: 'order/expiring', caseName: 'recorded', params: { ...key, days: '60' } });
	await call({
		call: 'order/modifiedorders',
		caseName: 'recorded',
		params: { ...key, date: since },
	});
	const approvers = await call({
		call: 'order/approverlist',
		caseName: 'recorded',
		params: { domain_name: opts.domain },
	});

	// A test order's life.
	await call({
		call: 'account/addtestpoints',
		caseName: 'recorded',
		params: { ...key, points: '100' },
	});
	const code = chooseProduct(products);
	const generated = await call({
		call: 'order/generatetoken',
		caseName: 'recorded',
		params: {
			...key,
			st_product_code: code,
			end_customer_email: `contract@${opts.domain}`,
			reseller_unique_reference: `contract-${Date.now()}`,
		},
	});
	const token = typeof generated?.order_token === 'string' ? generated.order_token : '';
	redact.add(token);
	if (!token) say('skip the test order: generatetoken gave no order_token');
	else {
		const t = { order_token: token };
		const fields = await call({ call: 'order/productfields', caseName: 'recorded', params: t });
		await call({ call: 'order/review', caseName: 'recorded-fresh', params: t });
		const { csr, privateKey } = makeCsr(opts.domain);
		redact.add(csr, '[redacted csr]');
		redact.add(privateKey, '[redacted private key]');
		await call({
			call: 'order/place',
			caseName: 'recorded-dns',
			params: placeParams(t, csr, opts.domain, fields, approvers),
			post: true,
		});
		await call({ call: 'order/advanceorder', caseName: 'recorded', params: t });
		await call({ call: 'order/review', caseName: 'recorded-advanced', params: t });
		await call({ call: 'order/cancel', caseName: 'recorded', params: t });
		// The token is used now: showtokens again (on a new account its one entry in used_tokens).
		await call({ call: 'order/showtokens', caseName: 'recorded-after', params: key });
	}
	const shared = seen.length ? seen.reduce((a, b) => a.filter((v) => b.includes(v))) : [];
	const variants = shared.length ? shared : [...new Set(seen.flat())];
	if (variants.length) say(`contract: variant readings seen: ${variants.join(', ')}`);
	say(`contract: ${calls} calls, ${calls - differing} matching, ${differing} differing`);
	return { calls, matching: calls - differing, differing, variants, exitCode: differing ? 1 : 0 };
}

/** RapidSSL-12, else the first DV product listed (in any reading of `products`). */
export function chooseProduct(answer: Record<string, unknown> | undefined): string {
	const raw = answer?.products;
	const list = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []) as Array<
		Record<string, unknown>
	>;
	if (list.some((p) => p.st_product_code === 'RapidSSL-12')) return 'RapidSSL-12';
	const dv = list.find((p) => String(p.product_validation ?? '').toUpperCase() === 'DV');
	return typeof dv?.st_product_code === 'string' ? dv.st_product_code : 'RapidSSL-12';
}

/** The first value a productfields field offers, in any reading of the answer. */
function firstOption(fields: unknown, name: string): string | undefined {
	const entries = Array.isArray(fields)
		? fields
		: fields && typeof fields === 'object'
			? Object.values(fields)
			: [];
	const flat = entries.flatMap((e) => (Array.isArray(e) ? e : [e]));
	const field = flat.find((e) => e && typeof e === 'object' && name in e) as
		| Record<string, { options?: unknown }>
		| undefined;
	const options = field?.[name]?.options;
	const first = Array.isArray(options) ? options[0] : options;
	return typeof first === 'string' && first !== '' ? first : undefined;
}

function placeParams(
	token: Record<string, string>,
	csr: string,
	domain: string,
	fields: unknown,
	approvers: Record<string, unknown> | undefined,
): Record<string, string> {
	const raw = approvers?.approver_email;
	const first = (Array.isArray(raw) ? raw[0] : raw) as { email?: unknown } | undefined;
	const contact = (role: string) => ({
		[`${role}_contact_first_name`]: 'Contract',
		[`${role}_contact_last_name`]: 'Check',
		[`${role}_contact_phone`]: '+44 1234 567890',
		[`${role}_contact_email`]: `${role}@${domain}`,
		[`${role}_contact_title`]: 'Mx',
	});
	return {
		...token,
		csr,
		dv_auth_method: 'DNS',
		hashing_algorithm: firstOption(fields, 'hashing_algorithm') ?? 'SHA-256',
		...(typeof first?.email === 'string' ? { approver_email_address: first.email } : {}),
		...contact('admin'),
		...contact('tech'),
	};
}
