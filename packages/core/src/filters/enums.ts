import { dropReasonByName } from '../drops/catalogue.js';
import { FilterError } from './errors.js';

/** flow.Verdict values (api/v1/flow/flow.proto). */
export const Verdict = {
  VERDICT_UNKNOWN: 0,
  FORWARDED: 1,
  DROPPED: 2,
  ERROR: 3,
  AUDIT: 4,
  REDIRECTED: 5,
  TRACED: 6,
  TRANSLATED: 7,
} as const;

/** flow.TrafficDirection values. */
export const TrafficDirection = { TRAFFIC_DIRECTION_UNKNOWN: 0, INGRESS: 1, EGRESS: 2 } as const;

/** flow.IPVersion values. */
export const IPVersion = { IP_NOT_USED: 0, IPv4: 1, IPv6: 2 } as const;

/** Cilium monitor message type of L7 access-log events (the only type HTTP filters may combine with). */
export const MESSAGE_TYPE_ACCESS_LOG = 129;

/** Looks an enum name up; undefined when the name is unknown. */
export type EnumLookup = (name: string) => number | undefined;

function lookupIn(table: Readonly<Record<string, number>>): EnumLookup {
  return (name) => (Object.hasOwn(table, name) ? table[name] : undefined);
}

export const enumLookups = {
  verdict: lookupIn(Verdict),
  traffic_direction: lookupIn(TrafficDirection),
  ip_version: lookupIn(IPVersion),
  drop_reason_desc: (name: string) => {
    const info = dropReasonByName(name);
    return info === undefined ? undefined : info.code;
  },
} satisfies Record<string, EnumLookup>;

/** Turns a filter's enum value (number or upstream enum name) into its number, or throws. */
export function filterEnumValue(field: keyof typeof enumLookups, value: number | string): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
    throw new FilterError(field, value, 'enum values must be non-negative integers');
  }
  if (typeof value === 'string') {
    const byName = enumLookups[field](value);
    if (byName !== undefined) return byName;
    if (/^\d+$/.test(value)) return Number(value);
  }
  throw new FilterError(field, value, 'unknown enum name');
}

/** Reads an enum off a flow; unset means 0 as in proto3, an unknown name can match nothing. */
export function flowEnumValue(lookup: EnumLookup, value: number | string | null | undefined): number {
  if (value == null) return 0;
  if (typeof value === 'number') return value;
  return lookup(value) ?? -1;
}
