/**
 * GetFlowsRequest.field_mask: keep only the listed flow fields (`source.namespace`, `l4`, …),
 * as Hubble does. The first path segment is checked against flow.Flow's fields.
 */
import type { Flow } from '../flows/factory.js';

/** flow.Flow field names (api/v1/flow/flow.proto, Cilium 1.19). */
const FLOW_FIELDS = new Set([
  'time', 'uuid', 'emitter', 'verdict', 'drop_reason', 'auth_type', 'ethernet', 'IP', 'l4', 'tunnel', 'source',
  'destination', 'Type', 'node_name', 'node_labels', 'source_names', 'destination_names', 'l7', 'reply',
  'event_type', 'source_service', 'destination_service', 'traffic_direction', 'policy_match_type',
  'trace_observation_point', 'trace_reason', 'file', 'ip_trace_id', 'drop_reason_desc', 'is_reply',
  'debug_capture_point', 'interface', 'proxy_port', 'trace_context', 'sock_xlate_point', 'socket_cookie',
  'cgroup_id', 'Summary', 'extensions', 'egress_allowed_by', 'ingress_allowed_by', 'egress_denied_by',
  'ingress_denied_by', 'policy_log', 'aggregate',
]);

type MaskTree = { [key: string]: MaskTree | true };

export class FieldMaskError extends Error {
  override readonly name = 'FieldMaskError';
}

/** Parses mask paths into a tree; throws FieldMaskError for an unknown top-level field. */
export function compileFieldMask(paths: readonly string[] | null | undefined): MaskTree | null {
  if (!paths || paths.length === 0) return null;
  const tree: MaskTree = {};
  for (const path of paths) {
    const parts = path.split('.');
    if (parts.some((p) => p === '') || !FLOW_FIELDS.has(parts[0] as string)) {
      throw new FieldMaskError(`invalid field_mask path "${path}": not a field of flow.Flow`);
    }
    let node: MaskTree = tree;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = true;
        return;
      }
      const next = node[part];
      if (next === true) return;
      node = next ?? (node[part] = {});
    });
  }
  return tree;
}

function prune(value: unknown, mask: MaskTree): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(mask)) {
    if (!(key in src) || src[key] === undefined || src[key] === null) continue;
    out[key] = sub === true ? src[key] : prune(src[key], sub);
  }
  return out;
}

export function applyFieldMask(f: Flow, mask: MaskTree | null): Flow {
  return mask ? (prune(f, mask) as Flow) : f;
}
