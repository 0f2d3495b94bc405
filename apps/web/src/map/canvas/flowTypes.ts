import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { CardNode } from './CardNode';
import { FlowEdge } from './FlowEdge';
import { IslandNode } from './IslandNode';

// Module constants: React Flow re-mounts every node when these objects change identity.
export const NODE_TYPES: NodeTypes = { card: CardNode, island: IslandNode };
export const EDGE_TYPES: EdgeTypes = { flow: FlowEdge };
