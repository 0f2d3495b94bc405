import type { Flow, FlowEndpoint } from '@starmap/core';

/** A pod endpoint; tests override only what they are about. */
export function makeEndpoint(overrides: Partial<FlowEndpoint> = {}): FlowEndpoint {
  return {
    identity: 12345,
    namespace: 'default',
    podName: 'client-6d4b9c7f5-x2x9q',
    workload: 'client',
    workloadKind: 'Deployment',
    labels: ['k8s:app=client'],
    reserved: [],
    clusterName: 'default',
    ip: '10.244.1.17',
    port: 43512,
    names: [],
    service: null,
    ...overrides,
  };
}

/** A forwarded TCP SYN from default/client to default/server:80, at 2024-05-01T10:20:30.123Z. */
export function makeFlow(overrides: Partial<Flow> = {}): Flow {
  const ts = overrides.ts ?? Date.UTC(2024, 4, 1, 10, 20, 30, 123);
  return {
    id: `flow-${ts}`,
    time: new Date(ts).toISOString(),
    ts,
    verdict: 'FORWARDED',
    dropReason: 0,
    dropReasonName: '',
    type: 'L3_L4',
    ipVersion: 4,
    protocol: 'TCP',
    source: makeEndpoint(),
    destination: makeEndpoint({
      identity: 23456,
      podName: 'server-5f7d8b9c4-abcde',
      workload: 'server',
      labels: ['k8s:app=server'],
      ip: '10.244.2.30',
      port: 80,
    }),
    tcpFlags: ['SYN'],
    icmp: null,
    nodeName: 'kind-worker',
    isReply: false,
    trafficDirection: 'EGRESS',
    observationPoint: 'TO_STACK',
    sockXlatePoint: '',
    eventType: 4,
    eventSubType: 3,
    interfaceName: '',
    l7: null,
    summary: '',
    allowedBy: [],
    deniedBy: [],
    encrypted: false,
    ...overrides,
  };
}
