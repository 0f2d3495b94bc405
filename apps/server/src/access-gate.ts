import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The optional access gate: a NodePort exposes the dashboard to the whole node network, so an
 * operator can require a bearer token or basic-auth users (both read from files mounted from a
 * Secret). Every route is gated except the probes and the login page.
 */
export interface AccessGate {
  /** True when the request carries valid credentials (header or session cookie). */
  allows(request: FastifyRequest): boolean;
  /** Session cookie value for a token typed into the login page, or null if the token is wrong. */
  sessionFor(token: string): string | null;
  readonly methods: ReadonlyArray<'bearer' | 'basic'>;
}

export const SESSION_COOKIE = 'starmap_session';

const digest = (text: string) => createHash('sha256').update(text).digest();

function sameSecret(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

interface BasicUser {
  /** sha256 of the password (stored or computed from a plain one). */
  passwordDigest: Buffer;
}

/** `user:password` or `user:sha256:<hex>` lines; `#` starts a comment. */
export function parseBasicAuthFile(text: string): Map<string, BasicUser> {
  const users = new Map<string, BasicUser>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`basic auth file line ${i + 1}: expected user:password`);
    const user = line.slice(0, colon);
    const rest = line.slice(colon + 1);
    if (!rest) throw new Error(`basic auth file line ${i + 1}: empty password for ${user}`);
    const hashed = /^sha256:([0-9a-f]{64})$/i.exec(rest);
    users.set(user, { passwordDigest: hashed ? Buffer.from(hashed[1]!, 'hex') : digest(rest) });
  });
  if (users.size === 0) throw new Error('basic auth file has no users');
  return users;
}

export function createAccessGate(options: { authTokenFile?: string; basicAuthFile?: string }): AccessGate | null {
  const token = options.authTokenFile ? readSecretFile(options.authTokenFile, 'auth token file').trim() : null;
  if (token !== null && token.length < 16) throw new Error('the auth token must be at least 16 characters long');
  const users = options.basicAuthFile ? parseBasicAuthFile(readSecretFile(options.basicAuthFile, 'basic auth file')) : null;
  if (token === null && users === null) return null;

  const tokenDigest = token === null ? null : digest(token);
  const session = token === null ? null : digest(`starmap-session:${token}`).toString('hex');
  const methods: Array<'bearer' | 'basic'> = [];
  if (token !== null) methods.push('bearer');
  if (users !== null) methods.push('basic');

  function headerAllows(header: string | undefined): boolean {
    if (!header) return false;
    const space = header.indexOf(' ');
    const scheme = header.slice(0, space).toLowerCase();
    const value = header.slice(space + 1).trim();
    if (scheme === 'bearer' && tokenDigest) return sameSecret(digest(value), tokenDigest);
    if (scheme === 'basic' && users) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return false;
      const user = users.get(decoded.slice(0, colon));
      // Compare against a dummy when the user is unknown, so timing does not reveal user names.
      const expected = user?.passwordDigest ?? digest('\u0000no-such-user');
      return sameSecret(digest(decoded.slice(colon + 1)), expected) && user !== undefined;
    }
    return false;
  }

  return {
    methods,
    allows(request) {
      if (headerAllows(request.headers.authorization)) return true;
      const cookie = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
      return session !== null && cookie !== undefined && sameSecret(Buffer.from(cookie), Buffer.from(session));
    },
    sessionFor(candidate) {
      if (!tokenDigest || !session) return null;
      return sameSecret(digest(candidate.trim()), tokenDigest) ? session : null;
    },
  };
}

const LOGIN_PAGE = (basePath: string, error: string | null) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Starmap · sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px system-ui,sans-serif;display:grid;place-items:center;height:100vh;margin:0;background:#f4f5f7;color:#1f2328}
form{background:#fff;padding:28px 32px;border:1px solid #d0d7de;border-radius:10px;min-width:320px}
h1{font-size:18px;margin:0 0 14px}label{display:block;margin-bottom:6px}
input{width:100%;box-sizing:border-box;padding:8px;font:inherit;border:1px solid #8c959f;border-radius:6px}
button{margin-top:14px;padding:8px 16px;font:inherit;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff}
p.error{color:#b42318}
</style></head><body>
<form method="post" action="${basePath}/login">
<h1>Starmap</h1>
${error ? `<p class="error" role="alert">${error}</p>` : ''}
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form></body></html>`;

/**
 * Installs the gate on every route of `app` (registered before any route). Probes stay open so
 * the kubelet can reach them; everything else needs credentials.
 */
export async function installAccessGate(app: FastifyInstance, gate: AccessGate, basePath: string, secureCookie: boolean): Promise<void> {
  const open = new Set([`${basePath}/healthz`, `${basePath}/readyz`, `${basePath}/login`]);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (open.has(path) || gate.allows(request)) return;
    const wantsPage = request.method === 'GET' && !path.startsWith(`${basePath}/api/`) && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && gate.methods.includes('bearer')) return reply.redirect(`${basePath}/login`, 303);
    if (gate.methods.includes('basic')) void reply.header('www-authenticate', 'Basic realm="Starmap", charset="UTF-8"');
    else void reply.header('www-authenticate', 'Bearer realm="Starmap"');
    return reply.code(401).send({ error: 'unauthorized', message: 'this Starmap requires credentials' });
  });

  app.get(`${basePath}/login`, async (_request, reply) => reply.type('text/html').send(LOGIN_PAGE(basePath, null)));
  app.post(`${basePath}/login`, async (request, reply) => {
    const body = request.body as { token?: unknown } | undefined;
    const session = typeof body?.token === 'string' ? gate.sessionFor(body.token) : null;
    if (!session) return reply.code(401).type('text/html').send(LOGIN_PAGE(basePath, 'That token is not valid.'));
    void reply.setCookie(SESSION_COOKIE, session, { httpOnly: true, sameSite: 'strict', secure: secureCookie, path: `${basePath}/` });
    return reply.redirect(`${basePath}/`, 303);
  });
}
