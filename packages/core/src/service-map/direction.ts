/**
 * Which way a flow points on the map. Replies fold into the request's edge so a connection is
 * one arrow from client to server, never a pair of opposite arrows.
 *
 * Hubble's is_reply decides when set. When it is unset (drops, overlay traces of older agents)
 * the aggregator guesses, in this order and only from strong signals:
 *  0. a socket-LB translation event says its direction: *_DIRECTION_FWD is the client's
 *     connect/send towards the service, *_DIRECTION_REV the way back;
 *  1. an L7 RESPONSE is a reply, an L7 REQUEST is not;
 *  2. a TCP SYN is a request, a SYN-ACK a reply;
 *  3. if exactly one side is already known to serve the port it uses (a destination port of
 *     earlier requests to that node), that side is the server;
 *  4. a source port below 1024 talking to a destination port of 1024 or more is a reply;
 * otherwise the flow keeps its own direction.
 */
import type { Flow, FlowEndpoint } from '../flows/types.js';
import { portKey } from './codes.js';

/** What direction guessing needs to know of a node: the ports it is known to serve (as `portKey`s). */
export interface NodeLookup {
  find(ep: FlowEndpoint, namespace: string): { readonly ports: { has(key: number): boolean } } | undefined;
}

export const REQUEST = 0;
export const REPLY = 1;
/** Set on top of REQUEST/REPLY when is_reply was unset and the direction is a guess. */
export const GUESSED = 2;

/** REQUEST or REPLY, plus GUESSED when Hubble did not say (a number so the hot path allocates nothing). */
export function flowDirection(flow: Flow, protocolIdx: number, sourceNs: string, destinationNs: string, nodes: NodeLookup): number {
  if (flow.isReply !== null && flow.isReply !== undefined) return flow.isReply === true ? REPLY : REQUEST;
  return GUESSED | (guessReply(flow, protocolIdx, sourceNs, destinationNs, nodes) ? REPLY : REQUEST);
}

function guessReply(flow: Flow, protocolIdx: number, sourceNs: string, destinationNs: string, nodes: NodeLookup): boolean {
  if (flow.sockXlatePoint) {
    if (flow.sockXlatePoint.endsWith('_DIRECTION_FWD')) return false;
    if (flow.sockXlatePoint.endsWith('_DIRECTION_REV')) return true;
  }
  const l7 = flow.l7;
  if (l7) {
    if (l7.type === 'RESPONSE') return true;
    if (l7.type === 'REQUEST') return false;
  }
  if (flow.protocol === 'TCP' && flow.tcpFlags && flow.tcpFlags.includes('SYN')) return flow.tcpFlags.includes('ACK');
  const sport = flow.source.port;
  const dport = flow.destination.port;
  if (sport === null || dport === null || sport === undefined || dport === undefined) return false;
  const sourceServes = nodes.find(flow.source, sourceNs)?.ports.has(portKey(protocolIdx, sport)) ?? false;
  const destinationServes = nodes.find(flow.destination, destinationNs)?.ports.has(portKey(protocolIdx, dport)) ?? false;
  if (sourceServes !== destinationServes) return sourceServes;
  return sport < 1024 && dport >= 1024;
}
