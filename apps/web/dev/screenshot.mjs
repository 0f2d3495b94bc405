// Throwaway: drive the built app served by dev/mock-server.mjs and save screenshots.
//   node apps/web/dev/screenshot.mjs <url> <out-prefix> [--drawer] [--namespace shop]
import { chromium } from '@playwright/test';

const [url, out = '/work/notes/screens/web', ...rest] = process.argv.slice(2);
const ns = rest.includes('--namespace') ? rest[rest.indexOf('--namespace') + 1] : null;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
await page.goto(url);
await page.waitForTimeout(2500);
const report = async (label) => {
  const status = await page.getByTestId('connection-status').getAttribute('data-phase').catch(() => null);
  const rows = await page.getByTestId('flow-row').count();
  const count = await page.getByTestId('flow-count').getAttribute('data-count').catch(() => null);
  console.log(`${label}: phase=${status} visibleRows=${rows} flowCount=${count}`);
};
await report('loaded');
await page.screenshot({ path: `${out}-table.png` });
if (rest.includes('--drawer')) {
  await page.getByTestId('flow-row').filter({ has: page.locator('.verdict--dropped') }).first().click();
  await page.getByTestId('flow-raw-json').waitFor({ timeout: 5000 }).catch(() => problems.push('raw json did not load'));
  await page.screenshot({ path: `${out}-drawer.png` });
  await page.keyboard.press('Escape');
  console.log('drawer open after Escape:', await page.getByTestId('flow-drawer').count());
}
if (ns) {
  await page.locator(`[data-testid="namespace-option"][data-namespace="${ns}"]`).check();
  await page.waitForTimeout(1500);
  const nss = await page.getByTestId('flow-row').evaluateAll((rows) => rows.map((r) => `${r.dataset.sourceNs}>${r.dataset.destinationNs}`));
  console.log(`after choosing ${ns}:`, [...new Set(nss)].join(' '), 'url', page.url());
  await report('filtered');
  await page.screenshot({ path: `${out}-ns.png` });
}
console.log('console problems:', problems.length ? problems : 'none');
await browser.close();
