// n8n-core reads its user folder and encryption key when first loaded: keep both inside a temp dir.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-servertastic-test-'));
process.env.N8N_ENCRYPTION_KEY ??= 'test-encryption-key';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
