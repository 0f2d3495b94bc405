import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect, freePort, Proc, ROOT, test, waitForHttp } from './fixtures.js';

// Real Hubble flows (bookinfo), read from the shared data beside the repository.
const REPLAY_FILE = resolve(ROOT, '..', 'shared', 'real-data', 'hubble-flows', 'basic-sample-400-tcp-flows.jsonl');
const BOOKINFO = ['bookinfo/productpage', 'bookinfo/details', 'bookinfo/reviews', 'bookinfo/ratings'];

interface ReplayState {
  recordedTime: number;
  start: number;
  end: number;
  playing: boolean;
  speed: number;
  loop: boolean;
}

const recordedTime = async (page: Page) => Number(await page.getByTestId('replay-time').getAttribute('data-recorded-time'));

test.describe('replaying a recording', () => {
  let server: Proc;
  let url: string;

  test.beforeAll(async () => {
    const port = await freePort();
    server = Proc.start(['apps/server/dist/cli.js', 'start', '--port', String(port), '--log-level', 'warn', '--replay', REPLAY_FILE]);
    url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/readyz`, server);
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  const replayApi = async (page: Page): Promise<ReplayState> => (await page.request.get(`${url}/api/replay`)).json();

  test('renders the recorded map and follows play/pause, seek and speed from the timeline', async ({ page }) => {
    await page.goto(url);
    await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'replay');
    const bar = page.getByTestId('replay-bar');
    await expect(bar).toBeVisible();
    await expect(page.getByTestId('replay-file')).toHaveText('basic-sample-400-tcp-flows.jsonl');
    await expect(bar).toContainText('400 flows');
    await expect(page.getByTestId('record-button')).toHaveCount(0);
    for (const id of BOOKINFO) {
      await expect(page.locator(`[data-testid="map-node"][data-node-id="${id}"]`), `card ${id}`).toBeVisible({ timeout: 30_000 });
    }
    const { start, end } = await replayApi(page);
    // The recording is from 2021: the timeline shows recorded time, not the clock on the wall.
    await expect(page.getByTestId('replay-time')).toContainText('2021-11-10');

    // Pause: the time stands still, here and on the server.
    await expect(bar).toHaveAttribute('data-playing', 'true');
    await page.getByTestId('replay-play').click();
    await expect(bar).toHaveAttribute('data-playing', 'false');
    expect((await replayApi(page)).playing).toBe(false);
    const paused = await recordedTime(page);
    await page.waitForTimeout(1_500);
    expect(await recordedTime(page)).toBe(paused);
    expect(Math.abs((await replayApi(page)).recordedTime - paused)).toBeLessThan(5);

    // Seek to the middle.
    const middle = start + (end - start) / 2;
    await page.getByTestId('replay-seek').fill(String(middle));
    await expect.poll(async () => Math.abs((await replayApi(page)).recordedTime - middle)).toBeLessThan(10);
    await expect.poll(async () => Math.abs((await recordedTime(page)) - middle)).toBeLessThan(10);
    await expect(page.getByTestId('replay-time')).toContainText('0:01.9 / 0:03.8');
    await page.screenshot({ path: join(ARTIFACTS, 'replay-timeline.png'), clip: { x: 0, y: 0, width: 1440, height: 140 } });

    // Speed.
    await page.getByTestId('replay-speed').selectOption('5');
    await expect(bar).toHaveAttribute('data-speed', '5');
    expect((await replayApi(page)).speed).toBe(5);

    // Play again: time moves on; with loop on it keeps going round; the map still shows bookinfo.
    await page.getByTestId('replay-play').click();
    await expect(bar).toHaveAttribute('data-playing', 'true');
    const resumedAt = (await replayApi(page)).recordedTime;
    await expect.poll(async () => (await replayApi(page)).recordedTime).not.toBe(resumedAt);
    await expect.poll(async () => Math.abs((await recordedTime(page)) - middle)).toBeGreaterThan(10);
    await expect(page.getByTestId('replay-loop')).toBeChecked();
    await page.getByTestId('replay-speed').selectOption('1');
    for (const id of BOOKINFO) await expect(page.locator(`[data-testid="map-node"][data-node-id="${id}"]`)).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: join(ARTIFACTS, 'replay-map.png') });

    // The flows table follows the same replayed stream.
    await page.getByTestId('tab-flows').click();
    await expect.poll(() => page.getByTestId('flow-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const namespaces = await page.getByTestId('flow-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-source-ns')));
    expect(namespaces).toContain('bookinfo');

    // A bad seek is refused by the server and the bar says why (the API bounds it to the recording).
    const refused = await page.request.post(`${url}/api/replay`, { data: { action: 'seek', time: end + 60_000 } });
    expect(refused.status()).toBe(400);
  });
});

test.describe('recording from the browser', () => {
  test('records the flows of the current filter, stops, and downloads a recording', async ({ page, demoUrl }) => {
    await page.goto(`${demoUrl}/?namespace=shop`);
    await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'demo');
    await expect(page.getByTestId('replay-bar')).toHaveCount(0);
    const record = page.getByTestId('record');
    await page.getByTestId('record-button').click();
    await expect(record).toHaveAttribute('data-state', 'recording');
    const status = page.getByTestId('record-status');
    await expect(status).toContainText('Recording');
    await expect.poll(async () => Number(await status.getAttribute('data-flows')), { timeout: 20_000 }).toBeGreaterThan(10);
    await expect(page.getByTestId('record-button')).toHaveText(/Stop/);
    await page.screenshot({ path: join(ARTIFACTS, 'record.png'), clip: { x: 700, y: 0, width: 740, height: 40 } });

    await page.getByTestId('record-button').click();
    await expect(record).toHaveAttribute('data-state', 'stopped');
    await expect(status).toContainText('Recorded');
    const flows = Number(await status.getAttribute('data-flows'));
    expect(flows).toBeGreaterThan(10);
    const link = page.getByTestId('record-download');
    await expect(link).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'record-stopped.png'), clip: { x: 700, y: 0, width: 740, height: 40 } });

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^starmap-.*\.jsonl\.gz$/);
    const lines = gunzipSync(readFileSync(await download.path()))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'header', format: 'starmap-recording' });
    const flowLines = lines.filter((l) => 'flow' in l) as { flow: { source?: { namespace?: string }; destination?: { namespace?: string } } }[];
    expect(flowLines.length).toBe(flows);
    // Recorded with the sidebar's namespace: every flow starts or ends in shop.
    for (const { flow } of flowLines) expect([flow.source?.namespace, flow.destination?.namespace]).toContain('shop');
  });
});
