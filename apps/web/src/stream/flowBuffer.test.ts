import { describe, expect, it } from 'vitest';
import type { Flow } from '@starmap/core';
import { makeFlow } from '../testing/flowFixture';
import { mergeNewestFirst } from './flowBuffer';

const at = (ts: number, id = `f${ts}`): Flow => makeFlow({ ts, id });
const ids = (flows: readonly Flow[]) => flows.map((f) => f.id);

describe('mergeNewestFirst', () => {
  it('puts a batch of newer flows on top, newest first', () => {
    const current = [at(20), at(10)];
    expect(ids(mergeNewestFirst(current, [at(30), at(40)], 10))).toEqual(['f40', 'f30', 'f20', 'f10']);
  });

  it('keeps only the newest `limit` flows', () => {
    const current = [at(3), at(2), at(1)];
    expect(ids(mergeNewestFirst(current, [at(5), at(4)], 3))).toEqual(['f5', 'f4', 'f3']);
    expect(ids(mergeNewestFirst([], [at(1), at(2), at(3), at(4)], 2))).toEqual(['f4', 'f3']);
  });

  it('interleaves an older batch (a backfill) by time', () => {
    const current = [at(40), at(20)];
    expect(ids(mergeNewestFirst(current, [at(30), at(10)], 10))).toEqual(['f40', 'f30', 'f20', 'f10']);
  });

  it('skips flows it already holds, as a backfill after a reconnect repeats them', () => {
    const current = [at(30), at(20), at(10)];
    const backfill = [at(20), at(30), at(35)];
    expect(ids(mergeNewestFirst(current, backfill, 10))).toEqual(['f35', 'f30', 'f20', 'f10']);
  });

  it('skips repeats within one batch', () => {
    expect(ids(mergeNewestFirst([], [at(5), at(5)], 10))).toEqual(['f5']);
  });

  it('returns the same list when a batch brings nothing new', () => {
    const current = [at(30), at(20)];
    expect(mergeNewestFirst(current, [at(20, 'f20')], 10)).toBe(current);
    expect(mergeNewestFirst(current, [], 10)).toBe(current);
  });

  it('keeps two distinct flows that share a timestamp', () => {
    const current = [at(10, 'a')];
    expect(ids(mergeNewestFirst(current, [at(10, 'b')], 10))).toEqual(['b', 'a']);
  });
});
