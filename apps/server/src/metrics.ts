import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** What /metrics reads from the running server at scrape time. */
export interface MetricsSources {
  flowsReceived(): number;
  relayReconnects(): number;
  relayLostEvents(): number;
  relayConnected(): boolean;
  ringFlows(): number;
  serviceMaps(): number;
  liveSubscriptions(): number;
  agentPollErrors(): number;
}

/**
 * Prometheus metrics of the dashboard itself, on one registry per server (so tests can run
 * several servers in one process).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly clientFlowsDropped: Counter;
  readonly websocketClients: Gauge;
  readonly clientQueueFlows: Gauge;
  private readonly queueLengths = new Set<() => number>();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'starmap_' });
    /** A counter mirrored from a running total owned elsewhere. */
    const mirrored = (name: string, help: string, read: () => number) => {
      let last = 0;
      new Counter({
        name,
        help,
        registers,
        collect() {
          const now = read();
          if (now > last) this.inc(now - last);
          last = Math.max(last, now);
        },
      });
    };
    mirrored('starmap_flows_received_total', 'Flows received from hubble-relay on the main stream.', sources.flowsReceived);
    mirrored('starmap_relay_reconnects_total', 'Reconnect attempts to hubble-relay.', sources.relayReconnects);
    mirrored('starmap_relay_lost_events_total', 'Events the relay reported as lost (lost_events).', sources.relayLostEvents);
    mirrored('starmap_agent_poll_errors_total', 'Failed polls of the Cilium agent API.', sources.agentPollErrors);
    new Gauge({ name: 'starmap_relay_connected', help: '1 when the main relay stream is up.', registers, collect() { this.set(sources.relayConnected() ? 1 : 0); } });
    new Gauge({ name: 'starmap_ring_flows', help: 'Flows held in the ring of recent flows.', registers, collect() { this.set(sources.ringFlows()); } });
    new Gauge({ name: 'starmap_service_maps', help: 'Service maps kept for watched scopes.', registers, collect() { this.set(sources.serviceMaps()); } });
    new Gauge({ name: 'starmap_live_subscriptions', help: 'Live flow subscriptions of browsers.', registers, collect() { this.set(sources.liveSubscriptions()); } });
    this.clientFlowsDropped = new Counter({
      name: 'starmap_client_flows_dropped_total',
      help: 'Flows dropped from browser queues because a client read too slowly.',
      registers,
    });
    this.websocketClients = new Gauge({ name: 'starmap_websocket_clients', help: 'Connected WebSocket clients.', registers });
    const lengths = this.queueLengths;
    this.clientQueueFlows = new Gauge({
      name: 'starmap_client_queue_flows',
      help: 'Flows waiting in browser queues, summed over clients.',
      registers,
      collect() {
        let total = 0;
        for (const read of lengths) total += read();
        this.set(total);
      },
    });
  }

  /** Tracks one client's queue length until the returned function is called. */
  trackQueue(read: () => number): () => void {
    this.queueLengths.add(read);
    return () => this.queueLengths.delete(read);
  }
}
