import * as grpcJs from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  flow,
  getFlowsResponseFromJson,
  getFlowsResponseToJson,
  health,
  HealthClient,
  healthService,
  ObserverClient,
  observerService,
  PeerClient,
  peerService,
  peer,
  type GetFlowsRequest,
} from './index.js';
import { readJsonlLines } from './test-support/real-data.js';

const sample = readJsonlLines('hubble-flows-modern').map((l) => JSON.parse(l.text) as Record<string, unknown>);

let server: grpcJs.Server;
let address: string;
let lastRequest: GetFlowsRequest | undefined;

beforeAll(async () => {
  server = new grpcJs.Server();
  server.addService(observerService, {
    GetFlows(call: grpcJs.ServerWritableStream<GetFlowsRequest, unknown>) {
      lastRequest = call.request;
      for (const line of sample) call.write(getFlowsResponseFromJson(line));
      call.end();
    },
    ServerStatus(_call: unknown, cb: grpcJs.sendUnaryData<unknown>) {
      cb(null, { num_flows: 3, max_flows: 4095, seen_flows: '18446744073709551615', num_connected_nodes: { value: 2 }, version: '1.19.4' });
    },
    GetNodes(_call: unknown, cb: grpcJs.sendUnaryData<unknown>) {
      cb(null, { nodes: [{ name: 'kind-worker', state: 1, tls: { enabled: true, server_name: 'kind-worker.default.hubble-grpc.cilium.io' } }] });
    },
    GetNamespaces(_call: unknown, cb: grpcJs.sendUnaryData<unknown>) {
      cb(null, { namespaces: [{ cluster: 'default', namespace: 'kube-system' }] });
    },
    GetAgentEvents(call: grpcJs.ServerWritableStream<unknown, unknown>) {
      call.end();
    },
    GetDebugEvents(call: grpcJs.ServerWritableStream<unknown, unknown>) {
      call.end();
    },
  });
  server.addService(peerService, {
    Notify(call: grpcJs.ServerWritableStream<unknown, unknown>) {
      call.write({ name: 'kind-worker', address: '172.18.0.2:4244', type: peer.ChangeNotificationType.PEER_ADDED });
      call.end();
    },
  });
  server.addService(healthService, {
    Check(_call: unknown, cb: grpcJs.sendUnaryData<unknown>) {
      cb(null, { status: health.HealthCheckResponse.ServingStatus.SERVING });
    },
    Watch(call: grpcJs.ServerWritableStream<unknown, unknown>) {
      call.end();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpcJs.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  address = `127.0.0.1:${port}`;
});

afterAll(() => {
  server.forceShutdown();
});

describe('gRPC service definitions', () => {
  it('use the upstream method paths', () => {
    expect(Object.values(observerService).map((m) => m.path)).toEqual([
      '/observer.Observer/GetFlows',
      '/observer.Observer/GetAgentEvents',
      '/observer.Observer/GetDebugEvents',
      '/observer.Observer/GetNodes',
      '/observer.Observer/GetNamespaces',
      '/observer.Observer/ServerStatus',
    ]);
    expect(observerService.GetFlows.responseStream).toBe(true);
    expect(observerService.ServerStatus.responseStream).toBe(false);
    expect(peerService.Notify.path).toBe('/peer.Peer/Notify');
    expect(healthService.Check.path).toBe('/grpc.health.v1.Health/Check');
    expect(healthService.Watch.responseStream).toBe(true);
  });

  it('stream real flows from server to client unchanged', async () => {
    const client = new ObserverClient(address, grpcJs.credentials.createInsecure());
    try {
      const received: unknown[] = [];
      const stream = client.GetFlows({ follow: true, whitelist: [{ verdict: [flow.Verdict.DROPPED], source_pod: ['default/'] }] });
      for await (const res of stream) received.push(getFlowsResponseToJson(res));
      expect(received).toEqual(sample);
      expect(lastRequest?.follow).toBe(true);
      expect(lastRequest?.whitelist?.[0]?.verdict).toEqual([flow.Verdict.DROPPED]);
    } finally {
      client.close();
    }
  });

  it('serve the unary calls, the peer stream and health', async () => {
    const creds = grpcJs.credentials.createInsecure();
    const observerClient = new ObserverClient(address, creds);
    const peerClient = new PeerClient(address, creds);
    const healthClient = new HealthClient(address, creds);
    try {
      const status = await new Promise<any>((resolve, reject) => observerClient.ServerStatus({}, (err, res) => (err ? reject(err) : resolve(res))));
      expect(status.seen_flows.toString()).toBe('18446744073709551615');
      expect(status.num_connected_nodes.value).toBe(2);
      const nodes = await new Promise<any>((resolve, reject) => observerClient.GetNodes({}, (err, res) => (err ? reject(err) : resolve(res))));
      expect(nodes.nodes[0].tls.server_name).toBe('kind-worker.default.hubble-grpc.cilium.io');
      const peers: unknown[] = [];
      for await (const change of peerClient.Notify({})) peers.push(change);
      expect(peers).toMatchObject([{ name: 'kind-worker', address: '172.18.0.2:4244', type: peer.ChangeNotificationType.PEER_ADDED }]);
      const check = await new Promise<any>((resolve, reject) => healthClient.Check({ service: '' }, (err, res) => (err ? reject(err) : resolve(res))));
      expect(check.status).toBe(health.HealthCheckResponse.ServingStatus.SERVING);
    } finally {
      observerClient.close();
      peerClient.close();
      healthClient.close();
    }
  });
});
