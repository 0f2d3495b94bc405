/**
 * Where a flow appears on the service map, decided by the aggregator's own rules (node naming,
 * reply direction, service hops): for a browser that holds recent flows next to a map and
 * wants "the flows of this node" or "the flows of this edge" grouped exactly as the map groups
 * them.
 *
 * The aggregator guesses the direction of flows without is_reply partly from the ports each
 * node is known to serve; the locator reads those from the map's nodes. A node folded into a
 * 'more' node because the map was full is reported under its own id, which the map lacks.
 */
import type { Flow } from '../flows/types.js';
import { portKey, protocolIndex } from './codes.js';
import { flowDirection, REPLY, type NodeLookup } from './direction.js';
import { NodeIndex } from './node-index.js';
import { resolveServiceMapOptions } from './options.js';
import type { ServiceMapNode, ServiceMapOptions } from './types.js';

export interface FlowPlacement {
  /** True when the flow is a reply, counted on the edge of the request it answers. */
  reply: boolean;
  /** Edges the flow is counted on, in path order: client → server, or client → service (→ backend). */
  edges: string[];
  /** Nodes the flow is counted on, in path order. */
  nodes: string[];
}

/** The options that decide node ids; they must match those of the map being read. */
export type FlowLocatorOptions = Pick<ServiceMapOptions, 'worldPeers' | 'services'>;

export class FlowLocator {
  private readonly index: NodeIndex;
  private readonly services: boolean;
  private readonly served = new Map<string, { ports: Set<number> }>();
  private readonly lookup: NodeLookup;

  /** `nodes`: the map's nodes, whose served ports settle the direction of flows without is_reply. */
  constructor(options: FlowLocatorOptions = {}, nodes: readonly ServiceMapNode[] = []) {
    const resolved = resolveServiceMapOptions({ worldPeers: options.worldPeers, services: options.services });
    this.services = resolved.services;
    this.index = new NodeIndex(resolved, () => {});
    for (const node of nodes) {
      const ports = new Set<number>();
      for (const p of node.ports) ports.add(portKey(protocolIndex(p.protocol), p.port));
      this.served.set(node.id, { ports });
    }
    this.lookup = { find: (ep, ns) => this.served.get(this.index.idOf(ep, ns)) };
  }

  /** The placement of one flow; null for something that is not a flow with two endpoints. */
  locate(flow: Flow): FlowPlacement | null {
    if (flow === null || typeof flow !== 'object' || !flow.source || !flow.destination) return null;
    const index = this.index;
    const srcNs = index.namespaceOf(flow.source);
    const dstNs = index.namespaceOf(flow.destination);
    const reply = (flowDirection(flow, protocolIndex(flow.protocol), srcNs, dstNs, this.lookup) & REPLY) !== 0;
    const client = reply ? flow.destination : flow.source;
    const server = reply ? flow.source : flow.destination;
    const serverNs = reply ? srcNs : dstNs;
    const clientId = index.idOf(client, reply ? dstNs : srcNs);
    // Pods seen with their real identity teach the names of the same pods seen without it.
    index.learnEndpoint(flow.source, srcNs);
    index.learnEndpoint(flow.destination, dstNs);
    const service = this.services ? server.service : null;
    if (service && service.name) {
      const serviceId = NodeIndex.serviceId(service);
      const edges = [`${clientId}->${serviceId}`];
      const nodes = [clientId, serviceId];
      if (index.isBackend(server, serverNs)) {
        const serverId = index.idOf(server, serverNs);
        edges.push(`${serviceId}->${serverId}`);
        nodes.push(serverId);
      }
      return { reply, edges, nodes };
    }
    const serverId = index.idOf(server, serverNs);
    return { reply, edges: [`${clientId}->${serverId}`], nodes: [clientId, serverId] };
  }
}
