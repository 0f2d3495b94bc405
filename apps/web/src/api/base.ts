/**
 * Where the API lives. The app is built with relative asset URLs, so it can be mounted under
 * any path prefix; the API and the socket sit beside index.html under that same prefix.
 */

/** The directory the app was served from, e.g. `https://host/starmap/`. */
export function appBaseUrl(): URL {
  return new URL(import.meta.env.BASE_URL, document.baseURI);
}

export type QueryParams = Record<string, string | number | readonly (string | number)[] | undefined>;

/** `apiUrl(base, 'api/flows', { namespace: ['a', 'b'] })` → `<base>api/flows?namespace=a&namespace=b`. */
export function apiUrl(base: URL, path: string, params: QueryParams = {}): URL {
  // A leading slash would escape the path prefix.
  const url = new URL(path.replace(/^\/+/, ''), base);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) url.searchParams.append(key, String(v));
  }
  return url;
}

/** The live stream socket: same host and prefix as the page, ws: or wss: to match http: or https:. */
export function streamUrl(base: URL): string {
  const url = apiUrl(base, 'api/stream');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
