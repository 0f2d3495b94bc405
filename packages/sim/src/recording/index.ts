// Recording I/O: streaming writer and reader of the NDJSON recording format, and the replay feed.
export { RecordingError, type RecordingErrorCode } from './errors.js';
export { LineSplitter, type SplitLine } from './line-splitter.js';
export {
  DEFAULT_MAX_LINE_BYTES,
  readRecording,
  RecordingReader,
  type BadLine,
  type RecordingReaderOptions,
  type RecordingRecord,
  type RecordingSource,
  type RecordingStats,
} from './reader.js';
export { RecordingWriter, type RecordingCounts, type RecordingSummary, type RecordingWriterOptions } from './writer.js';
export {
  DEFAULT_MAX_FLOWS,
  MAX_SPEED,
  MIN_SPEED,
  RecordingFeed,
  type AgentSnapshotSet,
  type PlaybackPosition,
  type RecordingFeedOptions,
  type RecordingInfo,
  type SnapshotAt,
} from './replay-feed.js';
