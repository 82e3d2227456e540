// Lints what n8n's scanner lints in the source (package.json, nodes/, credentials/) with its rules.
import { defineConfig } from 'eslint/config';

import { scannerConfig } from './scripts/scanner-config.mjs';

export default defineConfig(
	{ ignores: ['node_modules/**', 'dist/**', 'test/**', 'scripts/**', '.tmp/**', '**/package-lock.json', '*.js', '*.mjs'] },
	scannerConfig,
);
