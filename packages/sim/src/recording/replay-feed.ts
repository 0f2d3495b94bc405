/**
 * Replays a recording as a FlowFeed: flows come out at the recorded pace × speed, re-stamped to
 * the wall clock, with play/pause, speed, seek and loop; the agent snapshots current at the
 * playback position are available for the simulator's agent API.
 *
 * Flows are kept in memory (up to `maxFlows`, default 100 000; later ones are dropped with a
 * warning) instead of being re-streamed from the file: seek and loop are then instant and
 * exact, gzip needs no random access, and demo recordings are minutes long (a Hubble ring holds
 * 4095 flows per node; ten minutes at 150 flows/s is 90 000 flows). A decoded real flow takes
 * about 2.5 KB of heap, so the default bound is about 250 MB. Times sit in a BigInt64Array so
 * seeking is a binary search.
 */
import { msToNs, nsToMs, SNAPSHOT_KINDS, type RecordingEnd, type RecordingHeader, type RecordingLine, type SnapshotKind } from '@starmap/core';
import type { Flow } from '../flows/factory.js';
import { stampFlow } from '../flows/generator.js';
import type { FlowFeed, FlowSink } from '../feed.js';
import { RecordingError } from './errors.js';
import { RecordingReader, type RecordingReaderOptions, type RecordingSource, type RecordingStats } from './reader.js';

export const DEFAULT_MAX_FLOWS = 100_000;
export const MIN_SPEED = 0.5;
export const MAX_SPEED = 20;

export interface RecordingFeedOptions {
  /** Playback speed, 0.5–20 (default 1). */
  speed?: number;
  /** Start again from the beginning after the end (default false). */
  loop?: boolean;
  /** Recorded milliseconds of quiet between the end and the next loop (default 1000). */
  loopGapMs?: number;
  /** Play as soon as the simulator starts the feed (default true). */
  autoplay?: boolean;
  /** Flows kept in memory (default 100 000, about 250 MB); later flows are dropped with a warning. */
  maxFlows?: number;
  /** Timer period in ms (default 50). */
  tickMs?: number;
  /** Agent whose snapshots the agent API serves (default: the node of the first agent snapshot). */
  agentNode?: string;
  /** Wall clock in ms (tests pass a fake one). */
  nowMs?: () => number;
}

export interface RecordingInfo {
  header: RecordingHeader | null;
  /** The end line, or null when the recording was cut short (still replayable). */
  end: RecordingEnd | null;
  /** Reader statistics (bad lines with their numbers, unknown line types…), null if built from records. */
  stats: RecordingStats | null;
  /** Flows held for replay. */
  flows: number;
  /** Flows beyond maxFlows, not replayed. */
  droppedFlows: number;
  snapshots: number;
  /** Things a user should know (dropped flows, missing times, reordering). */
  warnings: string[];
}

export interface PlaybackPosition {
  /** Recorded time at the playback position, ms since the epoch. */
  recordedTime: number;
  /** First and last flow time (ms); snapshot times when there are no flows. */
  start: number;
  end: number;
  playing: boolean;
  speed: number;
  loop: boolean;
  /** Reached the end without looping; play() starts over. */
  ended: boolean;
  /** Index of the next flow to emit, and how many there are. */
  index: number;
  flows: number;
  /** Flows delivered since the feed started. */
  emitted: number;
  /** Completed loops. */
  loops: number;
}

/** Agent payloads of the recording at the playback position, by agent API route kind. */
export type AgentSnapshotSet = Partial<Record<Exclude<SnapshotKind, 'relay-nodes'>, unknown>>;

export interface SnapshotAt {
  of: SnapshotKind;
  data: unknown;
  node: string | null;
  /** Recorded time of the snapshot (ms). */
  time: number;
}

interface Snap {
  timeNs: bigint;
  node: string | null;
  data: unknown;
}

const AGENT_KINDS = SNAPSHOT_KINDS.filter((k): k is Exclude<SnapshotKind, 'relay-nodes'> => k !== 'relay-nodes');

function countFlows(n: number): string {
  return n === 1 ? '1 flow' : `${n} flows`;
}

function defaultNowMs(): number {
  return performance.timeOrigin + performance.now();
}

function validSpeed(speed: number): number {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new RecordingError('usage', `speed must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${String(speed)}`);
  }
  return speed;
}

/** First index whose time is >= t. */
function lowerBound(times: BigInt64Array, t: bigint): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as bigint) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RecordingFeed implements FlowFeed {
  readonly info: RecordingInfo;
  private readonly times: BigInt64Array;
  private readonly flows: Flow[];
  private readonly snaps = new Map<SnapshotKind, Snap[]>();
  private readonly agentNode: string | null;
  private readonly startNs: bigint;
  private readonly endNs: bigint;
  private readonly gapNs: bigint;
  private readonly tickMs: number;
  private readonly autoplay: boolean;
  private readonly nowMs: () => number;

  private sink: FlowSink | null = null;
  private timer: NodeJS.Timeout | null = null;
  private playing = false;
  private ended = false;
  private speed: number;
  private looping: boolean;
  private anchorRecNs: bigint;
  private anchorWallMs = 0;
  private cursor = 0;
  private lastStampNs = 0n;
  private emitted = 0;
  private loops = 0;

  private constructor(
    lines: Iterable<RecordingLine>,
    opts: RecordingFeedOptions,
    meta: { header: RecordingHeader | null; end: RecordingEnd | null; stats: RecordingStats | null; dropped?: number },
  ) {
    this.speed = validSpeed(opts.speed ?? 1);
    this.looping = opts.loop ?? false;
    const gapMs = opts.loopGapMs ?? 1000;
    if (!Number.isFinite(gapMs) || gapMs < 0) throw new RecordingError('usage', `loopGapMs must be a non-negative number, got ${gapMs}`);
    this.gapNs = msToNs(gapMs);
    const maxFlows = opts.maxFlows ?? DEFAULT_MAX_FLOWS;
    if (!Number.isInteger(maxFlows) || maxFlows < 1) throw new RecordingError('usage', `maxFlows must be a positive integer, got ${maxFlows}`);
    this.tickMs = opts.tickMs ?? 50;
    this.autoplay = opts.autoplay ?? true;
    this.nowMs = opts.nowMs ?? defaultNowMs;

    const warnings: string[] = [];
    const flows: { timeNs: bigint | null; flow: Flow }[] = [];
    let dropped = meta.dropped ?? 0;
    let snapshots = 0;
    let header = meta.header;
    let end = meta.end;
    for (const line of lines) {
      if (line.kind === 'flow') {
        if (flows.length >= maxFlows) {
          dropped++;
          continue;
        }
        const f = line.response.flow as Flow;
        // Hubble sets node_name on both; a hand-made file may have it only on the response.
        const flow = f.node_name || !line.response.node_name ? f : { ...f, node_name: line.response.node_name };
        flows.push({ timeNs: line.timeNs, flow });
      } else if (line.kind === 'snapshot') {
        snapshots++;
        const s = line.snapshot;
        let list = this.snaps.get(s.of);
        if (!list) this.snaps.set(s.of, (list = []));
        list.push({ timeNs: line.timeNs, node: s.node ?? null, data: s.data });
      } else if (line.kind === 'header') {
        header ??= line.header;
      } else if (line.kind === 'end') {
        end = line.end;
      }
    }
    if (dropped > 0) warnings.push(`only the first ${countFlows(maxFlows)} are replayed; ${dropped} later ${dropped === 1 ? 'flow was' : 'flows were'} dropped (raise maxFlows to keep them)`);

    // A flow without a time goes right after the flow before it.
    let untimed = 0;
    let previous: bigint | null = null;
    for (const f of flows) {
      if (f.timeNs === null) untimed++;
      else previous = f.timeNs;
      f.timeNs ??= previous;
    }
    const firstTimed = flows.find((f) => f.timeNs !== null)?.timeNs ?? null;
    for (const f of flows) f.timeNs ??= firstTimed ?? 0n;
    if (untimed > 0) warnings.push(`${countFlows(untimed)} without a time; each is replayed right after the flow before it`);
    let outOfOrder = 0;
    for (let i = 1; i < flows.length; i++) if ((flows[i]?.timeNs as bigint) < (flows[i - 1]?.timeNs as bigint)) outOfOrder++;
    if (outOfOrder > 0) {
      flows.sort((a, b) => ((a.timeNs as bigint) < (b.timeNs as bigint) ? -1 : (a.timeNs as bigint) > (b.timeNs as bigint) ? 1 : 0));
      warnings.push(`${countFlows(outOfOrder)} out of time order; replay plays them sorted by time`);
    }
    this.times = BigInt64Array.from(flows, (f) => f.timeNs as bigint);
    this.flows = flows.map((f) => f.flow);

    for (const list of this.snaps.values()) list.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
    this.agentNode = opts.agentNode ?? this.firstAgentNode();

    if (this.flows.length > 0) {
      this.startNs = this.times[0] as bigint;
      this.endNs = this.times[this.times.length - 1] as bigint;
    } else {
      const snapTimes = [...this.snaps.values()].flat().map((s) => s.timeNs);
      if (snapTimes.length === 0) throw new RecordingError('usage', 'the recording has no flows and no snapshots: nothing to replay');
      this.startNs = snapTimes.reduce((a, b) => (b < a ? b : a));
      this.endNs = snapTimes.reduce((a, b) => (b > a ? b : a));
    }
    this.anchorRecNs = this.startNs;
    this.info = { header, end, stats: meta.stats, flows: this.flows.length, droppedFlows: dropped, snapshots, warnings };
  }

  /** Reads a recording (file path, buffer or stream) and prepares it for replay. */
  static async load(source: RecordingSource, opts: RecordingFeedOptions & RecordingReaderOptions = {}): Promise<RecordingFeed> {
    const reader = new RecordingReader(source, opts);
    const maxFlows = opts.maxFlows ?? DEFAULT_MAX_FLOWS;
    if (!Number.isInteger(maxFlows) || maxFlows < 1) throw new RecordingError('usage', `maxFlows must be a positive integer, got ${maxFlows}`);
    const lines: RecordingLine[] = [];
    let flows = 0;
    let dropped = 0;
    for await (const r of reader) {
      if (r.kind === 'snapshot') lines.push(r);
      else if (r.kind !== 'flow') continue;
      // Count flows past the bound but do not hold them while loading.
      else if (flows < maxFlows) {
        flows++;
        lines.push(r);
      } else dropped++;
    }
    return new RecordingFeed(lines, opts, { header: reader.header, end: reader.end, stats: reader.stats, dropped });
  }

  /** A feed over already decoded lines (tests, or a recording held elsewhere). */
  static fromLines(lines: Iterable<RecordingLine>, opts: RecordingFeedOptions = {}): RecordingFeed {
    return new RecordingFeed(lines, opts, { header: null, end: null, stats: null });
  }

  // FlowFeed

  get paused(): boolean {
    return !this.playing;
  }

  start(sink: FlowSink): void {
    if (this.sink) throw new RecordingError('usage', 'feed already started');
    this.sink = sink;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    if (this.autoplay) this.play();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sink = null;
    this.freeze();
  }

  pause(): void {
    this.tick();
    this.freeze();
  }

  resume(): void {
    this.play();
  }

  // Timeline

  /** Plays from the current position; at the end (not looping) starts over. */
  play(): void {
    if (this.playing) return;
    if (this.ended || (this.cursor >= this.flows.length && !this.looping && this.flows.length > 0)) this.moveTo(this.startNs);
    this.ended = false;
    this.anchorWallMs = this.nowMs();
    this.playing = true;
  }

  setSpeed(speed: number): void {
    validSpeed(speed);
    this.tick();
    this.anchorRecNs = this.recordedNs();
    this.anchorWallMs = this.nowMs();
    this.speed = speed;
  }

  /** Jumps to a recorded time (ms since the epoch), clamped to the recording; keeps playing or paused. */
  seek(recordedTimeMs: number): void {
    if (typeof recordedTimeMs !== 'number' || !Number.isFinite(recordedTimeMs)) {
      throw new RecordingError('usage', `seek needs a time in ms since the epoch, got ${String(recordedTimeMs)}`);
    }
    let t = msToNs(recordedTimeMs);
    if (t < this.startNs) t = this.startNs;
    if (t > this.endNs) t = this.endNs;
    this.moveTo(t);
    this.ended = false;
  }

  setLoop(loop: boolean): void {
    this.looping = loop;
  }

  get loop(): boolean {
    return this.looping;
  }

  position(): PlaybackPosition {
    let rec = this.recordedNs();
    if (rec < this.startNs) rec = this.startNs;
    if (rec > this.endNs) rec = this.endNs;
    return {
      recordedTime: nsToMs(rec),
      start: nsToMs(this.startNs),
      end: nsToMs(this.endNs),
      playing: this.playing,
      speed: this.speed,
      loop: this.looping,
      ended: this.ended,
      index: this.cursor,
      flows: this.flows.length,
      emitted: this.emitted,
      loops: this.loops,
    };
  }

  /** Emits every flow due by now (the timer calls it; tests call it with a fake clock). */
  tick(): void {
    if (!this.sink || !this.playing) return;
    const now = this.nowMs();
    const n = this.flows.length;
    for (let wraps = 0; ; ) {
      const target = this.recordedNs(now);
      while (this.cursor < n && (this.times[this.cursor] as bigint) <= target) {
        this.emit(this.cursor++);
        if (!this.sink) return; // the sink stopped the feed
      }
      if (this.cursor < n) return;
      if (!this.looping) {
        if (target >= this.endNs) {
          this.anchorRecNs = this.endNs;
          this.anchorWallMs = now;
          this.playing = false;
          this.ended = true;
        }
        return;
      }
      const wrapAt = this.endNs + this.gapNs;
      if (target < wrapAt || n === 0) return;
      // Start over where the loop would have, in wall time. A second wrap in one tick (a cycle
      // shorter than a tick) starts over from now and plays on the next tick, so a tick always ends.
      wraps++;
      this.anchorWallMs = wraps === 1 ? this.anchorWallMs + Number(wrapAt - this.anchorRecNs) / 1e6 / this.speed : now;
      this.anchorRecNs = this.startNs;
      this.cursor = 0;
      this.loops++;
      if (wraps > 1) return;
    }
  }

  // Snapshots

  /** The snapshot of a kind current at a recorded time (default: the playback position). */
  snapshotAt(of: SnapshotKind, recordedTimeMs?: number): SnapshotAt | null {
    const at = recordedTimeMs === undefined ? this.recordedNs() : msToNs(recordedTimeMs);
    const list = (this.snaps.get(of) ?? []).filter((s) => of === 'relay-nodes' || this.agentNode === null || s.node === null || s.node === this.agentNode);
    if (list.length === 0) return null;
    // The latest one at or before the position; before the first, the first (better than none).
    let pick = list[0] as Snap;
    for (const s of list) {
      if (s.timeNs > at) break;
      pick = s;
    }
    return { of, data: pick.data, node: pick.node, time: nsToMs(pick.timeNs) };
  }

  /** Agent payloads at the playback position; kinds the recording lacks are absent. */
  agentSnapshots(): AgentSnapshotSet {
    const out: AgentSnapshotSet = {};
    for (const kind of AGENT_KINDS) {
      const s = this.snapshotAt(kind);
      if (s) out[kind] = s.data;
    }
    return out;
  }

  /** The node whose agent snapshots are served (null when the recording has none). */
  get snapshotNode(): string | null {
    return this.agentNode;
  }

  // Internals

  /** Recorded time at wall time `now`. */
  private recordedNs(now = this.nowMs()): bigint {
    if (!this.playing) return this.anchorRecNs;
    return this.anchorRecNs + BigInt(Math.round((now - this.anchorWallMs) * this.speed * 1e6));
  }

  private freeze(): void {
    if (!this.playing) return;
    this.anchorRecNs = this.recordedNs();
    this.playing = false;
  }

  private moveTo(t: bigint): void {
    this.anchorRecNs = t;
    this.anchorWallMs = this.nowMs();
    this.cursor = lowerBound(this.times, t);
  }

  private emit(i: number): void {
    const recNs = this.times[i] as bigint;
    // Wall time at which the recorded instant plays; never before the previous flow's stamp.
    let stamp = BigInt(Math.round(this.anchorWallMs * 1e6)) + BigInt(Math.round(Number(recNs - this.anchorRecNs) / this.speed));
    if (stamp < this.lastStampNs) stamp = this.lastStampNs;
    this.lastStampNs = stamp;
    this.emitted++;
    // A copy: the same recorded flow is emitted again after a seek or loop, and the store keeps it.
    this.sink?.(stampFlow({ ...(this.flows[i] as Flow) }, stamp));
  }

  private firstAgentNode(): string | null {
    let first: Snap | null = null;
    for (const kind of AGENT_KINDS) {
      for (const s of this.snaps.get(kind) ?? []) if (s.node !== null && (first === null || s.timeNs < first.timeNs)) first = s;
    }
    return first?.node ?? null;
  }
}
