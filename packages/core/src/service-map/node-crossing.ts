/**
 * Whether a flow crossed Kubernetes nodes. Each flow names only the agent that observed it, and
 * that agent is local to one side of the flow. A flow counts as cross-node when:
 *  - it was observed entering or leaving the overlay (TO_OVERLAY / FROM_OVERLAY), or
 *  - one side is the reserved remote-node identity, or
 *  - the side remote to the observer is a pod that an earlier flow placed on a different node
 *    (pods are placed on the node of the agent that saw them as its local side).
 * Flows for which none of this is known are not counted as cross-node: the count is a lower bound.
 */
import type { Flow, FlowEndpoint } from '../flows/types.js';

export const LOCAL_UNKNOWN = 0;
export const LOCAL_SOURCE = 1;
export const LOCAL_DESTINATION = 2;

/** Which side of the flow lives on the observing node. */
export function localSide(flow: Flow): number {
  const point = flow.observationPoint;
  if (point === 'TO_ENDPOINT') return LOCAL_DESTINATION;
  if (point === 'FROM_ENDPOINT') return LOCAL_SOURCE;
  const reply = flow.isReply === true;
  // traffic_direction is the direction of the connection, so a reply's local side is flipped.
  if (flow.trafficDirection === 'EGRESS') return reply ? LOCAL_DESTINATION : LOCAL_SOURCE;
  if (flow.trafficDirection === 'INGRESS') return reply ? LOCAL_SOURCE : LOCAL_DESTINATION;
  if (point === 'TO_OVERLAY') return LOCAL_SOURCE;
  if (point === 'FROM_OVERLAY') return LOCAL_DESTINATION;
  return LOCAL_UNKNOWN;
}

function isRemoteNode(ep: FlowEndpoint): boolean {
  return ep.podName === '' && ep.reserved.includes('remote-node');
}

interface PodPlacement {
  node: string;
  bucket: number;
}

/** Pods placed on nodes, bounded; entries leave with the window. */
export class PodPlacements {
  private readonly byNamespace = new Map<string, Map<string, PodPlacement>>();
  private size = 0;

  constructor(private readonly cap: number) {}

  place(namespace: string, pod: string, node: string, bucket: number): void {
    let pods = this.byNamespace.get(namespace);
    const existing = pods?.get(pod);
    if (existing) {
      existing.node = node;
      if (bucket > existing.bucket) existing.bucket = bucket;
      return;
    }
    if (this.size >= this.cap) return;
    if (!pods) {
      pods = new Map();
      this.byNamespace.set(namespace, pods);
    }
    pods.set(pod, { node, bucket });
    this.size++;
  }

  nodeOf(namespace: string, pod: string): string | undefined {
    return this.byNamespace.get(namespace)?.get(pod)?.node;
  }

  prune(oldestLiveBucket: number): void {
    for (const [namespace, pods] of this.byNamespace) {
      for (const [pod, placement] of pods) {
        if (placement.bucket < oldestLiveBucket) {
          pods.delete(pod);
          this.size--;
        }
      }
      if (pods.size === 0) this.byNamespace.delete(namespace);
    }
  }
}

/** Applies the rule above; also places the observer-local pod. `local` is from `localSide`. */
export function crossesNodes(
  flow: Flow,
  local: number,
  sourceNamespace: string,
  destinationNamespace: string,
  placements: PodPlacements,
  bucket: number,
): boolean {
  const point = flow.observationPoint;
  let cross = point === 'TO_OVERLAY' || point === 'FROM_OVERLAY' || isRemoteNode(flow.source) || isRemoteNode(flow.destination);
  const node = flow.nodeName;
  if (local === LOCAL_UNKNOWN || !node) return cross;
  const here = local === LOCAL_SOURCE ? flow.source : flow.destination;
  const there = local === LOCAL_SOURCE ? flow.destination : flow.source;
  if (here.podName) placements.place(local === LOCAL_SOURCE ? sourceNamespace : destinationNamespace, here.podName, node, bucket);
  if (!cross && there.podName) {
    const thereNode = placements.nodeOf(local === LOCAL_SOURCE ? destinationNamespace : sourceNamespace, there.podName);
    if (thereNode !== undefined && thereNode !== node) cross = true;
  }
  return cross;
}
