import type { z } from 'zod';

/** Outcome of reading an agent response: never throws, errors name where the payload is wrong. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** At most this many problems are listed; a badly wrong payload would otherwise give pages. */
const MAX_ISSUES = 5;

/**
 * Prints a path the way jq users read it: `$.kube-proxy-replacement.features.nodePort.enabled`,
 * `$[3].spec.frontend-address.port`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += `.${String(key)}`;
  }
  return out;
}

export function formatIssues(what: string, issues: z.ZodError['issues']): string {
  const shown = issues.slice(0, MAX_ISSUES).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  return `invalid ${what}: ${shown.join('; ')}${more}`;
}

/**
 * Accepts either the raw response body or an already-decoded value. A body that is not JSON is
 * reported as such rather than thrown.
 */
export function decodeBody(what: string, input: unknown): ParseResult<unknown> {
  if (typeof input !== 'string') return { ok: true, value: input };
  try {
    return { ok: true, value: JSON.parse(input) as unknown };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `invalid ${what}: body is not valid JSON (${reason})` };
  }
}

export function parseWith<T>(what: string, schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const decoded = decodeBody(what, input);
  if (!decoded.ok) return decoded;
  const result = schema.safeParse(decoded.value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: formatIssues(what, result.error.issues) };
}
