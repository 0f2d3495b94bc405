/** The layout's input and output: plain data, so it crosses to and from the layout worker as is. */

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  width: number;
  height: number;
}

export interface LayoutNodeInput {
  id: string;
  island: string;
  width: number;
  height: number;
}

export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
  /** Size of the edge's label, which the layered layout keeps room for. */
  labelWidth: number;
  labelHeight: number;
  /** For ordering neighbours: the busier edge wins. */
  flows: number;
}

export interface LayoutGraph {
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
}

/** An edge route found by the layered layout, in its island's coordinates. */
export interface EdgeRoute {
  /** The island both ends sit in (only edges inside one island get a route). */
  island: string;
  points: Point[];
  /** Centre of the label box the layout kept free; null when it placed none. */
  label: Point | null;
  /** Positions of the two end nodes the route was drawn for; a route is stale once they move. */
  sourceAt: Point;
  targetAt: Point;
}

/** A card's position relative to its island (React Flow's parent-relative position). */
export interface CardPlacement extends Point {
  island: string;
}

export interface LayoutResult {
  /** Absolute position and size of every island. */
  islands: Record<string, Rect>;
  nodes: Record<string, CardPlacement>;
  routes: Record<string, EdgeRoute>;
}

export interface LayoutRequest {
  /** 'full' lays everything out afresh; 'update' keeps every known position and places only what is new. */
  mode: 'full' | 'update';
  graph: LayoutGraph;
  previous: LayoutResult | null;
  /** Width / height of the canvas, so islands are packed to fill it. */
  aspect: number;
}

export interface LayoutResponse {
  result: LayoutResult;
  /** Time the layout took, in ms. */
  ms: number;
  /** Nodes the layout engine placed (all of them for 'full', the new islands' for 'update'). */
  engineNodes: number;
}
