// What the editor test does in n8n's editor: read the node panel's labels and lists, choose options,
// search the node creator, take screenshots. n8n 2.41.1's data-test-id attributes.
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Page = any;

const LIST_ERRORS = /Error fetching options|Could not load list/;

/** `current` gives the browser page once the test's set-up has opened it. */
export function editorHelpers(current: () => Page, screenshots: string) {
	const page: Page = new Proxy(
		{},
		{
			get: (_target, key) => {
				const value = current()[key];
				return typeof value === 'function' ? value.bind(current()) : value;
			},
		},
	);
	const ndv = () => page.locator('[data-test-id="ndv"]');

	/** The parameter labels the node panel shows now, in order (each label's own text, not its Fixed/Expression switch). */
	async function labels(): Promise<string[]> {
		const script = `[...document.querySelectorAll('[data-test-id="ndv"] [data-test-id="parameter-item"] label')].map((label) => (label.querySelector('span.n8n-text') || label).textContent.trim())`;
		return (await page.evaluate(script)) as string[];
	}

	/** Waits until the panel shows (or no longer shows) a parameter labelled exactly `label`. */
	async function expectLabel(label: string, shown: boolean) {
		const deadline = Date.now() + 10_000;
		let now = await labels();
		while (now.includes(label) !== shown && Date.now() < deadline) {
			await page.waitForTimeout(200);
			now = await labels();
		}
		if (now.includes(label) !== shown) {
			throw new Error(
				`"${label}" should be ${shown ? 'shown' : 'hidden'}; the panel shows: ${now.join(' | ')}`,
			);
		}
	}

	/** Everything the page shows now (dropdowns are outside the panel). */
	const pageText = async () => (await page.evaluate('document.body.innerText')) as string;

	async function expectNoListError(waitMs = 1500) {
		await page.waitForTimeout(waitMs);
		const text = await pageText();
		expect({ listError: LIST_ERRORS.exec(text)?.[0] ?? null }).toEqual({ listError: null });
	}

	/** The shown parameter labels that the panel cuts short (text wider than its box). */
	async function cutLabels(): Promise<{ cut: string[]; measured: number }> {
		const script = `(() => {
			const labels = [...document.querySelectorAll('[data-test-id="ndv"] [data-test-id="parameter-item"] label')];
			const boxes = labels.flatMap((label) => [label, ...label.querySelectorAll('*')])
				.filter((el) => getComputedStyle(el).textOverflow === 'ellipsis');
			return { cut: boxes.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent.trim()), measured: boxes.length };
		})()`;
		return (await page.evaluate(script)) as { cut: string[]; measured: number };
	}

	/** Opens a resource locator's From List and returns the entries it shows (or "No results"). */
	async function openList(parameter: string): Promise<string[]> {
		await ndv()
			.locator(`[data-test-id="parameter-input-${parameter}"] [data-test-id="rlc-input"]`)
			.click();
		// The list is teleported out of the panel; its search box is the one on show.
		await page.locator('[data-test-id="rlc-search"]:visible').waitFor({ timeout: 15_000 });
		await page.waitForTimeout(1500);
		const items = await page.locator('[data-test-id="rlc-item"]:visible').allInnerTexts();
		if (items.length) return items.map((text: string) => text.trim());
		return (await page.getByText('No results', { exact: true }).isVisible()) ? ['No results'] : [];
	}

	async function closeList() {
		await ndv()
			.locator('[data-test-id="node-parameters"]')
			.click({ position: { x: 5, y: 5 } });
		await page
			.locator('[data-test-id="rlc-search"]:visible')
			.waitFor({ state: 'hidden', timeout: 5_000 })
			.catch(() => undefined);
	}

	/** Scrolls the panel so that a parameter, its label included, is at the top (below the tabs). */
	async function scrollToTop(parameter: string) {
		const script = `(() => {
			const input = document.querySelector('[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"]');
			const item = input && input.closest('[data-test-id="parameter-item"]');
			if (!item) return false;
			let box = item.parentElement;
			while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
			if (box) box.scrollTop += item.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
			return true;
		})()`;
		if (!(await page.evaluate(script))) throw new Error(`no parameter ${parameter} to scroll to`);
		await page.waitForTimeout(300);
	}

	async function openCreator() {
		if (await page.locator('[data-test-id="node-creator"]').isVisible()) return;
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
		await page.locator('[data-test-id="node-creator"]').waitFor({ timeout: 15_000 });
	}

	async function searchCreator(
		text: string,
	): Promise<Array<{ name: string; description: string }>> {
		await openCreator();
		const search = page.locator('[data-test-id="node-creator-search-bar"]');
		const input =
			(await search.evaluate((el: { tagName: string }) => el.tagName)) === 'INPUT'
				? search
				: search.locator('input');
		await input.fill(text);
		await page.waitForTimeout(800);
		const items = page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]');
		const found: Array<{ name: string; description: string }> = [];
		for (let i = 0; i < (await items.count()); i++) {
			const item = items.nth(i);
			const name = (await item.locator('[data-test-id="node-creator-item-name"]').allInnerTexts())
				.join(' ')
				.trim();
			const description = (
				await item.locator('[data-test-id="node-creator-item-description"]').allInnerTexts()
			)
				.join(' ')
				.trim();
			found.push({ name, description });
		}
		return found;
	}

	async function choose(parameter: string, option: string) {
		await ndv().locator(`[data-test-id="parameter-input-${parameter}"]`).click();
		const item = page
			.locator('.el-select-dropdown__item:visible')
			.filter({ hasText: new RegExp(`^${option.replace(/[()]/g, '\\$&')}`) });
		await item.first().click();
	}

	async function toggle(parameter: string) {
		await ndv().locator(`[data-test-id="parameter-input-${parameter}"] .el-switch`).click();
	}

	/** The whole window, or only the parameters column of the node panel (small enough to keep in the repo). */
	async function shot(name: string, parametersOnly = false) {
		const box = parametersOnly
			? await ndv().locator('[data-test-id="node-parameters"]').boundingBox()
			: null;
		const clip = box
			? { x: Math.max(0, box.x - 8), y: 24, width: box.width + 16, height: 860 }
			: undefined;
		await page.screenshot({ path: join(screenshots, name), clip });
	}

	return {
		ndv,
		labels,
		expectLabel,
		pageText,
		expectNoListError,
		cutLabels,
		openList,
		closeList,
		scrollToTop,
		searchCreator,
		choose,
		toggle,
		shot,
	};
}
