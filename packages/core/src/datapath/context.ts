/**
 * What every badge reader gets: the two agent responses, the agent's version, and helpers to
 * record sources and to word "not reported" reasons consistently.
 */
import type { AgentStatusResponse } from '../agent/status.js';
import type { DaemonConfiguration } from '../agent/config.js';
import type { BadgeDetail, BadgeSource, BadgeState, DatapathBadge, DatapathBadgeId } from './types.js';

export interface AgentVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

/** `cilium.msg` reads like "1.15.0-rc.1 (v1.15.0-rc.1-f582c55c)"; older agents just say "OK". */
export function parseAgentVersion(msg: string | null | undefined): AgentVersion | null {
  if (msg == null) return null;
  const match = /^\s*v?(\d+)\.(\d+)\.(\d+)([-+][0-9A-Za-z.-]+)?/.exec(msg);
  if (match == null) return null;
  const [, major, minor, patch, suffix] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch),
    text: `${major}.${minor}.${patch}${suffix ?? ''}`,
  };
}

export interface DeriveContext {
  status: AgentStatusResponse;
  config: DaemonConfiguration | undefined;
  version: AgentVersion | null;
}

export function healthz(path: string, value: BadgeSource['value'] | undefined): BadgeSource {
  return { from: '/v1/healthz', path, value: value ?? null };
}

export function configSource(path: string, value: BadgeSource['value'] | undefined): BadgeSource {
  return { from: '/v1/config', path, value: value ?? null };
}

/**
 * Reason for a field the agent left out. `since` is the Cilium minor release that added the
 * field to /v1/healthz; the wording depends on whether this agent is older than that.
 */
export function notReported(ctx: DeriveContext, what: string, since: number | null, hint?: string): string {
  const v = ctx.version;
  let why: string;
  if (since == null) {
    why = v == null ? '' : ` (agent ${v.text})`;
  } else if (v == null) {
    why = ` (Cilium < 1.${since}? the agent did not report its version)`;
  } else if (v.major === 1 && v.minor < since) {
    why = ` (Cilium ${v.text} predates it; it was added in 1.${since})`;
  } else {
    why = ` (agent ${v.text}; Cilium 1.${since}+ normally reports it)`;
  }
  return `the agent did not report ${what}${why}${hint == null ? '' : `; ${hint}`}`;
}

export interface BadgeInit {
  value: string;
  state: Exclude<BadgeState, 'warn'>;
  sources?: BadgeSource[];
  details?: BadgeDetail[];
  notes?: string[];
  reasonUnknown?: string;
}

export function makeBadge(id: DatapathBadgeId, label: string, init: BadgeInit): DatapathBadge {
  const badge: DatapathBadge = {
    id,
    label,
    value: init.value,
    state: init.state,
    sources: init.sources ?? [],
    details: init.details ?? [],
    warnings: [],
    notes: init.notes ?? [],
  };
  if (init.reasonUnknown != null) badge.reasonUnknown = init.reasonUnknown;
  return badge;
}

export function unknownBadge(
  id: DatapathBadgeId,
  label: string,
  reasonUnknown: string,
  sources: BadgeSource[] = [],
): DatapathBadge {
  return makeBadge(id, label, { value: 'Unknown', state: 'unknown', reasonUnknown, sources });
}

/** A value outside the values Starmap knows: shown as sent, but marked unknown. */
export function unrecognisedBadge(
  id: DatapathBadgeId,
  label: string,
  raw: string,
  source: BadgeSource,
): DatapathBadge {
  return makeBadge(id, label, {
    value: raw,
    state: 'unknown',
    sources: [source],
    reasonUnknown: `'${raw}' at ${source.path} is not a value Starmap knows`,
  });
}

export function lower(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.toLowerCase();
}

export function enabledWord(enabled: boolean): string {
  return enabled ? 'Enabled' : 'Disabled';
}
