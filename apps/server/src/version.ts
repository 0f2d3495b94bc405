import { readFileSync } from 'node:fs';

/** The version in apps/server/package.json, read once at start. */
export const STARMAP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
