import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, freePort, Proc, tempDir, test, waitForHttp } from './fixtures.js';

const rowAttrs = (page: Page, attr: string) =>
  page.getByTestId('service-row').evaluateAll((rows, name) => rows.map((r) => r.getAttribute(name)), attr);

test.describe('service → backend table and datapath badges on the demo cluster', () => {
  test('filters by namespace and type, shows live backend counts, explains a badge', async ({ page, demoUrl }) => {
    await page.goto(`${demoUrl}/?view=services`);
    await expect(page.getByTestId('tab-services')).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => page.getByTestId('service-row').count()).toBeGreaterThan(20);
    expect(new Set(await rowAttrs(page, 'data-service-namespace')).size, 'several namespaces before filtering').toBeGreaterThan(2);
    await expect(page.getByTestId('services-source')).toContainText(/from GET \/v1\/service on unix:\S+cilium\.sock, updated/);
    // Frontends are printed the way Cilium prints them, IPv6 in brackets.
    await expect(page.locator('[data-testid="service-row"][data-service-name="kube-dns"]').first()).toContainText('10.96.0.10:53/UDP');
    await expect(page.getByTestId('services-table')).toContainText(/\[[0-9a-f:]+\]:53\/UDP/);

    // Namespace filter in the toolbar is the app's selection: the URL and the sidebar follow it.
    await page.getByTestId('services-namespace-filter').selectOption('shop');
    await expect(page).toHaveURL(/namespace=shop/);
    await expect(page.locator('[data-testid="namespace-option"][data-namespace="shop"]')).toBeChecked();
    await expect.poll(async () => [...new Set(await rowAttrs(page, 'data-service-namespace'))]).toEqual(['shop']);
    const shopRows = await page.getByTestId('service-row').count();
    expect(shopRows).toBeGreaterThan(5);
    await expect(page.getByTestId('services-count')).toHaveAttribute('data-shown', String(shopRows));

    // Type chips narrow further; "All types" undoes it.
    const typeFilter = page.getByTestId('services-type-filter');
    await typeFilter.locator('[data-type="NodePort"]').click();
    await expect(typeFilter.locator('[data-type="NodePort"]')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => [...new Set(await rowAttrs(page, 'data-service-type'))]).toEqual(['NodePort']);
    await typeFilter.locator('[data-type=""]').click();
    await expect(page.getByTestId('service-row')).toHaveCount(shopRows);

    // Search matches backend addresses too; nothing matching explains itself.
    await page.getByTestId('services-search').fill('no-such-service-xyz');
    await expect(page.getByTestId('service-row')).toHaveCount(0);
    await expect(page.getByTestId('services-empty')).toHaveAttribute('data-kind', 'no-match');
    await expect(page.getByTestId('services-empty')).toContainText('no-such-service-xyz');
    await page.getByTestId('services-search').fill('frontend');
    await expect.poll(async () => [...new Set(await rowAttrs(page, 'data-service-name'))]).toEqual(['frontend']);
    await page.getByTestId('services-search').fill('');

    // Expand the frontend's IPv4 ClusterIP and watch its backends' live counts.
    const row = page.locator('[data-testid="service-row"][data-service-name="frontend"][data-service-type="ClusterIP"]').first();
    const expand = row.getByTestId('service-expand');
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    await expand.click();
    await expect(expand).toHaveAttribute('aria-expanded', 'true');
    const backends = page.getByTestId('backend-row');
    await expect.poll(() => backends.count()).toBeGreaterThan(1);
    await expect(backends.first()).toContainText(/\d+\.\d+\.\d+\.\d+:\d+\/TCP/);
    await expect(backends.first()).toContainText(/active|terminating|quarantined|maintenance/);
    const maxFlows = () => backends.evaluateAll((rows) => Math.max(...rows.map((r) => Number(r.getAttribute('data-flows')))));
    await expect.poll(maxFlows, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await maxFlows();
    // Counts are live: pushes over the socket raise them without a reload.
    await expect.poll(maxFlows, { timeout: 30_000 }).toBeGreaterThan(before);
    await page.screenshot({ path: join(ARTIFACTS, 'services-table.png') });

    // Datapath badges in the header; the load-balancer badge explains itself.
    const lb = page.locator('[data-testid="datapath-badge"][data-badge-id="load-balancer"]');
    await expect(lb).toHaveAttribute('data-state', 'ok');
    await expect(lb).toContainText('DSR');
    await expect(page.locator('[data-testid="datapath-badge"][data-badge-id="routing"]')).toContainText('Native');
    await expect(page.getByTestId('datapath-api-source')).toContainText('unix:');
    await expect(page.getByTestId('datapath-more')).toHaveText(/^\+\d+$/);
    await lb.click();
    const dialog = page.getByTestId('datapath-explanation');
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('role', 'dialog');
    await expect(dialog).toContainText('Load-balancer forwarding mode');
    await expect(dialog).toContainText('backend answer the client directly');
    await expect(dialog).toContainText('kube-proxy-replacement.features.nodePort.mode');
    await expect(dialog).toContainText('"DSR"');
    await expect(dialog.getByTestId('datapath-source')).toContainText('GET /v1/healthz on unix:');
    await page.screenshot({ path: join(ARTIFACTS, 'datapath-badge.png') });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(lb).toBeFocused();

    // "Flows →" opens the Flows view narrowed to the service's namespace.
    await row.getByTestId('service-show-flows').click();
    await expect(page.getByTestId('tab-flows')).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/namespace=shop/);
    await expect(page).not.toHaveURL(/view=services/);
    await expect.poll(() => page.getByTestId('flow-row').count()).toBeGreaterThan(0);
  });
});

/** A synthetic table far larger than the demo's: `count` frontends in ten namespaces, two backends each. */
function bigTable(count: number, error: string | null) {
  const services = Array.from({ length: count }, (_, i) => {
    const id = i + 1;
    const backends = [0, 1].map((b) => ({
      ip: `10.244.${b}.${(id % 250) + 1}`,
      port: 8080,
      protocol: 'TCP',
      state: b === 1 && id % 7 === 0 ? 'terminating' : 'active',
      weight: 100,
      nodeName: `node-${b}`,
      zone: null,
      preferred: true,
      address: `10.244.${b}.${(id % 250) + 1}:8080/TCP`,
      // The second backend of every service is idle.
      flows: b === 0 ? id : 0,
      drops: 0,
      lastSeen: b === 0 ? new Date().toISOString() : null,
    }));
    return {
      id,
      frontend: { ip: `10.96.${Math.floor(id / 250)}.${id % 250}`, port: 80, protocol: 'TCP', scope: 'external' },
      address: `10.96.${Math.floor(id / 250)}.${id % 250}:80/TCP`,
      type: 'ClusterIP',
      name: `svc-${id}`,
      namespace: `ns-${id % 10}`,
      cluster: 'big',
      extTrafficPolicy: 'Cluster',
      intTrafficPolicy: 'Cluster',
      natPolicy: null,
      healthCheckNodePort: null,
      backends,
      activeBackends: backends.filter((b) => b.state === 'active').length,
      flows: id,
      drops: 0,
    };
  });
  return {
    source: { endpoint: 'GET /v1/service', target: 'unix:/var/run/cilium/cilium.sock', updatedAt: new Date(Date.now() - 60_000).toISOString() },
    error,
    windowMs: 300_000,
    services,
    warnings: [],
  };
}

test.describe('a large service table from an agent that stopped answering', () => {
  test('renders only the visible rows, still finds the last one, and says the table is stale', async ({ page, demoUrl }) => {
    const table = bigTable(600, 'connect ENOENT /var/run/cilium/cilium.sock');
    await page.route('**/api/services', (route) => route.fulfill({ json: table }));
    // Keep the live socket, minus its service pushes, so the synthetic table stays on screen.
    await page.routeWebSocket(/\/api\/stream$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (typeof message === 'string' && (JSON.parse(message) as { type?: string }).type === 'services') return;
        ws.send(message);
      });
    });
    await page.goto(`${demoUrl}/?view=services`);

    const view = page.getByTestId('services-table');
    await expect(page.getByTestId('services-count')).toHaveAttribute('data-total', '600');
    await expect(view).toHaveAttribute('data-virtualized', 'true');
    const rendered = await page.getByTestId('service-row').count();
    expect(rendered, 'only the rows in view are in the DOM').toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
    await expect(page.getByTestId('services-stale')).toContainText(/agent unreachable: connect ENOENT \/var\/run\/cilium\/cilium\.sock; showing the table from \d\d:\d\d:\d\d/);

    // Scrolling to the end brings the last frontend into the DOM; expanding it grows the row in place.
    await page.locator('.services-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator('[data-testid="service-row"][data-service-id="600"]');
    await expect(last).toBeVisible();
    await last.getByTestId('service-expand').click();
    await expect(page.getByTestId('backend-row')).toHaveCount(2);
    await expect(page.locator('[data-testid="backend-row"][data-flows="600"]')).toBeVisible();
    await expect(page.locator('[data-testid="backend-row"][data-flows="0"]')).toContainText('no traffic in the last 5 min');
    await page.screenshot({ path: join(ARTIFACTS, 'services-virtualized-stale.png') });

    // A narrow search brings the table under the threshold: every match is rendered.
    await page.getByTestId('services-search').fill('ns-3');
    await expect(page.getByTestId('services-count')).toHaveAttribute('data-shown', '60');
    await expect(view).toHaveAttribute('data-virtualized', 'false');
    await expect(page.getByTestId('service-row')).toHaveCount(60);
  });
});

test.describe('datapath badges when agents disagree or cannot tell', () => {
  test('marks differing and unknown badges, promotes a warning, and breaks values down per node', async ({ page, demoUrl }) => {
    // Start from the demo's real answer and make a second node differ, as a mixed cluster would.
    const real = (await (await page.request.get(`${demoUrl}/api/datapath`)).json()) as {
      agents: { target: string; modes: { nodeName: string; badges: Record<string, unknown>[] } | null; phase: string; lastError: string | null; updatedAt: string | null }[];
    };
    const first = real.agents[0]!;
    const edit = (badges: Record<string, unknown>[], id: string, change: Record<string, unknown>) =>
      badges.map((b) => (b.id === id ? { ...b, ...change } : b));
    let badges = first.modes!.badges;
    badges = edit(badges, 'ip-families', { value: 'Unknown', state: 'unknown', reasonUnknown: 'GET /v1/config failed: 403 Forbidden' });
    badges = edit(badges, 'datapath-mode', { value: 'netkit', state: 'warn', warnings: ['netkit needs BPF host routing, but this node uses legacy host routing.'] });
    const worker = {
      ...first,
      target: 'http://10.0.0.2:9962',
      modes: { ...first.modes!, nodeName: 'kind-worker', badges: edit(badges, 'routing', { value: 'Tunnel (VXLAN)' }) },
    };
    const mixed = {
      agents: [
        { ...first, modes: { ...first.modes!, badges } },
        worker,
        { target: 'http://10.0.0.3:9962', phase: 'reconnecting', lastError: 'connect ECONNREFUSED 10.0.0.3:9962', modes: null, updatedAt: null },
      ],
      differences: [
        { id: 'routing', label: 'Routing', values: { 'kind-control-plane': 'Native', 'kind-worker': 'Tunnel (VXLAN)' }, distinct: ['Native', 'Tunnel (VXLAN)'] },
      ],
    };
    await page.route('**/api/datapath', (route) => route.fulfill({ json: mixed }));
    await page.routeWebSocket(/\/api\/stream$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (typeof message === 'string' && (JSON.parse(message) as { type?: string }).type === 'datapath') return;
        ws.send(message);
      });
    });
    await page.goto(`${demoUrl}/?view=services`);

    const badge = (id: string) => page.locator(`[data-testid="datapath-badge"][data-badge-id="${id}"]`);
    await expect(badge('routing')).toHaveAttribute('data-differs', 'true');
    await expect(badge('routing')).toContainText('Native / Tunnel (VXLAN)');
    await expect(badge('routing')).toContainText('≠');
    await expect(badge('ip-families')).toHaveAttribute('data-state', 'unknown');
    // Not a primary badge, but a warning is never hidden behind "+N".
    await expect(badge('datapath-mode')).toBeVisible();
    await expect(badge('datapath-mode')).toHaveAttribute('data-state', 'warn');
    await expect(badge('cluster')).toHaveCount(0);
    await expect(page.getByTestId('datapath-api-source')).toHaveText('3 agents (1 unreachable)');

    await badge('routing').click();
    const dialog = page.getByTestId('datapath-explanation');
    await expect(dialog.getByTestId('datapath-differs')).toBeVisible();
    const perNode = dialog.getByTestId('datapath-per-node');
    await expect(perNode).toContainText('kind-control-plane');
    await expect(perNode.locator('tr', { hasText: 'kind-worker' }).last()).toContainText('Tunnel (VXLAN)');
    await expect(perNode).toContainText('unknown: connect ECONNREFUSED 10.0.0.3:9962');
    await page.screenshot({ path: join(ARTIFACTS, 'datapath-per-node.png') });

    // Opening another badge replaces the dialog; "unknown" says why.
    await badge('ip-families').click();
    await expect(dialog.getByTestId('datapath-unknown-reason')).toContainText('GET /v1/config failed: 403 Forbidden');
    await badge('datapath-mode').click();
    await expect(dialog).toContainText('netkit needs BPF host routing');
    await dialog.getByRole('button', { name: 'Close explanation' }).click();
    await expect(dialog).toBeHidden();
    await expect(badge('datapath-mode')).toBeFocused();

    // "+N" reveals the rest.
    await page.getByTestId('datapath-more').click();
    await expect(badge('cluster')).toBeVisible();
  });
});

test.describe('no agent to read', () => {
  test('the table and the badges say that the agent is unreachable, and why', async ({ page }) => {
    const dir = tempDir('starmap-e2e-noagent-');
    const port = await freePort();
    const socket = join(dir, 'missing-cilium.sock');
    const server = Proc.start([
      'apps/server/dist/cli.js', 'start', '--port', String(port), '--log-level', 'warn',
      '--hubble-server', `127.0.0.1:${await freePort()}`, '--cilium-socket', socket,
    ]);
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}/healthz`, server);
      await page.goto(`${url}/?view=services`);
      const empty = page.getByTestId('services-empty');
      await expect(empty).toHaveAttribute('data-kind', 'agent-unreachable');
      await expect(empty).toContainText('Cilium agent unreachable');
      await expect(empty).toContainText(socket);
      await expect(page.getByTestId('service-row')).toHaveCount(0);

      const chip = page.locator('[data-testid="datapath-badge"][data-badge-id="datapath"]');
      await expect(chip).toHaveAttribute('data-state', 'unknown');
      await expect(chip).toContainText('unknown');
      await chip.click();
      await expect(page.getByTestId('datapath-unknown-reason')).toContainText(`unix:${socket}`);
      await page.screenshot({ path: join(ARTIFACTS, 'services-agent-unreachable.png') });
      await page.keyboard.press('Escape');
      await expect(chip).toBeFocused();
      expect(server.child.exitCode, 'the server keeps running').toBeNull();
    } finally {
      await server.stop();
    }
  });
});
