import { join } from 'node:path';
// @ts-expect-error plain JS helper shared with the server tests
import { startHostileRelay, XSS_NAMESPACE, XSS_POD } from '../support/hostile-relay.mjs';
import { ARTIFACTS, expect, freePort, Proc, tempDir, test, waitForHttp } from './fixtures.js';

// Names carrying HTML/JS arrive from the relay; the page must show them as text and run nothing.
test('hostile names render as text in every view, and nothing runs', async ({ page }) => {
  const relay = await startHostileRelay(40);
  const port = await freePort();
  const server = Proc.start([
    'apps/server/dist/cli.js', 'start', '--port', String(port), '--log-level', 'warn',
    '--hubble-server', relay.address, '--cilium-socket', join(tempDir('starmap-hostile-'), 'none.sock'),
  ]);
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/healthz`, server);
    await page.goto(`${url}/?view=flows`);
    const row = page.locator(`[data-testid="flow-row"][data-source-ns="${XSS_NAMESPACE}"]`).first();
    await expect(row).toBeVisible();
    await expect(row).toContainText('pwned');
    await row.click();
    await expect(page.getByTestId('flow-drawer')).toContainText(XSS_POD);
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-names-as-text.png') });
    for (const view of ['map', 'services', 'flows']) {
      await page.goto(`${url}/?view=${view}`);
      await page.waitForTimeout(1_500);
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(server.child.exitCode).toBeNull();
  } finally {
    await server.stop();
    relay.close();
  }
});
