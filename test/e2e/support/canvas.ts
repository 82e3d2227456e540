// A picture of a workflow's canvas in n8n's editor (Debian chromium driven by playwright-core from the
// n8n 2.x harness, as the editor test does), for the README.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { type N8n, OWNER } from './n8n';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Opens each workflow and saves its canvas to `file`; resolves to the files written (none without chromium). */
export async function canvasScreenshots(
	n8n: N8n,
	shots: Array<{ workflowId: string; waitForText: string; file: string }>,
): Promise<string[]> {
	if (!existsSync(CHROMIUM)) return [];
	const requireFromHarness = createRequire(join(n8n.runtime.installDir, 'package.json'));
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const { chromium } = requireFromHarness('playwright-core') as { chromium: any };
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	const written: string[] = [];
	try {
		const context = await browser.newContext({
			baseURL: n8n.baseUrl,
			viewport: { width: 1680, height: 760 },
		});
		const login = await context.request.post('/rest/login', {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (login.status() !== 200)
			throw new Error(`login for the screenshots: HTTP ${login.status()}`);
		const page = await context.newPage();
		for (const shot of shots) {
			// Not networkidle: the editor's push connection stays open.
			await page.goto(`/workflow/${shot.workflowId}`, { waitUntil: 'domcontentloaded' });
			await page.getByText(shot.waitForText, { exact: true }).first().waitFor({ timeout: 60_000 });
			// The canvas fits the workflow to the view (and n8n opens its panels) after the nodes render.
			await page.waitForTimeout(2000);
			// A published workflow opens with n8n's "Production Checklist" over the canvas: hidden for the picture
			// (its panel: the first ancestor of the title that is taller than a line).
			await page.evaluate(`(() => {
				const title = [...document.querySelectorAll('*')].find((e) => e.childElementCount === 0 && e.textContent.trim() === 'Production Checklist');
				let panel = title;
				while (panel && panel.getBoundingClientRect().height < 200) panel = panel.parentElement;
				if (panel && panel !== document.body) panel.style.display = 'none';
			})()`);
			await page.waitForTimeout(300);
			mkdirSync(dirname(shot.file), { recursive: true });
			await page.screenshot({ path: shot.file });
			written.push(shot.file);
		}
	} finally {
		await browser.close();
	}
	return written;
}
