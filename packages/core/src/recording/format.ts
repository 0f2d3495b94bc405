/**
 * The recording format (newline-delimited JSON), version 1.
 *
 * - Flow lines are exactly `hubble observe -o jsonpb` lines: a GetFlowsResponse in protobuf's
 *   JSON mapping with proto field names. They carry no `type` key and are recognised by shape
 *   (`flow`, or the `node_status` / `lost_events` events a relay also sends).
 * - Every other line has a string `type`:
 *   - `header`   first line Starmap writes: format name and version, tool, creation time, the
 *                requested range and filters. Optional: a plain hubble file has none.
 *   - `snapshot` one agent or relay payload at a time: `of` says which (`healthz` = GET
 *                /v1/healthz, `config` = GET /v1/config, `services` = GET /v1/service,
 *                `cluster-nodes` = GET /v1/cluster/nodes, `relay-nodes` = the relay's GetNodes
 *                response in proto JSON), `node` which agent answered, `data` the body as sent.
 *   - `end`      last line of a recording closed cleanly: real flow time range and counts. The
 *                end time is unknown while writing, so it cannot go in the header; a recording cut
 *                short (crash, kill) simply has no end line and is still readable.
 * - A line with a `type` this version does not know is not an error: it is decoded as kind
 *   `unknown` (a newer writer may add kinds), so readers can skip it and say so.
 */
import { z } from 'zod';
import { parseRecordingTime } from './time.js';

export const RECORDING_FORMAT = 'starmap-recording';
export const RECORDING_FORMAT_VERSION = 1;

export const SNAPSHOT_KINDS = ['healthz', 'config', 'services', 'cluster-nodes', 'relay-nodes'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** Agent snapshot kinds with the agent API path (under /v1) they were read from. */
export const SNAPSHOT_AGENT_PATHS: Readonly<Record<Exclude<SnapshotKind, 'relay-nodes'>, string>> = {
  healthz: '/healthz',
  config: '/config',
  services: '/service',
  'cluster-nodes': '/cluster/nodes',
};

/** The GetFlowsResponse oneof members, by proto and JSON name, that make a line a response line. */
export const RESPONSE_KEYS = ['flow', 'node_status', 'nodeStatus', 'lost_events', 'lostEvents'] as const;

const rfc3339 = z.string().superRefine((value, ctx) => {
  try {
    parseRecordingTime(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not an RFC 3339 time: ${JSON.stringify(value.slice(0, 40))}` });
  }
});

const count = z.int().min(0);

/** FlowFilter objects in proto JSON, as GetFlowsRequest whitelist/blacklist carry them. */
const filterList = z.array(z.record(z.string(), z.unknown()));

export const recordingHeaderSchema = z.looseObject({
  type: z.literal('header'),
  format: z.literal(RECORDING_FORMAT),
  version: z.int().min(1),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  /** When writing began. */
  created: rfc3339,
  /** Where the flows came from, e.g. `relay 127.0.0.1:4245` or `simulator`. */
  source: z.string().optional(),
  /** The time window that was asked for (GetFlows since/until), if any. */
  range: z.looseObject({ since: rfc3339.optional(), until: rfc3339.optional() }).optional(),
  /** GetFlows whitelist/blacklist in proto JSON, if the recording was filtered. */
  filters: z.looseObject({ whitelist: filterList.optional(), blacklist: filterList.optional() }).optional(),
});
export type RecordingHeader = z.infer<typeof recordingHeaderSchema>;

export const recordingEndSchema = z.looseObject({
  type: z.literal('end'),
  /** When writing ended. */
  time: rfc3339,
  /** Times of the first and last flow written (absent when there were none). */
  range: z.looseObject({ first: rfc3339.optional(), last: rfc3339.optional() }),
  counts: z.looseObject({ flows: count, events: count, snapshots: count, lines: count }),
  /** Why recording stopped, e.g. `until reached`, `interrupted`. */
  reason: z.string().optional(),
});
export type RecordingEnd = z.infer<typeof recordingEndSchema>;

export const recordingSnapshotSchema = z.looseObject({
  type: z.literal('snapshot'),
  of: z.enum(SNAPSHOT_KINDS),
  time: rfc3339,
  /** The node whose agent answered (agent snapshots). */
  node: z.string().optional(),
  data: z.unknown(),
});
export type RecordingSnapshot = z.infer<typeof recordingSnapshotSchema>;
