// Contract fixtures: every answer the sources document, as the JSON the API returns for `.json`.
// Files: fixtures/<service>/<call>[.<case>].json = { source, note, answer } (README.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../simulator';
import { REPEATED, VARIANTS, applyVariant } from './variants';
import type { Variant } from './variants';

export { REPEATED, VARIANTS, applyVariant, entriesOf } from './variants';
export type { Variant } from './variants';

export interface FixtureFile {
	source: string;
	note: string;
	answer: unknown;
}

export interface Fixture extends FixtureFile {
	/** 'order/review', 'account/review', or 'error'. */
	call: string;
	/** undefined for a call's only (uncased) fixture. */
	caseName: string | undefined;
	/** The file, relative to the fixtures folder: 'order/review.completed.json'. */
	file: string;
}

/** The case `fixture(call)` gives for a call that has no uncased file. */
export const DEFAULT_CASE: Readonly<Record<string, string>> = {
	'order/generatetoken': 'token-generated',
	'order/place': 'csr-supplied',
	'order/review': 'completed',
};

// Found from the source tree (jest) and from the compiled copy under node_modules/.cache/servertastic-scripts/test/contract
// (outside the linted tree: ESLint skips node_modules).
function fixturesDir(): string {
	const candidates = [
		join(__dirname, 'fixtures'),
		join(__dirname, '..', '..', '..', '..', '..', 'test', 'contract', 'fixtures'),
	];
	const found = candidates.find((dir) => existsSync(dir));
	if (!found) throw new Error(`Contract fixtures not found (looked in ${candidates.join(', ')})`);
	return found;
}

export const FIXTURES_DIR = fixturesDir();

const copy = <T>(value: T): T =>
	value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);

/** Splits 'review.completed.json' in 'order' into its call and case. */
export function parseFixturePath(file: string): { call: string; caseName: string | undefined } {
	const parts = file.replace(/\\/g, '/').split('/');
	const base = parts.pop() ?? '';
	const m = /^([a-z]+)(?:\.([a-z0-9-]+))?\.json$/.exec(base);
	if (!m) throw new Error(`Not a fixture file name: ${file}`);
	const call = parts.length ? `${parts.join('/')}/${m[1]}` : m[1];
	return { call, caseName: m[2] };
}

let loaded: Fixture[] | undefined;

function load(): Fixture[] {
	if (loaded) return loaded;
	const out: Fixture[] = [];
	const walk = (dir: string, rel: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
			a.name.localeCompare(b.name),
		)) {
			const relPath = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isDirectory()) walk(join(dir, entry.name), relPath);
			else if (entry.name.endsWith('.json')) {
				const parsed = JSON.parse(readFileSync(join(dir, entry.name), 'utf8')) as FixtureFile;
				out.push({
					...parseFixturePath(relPath),
					file: relPath,
					source: parsed.source,
					note: parsed.note,
					answer: parsed.answer,
				});
			}
		}
	};
	walk(FIXTURES_DIR, '');
	loaded = out;
	return out;
}

/** Every fixture, deep copies. */
export function allFixtures(): Fixture[] {
	return load().map(copy);
}

/** The calls that have fixtures: 'account/review', 'error', 'order/place', … */
export function fixtureCalls(): string[] {
	return [...new Set(load().map((f) => f.call))].sort();
}

/** The case names of one call (undefined for its uncased fixture). */
export function fixtureCases(call: string): Array<string | undefined> {
	return load()
		.filter((f) => f.call === call)
		.map((f) => f.caseName);
}

/** 'order/review.completed', the name a served shape is known by. */
export const fixtureId = (call: string, caseName?: string): string =>
	caseName ? `${call}.${caseName}` : call;

function find(call: string, caseName?: string): Fixture {
	const all = load().filter((f) => f.call === call);
	const wanted =
		caseName ?? (all.some((f) => f.caseName === undefined) ? undefined : DEFAULT_CASE[call]);
	const found = all.find((f) => f.caseName === wanted);
	if (!found) {
		const cases = all.map((f) => f.caseName ?? '(default)').join(', ');
		throw new Error(`No fixture ${fixtureId(call, caseName)}${cases ? `; cases: ${cases}` : ''}`);
	}
	return found;
}

/** A fixture's answer (a deep copy): the uncased file, else the call's DEFAULT_CASE. */
export function fixture(call: string, caseName?: string): unknown {
	return copy(find(call, caseName).answer);
}

/** A fixture with its source and note (a deep copy). */
export function fixtureWithSource(call: string, caseName?: string): Fixture {
	return copy(find(call, caseName));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The variants (never 'documented') that change at least one of the call's fixtures. */
export function variantsFor(call: string): Variant[] {
	const answers = load()
		.filter((f) => f.call === call)
		.map((f) => f.answer);
	return VARIANTS.filter(
		(v) => v !== 'documented' && answers.some((a) => !same(applyVariant(call, a, v), a)),
	);
}

/** The call's fixtures as a reading delivers them: [{ caseName, answer }]. */
export function fixturesInVariant(
	call: string,
	variant: Variant,
): Array<{ caseName: string | undefined; answer: unknown }> {
	return load()
		.filter((f) => f.call === call)
		.map((f) => ({ caseName: f.caseName, answer: applyVariant(call, f.answer, variant) }));
}

/** Queues `answer` (HTTP 200, JSON) as the simulator's reply to the next request to `call`. */
export function serveFixture(
	sim: Pick<Simulator, 'respondOnce'>,
	call: string,
	answer: unknown,
	status = 200,
): void {
	sim.respondOnce(call, { status, body: copy(answer) });
}

/** The repeated-element paths of a call (see REPEATED in variants.ts). */
export const repeatedPaths = (call: string): readonly string[] => REPEATED[call] ?? [];
