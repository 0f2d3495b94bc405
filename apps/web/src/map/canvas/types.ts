import type { Edge, Node } from '@xyflow/react';
import type { ServiceMapEdge, ServiceMapNode } from '@starmap/core';
import type { PlacedEdge } from '../edgeLayout';
import type { EdgeLabel, VerdictMix } from '../edgeStyle';
import type { Island } from '../mapGraph';

/** How an element stands against the selection: part of it, outside it, or no selection at all. */
export type Focus = 'none' | 'in' | 'out';

export type CardNodeData = {
  node: ServiceMapNode;
  /** Services drawn on this card (single-backend services folded into their backend). */
  services: readonly ServiceMapNode[];
  focus: Focus;
  selected: boolean;
  /** Matches the search box. */
  match: boolean;
};

export type IslandNodeData = {
  island: Island;
};

export type FlowEdgeData = {
  edge: ServiceMapEdge;
  /** The service the edge leads to when that service is folded into the target card. */
  via: string | null;
  mix: VerdictMix;
  label: EdgeLabel;
  width: number;
  /** Path and label as laid out; the edge redraws itself from its cards while one is being moved. */
  placed: PlacedEdge;
  /** Joins two islands: drawn lighter, labelled only when in focus. */
  cross: boolean;
  focus: Focus;
  selected: boolean;
};

export type CardNode = Node<CardNodeData, 'card'>;
export type IslandNode = Node<IslandNodeData, 'island'>;
export type MapFlowNode = CardNode | IslandNode;
export type FlowEdge = Edge<FlowEdgeData, 'flow'>;
