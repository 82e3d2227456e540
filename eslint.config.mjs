// Lints what n8n's scanner lints in the source (package.json, nodes/, credentials/) with the rule set
// the scanner itself builds (@n8n/scan-community-package's buildScanConfig), so `npm run lint` follows
// the gate as n8n changes it. `npm run verify` runs the whole scanner on the tarball and the sources.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defineConfig } from 'eslint/config';

// The scanner's module makes a temporary folder when it loads and never removes it: keep it in one
// of ours, removed at once (buildScanConfig does not use it).
const scratch = mkdtempSync(join(tmpdir(), 'servertastic-eslint-'));
const previous = process.env.TMPDIR;
process.env.TMPDIR = scratch;
let buildScanConfig;
try {
	({ buildScanConfig } = await import('@n8n/scan-community-package/scanner/scanner.mjs'));
} finally {
	if (previous === undefined) delete process.env.TMPDIR;
	else process.env.TMPDIR = previous;
	rmSync(scratch, { recursive: true, force: true });
}

export default defineConfig(
	{ ignores: ['node_modules/**', 'dist/**', 'test/**', 'scripts/**', '.tmp/**', '**/package-lock.json', '*.js', '*.mjs'] },
	await buildScanConfig(),
);
