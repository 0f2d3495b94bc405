import type { RecordingLine } from '@starmap/core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flows/factory.js';
import { timeNsOf } from '../observer/store.js';
import { RecordingError, RecordingFeed, type RecordingFeedOptions } from './index.js';
import { realFlowFiles } from './test-support.js';

const T0 = Date.UTC(2024, 4, 1, 10); // recorded start, ms
const WALL = 5_000_000; // fake wall clock start, ms
const ms = (n: number) => BigInt(n) * 1_000_000n;

function flowLine(offsetMs: number, name: string): RecordingLine {
  const t = { seconds: Math.floor((T0 + offsetMs) / 1000), nanos: ((T0 + offsetMs) % 1000) * 1e6 };
  return { kind: 'flow', response: { flow: { time: t, node_name: 'node-a', Summary: name }, node_name: 'node-a', time: t }, timeNs: ms(T0 + offsetMs) };
}

function snapLine(offsetMs: number, of: 'healthz' | 'services', data: unknown, node = 'node-a'): RecordingLine {
  return { kind: 'snapshot', snapshot: { type: 'snapshot', of, time: new Date(T0 + offsetMs).toISOString(), node, data }, timeNs: ms(T0 + offsetMs) };
}

/** Flows at 0, 100, 200, 1000 and 3000 ms. */
const offsets = [0, 100, 200, 1000, 3000];
const lines = offsets.map((o) => flowLine(o, `f${o}`));

function harness(opts: RecordingFeedOptions = {}, input: RecordingLine[] = lines) {
  let now = WALL;
  const out: Flow[] = [];
  const feed = RecordingFeed.fromLines(input, { nowMs: () => now, tickMs: 1_000_000, ...opts });
  feed.start((f) => out.push(f));
  const names = () => out.map((f) => f.Summary);
  const at = (wallOffsetMs: number) => {
    now = WALL + wallOffsetMs;
    feed.tick();
  };
  return { feed, out, names, at, stampMs: (i: number) => Number(timeNsOf(out[i] as Flow)) / 1e6 - WALL };
}

describe('RecordingFeed timeline', () => {
  it('plays at the recorded pace, re-stamped to the wall clock', () => {
    const h = harness();
    h.at(0);
    expect(h.names()).toEqual(['f0']);
    h.at(150);
    expect(h.names()).toEqual(['f0', 'f100']);
    h.at(999);
    expect(h.names()).toEqual(['f0', 'f100', 'f200']);
    h.at(1000);
    expect(h.names()).toEqual(['f0', 'f100', 'f200', 'f1000']);
    // Each flow is stamped with the wall time its recorded instant played at.
    expect([0, 1, 2, 3].map(h.stampMs)).toEqual([0, 100, 200, 1000]);
    expect(h.out[0]?.node_name).toBe('node-a');
    expect(h.feed.position()).toMatchObject({ recordedTime: T0 + 1000, start: T0, end: T0 + 3000, playing: true, speed: 1, index: 4, flows: 5 });
  });

  it('stops at the end without loop, and play() starts over', () => {
    const h = harness();
    h.at(5000);
    expect(h.names()).toHaveLength(5);
    expect(h.feed.position()).toMatchObject({ playing: false, ended: true, recordedTime: T0 + 3000 });
    expect(h.feed.paused).toBe(true);
    h.at(9000);
    expect(h.names()).toHaveLength(5);
    h.feed.play();
    h.at(9000);
    expect(h.names().slice(5)).toEqual(['f0']);
    expect(h.stampMs(5)).toBe(9000);
  });

  it('plays faster or slower with setSpeed and rejects speeds outside 0.5-20', () => {
    const h = harness({ speed: 2 });
    h.at(500); // 1000 recorded ms
    expect(h.names()).toEqual(['f0', 'f100', 'f200', 'f1000']);
    expect([1, 2, 3].map(h.stampMs)).toEqual([50, 100, 500]);
    h.feed.setSpeed(0.5);
    h.at(4500); // 4000 wall ms at 0.5x = 2000 recorded ms: position 3000
    expect(h.names()).toHaveLength(5);
    expect(h.stampMs(4)).toBe(4500);
    for (const bad of [0.4, 20.5, Number.NaN, Infinity]) expect(() => h.feed.setSpeed(bad)).toThrow(/speed must be between 0.5 and 20/);
    expect(() => RecordingFeed.fromLines(lines, { speed: 25 })).toThrow(RecordingError);
  });

  it('pauses: nothing plays and the position holds; resume goes on without skipping', () => {
    const h = harness();
    h.at(150);
    h.feed.pause();
    expect(h.feed.paused).toBe(true);
    h.at(10_000);
    expect(h.names()).toEqual(['f0', 'f100']);
    expect(h.feed.position().recordedTime).toBe(T0 + 150);
    h.feed.resume();
    h.at(10_049);
    expect(h.names()).toEqual(['f0', 'f100']);
    h.at(10_050);
    expect(h.names()).toEqual(['f0', 'f100', 'f200']);
    expect(h.stampMs(2)).toBe(10_050);
  });

  it('seeks forward and back, clamped to the recording, keeping play or pause', () => {
    const h = harness();
    h.at(0);
    h.feed.seek(T0 + 900);
    h.at(99);
    expect(h.names()).toEqual(['f0']);
    h.at(100);
    expect(h.names()).toEqual(['f0', 'f1000']);
    h.feed.seek(T0 - 60_000); // before the start: clamped
    expect(h.feed.position().recordedTime).toBe(T0);
    h.at(100);
    expect(h.names()).toEqual(['f0', 'f1000', 'f0']);
    // Re-emitted flows are fresh copies with later stamps; stamps never go back.
    expect(h.out[2]).not.toBe(h.out[0]);
    const stamps = h.out.map((f) => timeNsOf(f));
    expect([...stamps].sort((a, b) => (a < b ? -1 : 1))).toEqual(stamps);
    h.feed.pause();
    h.feed.seek(T0 + 3000);
    h.at(20_000);
    expect(h.names()).toHaveLength(3);
    expect(h.feed.position()).toMatchObject({ recordedTime: T0 + 3000, playing: false });
    expect(() => h.feed.seek(Number.NaN)).toThrow(/seek needs a time in ms/);
  });

  it('loops after a gap when loop is on', () => {
    const h = harness({ loop: true, loopGapMs: 1000 });
    h.at(3000);
    expect(h.names()).toHaveLength(5);
    h.at(3999);
    expect(h.names()).toHaveLength(5);
    h.at(4000); // end (3000) + gap (1000): the start plays again
    expect(h.names().slice(5)).toEqual(['f0']);
    expect(h.stampMs(5)).toBe(4000);
    h.at(4150);
    expect(h.names().slice(5)).toEqual(['f0', 'f100']);
    expect(h.feed.position()).toMatchObject({ loops: 1, loop: true, playing: true, recordedTime: T0 + 150 });
    h.feed.setLoop(false);
    h.at(20_000);
    expect(h.names()).toHaveLength(10);
    expect(h.feed.position()).toMatchObject({ ended: true, loops: 1 });
  });

  it('never spins on a recording shorter than a tick', () => {
    const h = harness({ loop: true, loopGapMs: 0 }, [flowLine(0, 'only')]);
    h.at(0);
    h.at(60_000);
    expect(h.names().length).toBeGreaterThan(1);
    expect(h.names().length).toBeLessThan(5);
  });

  it('delivers nothing after stop', () => {
    const h = harness();
    h.at(0);
    h.feed.stop();
    h.at(5000);
    expect(h.names()).toEqual(['f0']);
    expect(() => h.feed.start(() => {})).not.toThrow();
  });

  it('does not play before start, or when autoplay is off until play()', () => {
    const h = harness({ autoplay: false });
    h.at(5000);
    expect(h.names()).toEqual([]);
    h.feed.play();
    h.at(5100);
    expect(h.names()).toEqual(['f0', 'f100']);
  });

  it('sorts out-of-order flows, drops flows beyond maxFlows and says so', () => {
    const shuffled = [lines[2], lines[0], lines[1], lines[4], lines[3]] as RecordingLine[];
    const h = harness({ maxFlows: 4 }, shuffled);
    h.at(10_000);
    // The first 4 flows of the file are kept (f1000 came last), then played in time order.
    expect(h.names()).toEqual(['f0', 'f100', 'f200', 'f3000']);
    expect(h.feed.info.droppedFlows).toBe(1);
    expect(h.feed.info.warnings).toEqual([
      'only the first 4 flows are replayed; 1 later flow was dropped (raise maxFlows to keep them)',
      '1 flow out of time order; replay plays them sorted by time',
    ]);
  });

  it('places flows without a time after the flow before them, and takes node_name from the response', () => {
    const untimed: RecordingLine = { kind: 'flow', response: { flow: { Summary: 'untimed' }, node_name: 'node-z' }, timeNs: null };
    const h = harness({}, [lines[0] as RecordingLine, untimed, lines[1] as RecordingLine]);
    h.at(0);
    expect(h.names()).toEqual(['f0', 'untimed']);
    expect(h.out[1]?.node_name).toBe('node-z');
    expect(h.feed.info.warnings).toEqual(['1 flow without a time; each is replayed right after the flow before it']);
  });

  it('refuses a recording with nothing to replay', () => {
    expect(() => RecordingFeed.fromLines([])).toThrow('the recording has no flows and no snapshots: nothing to replay');
  });
});

describe('RecordingFeed snapshots', () => {
  const withSnaps = [
    snapLine(-500, 'healthz', { v: 'before-start' }),
    ...lines,
    snapLine(1500, 'healthz', { v: 'later' }),
    snapLine(1200, 'services', [{ id: 1 }]),
    snapLine(0, 'healthz', { v: 'other-node' }, 'node-b'),
  ];

  it('serves the snapshot current at the playback position, for one agent', () => {
    const h = harness({}, withSnaps);
    expect(h.feed.snapshotNode).toBe('node-a');
    h.at(0);
    expect(h.feed.agentSnapshots()).toEqual({ healthz: { v: 'before-start' }, services: [{ id: 1 }] }); // services: earliest, none yet
    h.at(1600);
    expect(h.feed.agentSnapshots()).toEqual({ healthz: { v: 'later' }, services: [{ id: 1 }] });
    h.feed.seek(T0);
    expect(h.feed.snapshotAt('healthz')).toEqual({ of: 'healthz', data: { v: 'before-start' }, node: 'node-a', time: T0 - 500 });
    expect(h.feed.snapshotAt('config')).toBeNull();
    const b = harness({ agentNode: 'node-b' }, withSnaps);
    expect(b.feed.agentSnapshots()).toEqual({ healthz: { v: 'other-node' } });
  });
});

describe('RecordingFeed.load', () => {
  it('loads a real hubble file and spans its flow times', async () => {
    const file = realFlowFiles().find((f) => f.endsWith('basic-sample-10-flows.jsonl')) as string;
    const feed = await RecordingFeed.load(file);
    expect(feed.info).toMatchObject({ flows: 10, droppedFlows: 0, snapshots: 0, warnings: [], header: null, end: null });
    expect(feed.info.stats?.bad).toEqual([]);
    const p = feed.position();
    expect(new Date(p.start).toISOString()).toBe('2021-06-16T16:52:13.136Z');
    expect(new Date(p.end).toISOString()).toBe('2021-06-16T16:52:13.611Z');
    expect(feed.agentSnapshots()).toEqual({});

    const bounded = await RecordingFeed.load(file, { maxFlows: 3 });
    expect(bounded.info).toMatchObject({ flows: 3, droppedFlows: 7 });
    expect(bounded.info.warnings).toEqual(['only the first 3 flows are replayed; 7 later flows were dropped (raise maxFlows to keep them)']);
    await expect(RecordingFeed.load(file, { maxFlows: 0 })).rejects.toThrow('maxFlows must be a positive integer, got 0');
  });
});
