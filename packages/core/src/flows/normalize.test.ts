import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getFlowsResponseFromJson, type flow } from '@starmap/proto';
import { normalizeFlow } from './normalize.js';

const REAL_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/real-data');

function realLines(folder: string): Record<string, any>[] {
  const dir = join(REAL_DATA, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
}

const toFlow = (line: Record<string, any>) => getFlowsResponseFromJson(line).flow as flow.IFlow;

describe('normalizeFlow on real Hubble flows', () => {
  const lines = [...realLines('hubble-flows'), ...realLines('hubble-flows-modern')].filter((l) => l.flow);

  it('normalizes every real flow without throwing, keeping verdict, time, node and endpoints', () => {
    expect(lines.length).toBeGreaterThan(1400);
    for (const line of lines) {
      const f = normalizeFlow(toFlow(line));
      const raw = line.flow;
      expect(f.verdict).toBe(raw.verdict ?? 'VERDICT_UNKNOWN');
      expect(f.time).toBe(raw.time);
      expect(f.nodeName).toBe(raw.node_name ?? '');
      expect(f.source.namespace).toBe(raw.source?.namespace ?? '');
      expect(f.destination.podName).toBe(raw.destination?.pod_name ?? '');
      expect(f.source.ip).toBe(raw.IP?.source ?? '');
      const l4 = raw.l4 ?? {};
      const proto = Object.keys(l4)[0] ?? '';
      expect(f.protocol).toBe(proto);
      if (proto === 'TCP' || proto === 'UDP') expect(f.destination.port).toBe(l4[proto].destination_port ?? 0);
      expect(f.id.length).toBeGreaterThan(0);
    }
  });

  it('reads drop reasons by name and L7 DNS details', () => {
    const dropped = lines.filter((l) => l.flow.verdict === 'DROPPED').map((l) => normalizeFlow(toFlow(l)));
    expect(dropped.map((f) => f.dropReasonName).sort()).toEqual(['INVALID_SOURCE_IP', 'POLICY_DENIED']);
    expect(dropped.find((f) => f.dropReasonName === 'POLICY_DENIED')?.dropReason).toBe(133);
    expect(dropped.find((f) => f.ipVersion === 6)?.protocol).toBe('ICMPv6');

    const dnsLine = lines.find((l) => l.flow.l7?.dns?.query);
    const dns = normalizeFlow(toFlow(dnsLine!));
    expect(dns.type).toBe('L7');
    expect(dns.l7?.dns?.query).toBe(dnsLine!.flow.l7.dns.query);
  });

  it('names workloads and reserved identities the way operators think of them', () => {
    const apiserver = lines.find((l) => (l.flow.source?.labels ?? []).includes('reserved:kube-apiserver'));
    const f = normalizeFlow(toFlow(apiserver!));
    expect(f.source.workload).toBe('kube-apiserver');
    expect(f.source.reserved[0]).toBe('kube-apiserver');
    expect(f.destination.workload).toBe('csi-cbs-controller');
    expect(f.destination.workloadKind).toBe('Deployment');
    expect(f.isReply).toBe(true);
    expect(f.trafficDirection).toBe('EGRESS');
    expect(f.observationPoint).toBe('TO_ENDPOINT');

    const reviews = lines.find((l) => l.flow.source?.pod_name?.startsWith('reviews-v1-'));
    expect(normalizeFlow(toFlow(reviews!)).source.workload).toBe('reviews');
  });

  it('derives a drop reason from the event sub type when only that is given', () => {
    const f = normalizeFlow({ verdict: 2, event_type: { type: 1, sub_type: 181 } } as flow.IFlow);
    expect(f.dropReason).toBe(181);
    expect(f.dropReasonName).toMatch(/^[A-Z_]+$/);
  });

  it('keeps an unknown drop reason number visible instead of failing', () => {
    const f = normalizeFlow({ verdict: 2, drop_reason_desc: 250 } as flow.IFlow);
    expect(f.dropReason).toBe(250);
    expect(f.dropReasonName).toBe('DROP_REASON_250');
  });
});
