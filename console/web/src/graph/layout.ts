// Layout of the graph model with dagre: each scope (the machine, a Parallel branch, a Map item
// processor) is laid out on its own, innermost first; a Parallel or Map node is then sized to hold
// its laid-out scopes side by side. Coordinates are relative to the enclosing box.
import { Graph, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode, Subgraph } from '../model/asl';
import { shortLabel } from '../model/conditions';

export interface Point {
  x: number;
  y: number;
}

export interface LaidNode {
  node: GraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
  groups: LaidGroup[];
}

export interface LaidEdge {
  edge: GraphEdge;
  points: Point[];
  label?: { text: string; x: number; y: number; width: number };
}

export interface LaidGroup {
  group: Subgraph;
  x: number;
  y: number;
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
}

export const metrics = {
  charWidth: 7.4,
  labelCharWidth: 6.4,
  nodeHeight: 46,
  diamondHeight: 64,
  terminalWidth: 68,
  terminalHeight: 30,
  groupHeader: 34,
  scopeHeader: 24,
  pad: 12,
  gap: 16,
  labelHeight: 18,
  maxLabel: 44,
};

/** Lays out a graph; the result's width and height are the drawing's size. */
export function layoutGraph(g: Subgraph): LaidGroup {
  return layoutScope(g, g.id !== 'root');
}

function layoutScope(g: Subgraph, withHeader: boolean): LaidGroup {
  const nodes = g.nodes.map(sizeNode);
  const dg = new Graph({ multigraph: true });
  dg.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 36, edgesep: 12, marginx: 10, marginy: 10 });
  dg.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) dg.setNode(n.node.id, { width: n.width, height: n.height });
  for (const e of g.edges) dg.setEdge(e.from, e.to, edgeLabel(e), e.id);
  layout(dg);
  const top = withHeader ? metrics.scopeHeader : 0;
  for (const n of nodes) {
    const p = dg.node(n.node.id);
    n.x = (p.x ?? 0) - n.width / 2;
    n.y = (p.y ?? 0) - n.height / 2 + top;
  }
  const byId = new Map(nodes.map((n) => [n.node.id, n]));
  const edges = g.edges.map((e) => clipDiamonds(laidEdge(e, dg.edge(e.from, e.to, e.id), top), byId));
  const size = dg.graph();
  return { group: g, x: 0, y: 0, width: size.width ?? 0, height: (size.height ?? 0) + top, nodes, edges };
}

function edgeLabel(e: GraphEdge): Record<string, unknown> {
  if (!e.label) return { minlen: 1 };
  const text = shortLabel(e.label, metrics.maxLabel);
  return { width: text.length * metrics.labelCharWidth + 10, height: metrics.labelHeight, labelpos: 'c', minlen: 1 };
}

function laidEdge(e: GraphEdge, d: { points?: Point[]; x?: number; y?: number; width?: number } | undefined, top: number): LaidEdge {
  const points = (d?.points ?? []).map((p) => ({ x: p.x, y: p.y + top }));
  const out: LaidEdge = { edge: e, points };
  if (e.label && d?.x !== undefined && d.y !== undefined) {
    out.label = { text: shortLabel(e.label, metrics.maxLabel), x: d.x, y: d.y + top, width: d.width ?? 0 };
  }
  return out;
}

/** Moves the ends of edges touching a Choice from its bounding box onto the diamond's sides. */
function clipDiamonds(e: LaidEdge, byId: Map<string, LaidNode>): LaidEdge {
  const pts = e.points;
  if (pts.length < 2) return e;
  const from = byId.get(e.edge.from);
  const to = byId.get(e.edge.to);
  if (from?.node.type === 'Choice') pts[0] = onDiamond(from, pts[1]);
  if (to?.node.type === 'Choice') pts[pts.length - 1] = onDiamond(to, pts[pts.length - 2]);
  return e;
}

/** The point where the segment from a diamond's centre towards p crosses its border. */
export function onDiamond(n: LaidNode, p: Point): Point {
  const cx = n.x + n.width / 2;
  const cy = n.y + n.height / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  const k = Math.abs(dx) / (n.width / 2) + Math.abs(dy) / (n.height / 2);
  if (k === 0) return { x: cx, y: cy };
  return { x: cx + dx / k, y: cy + dy / k };
}

function textWidth(s: string): number {
  return Math.min(s.length, 34) * metrics.charWidth;
}

function sizeNode(node: GraphNode): LaidNode {
  const n: LaidNode = { node, x: 0, y: 0, width: 0, height: metrics.nodeHeight, groups: [] };
  switch (node.type) {
    case 'Start':
    case 'End':
      n.width = metrics.terminalWidth;
      n.height = metrics.terminalHeight;
      return n;
    case 'Choice':
      n.width = clamp(textWidth(node.name) + 80, 150, 340);
      n.height = metrics.diamondHeight;
      return n;
    case 'Parallel':
    case 'Map':
      if (node.groups.length > 0) return sizeContainer(n);
  }
  n.width = clamp(textWidth(node.name) + 44, 120, 300);
  return n;
}

function sizeContainer(n: LaidNode): LaidNode {
  const { pad, gap, groupHeader } = metrics;
  n.groups = n.node.groups.map((g) => layoutScope(g, true));
  let x = pad;
  for (const g of n.groups) {
    g.x = x;
    g.y = groupHeader;
    x += g.width + gap;
  }
  const inner = x - gap + pad;
  n.width = Math.max(inner, textWidth(n.node.name) + 120);
  n.height = groupHeader + Math.max(0, ...n.groups.map((g) => g.height)) + pad;
  const shift = (n.width - inner) / 2;
  for (const g of n.groups) g.x += shift;
  return n;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
