/**
 * Playwright encodes `recordVideo` with an ffmpeg build it normally downloads next to its
 * browsers; machines without general internet access cannot fetch it. Debian's ffmpeg (libvpx
 * included) does the same job: install it when missing and allowed, and show it to Playwright
 * through a browsers folder of our own that holds only a link to it. Chromium itself is always
 * given by path, so that folder needs nothing else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SYSTEM_FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';

/** Installs Debian's ffmpeg if it is missing and we are root with apt; throws with what to do otherwise. */
export function ensureSystemFfmpeg() {
  if (existsSync(SYSTEM_FFMPEG)) return SYSTEM_FFMPEG;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`ffmpeg not found at ${SYSTEM_FFMPEG}: install it (Debian/Ubuntu: sudo apt-get install -y ffmpeg) or set FFMPEG_PATH`);
  }
  console.log('Installing ffmpeg from Debian packages for the demo video…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'ffmpeg'], { stdio: 'inherit', env });
  if (!existsSync(SYSTEM_FFMPEG)) throw new Error(`apt-get finished but ${SYSTEM_FFMPEG} is still missing`);
  return SYSTEM_FFMPEG;
}

/** The ffmpeg revision this Playwright looks for (from playwright-core's browsers.json). */
function playwrightFfmpegRevision() {
  const fromTest = createRequire(createRequire(import.meta.url).resolve('@playwright/test'));
  const fromPlaywright = createRequire(fromTest.resolve('playwright/package.json'));
  const browsers = JSON.parse(readFileSync(join(dirname(fromPlaywright.resolve('playwright-core/package.json')), 'browsers.json'), 'utf8'));
  const entry = browsers.browsers.find((b) => b.name === 'ffmpeg');
  if (!entry) throw new Error('playwright-core lists no ffmpeg build');
  return entry.revision;
}

/**
 * Sets PLAYWRIGHT_BROWSERS_PATH to a folder where Playwright finds `ffmpeg` as a link to the
 * system one, unless its own build is already installed. Call before importing Playwright.
 */
export function useSystemFfmpegForPlaywright() {
  const revision = playwrightFfmpegRevision();
  const own = join(process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(process.env.HOME ?? tmpdir(), '.cache', 'ms-playwright'), `ffmpeg-${revision}`, 'ffmpeg-linux');
  if (process.platform === 'linux' && existsSync(own)) return own;
  const ffmpeg = ensureSystemFfmpeg();
  const root = join(tmpdir(), 'starmap-playwright-ffmpeg');
  const dir = join(root, `ffmpeg-${revision}`);
  const link = join(dir, 'ffmpeg-linux');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(link)) symlinkSync(ffmpeg, link);
  process.env.PLAYWRIGHT_BROWSERS_PATH = root;
  return link;
}
