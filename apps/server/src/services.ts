import type { StatusResponse } from '@starmap/core';
import type { MapHub } from './hub/map-hub.js';
import type { ServiceTraffic } from './hub/service-traffic.js';
import type { ServerMetrics } from './metrics.js';
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
      server: parts.relay.server,
    }),
  };
}
