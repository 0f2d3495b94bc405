// Throwaway stand-in for apps/server, to look at the web app before the real server exists.
// Serves dist/ and fakes the API contract of packages/core/src/api/types.ts with made-up flows.
//   node apps/web/dev/mock-server.mjs [--port 8080] [--base /prefix/] [--relay-down] [--rate 20]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const PORT = Number(arg('--port', '8080'));
const BASE = arg('--base', '/').replace(/\/?$/, '/');
const RELAY_DOWN = args.includes('--relay-down');
const RATE = Number(arg('--rate', '20'));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

const nodes = ['kind-control-plane', 'kind-worker', 'kind-worker2'];
const pods = {
  default: ['client-6d4b9c7f5-x2x9q', 'echo-a-5b8c9d7f6-abcde', 'echo-b-7f9c8d6b5-qwert'],
  shop: ['frontend-7c9f8b6d5-k2l3m', 'cart-5d6f7g8h9-n4p5q', 'checkout-6e7f8a9b0-r6s7t', 'payments-8a9b0c1d2-u8v9w'],
  'kube-system': ['coredns-76f75df574-6xz9k', 'coredns-76f75df574-qv8lm', 'hubble-relay-6c9d7b8f5-zz4xx'],
  monitoring: ['prometheus-0', 'grafana-5f6d7c8b9-aa1bb'],
};
const podIps = new Map();
let ipCounter = 10;
for (const [ns, list] of Object.entries(pods)) for (const p of list) podIps.set(`${ns}/${p}`, `10.244.${(ipCounter % 3) + 1}.${ipCounter++}`);

const ring = []; // { flow, raw }
const RING_MAX = 5000;
let seq = 0;

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const workloadOf = (pod) => pod.replace(/-[a-z0-9]{9,10}-[a-z0-9]{5}$/, '').replace(/-\d+$/, '');

function podEndpoint(ns, pod, port) {
  return {
    identity: 10000 + (workloadOf(pod).length * 131) % 5000,
    namespace: ns,
    podName: pod,
    workload: workloadOf(pod),
    workloadKind: pod.endsWith('-0') ? 'StatefulSet' : 'Deployment',
    labels: [`k8s:app=${workloadOf(pod)}`, `k8s:io.kubernetes.pod.namespace=${ns}`],
    reserved: [],
    clusterName: 'kind-kind',
    ip: podIps.get(`${ns}/${pod}`),
    port,
    names: [],
    service: null,
  };
}

function worldEndpoint(ip, port, names = []) {
  return {
    identity: 2, namespace: '', podName: '', workload: 'world', workloadKind: 'reserved',
    labels: ['reserved:world'], reserved: ['world'], clusterName: '', ip, port, names, service: null,
  };
}

function makeFlow() {
  const ts = Date.now() - Math.floor(Math.random() * 50);
  const kind = Math.random();
  const node = pick(nodes);
  const base = {
    id: `mock-${++seq}`,
    time: new Date(ts).toISOString().replace('Z', `${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}Z`).replace(/\.(\d{3})(\d{6})Z/, '.$1$2Z'),
    ts, verdict: 'FORWARDED', dropReason: 0, dropReasonName: '', type: 'L3_L4', ipVersion: 4,
    protocol: 'TCP', tcpFlags: [], icmp: null, nodeName: node, isReply: false, trafficDirection: 'EGRESS',
    observationPoint: 'TO_STACK', sockXlatePoint: '', eventType: 4, eventSubType: 3, interfaceName: '',
    l7: null, summary: '', allowedBy: [], deniedBy: [], encrypted: false,
  };
  if (kind < 0.25) {
    const ns = pick(['default', 'shop', 'monitoring']);
    const client = pick(pods[ns]);
    const dns = pick(pods['kube-system'].slice(0, 2));
    const reply = Math.random() < 0.5;
    const query = pick(['cart.shop.svc.cluster.local.', 'api.github.com.', 'echo-b.default.svc.cluster.local.', 'nope.invalid.']);
    const src = podEndpoint(ns, client, 40000 + (seq % 20000));
    const dst = podEndpoint('kube-system', dns, 53);
    return {
      ...base, type: 'L7', protocol: 'UDP', observationPoint: '',
      source: reply ? { ...dst } : src, destination: reply ? { ...src } : dst, isReply: reply,
      l7: { type: reply ? 'RESPONSE' : 'REQUEST', latencyNs: reply ? 350_000 : 0,
        dns: { query, ips: reply && !query.startsWith('nope') ? ['10.96.41.7'] : [], rcode: reply && query.startsWith('nope') ? 3 : 0, qtypes: ['A'] }, http: null, kafka: null },
    };
  }
  if (kind < 0.45) {
    const [from, to] = pick([['frontend', 'cart'], ['cart', 'checkout'], ['checkout', 'payments']]);
    const src = podEndpoint('shop', pods.shop.find((p) => p.startsWith(from)), 41000 + (seq % 9000));
    const dst = podEndpoint('shop', pods.shop.find((p) => p.startsWith(to)), 8080);
    const reply = Math.random() < 0.5;
    return {
      ...base, type: 'L7', observationPoint: '', source: reply ? dst : src, destination: reply ? src : dst, isReply: reply,
      trafficDirection: 'INGRESS',
      l7: { type: reply ? 'RESPONSE' : 'REQUEST', latencyNs: reply ? 4_200_000 + Math.random() * 2e7 : 0, dns: null,
        http: { method: pick(['GET', 'POST']), url: `http://${to}.shop.svc.cluster.local:8080/api/v1/${to}/${seq % 50}`, code: reply ? pick([200, 200, 200, 503]) : 0, protocol: 'HTTP/1.1' }, kafka: null },
      allowedBy: [{ kind: 'CiliumNetworkPolicy', namespace: 'shop', name: `allow-${from}-to-${to}` }],
    };
  }
  if (kind < 0.6) {
    const src = podEndpoint('default', 'client-6d4b9c7f5-x2x9q', 45000 + (seq % 9000));
    const dst = podEndpoint('shop', 'payments-8a9b0c1d2-u8v9w', 8443);
    return {
      ...base, verdict: 'DROPPED', dropReason: 133, dropReasonName: 'POLICY_DENIED', eventType: 1, eventSubType: 133,
      source: src, destination: dst, tcpFlags: ['SYN'], trafficDirection: 'INGRESS', observationPoint: '',
      deniedBy: [{ kind: 'CiliumNetworkPolicy', namespace: 'shop', name: 'payments-ingress' }],
    };
  }
  if (kind < 0.7) {
    const v6 = Math.random() < 0.5;
    const src = podEndpoint('default', 'echo-a-5b8c9d7f6-abcde', 46000 + (seq % 9000));
    const dst = v6 ? worldEndpoint('2001:db8:85a3::8a2e:370:7334', 443) : worldEndpoint('142.250.74.78', 443, ['www.google.com']);
    if (v6) src.ip = 'fd00:10:244:1::1a';
    return { ...base, ipVersion: v6 ? 6 : 4, source: src, destination: dst, tcpFlags: ['SYN', 'ACK'], observationPoint: 'TO_NETWORK' };
  }
  if (kind < 0.75) {
    return {
      ...base, verdict: 'DROPPED', dropReason: 132, dropReasonName: 'INVALID_SOURCE_IP', eventType: 1, eventSubType: 132,
      ipVersion: 6, protocol: 'ICMPv6', icmp: { type: 133, code: 0 },
      source: { ...worldEndpoint('fe80::64d8:8aff:fe72:fc14', null), identity: 0, reserved: [], labels: [], workload: '' },
      destination: { ...worldEndpoint('ff02::2', null), identity: 0, reserved: [], labels: [], workload: '' }, observationPoint: '',
    };
  }
  const [ns, a, b] = pick([['default', 0, 1], ['default', 0, 2], ['monitoring', 0, 1]]);
  const src = podEndpoint(ns, pods[ns][a], 47000 + (seq % 9000));
  const dst = podEndpoint(ns, pods[ns][b], ns === 'monitoring' ? 9090 : 8080);
  const reply = Math.random() < 0.5;
  return {
    ...base, source: reply ? { ...dst } : src, destination: reply ? { ...src } : dst, isReply: reply,
    tcpFlags: reply ? ['ACK', 'PSH'] : ['SYN'], observationPoint: reply ? 'TO_STACK' : 'TO_ENDPOINT', trafficDirection: reply ? 'EGRESS' : 'INGRESS',
  };
}

// The "raw" flow: a rough jsonpb rendering, enough to look at in the drawer.
function toJsonpb(flow) {
  return {
    flow: {
      time: flow.time, uuid: flow.id, verdict: flow.verdict,
      ...(flow.dropReasonName ? { drop_reason_desc: flow.dropReasonName } : {}),
      IP: { source: flow.source.ip, destination: flow.destination.ip, ipVersion: flow.ipVersion === 6 ? 'IPv6' : 'IPv4' },
      source: { identity: flow.source.identity, namespace: flow.source.namespace, labels: flow.source.labels, pod_name: flow.source.podName },
      destination: { identity: flow.destination.identity, namespace: flow.destination.namespace, labels: flow.destination.labels, pod_name: flow.destination.podName },
      Type: flow.type, node_name: flow.nodeName,
      event_type: { type: flow.eventType, sub_type: flow.eventSubType },
      traffic_direction: flow.trafficDirection,
      is_reply: flow.isReply,
    },
    node_name: flow.nodeName,
    time: flow.time,
  };
}

function status() {
  const now = Date.now();
  return {
    mode: 'demo',
    version: '0.1.0-mock',
    relay: RELAY_DOWN
      ? { target: '127.0.0.1:4245', phase: 'reconnecting', since: new Date(now - 30_000).toISOString(), attempt: 3,
          lastError: '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:4245',
          nextRetryAt: new Date(now + 4_000).toISOString(), flowsReceived: 0 }
      : { target: '127.0.0.1:4245', phase: 'connected', since: new Date(now - 60_000).toISOString(), attempt: 0,
          lastError: null, nextRetryAt: null, flowsReceived: seq },
    agent: { target: 'http://127.0.0.1:9234', phase: 'connected', since: new Date(now - 60_000).toISOString(), lastError: null, ciliumState: 'Ok', ciliumVersion: '1.19.4' },
    nodes: nodes.map((name, i) => ({ name, state: 'NODE_CONNECTED', version: '1.19.4', address: `172.18.0.${i + 2}`, numFlows: 4095, maxFlows: 4095, seenFlows: seq, uptimeNs: 1e12 })),
    server: { numFlows: ring.length, maxFlows: RING_MAX, seenFlows: seq, flowsRate: RATE, numConnectedNodes: 3, numUnavailableNodes: 0, version: '1.19.4' },
  };
}

function matches(flow, namespaces) {
  return namespaces.length === 0 || namespaces.includes(flow.source.namespace) || namespaces.includes(flow.destination.namespace);
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json' };

function sendJson(res, code, body) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(BASE)) {
    res.writeHead(302, { location: BASE });
    return res.end();
  }
  const path = '/' + url.pathname.slice(BASE.length);
  if (path === '/api/status') return sendJson(res, 200, status());
  if (path === '/api/namespaces') {
    return sendJson(res, 200, { namespaces: Object.keys(pods).map((namespace) => ({ cluster: 'kind-kind', namespace })) });
  }
  if (path === '/api/flows') {
    const limit = Number(url.searchParams.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      return sendJson(res, 400, { error: 'bad_request', message: 'limit must be an integer from 1 to 10000' });
    }
    const ns = url.searchParams.getAll('namespace');
    return sendJson(res, 200, { flows: ring.filter((e) => matches(e.flow, ns)).slice(-limit).map((e) => e.flow), source: 'cache' });
  }
  if (path.startsWith('/api/flows/')) {
    const id = decodeURIComponent(path.slice('/api/flows/'.length));
    const entry = ring.find((e) => e.flow.id === id);
    return entry ? sendJson(res, 200, entry.raw) : sendJson(res, 404, { error: 'not_found', message: `no flow ${id}` });
  }
  const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
  if (!file.startsWith(DIST)) return sendJson(res, 403, { error: 'forbidden', message: 'outside dist' });
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'" });
    res.end(body);
  } catch {
    sendJson(res, 404, { error: 'not_found', message: path });
  }
});

const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== `${BASE}api/stream`) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
});

wss.on('connection', (ws) => {
  let sub = null;
  ws.send(JSON.stringify({ type: 'hello', version: '0.1.0-mock', mode: 'demo' }));
  ws.on('message', (data) => {
    let msg;
    try { msg = JSON.parse(String(data)); } catch { return ws.send(JSON.stringify({ type: 'error', message: 'not JSON' })); }
    if (msg.type === 'ping') return ws.send(JSON.stringify({ type: 'pong', t: msg.t }));
    if (msg.type === 'subscribe') {
      sub = { id: msg.id, namespaces: Array.isArray(msg.namespaces) ? msg.namespaces : [] };
      const backfill = ring.filter((e) => matches(e.flow, sub.namespaces)).slice(-(msg.backfill ?? 0)).map((e) => e.flow).reverse();
      ws.send(JSON.stringify({ type: 'flows', subscription: sub.id, flows: backfill, missed: 0 }));
    }
  });
  const statusTimer = setInterval(() => ws.send(JSON.stringify({ type: 'status', status: status() })), 5_000);
  const unlisten = listen((batch) => {
    if (!sub || RELAY_DOWN) return;
    const flows = batch.filter((f) => matches(f, sub.namespaces));
    if (flows.length) ws.send(JSON.stringify({ type: 'flows', subscription: sub.id, flows, missed: 0 }));
  });
  ws.on('close', () => { clearInterval(statusTimer); unlisten(); });
});

const listeners = new Set();
function listen(fn) { listeners.add(fn); return () => listeners.delete(fn); }

// Seed a history, then produce RATE flows per second in batches of 100 ms.
if (!RELAY_DOWN) {
  for (let i = 0; i < 600; i++) {
    const f = makeFlow();
    f.ts -= (600 - i) * 100;
    f.time = new Date(f.ts).toISOString();
    ring.push({ flow: f, raw: toJsonpb(f) });
  }
  setInterval(() => {
    const n = Math.max(0, Math.round((RATE / 10) * (0.5 + Math.random())));
    const batch = Array.from({ length: n }, makeFlow);
    for (const f of batch) ring.push({ flow: f, raw: toJsonpb(f) });
    if (ring.length > RING_MAX) ring.splice(0, ring.length - RING_MAX);
    for (const fn of listeners) fn(batch);
  }, 100);
}

server.listen(PORT, '127.0.0.1', () => console.log(`mock Starmap on http://127.0.0.1:${PORT}${BASE}${RELAY_DOWN ? ' (relay down)' : ''}`));
