import { join } from 'node:path';
import { ARTIFACTS, expect, freePort, Proc, tempDir, test, waitForHttp } from './fixtures.js';

test.describe('live flows on the embedded demo cluster', () => {
  test('shows live flows, narrows to one namespace, and opens a flow', async ({ page, demoUrl }) => {
    // The service map is the default view; the flows table has its own tab.
    await page.goto(`${demoUrl}/?view=flows`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'connected');
    await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'demo');
    await expect(page.getByTestId('node-count')).toContainText(/[2-9] nodes?/);
    await expect.poll(() => page.getByTestId('flow-row').count()).toBeGreaterThan(10);

    const sourceNamespaces = await page.getByTestId('flow-row').evaluateAll((rows) =>
      rows.flatMap((r) => [r.getAttribute('data-source-ns'), r.getAttribute('data-destination-ns')]),
    );
    expect(new Set(sourceNamespaces.filter(Boolean)).size, 'several namespaces before filtering').toBeGreaterThan(1);
    await page.screenshot({ path: join(ARTIFACTS, 'flows-all-namespaces.png') });

    await page.locator('[data-testid="namespace-option"][data-namespace="cilium-test"]').check();
    await expect(page).toHaveURL(/namespace=cilium-test/);
    await expect.poll(() => page.getByTestId('flow-row').count()).toBeGreaterThan(5);
    // Give the live stream time to deliver more batches, then check every visible row.
    await page.waitForTimeout(1_500);
    const rows = await page.getByTestId('flow-row').evaluateAll((els) =>
      els.map((r) => [r.getAttribute('data-source-ns'), r.getAttribute('data-destination-ns')]),
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const [src, dst] of rows) expect([src, dst], 'row outside cilium-test').toContain('cilium-test');
    await page.screenshot({ path: join(ARTIFACTS, 'flows-cilium-test.png') });

    await page.getByTestId('flow-row').first().click();
    const drawer = page.getByTestId('flow-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText('cilium-test');
    await expect(drawer).toContainText('"verdict"');
    await page.screenshot({ path: join(ARTIFACTS, 'flow-drawer.png') });
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });
});

test.describe('relay outage', () => {
  test('shows that it is reconnecting and resumes by itself when the relay returns', async ({ page }) => {
    const dir = tempDir('starmap-e2e-');
    const grpcPort = await freePort();
    const httpPort = await freePort();
    const simArgs = ['packages/sim/dist/cli.js', '--grpc-port', String(grpcPort), '--agent-socket', join(dir, 'cilium.sock'), '--rate', '80', '--seed', '3'];
    let sim = Proc.start(simArgs);
    const server = Proc.start([
      'apps/server/dist/cli.js', 'start', '--port', String(httpPort), '--log-level', 'warn',
      '--hubble-server', `127.0.0.1:${grpcPort}`, '--cilium-socket', join(dir, 'cilium.sock'),
    ]);
    try {
      const url = `http://127.0.0.1:${httpPort}`;
      await waitForHttp(`${url}/readyz`, server);
      await page.goto(url);
      await page.getByTestId('tab-flows').click();
      const status = page.getByTestId('connection-status');
      await expect(status).toHaveAttribute('data-phase', 'connected');
      await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'cluster');
      await expect.poll(() => page.getByTestId('flow-row').count()).toBeGreaterThan(10);

      await sim.stop();
      await expect(status).toHaveAttribute('data-phase', 'reconnecting');
      await expect(status).toContainText(/reconnecting/i);
      const kept = await page.getByTestId('flow-row').count();
      expect(kept, 'flows already received stay on screen').toBeGreaterThan(10);
      await page.screenshot({ path: join(ARTIFACTS, 'relay-reconnecting.png') });

      sim = Proc.start(simArgs);
      await expect(status).toHaveAttribute('data-phase', 'connected', { timeout: 30_000 });
      // New flows reach the page again: the count of received flows keeps growing.
      const receivedCount = () => page.getByTestId('flow-count').getAttribute('data-count').then(Number);
      const before = await receivedCount();
      await expect.poll(receivedCount, { timeout: 15_000 }).toBeGreaterThan(before + 20);
      expect(await flowTotal(url)).toBeGreaterThan(0);
      expect(server.child.exitCode, 'the server never crashes').toBeNull();
    } finally {
      await server.stop();
      await sim.stop();
    }
  });
});

async function flowTotal(url: string): Promise<number> {
  const res = await fetch(`${url}/api/status`);
  const body = (await res.json()) as { relay: { flowsReceived: number } };
  return body.relay.flowsReceived;
}
