/** One line of text → one typed recording line, or a RecordingLineError saying what is wrong. */
import { fromProtoJson, getFlowsResponseFromJson, type observer } from '@starmap/proto';
import type { z } from 'zod';
import { formatIssues } from '../agent/result.js';
import { RecordingLineError } from './errors.js';
import {
  RECORDING_FORMAT,
  RECORDING_FORMAT_VERSION,
  RESPONSE_KEYS,
  recordingEndSchema,
  recordingHeaderSchema,
  recordingSnapshotSchema,
  type RecordingEnd,
  type RecordingHeader,
  type RecordingSnapshot,
} from './format.js';
import { parseRecordingTime, timestampToNs } from './time.js';

export type GetFlowsResponse = observer.GetFlowsResponse.$Properties;

export type RecordingLine =
  | { kind: 'header'; header: RecordingHeader }
  | { kind: 'end'; end: RecordingEnd }
  /** A GetFlowsResponse carrying a flow. `timeNs` is the response time, else the flow's, else null. */
  | { kind: 'flow'; response: GetFlowsResponse; timeNs: bigint | null }
  /** A GetFlowsResponse carrying node_status or lost_events. */
  | { kind: 'event'; response: GetFlowsResponse; timeNs: bigint | null }
  | { kind: 'snapshot'; snapshot: RecordingSnapshot; timeNs: bigint }
  /** A well-formed line of a type this version does not know (kept, not an error). */
  | { kind: 'unknown'; type: string; json: Record<string, unknown> };

export type RecordingLineKind = RecordingLine['kind'];

const MAX_SHOWN_TEXT = 60;

function preview(text: string): string {
  const t = text.length > MAX_SHOWN_TEXT ? `${text.slice(0, MAX_SHOWN_TEXT)}…` : text;
  return JSON.stringify(t);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function check<T>(what: string, schema: z.ZodType<T>, json: unknown): T {
  const result = schema.safeParse(json);
  if (!result.success) throw new RecordingLineError(formatIssues(what, result.error.issues));
  return result.data;
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function decodeResponse(json: Record<string, unknown>): RecordingLine {
  let response: GetFlowsResponse;
  try {
    response = getFlowsResponseFromJson(json);
  } catch (err) {
    // protojson names the field; anything else thrown here is still this line's fault.
    throw new RecordingLineError(`invalid GetFlowsResponse: ${describeError(err)}`);
  }
  const timeNs = timestampToNs(response.time) ?? timestampToNs(response.flow?.time);
  if (response.flow) return { kind: 'flow', response, timeNs };
  if (response.node_status || response.lost_events) return { kind: 'event', response, timeNs };
  throw new RecordingLineError('invalid GetFlowsResponse: flow, node_status and lost_events are all empty');
}

function decodeHeader(json: Record<string, unknown>): RecordingLine {
  if (json['format'] !== RECORDING_FORMAT) {
    throw new RecordingLineError(`header is not a Starmap recording header: format is ${JSON.stringify(json['format'])}, want "${RECORDING_FORMAT}"`);
  }
  const version = json['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > RECORDING_FORMAT_VERSION) {
    throw new RecordingLineError(`recording format version ${version} is newer than this Starmap reads (${RECORDING_FORMAT_VERSION}); upgrade Starmap`);
  }
  return { kind: 'header', header: check('header line', recordingHeaderSchema, json) };
}

function decodeSnapshot(json: Record<string, unknown>): RecordingLine {
  if (json['data'] === undefined) throw new RecordingLineError('invalid snapshot line: $.data: missing');
  const snapshot = check('snapshot line', recordingSnapshotSchema, json);
  const data = snapshot.data;
  if (snapshot.of === 'services') {
    if (!Array.isArray(data)) throw new RecordingLineError('invalid snapshot line: $.data: a services snapshot must be an array (GET /v1/service)');
  } else if (!isObject(data)) {
    throw new RecordingLineError(`invalid snapshot line: $.data: a ${snapshot.of} snapshot must be an object`);
  }
  if (snapshot.of === 'relay-nodes') {
    try {
      fromProtoJson('observer.GetNodesResponse', data);
    } catch (err) {
      throw new RecordingLineError(`invalid snapshot line: $.data is not a GetNodesResponse: ${describeError(err)}`);
    }
  }
  return { kind: 'snapshot', snapshot, timeNs: parseRecordingTime(snapshot.time) };
}

/**
 * Decodes one line (without its newline). Throws RecordingLineError, and nothing else, for any
 * input that is not a recording line. Blank lines are the caller's business (readers skip them).
 */
export function decodeRecordingLine(text: string): RecordingLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RecordingLineError(`not JSON (${describeError(err)}): ${preview(text)}`);
  }
  if (!isObject(json)) {
    const got = Array.isArray(json) ? 'an array' : json === null ? 'null' : `a ${typeof json}`;
    throw new RecordingLineError(`a line must be a JSON object, got ${got}`);
  }
  const type = json['type'];
  if (type === undefined) {
    if (RESPONSE_KEYS.some((k) => k in json)) return decodeResponse(json);
    const keys = Object.keys(json).slice(0, 5).join(', ');
    throw new RecordingLineError(
      `not a recording line: no "type" and no flow, node_status or lost_events (keys: ${keys || 'none'}); flow lines are GetFlowsResponse objects as \`hubble observe -o jsonpb\` prints them`,
    );
  }
  if (typeof type !== 'string') throw new RecordingLineError(`"type" must be a string, got ${JSON.stringify(type)}`);
  switch (type) {
    case 'header':
      return decodeHeader(json);
    case 'end':
      return { kind: 'end', end: check('end line', recordingEndSchema, json) };
    case 'snapshot':
      return decodeSnapshot(json);
    default:
      return { kind: 'unknown', type, json };
  }
}
