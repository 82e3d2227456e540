// ESLint's config lookup from file (ESLINT_FLAGS=unstable_config_lookup_from_file, set by `npm run lint`;
// the default from ESLint 10) lints every file with the eslint.config.mjs nearest to it: this one for
// test/, n8n's stock strict config (../eslint.config.mjs) for nodes/, credentials/ and package.json.
// test/ is not part of the package: n8n's community-node rules (no Node built-ins, no process, no
// timers) are rules for code that runs inside n8n and do not apply here. It is type-checked by
// `npm run typecheck` and left out of ESLint, as it was before n8n-node lint.
import { globalIgnores } from 'eslint/config';

export default [globalIgnores(['**/*'])];
