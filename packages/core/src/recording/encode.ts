/** Typed recording line → one line of JSON text (no newline), validated like a reader would. */
import { getFlowsResponseToJson } from '@starmap/proto';
import type { GetFlowsResponse } from './decode.js';
import { decodeRecordingLine } from './decode.js';
import { RecordingLineError } from './errors.js';
import type { RecordingEnd, RecordingHeader, RecordingSnapshot } from './format.js';

export type RecordingLineInput =
  | { kind: 'header'; header: RecordingHeader }
  | { kind: 'end'; end: RecordingEnd }
  /** Any GetFlowsResponse (flow, node_status or lost_events). */
  | { kind: 'response'; response: GetFlowsResponse }
  | { kind: 'snapshot'; snapshot: RecordingSnapshot };

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    throw new RecordingLineError(`cannot write line as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A GetFlowsResponse as `hubble observe -o jsonpb` prints it. */
export function encodeResponseLine(response: GetFlowsResponse): string {
  let json: unknown;
  try {
    json = getFlowsResponseToJson(response);
  } catch (err) {
    throw new RecordingLineError(`cannot write GetFlowsResponse: ${err instanceof Error ? err.message : String(err)}`);
  }
  return stringify(json);
}

/**
 * Encodes one line. Typed lines are checked by decoding them again, so a writer can never produce
 * a line its own reader would reject.
 */
export function encodeRecordingLine(input: RecordingLineInput): string {
  if (input.kind === 'response') return encodeResponseLine(input.response);
  const value = input.kind === 'header' ? input.header : input.kind === 'end' ? input.end : input.snapshot;
  const text = stringify(value);
  if (text === undefined) throw new RecordingLineError(`cannot write ${input.kind} line: value is not JSON`);
  const decoded = decodeRecordingLine(text);
  if (decoded.kind !== input.kind) throw new RecordingLineError(`cannot write ${input.kind} line: its "type" says ${decoded.kind}`);
  return text;
}
