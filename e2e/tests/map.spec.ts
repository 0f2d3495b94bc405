import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ARTIFACTS, expect, test } from './fixtures.js';

const NAMESPACES = ['cilium-test', 'shop', 'kube-system', 'monitoring'];
const WORKLOADS = ['cilium-test/echo-a', 'cilium-test/pod-to-a', 'kube-system/coredns', 'shop/frontend', 'shop/cart'];
// The connectivity check's policy-denied client: its requests to echo-a's service are dropped.
const DENIED_EDGE = 'cilium-test/pod-to-a-l3-denied-cnp->svc:cilium-test/echo-a';

const island = (page: Page, ns: string) => page.locator(`[data-testid="map-island"][data-namespace="${ns}"]`);
const card = (page: Page, id: string) => page.locator(`[data-testid="map-node"][data-node-id="${id}"]`);

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxes(locator: Locator, idAttribute: string): Promise<Box[]> {
  return locator.evaluateAll(
    (els, attr) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.getAttribute(attr) ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    idAttribute,
  );
}

function overlapping(list: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1) out.push(`${a.id} × ${b.id}`);
    }
  }
  return out;
}

/** Waits until the card positions stop changing (layout done, view fitted). */
async function settled(page: Page): Promise<void> {
  let previous = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await boxes(page.getByTestId('map-node'), 'data-node-id'));
        const same = now === previous;
        previous = now;
        return same;
      },
      { intervals: [400], timeout: 20_000 },
    )
    .toBe(true);
}

test.describe('service map on the embedded demo cluster', () => {
  test('draws the namespaces as islands, opens an edge with drops, narrows, hides and survives a reload', async ({ page, demoUrl }) => {
    await page.goto(demoUrl);
    await expect(page.getByTestId('map-view')).toBeVisible();
    // A demo that just started may take a few seconds to have sent traffic in every namespace.
    for (const ns of NAMESPACES) await expect(island(page, ns), `island ${ns}`).toBeVisible({ timeout: 30_000 });
    for (const id of WORKLOADS) await expect(card(page, id), `card ${id}`).toBeVisible();
    await expect(card(page, 'kube-system/coredns')).toHaveAttribute('data-node-kind', 'workload');
    await expect(card(page, 'kube-system/coredns')).toHaveAttribute('data-namespace', 'kube-system');
    await expect(page.getByTestId('map-legend')).toContainText('dropped');
    // The policy-denied edge appears once the demo has sent a denied request; by then the demo map is complete.
    const deniedEdge = page.locator(`[data-testid="map-edge"][data-edge-id="${DENIED_EDGE}"]`);
    await expect.poll(() => deniedEdge.getAttribute('data-dropped').then(Number), { timeout: 45_000 }).toBeGreaterThan(0);
    // What someone opening the page on a running cluster sees: the whole map laid out at once
    // (until now it grew card by card as the freshly started demo sent its first flows).
    await page.reload();
    for (const id of WORKLOADS) await expect(card(page, id), `card ${id}`).toBeVisible();
    await expect(deniedEdge).toHaveCount(1);
    await settled(page);

    // The default view shows the whole demo (it refits as cards arrive), with no card on top of another.
    const stage = (await page.locator('.map-stage').boundingBox())!;
    await expect
      .poll(async () =>
        (await boxes(page.getByTestId('map-island'), 'data-island-id'))
          .filter((b) => !(b.x >= stage.x - 1 && b.y >= stage.y - 1 && b.x + b.width <= stage.x + stage.width + 1 && b.y + b.height <= stage.y + stage.height + 1))
          .map((b) => b.id),
      )
      .toEqual([]);
    expect(overlapping(await boxes(page.getByTestId('map-node'), 'data-node-id'))).toEqual([]);
    expect(overlapping(await boxes(page.getByTestId('map-island'), 'data-island-id'))).toEqual([]);
    // Every edge of the map is drawn, not only those of the first cards.
    await expect.poll(async () => {
      const status = (await page.getByTestId('map-status').textContent()) ?? '';
      const edges = Number(/([\d,]+) edges/.exec(status)?.[1]?.replace(/,/g, '') ?? NaN);
      return edges === (await page.getByTestId('map-edge').count()) && edges > 20;
    }).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'map-default.png') });

    // Open the policy-denied edge.
    await page.locator(`[data-testid="map-edge-label"][data-edge-id="${DENIED_EDGE}"]`).click();
    const panel = page.getByTestId('map-panel');
    await expect(panel).toBeVisible();
    await expect(panel).toHaveAttribute('data-selection-id', DENIED_EDGE);
    await expect(panel.getByTestId('map-drop-reason').first()).toContainText('Policy denied');
    await expect(panel.getByTestId('map-drop-reason').first()).toHaveAttribute('data-code', '133');
    await expect.poll(() => panel.getByTestId('flow-row').count()).toBeGreaterThan(0);
    const rows = await panel.getByTestId('flow-row').evaluateAll((els) => els.map((r) => [r.getAttribute('data-source-ns'), r.getAttribute('data-verdict')]));
    for (const [ns] of rows) expect(ns).toBe('cilium-test');
    expect(rows.some(([, verdict]) => verdict === 'DROPPED')).toBe(true);
    await expect(page).toHaveURL(/select=edge%3A/);
    // Selecting dims what is not connected to the edge.
    await expect(card(page, 'shop/frontend')).toHaveClass(/is-focus-out/);
    await expect(card(page, 'cilium-test/pod-to-a-l3-denied-cnp')).toHaveClass(/is-focus-in/);
    await page.screenshot({ path: join(ARTIFACTS, 'map-edge-panel.png') });

    // One namespace: the map narrows to it and the peers it talks to.
    await page.locator('[data-testid="namespace-option"][data-namespace="cilium-test"]').check();
    await expect(page).toHaveURL(/namespace=cilium-test/);
    await expect(island(page, 'shop')).toHaveCount(0);
    await expect(island(page, 'monitoring')).toHaveCount(0);
    await expect(island(page, 'cilium-test')).toBeVisible();
    await expect(island(page, 'cilium-test')).toHaveAttribute('data-peers-only', 'false');
    await expect(card(page, 'cilium-test/echo-b')).toBeVisible();

    // Hide a workload with one click: it leaves the map and enters the URL.
    await page.getByTestId('map-panel-close').click();
    await expect(page.getByTestId('map-panel')).toHaveCount(0);
    await card(page, 'cilium-test/echo-b').hover();
    await card(page, 'cilium-test/echo-b').getByTestId('map-node-hide').click();
    await expect(card(page, 'cilium-test/echo-b')).toHaveCount(0);
    await expect(page).toHaveURL(/hide=cilium-test%2Fecho-b/);
    await expect(page.locator('[data-testid="map-hidden-chip"][data-node-id="cilium-test/echo-b"]')).toBeVisible();
    await page.getByTestId('map-fit').click();
    await settled(page);
    expect(overlapping(await boxes(page.getByTestId('map-node'), 'data-node-id'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'map-one-namespace.png') });
    await card(page, 'cilium-test/echo-a').click();
    await expect(page.getByTestId('map-panel')).toHaveAttribute('data-selection-id', 'cilium-test/echo-a');
    await expect(page.getByTestId('map-panel')).toContainText('via svc echo-a');

    // The link reproduces the view.
    const link = page.url();
    await page.goto(link);
    await expect(page.getByTestId('map-view')).toBeVisible();
    await expect(page.locator('[data-testid="namespace-option"][data-namespace="cilium-test"]')).toBeChecked();
    await expect(card(page, 'cilium-test/echo-a')).toBeVisible();
    await expect(card(page, 'cilium-test/echo-b')).toHaveCount(0);
    await expect(island(page, 'shop')).toHaveCount(0);
    await expect(page.getByTestId('map-panel')).toHaveAttribute('data-selection-id', 'cilium-test/echo-a');
    await expect(page.locator('[data-testid="map-hidden-chip"][data-node-id="cilium-test/echo-b"]')).toBeVisible();
    expect(page.url()).toBe(link);

    // Unhide from the chip.
    await page.locator('[data-testid="map-hidden-chip"][data-node-id="cilium-test/echo-b"]').click();
    await expect(card(page, 'cilium-test/echo-b')).toBeVisible();
    await expect(page).not.toHaveURL(/hide=/);
  });

  test('finds a workload and exports the whole map as SVG and PNG', async ({ page, demoUrl }) => {
    await page.goto(demoUrl);
    for (const ns of NAMESPACES) await expect(island(page, ns), `island ${ns}`).toBeVisible({ timeout: 30_000 });
    for (const id of WORKLOADS) await expect(card(page, id), `card ${id}`).toBeVisible();
    await page.getByTestId('map-search').fill('coredns');
    await expect(page.getByTestId('map-search-count')).toHaveText('1 match');
    await expect(card(page, 'kube-system/coredns')).toHaveClass(/is-match/);
    await expect(card(page, 'shop/frontend')).toHaveClass(/is-focus-out/);

    const svgDownload = page.waitForEvent('download');
    await page.getByTestId('map-export-svg').click();
    const svg = await svgDownload;
    expect(svg.suggestedFilename()).toMatch(/^starmap-map-all-.*\.svg$/);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const id of WORKLOADS) expect(svgText).toContain(`data-node-id="${id}"`);
    for (const ns of NAMESPACES) expect(svgText).toContain(`>${ns}<`);

    const pngDownload = page.waitForEvent('download');
    await page.getByTestId('map-export-png').click();
    const png = readFileSync((await (await pngDownload).path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width and height from the IHDR chunk: the whole map at twice its size.
    expect(png.readUInt32BE(16)).toBeGreaterThan(1_000);
    expect(png.readUInt32BE(20)).toBeGreaterThan(500);
  });

  test('keeps a dragged card where it was dropped while the map updates; window and re-layout', async ({ page, demoUrl }) => {
    await page.goto(demoUrl);
    // Once the demo has sent all its kinds of traffic, new cards are rare; open the map afresh then.
    const deniedEdge = page.locator(`[data-testid="map-edge"][data-edge-id="${DENIED_EDGE}"]`);
    await expect.poll(() => deniedEdge.getAttribute('data-dropped').then(Number), { timeout: 45_000 }).toBeGreaterThan(0);
    await page.reload();
    const redis = card(page, 'shop/redis');
    await expect(redis).toBeVisible();
    await settled(page);
    // A click on the empty canvas stops the view from following the map, so the drag is measured
    // on a still view (otherwise a refit during the drag can shorten it on screen).
    await page.locator('.react-flow__pane').click({ position: { x: 160, y: 10 } });
    await settled(page);
    const start = (await redis.boundingBox())!;
    await page.mouse.move(start.x + 40, start.y + 12);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 100, { steps: 8 });
    await page.mouse.move(start.x + 80, start.y + 160, { steps: 8 });
    await page.mouse.up();
    const dropped = (await redis.boundingBox())!;
    const shop = island(page, 'shop');
    const shopThen = (await shop.boundingBox())!;
    // (React Flow starts the drag at the first move, so the card trails the pointer by that first step.)
    expect(dropped.y - start.y).toBeGreaterThan(120);
    // Deltas arrive every second. The card keeps its place: on screen, or, when a growing neighbour
    // pushed its whole island aside, inside its island (dragging stopped the view from following the map).
    await page.waitForTimeout(3_500);
    const later = (await redis.boundingBox())!;
    const shopNow = (await shop.boundingBox())!;
    const same = (a: number, b: number) => Math.abs(a - b) < 1;
    const onScreen = same(later.x, dropped.x) && same(later.y, dropped.y);
    const inIsland = same(later.x - shopNow.x, dropped.x - shopThen.x) && same(later.y - shopNow.y, dropped.y - shopThen.y);
    expect(onScreen || inIsland, `card moved from ${JSON.stringify(dropped)} to ${JSON.stringify(later)}`).toBe(true);

    // Re-layout puts it back among its neighbours.
    await page.getByTestId('map-relayout').click();
    await expect.poll(async () => Math.abs((await redis.boundingBox())!.y - dropped.y)).toBeGreaterThan(20);

    // A shorter window is a new map, kept in the URL.
    await page.getByTestId('map-window').selectOption({ label: 'last 1m' });
    await expect(page).toHaveURL(/window=1m/);
    await expect(card(page, 'shop/frontend')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('map-window')).toHaveValue('60000');
  });

  test('still renders a namespace of 3,000 pods', async ({ page, demoUrl }) => {
    // The demo's own map is swapped for one with a namespace of 1,000 workloads of 3 pods each.
    await page.routeWebSocket(/\/api\/stream$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        const text = typeof message === 'string' ? message : message.toString();
        const parsed = JSON.parse(text) as { type: string; subscription?: number };
        if (parsed.type === 'map-delta') return;
        if (parsed.type === 'map-snapshot') ws.send(JSON.stringify({ type: 'map-snapshot', subscription: parsed.subscription, snapshot: bigNamespace(1_000, 3) }));
        else ws.send(text);
      });
    });
    const started = Date.now();
    await page.goto(demoUrl);
    await expect(island(page, 'big')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('map-status')).toContainText('1,002 nodes');
    await expect.poll(() => page.getByTestId('map-node').count()).toBeGreaterThan(0);
    const elapsed = Date.now() - started;
    test.info().annotations.push({ type: 'render time', description: `${elapsed} ms to the first cards of 1,002` });
    // The page stays responsive: search finds and centers one workload among a thousand.
    await page.getByTestId('map-search').fill('w-0777');
    await expect(card(page, 'big/w-0777')).toBeVisible();
    await expect(card(page, 'big/w-0777')).toHaveClass(/is-match/);
    await page.screenshot({ path: join(ARTIFACTS, 'map-3000-pods.png') });
  });
});

/** A synthetic map: one namespace of `workloads` deployments with `pods` pods each, all calling one database. */
function bigNamespace(workloads: number, pods: number) {
  const now = Date.now();
  const verdicts = (forwarded: number, dropped: number) => ({ forwarded, dropped, error: 0, audit: 0, redirected: 0, translated: 0, traced: 0, unknown: 0 });
  const node = (id: string, name: string, podNames: string[], ports: { protocol: string; port: number; flows: number }[]) => ({
    id,
    kind: 'workload',
    namespace: 'big',
    name,
    workloadKind: 'Deployment',
    pods: podNames,
    labels: [`k8s:app=${name}`],
    ips: [],
    k8sNodes: ['node-a'],
    ports,
    otherPortFlows: 0,
    truncated: false,
    flows: { sent: 10, received: 0, dropped: 0 },
    lastSeen: now,
    folded: 0,
  });
  const nodes = [node('big/db', 'db', ['db-0'], [{ protocol: 'TCP', port: 5432, flows: 10 * workloads }]), node('big/cache', 'cache', ['cache-0'], [])];
  const edges = [];
  for (let i = 0; i < workloads; i++) {
    const name = `w-${String(i).padStart(4, '0')}`;
    nodes.push(node(`big/${name}`, name, Array.from({ length: pods }, (_, p) => `${name}-7d9c5b6f4-${p}`), []));
    edges.push({
      id: `big/${name}->big/db`,
      source: `big/${name}`,
      destination: 'big/db',
      ports: [{ protocol: 'TCP', port: 5432, flows: 10 }],
      otherPortFlows: 0,
      flows: 10,
      verdicts: verdicts(i % 10 === 0 ? 7 : 10, i % 10 === 0 ? 3 : 0),
      recentFlows: 1,
      rate: 0.1,
      drops: i % 10 === 0 ? [{ code: 133, name: 'POLICY_DENIED', flows: 3 }] : [],
      crossNodeFlows: 0,
      lastSeen: now,
      l7: null,
    });
  }
  nodes.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { seq: 1, now, windowMs: 300_000, bucketMs: 10_000, rateWindowMs: 30_000, nodes, edges };
}
