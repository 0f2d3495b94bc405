// Recording format: pure line model (see format.ts for the format itself). I/O lives in @starmap/sim.
export {
  RECORDING_FORMAT,
  RECORDING_FORMAT_VERSION,
  RESPONSE_KEYS,
  SNAPSHOT_AGENT_PATHS,
  SNAPSHOT_KINDS,
  recordingEndSchema,
  recordingHeaderSchema,
  recordingSnapshotSchema,
  type RecordingEnd,
  type RecordingHeader,
  type RecordingSnapshot,
  type SnapshotKind,
} from './format.js';
export { decodeRecordingLine, type RecordingLine, type RecordingLineKind } from './decode.js';
export { encodeRecordingLine, encodeResponseLine, type RecordingLineInput } from './encode.js';
export { RecordingLineError } from './errors.js';
export { formatRecordingTime, msToNs, nsToMs, nsToTimestamp, parseRecordingTime, timestampToNs } from './time.js';
