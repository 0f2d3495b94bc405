import type { ReplayStatus, StatusResponse } from '@starmap/core';
import type { RecordingFeed } from '@starmap/sim';
import type { MapHub } from './hub/map-hub.js';
import type { ServiceTraffic } from './hub/service-traffic.js';
import type { ServerMetrics } from './metrics.js';
import type { RecordingManager } from './recording/manager.js';
import type { AgentSource } from './sources/agent-source.js';
import type { LiveFeeds } from './sources/live-feeds.js';
import type { RelaySource } from './sources/relay-source.js';
import { STARMAP_VERSION } from './version.js';

/** What the HTTP layer needs from the rest of the server. */
export interface Services {
  mode: StatusResponse['mode'];
  relay: RelaySource;
  feeds: LiveFeeds;
  agent: AgentSource;
  serviceTraffic: ServiceTraffic;
  maps: MapHub;
  metrics: ServerMetrics;
  /** The recording being replayed (mode 'replay'). */
  replay: { feed: RecordingFeed; file: string } | null;
  recordings: RecordingManager;
  status(): StatusResponse;
}

export function createServices(parts: Omit<Services, 'status'>): Services {
  return {
    ...parts,
    status: () => ({
      mode: parts.mode,
      version: STARMAP_VERSION,
      relay: parts.relay.connection(),
      agent: parts.agent.connection(),
      nodes: parts.relay.nodeList,
      replay: parts.replay ? replayStatus(parts.replay.feed, parts.replay.file) : null,
      server: parts.relay.server,
    }),
  };
}

export function replayStatus(feed: RecordingFeed, file: string): ReplayStatus {
  const p = feed.position();
  const info = feed.info;
  return {
    file,
    recordedTime: p.recordedTime,
    start: p.start,
    end: p.end,
    playing: p.playing,
    speed: p.speed,
    loop: p.loop,
    ended: p.ended,
    flows: p.flows,
    emitted: p.emitted,
    badLines: info.stats?.badLines ?? 0,
    warnings: info.warnings,
  };
}
