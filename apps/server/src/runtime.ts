import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { RecordingFeed, startSimulator, type Simulator } from '@starmap/sim';
import { buildApp } from './app.js';
import { DEFAULT_CILIUM_SOCKET, isDemo, type Config } from './config.js';
import { createServices, type Services } from './services.js';
import { createAccessGate } from './access-gate.js';
import { MapHub } from './hub/map-hub.js';
import { RecordingManager } from './recording/manager.js';
import { ServerMetrics } from './metrics.js';
import { httpsOptions, relayTarget } from './tls.js';
import { ServiceTraffic } from './hub/service-traffic.js';
import { AgentSource } from './sources/agent-source.js';
import type { AgentEndpoint } from './sources/agent-client.js';
import { LiveFeeds } from './sources/live-feeds.js';
import { RelaySource } from './sources/relay-source.js';
import type { BackoffOptions } from './util/backoff.js';
import type { StreamOptions } from './routes/stream.js';

export interface Starmap {
  app: FastifyInstance;
  services: Services;
  /** The embedded demo cluster, when running in demo mode. */
  simulator: Simulator | null;
  /** `http://host:port` the server listens on. */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: FastifyServerOptions['logger'];
  backoff?: BackoffOptions;
  stream?: Partial<StreamOptions>;
  agentPollIntervalMs?: number;
  agentTimeoutMs?: number;
  mapTickMs?: number;
  relayPollIntervalMs?: number;
}

/**
 * Starts the whole server: the demo cluster when nothing is configured, the relay and agent
 * sources, and the HTTP app. Used by the CLI and by the integration tests alike.
 */
export async function startStarmap(config: Config, options: StartOptions = {}): Promise<Starmap> {
  // Secrets and certificates are read first: a bad path stops the start before anything runs.
  const gate = createAccessGate(config);
  const https = httpsOptions(config);
  let simulator: Simulator | null = null;
  let demoDir: string | null = null;
  let relayAddress = config.hubbleServer ?? 'localhost:4245';
  let agentEndpoints = agentEndpointsOf(config);

  let replay: { feed: RecordingFeed; file: string } | null = null;
  if (config.replay) {
    // Playback starts once the relay stream is up, so that no recorded flow plays to nobody.
    const feed = await RecordingFeed.load(config.replay, { speed: config.replaySpeed, loop: config.replayLoop, autoplay: false });
    replay = { feed, file: basename(config.replay) };
  }

  if (isDemo(config)) {
    demoDir = mkdtempSync(join(tmpdir(), 'starmap-demo-'));
    simulator = await startSimulator({
      ...(replay ? { replay: replay.feed } : {}),
      seed: config.demoSeed,
      flowsPerSecond: config.demoRate,
      profile: config.demoProfile,
      host: '127.0.0.1',
      agentSocketPath: join(demoDir, 'cilium.sock'),
    });
    relayAddress = simulator.relayAddress;
    // A recording without agent snapshots (plain `hubble observe` output) has no agent to show:
    // the demo scenario's agent would pass off made-up datapath modes as the recorded cluster's.
    const recordedAgent = !replay || replay.feed.snapshotAt('healthz') !== null;
    agentEndpoints = recordedAgent ? [{ kind: 'unix', socketPath: simulator.agentSocketPath ?? join(demoDir, 'cilium.sock') }] : [];
  }

  let app: FastifyInstance | null = null;
  const target = relayTarget(config, relayAddress);
  const relay = new RelaySource({
    target,
    ringCapacity: config.ringSize,
    backoff: options.backoff,
    pollIntervalMs: options.relayPollIntervalMs,
    onChange: () => {
      if (replay && !replayStarted && relay.streamState.phase === 'connected') {
        replayStarted = true;
        replay.feed.play();
      }
    },
  });
  let replayStarted = false;
  const agent = new AgentSource({
    endpoints: agentEndpoints,
    timeoutMs: options.agentTimeoutMs,
    intervals: options.agentPollIntervalMs
      ? { healthz: options.agentPollIntervalMs, config: options.agentPollIntervalMs, services: options.agentPollIntervalMs }
      : undefined,
    onChange: (what) => {
      if (what === 'services') serviceTraffic.refreshBackends();
    },
  });
  const serviceTraffic = new ServiceTraffic(agent);
  relay.subscribe((f) => serviceTraffic.observe(f));
  const feeds = new LiveFeeds(relay);
  const maps = new MapHub(relay, options.mapTickMs);
  const metrics = new ServerMetrics({
    flowsReceived: () => relay.streamState.flowsReceived,
    relayReconnects: () => relay.streamState.reconnects,
    relayLostEvents: () => relay.streamState.lostEvents,
    relayConnected: () => relay.streamState.phase === 'connected',
    ringFlows: () => relay.ring.size,
    serviceMaps: () => maps.mapCount,
    liveSubscriptions: () => feeds.count,
    agentPollErrors: () => agent.pollers.reduce((n, p) => n + p.pollErrors, 0),
  });
  const mode = replay ? 'replay' : simulator ? 'demo' : 'cluster';
  const recordings = new RecordingManager(() => ({ target, agentEndpoints }));
  const services = createServices({ mode, relay, feeds, agent, serviceTraffic, maps, metrics, replay, recordings });

  try {
    app = await buildApp({
      services,
      webDir: config.webDir,
      logger: options.logger,
      stream: options.stream,
      basePath: config.basePath,
      gate,
      https,
    });
    relay.start();
    agent.start();
    maps.start();
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    maps.stop();
    relay.stop();
    agent.stop();
    await app?.close();
    await simulator?.close();
    if (demoDir) rmSync(demoDir, { recursive: true, force: true });
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const started = app;
  const scheme = https ? 'https' : 'http';

  return {
    app: started,
    services,
    simulator,
    url: `${scheme}://${host}:${port}${config.basePath}`,
    async close() {
      await recordings.close();
      maps.stop();
        relay.stop();
      agent.stop();
      await started.close();
      await simulator?.close();
      if (demoDir) rmSync(demoDir, { recursive: true, force: true });
    },
  };
}

/** Agent endpoints from the flags: HTTP URLs win over sockets; the default socket otherwise. */
export function agentEndpointsOf(config: Config): AgentEndpoint[] {
  const split = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  if (config.ciliumApi) return split(config.ciliumApi).map((baseUrl) => ({ kind: 'http', baseUrl }));
  return split(config.ciliumSocket ?? DEFAULT_CILIUM_SOCKET).map((socketPath) => ({ kind: 'unix', socketPath }));
}
