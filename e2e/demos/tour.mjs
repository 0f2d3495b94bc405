#!/usr/bin/env node
/**
 * A short scripted tour of Starmap, recorded as a video with screenshots: the service map, a
 * namespace filter, the drops panel, the services table and a datapath badge. It starts the built
 * server on a free loopback port (the embedded demo cluster, or `--replay FILE`), drives Debian's
 * Chromium with Playwright and writes e2e/artifacts/demo/tour.webm plus numbered PNGs.
 *
 *   pnpm build && pnpm demo:record                 # on the embedded demo cluster
 *   pnpm demo:record --replay path/to/flows.jsonl  # on a recording
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { useSystemFfmpegForPlaywright } from './ffmpeg.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const OUT = join(ROOT, 'e2e', 'artifacts', 'demo');
const CLI = join(ROOT, 'apps', 'server', 'dist', 'cli.js');
const WEB = join(ROOT, 'apps', 'web', 'dist', 'index.html');
/** The whole tour, server start included, stays under this. */
const BUDGET_MS = 60_000;
const VIEWPORT = { width: 1440, height: 900 };
// The same Chromium and switches as e2e/playwright.config.ts.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function fail(message) {
  console.error(`demo:record: ${message}`);
  process.exit(1);
}

const { values: args } = parseArgs({ options: { replay: { type: 'string' } }, allowPositionals: false });
if (!existsSync(CLI) || !existsSync(WEB)) fail('build first: pnpm build (needs apps/server/dist and apps/web/dist)');
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const replay = args.replay ? resolve(process.cwd(), args.replay) : null;
if (replay && !existsSync(replay)) fail(`no such recording: ${replay}`);
try {
  useSystemFfmpegForPlaywright();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
// Imported only now: Playwright reads where its ffmpeg lives when it loads.
const { chromium } = await import('@playwright/test');

function freePort() {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

async function waitForHttp(url, child, output, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

const port = await freePort();
const serverArgs = [CLI, 'start', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warn', ...(replay ? ['--replay', replay] : ['--demo-rate', '60'])];
const server = spawn(process.execPath, serverArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
let serverOutput = '';
server.stdout.on('data', (d) => (serverOutput += d));
server.stderr.on('data', (d) => (serverOutput += d));

let browser;
const stopAll = async () => {
  await browser?.close().catch(() => {});
  if (server.exitCode === null) server.kill('SIGTERM');
};
const deadline = setTimeout(() => {
  console.error(`demo:record: the tour took longer than ${BUDGET_MS / 1000} s; stopping`);
  void stopAll().then(() => process.exit(1));
}, BUDGET_MS);

const shots = [];
try {
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, server, () => serverOutput, 20_000);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: 'UTC', locale: 'en-US', recordVideo: { dir: OUT, size: VIEWPORT } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const pause = (ms) => page.waitForTimeout(ms);
  const shot = async (name) => {
    const path = join(OUT, name);
    await page.screenshot({ path });
    shots.push(path);
  };

  // 1. The service map.
  await page.goto(url);
  await page.getByTestId('map-node').first().waitFor({ timeout: 20_000 });
  // Let a freshly started demo send a few seconds of traffic so the map is complete.
  await pause(replay ? 3_000 : 6_000);
  await shot('01-map.png');

  // 2. One namespace from the sidebar (the demo's connectivity check, or the recording's busiest).
  const namespace = page.locator('[data-testid="namespace-option"][data-namespace="cilium-test"]');
  const option = (await namespace.count()) > 0 ? namespace : page.getByTestId('namespace-option').first();
  await option.check();
  await pause(3_000);
  await shot('02-namespace.png');
  await page.getByTestId('namespace-all').check();
  await pause(1_500);

  // 3. The drops panel: the top reason narrows the map to its drops.
  await page.getByTestId('drops-toggle').click();
  const reason = page.getByTestId('drops-reason-row').first();
  try {
    await reason.waitFor({ timeout: 10_000 });
    await pause(1_500);
    await reason.click();
  } catch {
    // A recording without drops: the panel says so, which is worth showing too.
  }
  await pause(3_500);
  await shot('03-drops.png');
  const clear = page.getByTestId('filter-clear');
  if (await clear.isEnabled()) await clear.click();
  await page.getByTestId('drops-toggle').click();

  // 4. The service → backend table.
  await page.getByTestId('tab-services').click();
  await page.getByTestId('services-view').waitFor();
  await pause(3_000);
  await shot('04-services.png');

  // 5. A datapath badge explains itself.
  const badge = page.locator('[data-testid="datapath-badge"][data-badge-id="load-balancer"]');
  await ((await badge.count()) > 0 ? badge : page.getByTestId('datapath-badge').first()).click();
  await pause(3_000);
  await shot('05-badge.png');
  await page.keyboard.press('Escape');
  await pause(500);

  const video = page.video();
  await context.close(); // writes the video
  const recorded = video ? await video.path() : null;
  const target = join(OUT, 'tour.webm');
  if (!recorded || !existsSync(recorded)) throw new Error('Chromium wrote no video');
  renameSync(recorded, target);
  // Anything else Playwright left in the folder is a leftover page video; keep only ours.
  for (const name of readdirSync(OUT)) if (name.endsWith('.webm') && name !== 'tour.webm') rmSync(join(OUT, name));
  const size = statSync(target).size;
  if (size < 10_000) throw new Error(`the video is suspiciously small (${size} bytes)`);

  console.log(`video: ${target} (${(size / 1_000_000).toFixed(1)} MB)`);
  for (const path of shots) console.log(`screenshot: ${path}`);
} catch (err) {
  console.error(`demo:record: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  await stopAll();
}
