import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, test } from './fixtures.js';

const nsOption = (page: Page, ns: string) => page.locator(`[data-testid="namespace-option"][data-namespace="${ns}"]`);

/** Verdict, drop reason and namespaces of every flows-table row on screen. */
async function flowRows(page: Page) {
  return page.getByTestId('flow-row').evaluateAll((rows) =>
    rows.map((r) => ({
      verdict: r.getAttribute('data-verdict'),
      reason: r.querySelector('.drop-reason')?.textContent ?? '',
      namespaces: [r.getAttribute('data-source-ns'), r.getAttribute('data-destination-ns')],
    })),
  );
}

async function edgeVerdicts(page: Page): Promise<string[]> {
  return page.getByTestId('map-edge').evaluateAll((edges) => edges.map((e) => e.getAttribute('data-verdict') ?? ''));
}

test.describe('drops panel and the shared filter on the embedded demo cluster', () => {
  test('a drop reason narrows the map and the flows; namespaces and a reload keep the view', async ({ page, demoUrl }) => {
    await page.goto(demoUrl);
    await expect(page.getByTestId('map-view')).toBeVisible();
    await page.getByTestId('drops-toggle').click();
    const panel = page.getByTestId('drops-panel');
    await expect(panel).toBeVisible();
    await expect(page).toHaveURL(/drops=open/);

    // The demo's policy-denied client is dropped every few seconds; wait until a reason is counted.
    const reasons = panel.getByTestId('drops-reason-row');
    await expect(reasons.first()).toBeVisible({ timeout: 45_000 });
    await expect(panel.getByTestId('drops-sparkline').first()).toBeVisible();
    await expect(panel.getByTestId('drops-namespace-row').first()).toBeVisible();
    await expect(panel.getByTestId('drops-node-row').first()).toBeVisible();
    const top = reasons.first();
    const reason = (await top.getAttribute('data-reason')) ?? '';
    const reasonText = (await top.locator('.drops-reason-text').textContent()) ?? '';
    expect(reason).toMatch(/^[A-Z_0-9]+$/);
    // Rows are sorted by count: the first is the top reason.
    const counts = await reasons.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    await top.click();
    await expect(page.getByTestId('filter-bar')).toHaveValue(`--drop-reason-desc ${reason}`);
    await expect(page).toHaveURL(new RegExp(`filter=--drop-reason-desc\\+${reason}`));
    await expect(panel.getByTestId('drops-reason-row')).toHaveCount(1);
    await expect(panel.getByTestId('drops-reason-row').first()).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('filter-chip')).toHaveCount(1);

    // The map now holds only the dropped flows: every edge is red.
    await expect.poll(async () => {
      const verdicts = await edgeVerdicts(page);
      return verdicts.length > 0 && verdicts.every((v) => v === 'dropped');
    }, { timeout: 30_000 }).toBe(true);
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: join(ARTIFACTS, 'drops-panel.png') });

    // The flows table shares the filter.
    await page.getByTestId('tab-flows').click();
    await expect.poll(() => page.getByTestId('flow-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    for (const row of await flowRows(page)) {
      expect(row.verdict).toBe('DROPPED');
      expect(row.reason).toBe(reason);
    }

    // The drawer of a dropped flow says why in Cilium's words, and which policy matched.
    await page.getByTestId('flow-row').first().click();
    const drawer = page.getByTestId('flow-drawer');
    await expect(drawer.getByTestId('drawer-drop-reason-text')).toHaveText(reasonText);
    await expect(drawer).toContainText('Denied by');
    await expect(drawer).toContainText('Observation point');
    await page.keyboard.press('Escape');

    // Narrow to one namespace in the sidebar: it joins the filter.
    const namespace = (await panel.getByTestId('drops-namespace-row').first().getAttribute('data-key')) ?? '';
    await nsOption(page, namespace).check();
    await expect(page.getByTestId('filter-bar')).toHaveValue(`--namespace ${namespace} --drop-reason-desc ${reason}`);
    await expect.poll(() => page.getByTestId('flow-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    for (const row of await flowRows(page)) {
      expect(row.verdict).toBe('DROPPED');
      expect(row.reason).toBe(reason);
      expect(row.namespaces).toContain(namespace);
    }

    // The URL alone brings the same view back.
    await page.reload();
    await expect(page.getByTestId('filter-bar')).toHaveValue(`--namespace ${namespace} --drop-reason-desc ${reason}`);
    await expect(nsOption(page, namespace)).toBeChecked();
    await expect(page.getByTestId('tab-flows')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('drops-panel')).toBeVisible();
    await expect(page.getByTestId('drops-reason-row')).toHaveCount(1);
    await expect(page.getByTestId('drops-reason-row').first()).toHaveAttribute('data-reason', reason);
    await expect.poll(() => page.getByTestId('flow-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    for (const row of await flowRows(page)) {
      expect(row.verdict).toBe('DROPPED');
      expect(row.reason).toBe(reason);
      expect(row.namespaces).toContain(namespace);
    }

    // A second click on the active reason widens again.
    await page.getByTestId('drops-reason-row').first().click();
    await expect(page.getByTestId('filter-bar')).toHaveValue(`--namespace ${namespace}`);
  });

  test('a source row narrows to the drops of that workload, on both views', async ({ page, demoUrl }) => {
    await page.goto(`${demoUrl}/?drops=open`);
    const source = page.getByTestId('drops-source-row').filter({ hasText: '/' }).first();
    await expect(source).toBeVisible({ timeout: 45_000 });
    const key = (await source.getAttribute('data-key')) ?? '';
    const [ns, workload] = key.split('/');
    await source.click();
    await expect(page.getByTestId('filter-bar')).toHaveValue(
      `--verdict DROPPED --from-label k8s:io.kubernetes.pod.namespace=${ns} --from-workload ${workload}`,
    );
    await expect(page.getByTestId('drops-source-row')).toHaveCount(1);
    await expect(page.getByTestId('drops-source-row').first()).toHaveAttribute('data-key', key);
    await page.getByTestId('tab-flows').click();
    await expect.poll(() => page.getByTestId('flow-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const rows = await page.getByTestId('flow-row').evaluateAll((els) =>
      els.map((r) => ({ verdict: r.getAttribute('data-verdict'), ns: r.getAttribute('data-source-ns') })),
    );
    for (const row of rows) {
      expect(row.verdict).toBe('DROPPED');
      expect(row.ns).toBe(ns);
    }
  });

  test('the filter bar reads hubble CLI text, round-trips it, offers it as a command and refuses bad text', async ({ page, demoUrl, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demoUrl });
    await page.goto(`${demoUrl}/?view=flows`);
    await expect.poll(() => page.getByTestId('flow-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const bar = page.getByTestId('filter-bar');

    const text = '--namespace shop --verdict DROPPED --to-port 443';
    await bar.fill(text);
    await bar.press('Enter');
    await expect(bar).toHaveValue(text);
    await expect(page).toHaveURL(/namespace=shop/);
    await expect(page).toHaveURL(/filter=--verdict\+DROPPED\+--to-port\+443/);
    await expect(nsOption(page, 'shop')).toBeChecked();
    await expect(page.getByTestId('filter-chip')).toHaveCount(3);
    await expect(page.getByTestId('filter-section')).toHaveAttribute('data-applied', text);
    const command = `hubble observe ${text} --follow`;
    await expect(page.getByTestId('filter-command-text')).toHaveText(command);
    await page.getByTestId('filter-copy-command').click();
    await expect(page.getByTestId('filter-copy-command')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
    // Whatever the table shows matches (the demo may have no such flows: then it says so).
    await page.waitForTimeout(1_500);
    const rows = await flowRows(page);
    for (const row of rows) {
      expect(row.verdict).toBe('DROPPED');
      expect(row.namespaces).toContain('shop');
    }
    if (rows.length === 0) await expect(page.getByTestId('flows-empty')).toContainText('No flows match the filter yet');
    await page.screenshot({ path: join(ARTIFACTS, 'filter-bar.png') });

    // A whole pasted command line works too, and comes back canonical.
    await bar.fill('hubble observe -n shop --verdict forwarded --follow');
    await bar.press('Enter');
    await expect(bar).toHaveValue('--namespace shop --verdict FORWARDED');
    await expect.poll(() => page.getByTestId('flow-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1_000);
    for (const row of await flowRows(page)) {
      expect(row.verdict).toBe('FORWARDED');
      expect(row.namespaces).toContain('shop');
    }
    const before = page.url();

    // A bad value: the error names the flag, Enter changes nothing, the view stays.
    await bar.fill('--namespace shop --verdict MAYBE');
    const error = page.getByTestId('filter-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('data-flag', '--verdict');
    await expect(error).toHaveAttribute('data-position', '17');
    await expect(error).toContainText('unknown verdict');
    await expect(error.locator('mark')).toHaveText('--verdict MAYBE');
    await page.getByTestId('filter-section').screenshot({ path: join(ARTIFACTS, 'filter-error.png') });
    await bar.press('Enter');
    await expect(error).toBeVisible();
    expect(page.url()).toBe(before);
    await expect(page.getByTestId('filter-section')).toHaveAttribute('data-applied', '--namespace shop --verdict FORWARDED');
    await page.waitForTimeout(1_000);
    const stillForwarded = await flowRows(page);
    expect(stillForwarded.length).toBeGreaterThan(0);
    for (const row of stillForwarded) expect(row.verdict).toBe('FORWARDED');
    // Esc puts the filter in force back.
    await bar.press('Escape');
    await expect(error).toBeHidden();
    await expect(bar).toHaveValue('--namespace shop --verdict FORWARDED');

    // A namespace next to a pod prefix is refused upstream: the sidebar change is not applied, and says why.
    await bar.fill('--from-pod shop/cart');
    await bar.press('Enter');
    await expect(bar).toHaveValue('--from-pod shop/cart');
    await expect(nsOption(page, 'shop')).not.toBeChecked();
    await nsOption(page, 'shop').click();
    await expect(error).toContainText('Not applied');
    await expect(error).toContainText('cannot be combined');
    await expect(nsOption(page, 'shop')).not.toBeChecked();
    await expect(page).not.toHaveURL(/namespace=shop/);

    // Removing chips and clearing widen it again.
    await page.getByTestId('filter-clear').click();
    await expect(bar).toHaveValue('');
    await expect(page).not.toHaveURL(/filter=/);
    // Without a filter the bar is one line; the command is still on the button.
    await expect(page.getByTestId('filter-chip')).toHaveCount(0);
    await expect(page.getByTestId('filter-command-text')).toHaveCount(0);
    await expect(page.getByTestId('filter-copy-command')).toHaveAttribute('title', 'hubble observe --follow');
  });
});
