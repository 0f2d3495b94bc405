// A relay that sends hostile flows: absurd sizes, unknown enum numbers, missing endpoints,
// invalid IPs, and names carrying HTML/JS. Used by the reliability tests (server and browser).
import * as grpc from '@grpc/grpc-js';
import { observerService } from '../../packages/proto/dist/index.js';

export const XSS_POD = '<img src=x onerror="window.__xss=1">pwned';
export const XSS_NAMESPACE = 'evil<script>window.__xss=2</script>';

const now = () => {
  const ms = Date.now();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
};

let seq = 0;
/** One of each kind of hostile flow, in turn. */
export function hostileFlow() {
  const n = seq++;
  const base = { uuid: `hostile-${n}`, time: now(), node_name: 'kind/evil-node', verdict: 1, Type: 1 };
  switch (n % 7) {
    case 0:
      return { ...base, source: { namespace: 'default', pod_name: 'p'.repeat(10_240), labels: ['k8s:app=big'] }, destination: { namespace: 'default', pod_name: 'q' }, IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 1 }, l4: { TCP: { source_port: 1, destination_port: 80 } } };
    case 1:
      return { ...base, source: { namespace: 'default', pod_name: 'labels', labels: Array.from({ length: 10_000 }, (_, i) => `k8s:key${i}=${'v'.repeat(20)}`) }, destination: { namespace: 'default', pod_name: 'x' } };
    case 2:
      return { ...base, verdict: 2, Type: 42, drop_reason_desc: 9999, traffic_direction: 77, trace_observation_point: 555, event_type: { type: 1, sub_type: 9999 } };
    case 3:
      return { ...base, verdict: 99 };
    case 4:
      return { ...base, IP: { source: 'not-an-ip', destination: '999.1.1.1', ipVersion: 9 }, source: { namespace: 'default', pod_name: 'a' }, destination: { namespace: 'default', pod_name: 'b' } };
    case 5:
      return { ...base, verdict: 2, drop_reason_desc: 133, source: { namespace: XSS_NAMESPACE, pod_name: XSS_POD, labels: [`k8s:app=${XSS_POD}`], workloads: [{ name: XSS_POD, kind: '<b>Deployment</b>' }] }, destination: { namespace: 'default', pod_name: '<svg onload=alert(3)>' }, destination_names: ['"><script>alert(4)</script>'], Summary: '<script>alert(5)</script>', l4: { TCP: { source_port: 1, destination_port: 443 } }, IP: { source: '10.0.0.5', destination: '10.0.0.6', ipVersion: 1 } };
    default:
      return { ...base, Summary: 'S'.repeat(100_000), l7: { type: 1, dns: { query: 'x'.repeat(5000) + '.', ips: Array.from({ length: 1000 }, (_, i) => `10.1.${i >> 8}.${i & 255}`) } } };
  }
}

/** Starts the hostile relay on 127.0.0.1; `rate` flows/s. */
export async function startHostileRelay(rate = 50) {
  const server = new grpc.Server();
  const streams = new Set();
  server.addService(observerService, {
    GetFlows(call) {
      const req = call.request;
      if (!req.follow) {
        for (let i = 0; i < Math.min(Number(req.number ?? 20), 50); i++) {
          const flow = hostileFlow();
          call.write({ flow, node_name: flow.node_name, time: flow.time });
        }
        call.end();
        return;
      }
      const timer = setInterval(() => {
        const flow = hostileFlow();
        call.write({ flow, node_name: flow.node_name, time: flow.time });
      }, 1000 / rate);
      streams.add(timer);
      call.on('cancelled', () => clearInterval(timer));
    },
    GetNodes: (_c, cb) => cb(null, { nodes: [{ name: '<b>evil</b>', state: 1, version: '<i>1</i>' }] }),
    GetNamespaces: (_c, cb) => cb(null, { namespaces: [{ namespace: XSS_NAMESPACE, cluster: 'kind' }, { namespace: 'default' }] }),
    ServerStatus: (_c, cb) => cb(null, { num_flows: 1, version: '<script>' }),
    GetAgentEvents: (call) => call.end(),
    GetDebugEvents: (call) => call.end(),
  });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () => {
      for (const t of streams) clearInterval(t);
      server.forceShutdown();
    },
  };
}
