import { describe, expect, it } from 'vitest';
import type { Flow } from '@starmap/core';
import { ClientQueue } from './client-queue.js';

const f = (id: number) => ({ id: String(id) }) as Flow;

describe('ClientQueue', () => {
  it('hands out flows in order, in batches', () => {
    const q = new ClientQueue(10);
    for (let i = 0; i < 5; i++) q.push(f(i));
    expect(q.take(3).flows.map((x) => x.id)).toEqual(['0', '1', '2']);
    expect(q.take(3).flows.map((x) => x.id)).toEqual(['3', '4']);
    expect(q.length).toBe(0);
  });

  it('drops the oldest flows past its capacity and reports how many once', () => {
    const q = new ClientQueue(100);
    for (let i = 0; i < 10_250; i++) q.push(f(i));
    expect(q.length).toBe(100);
    const batch = q.take(1000);
    expect(batch.missed).toBe(10_150);
    expect(batch.flows[0]?.id).toBe('10150');
    expect(batch.flows.at(-1)?.id).toBe('10249');
    expect(q.take(10).missed).toBe(0);
  });
});
