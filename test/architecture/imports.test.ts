import { readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

// The import rules of ARCHITECTURE.md, checked on the source text: each layer names the layers it may
// import from. A new folder under nodes/ fails here until it is given a layer and a rule.

const ROOT = resolve(__dirname, '../..');

type Layer =
	| 'credential'
	| 'calls'
	| 'transport'
	| 'helpers'
	| 'actions'
	| 'methods'
	| 'node'
	| 'triggerHelpers'
	| 'trigger';

const ALLOWED: Record<Layer, readonly Layer[]> = {
	// The table of calls is read by the credential and the simulator too: it imports nothing.
	calls: [],
	credential: ['calls'],
	transport: ['calls', 'transport'],
	// Pure: no HTTP, no n8n context, nothing from the operations.
	helpers: ['helpers'],
	actions: ['actions', 'helpers', 'transport', 'credential'],
	methods: ['helpers', 'transport'],
	node: ['actions', 'methods'],
	triggerHelpers: ['triggerHelpers', 'helpers'],
	trigger: ['trigger', 'triggerHelpers', 'helpers', 'transport'],
};

function layerOf(file: string): Layer {
	const path = relative(ROOT, file).split('\\').join('/');
	if (path.startsWith('credentials/')) return 'credential';
	if (path === 'nodes/Servertastic/transport/calls.ts') return 'calls';
	const servertastic = /^nodes\/Servertastic\/(transport|helpers|actions|methods)\//.exec(path);
	if (servertastic) return servertastic[1] as Layer;
	if (/^nodes\/Servertastic\/[^/]+\.ts$/.test(path)) return 'node';
	if (path.startsWith('nodes/ServertasticEventTrigger/helpers/')) return 'triggerHelpers';
	if (/^nodes\/ServertasticEventTrigger\/[^/]+\.ts$/.test(path)) return 'trigger';
	throw new Error(`${path} is in no layer of ARCHITECTURE.md`);
}

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

interface Import {
	specifier: string;
	typeOnly: boolean;
}

function importsOf(text: string): Import[] {
	const found: Import[] = [];
	const pattern = /^(?:import|export)(\s+type)?\s[^;]*?\sfrom\s'([^']+)';/gms;
	for (const match of text.matchAll(pattern))
		found.push({ specifier: match[2], typeOnly: match[1] !== undefined });
	return found;
}

function targetOf(file: string, specifier: string): string {
	const base = resolve(dirname(file), specifier);
	const candidates = [`${base}.ts`, join(base, 'index.ts')];
	const existing = candidates.find((candidate) => {
		try {
			readFileSync(candidate);
			return true;
		} catch {
			return false;
		}
	});
	if (!existing) throw new Error(`${relative(ROOT, file)}: cannot resolve ${specifier}`);
	return existing;
}

const PACKAGES = ['n8n-workflow', 'crypto'];

const FILES = [...sources(join(ROOT, 'nodes')), ...sources(join(ROOT, 'credentials'))];

describe('the import rules of ARCHITECTURE.md', () => {
	it('knows every source file', () => {
		expect(FILES.length).toBeGreaterThan(50);
		for (const file of FILES) expect(() => layerOf(file)).not.toThrow();
	});

	it.each(FILES.map((file) => [relative(ROOT, file), file]))(
		'%s imports only what its layer may',
		(_name, file) => {
			const layer = layerOf(file);
			const text = readFileSync(file, 'utf8');
			const wrong: string[] = [];
			for (const { specifier, typeOnly } of importsOf(text)) {
				if (!specifier.startsWith('.')) {
					// No runtime dependencies: n8n-workflow is the peer dependency n8n provides, crypto (hashes,
					// key pairs, signature checks) the one Node module n8n's rules allow here.
					if (!PACKAGES.includes(specifier))
						wrong.push(`${specifier} (not a relative import nor ${PACKAGES.join(', ')})`);
					// Pure helpers use n8n-workflow's types only (its values are errors, HTTP and context).
					else if (
						specifier === 'n8n-workflow' &&
						!typeOnly &&
						(layer === 'helpers' || layer === 'triggerHelpers' || layer === 'calls')
					) {
						wrong.push(`${specifier} (a value import in a pure layer)`);
					}
					continue;
				}
				const target = layerOf(targetOf(file, specifier));
				if (target !== layer && !ALLOWED[layer].includes(target))
					wrong.push(`${specifier} (${layer} → ${target})`);
			}
			expect(wrong).toEqual([]);
		},
	);

	it('catches a breach: a helper that imports the transport', () => {
		const helper = join(ROOT, 'nodes/Servertastic/helpers/example.ts');
		const [breach] = importsOf("import { apiRequest } from '../transport';\n");
		expect(ALLOWED[layerOf(helper)]).not.toContain(layerOf(targetOf(helper, breach.specifier)));
	});
});
