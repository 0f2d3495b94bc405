import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { FilterError, type ApiError } from '@starmap/core';
import type { FlowQuery } from '../sources/flow-query.js';

/** A Kubernetes namespace name (RFC 1123 label). */
export const NamespaceName = z
  .string()
  .max(63, 'a namespace name has at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'not a valid Kubernetes namespace name');

/** `?namespace=a&namespace=b` or `?namespace=a,b`; empty means all namespaces. */
export const NamespaceList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)))
  .pipe(z.array(NamespaceName).max(100, 'at most 100 namespaces'));

export function sendBadRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.join('.') : 'request';
  const body: ApiError = {
    error: 'bad_request',
    message: `${where}: ${first?.message ?? 'invalid'}`,
    details: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
  return reply.code(400).send(body);
}

const DURATION = /^(\d{1,7})(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `?window=5m` (also `300s`, `1h`, or milliseconds), bounded to what a map can hold. */
export function durationMs(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(DURATION, 'expected a duration such as 30s, 5m or 1h')
    .transform((v) => {
      const [, n, unit] = DURATION.exec(v)!;
      return Number(n) * UNIT_MS[unit ?? 'ms']!;
    })
    .pipe(z.number().min(min, `must be at least ${min / 1000} s`).max(max, `must be at most ${max / 60_000} min`));
}

/** Hubble-CLI filter text, e.g. `--verdict DROPPED --to-port 443`. */
export const FilterText = z.string().max(4_096, 'a filter has at most 4096 characters').optional();

/** Builds the query, or answers 400 naming the flag that is wrong. */
export function queryOrBadRequest(reply: FastifyReply, build: () => FlowQuery): FlowQuery | null {
  try {
    return build();
  } catch (err) {
    if (err instanceof FilterError) {
      void reply.code(400).send({ error: 'bad_request', message: `filter: ${err.message}` } satisfies ApiError);
      return null;
    }
    throw err;
  }
}
