// The graph model of an ASL definition: one Subgraph per scope (the machine, each Parallel
// branch, each Map item processor), with typed nodes and labelled edges. Pure: no DOM, no layout.
import { conditionLabel } from './conditions';
import { processorFor } from './maprun';

export const stateTypes = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof stateTypes)[number];
export type NodeType = StateType | 'Start' | 'End';
export type EdgeKind = 'next' | 'default' | 'choice' | 'catch';

export interface RetryInfo {
  errors: string[];
  maxAttempts: number;
}

export interface GraphNode {
  id: string;
  name: string;
  type: NodeType;
  retry: RetryInfo[];
  groups: Subgraph[];
  resource?: string;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
}

export interface Subgraph {
  id: string;
  label: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

type Obj = Record<string, unknown>;

/** The error for a definition the graph cannot be drawn from. */
export class DefinitionShapeError extends Error {}

/** Builds the graph of a definition (the parsed JSON object). */
export function buildGraph(def: unknown): Subgraph {
  if (!isObj(def) || !isObj(def.States)) throw new DefinitionShapeError('The definition has no States object.');
  return buildScope(def, 'root', 'State machine', true);
}

/** Parses definition text and builds its graph. */
export function graphFromText(text: string): Subgraph {
  let def: unknown;
  try {
    def = JSON.parse(text);
  } catch (e) {
    throw new DefinitionShapeError(`The definition is not valid JSON: ${(e as Error).message}`);
  }
  return buildGraph(def);
}

/**
 * Builds the graph of what an execution ran: for a Map Run's child (DescribeStateMachineForExecution
 * names the Map's `label`), the item processor of that Map; otherwise the whole definition.
 */
export function executionGraphFromText(text: string, label?: string): Subgraph {
  if (!label) return graphFromText(text);
  let def: unknown;
  try {
    def = JSON.parse(text);
  } catch {
    return graphFromText(text);
  }
  const proc = processorFor(def, label);
  return buildGraph(proc ?? def);
}

function buildScope(scope: Obj, id: string, label: string, top: boolean): Subgraph {
  const states = isObj(scope.States) ? scope.States : {};
  const names = new Set(Object.keys(states));
  const g: Subgraph = { id, label, nodes: [], edges: [] };
  const endId = `end:${id}`;
  if (top) g.nodes.push(terminal(`start:${id}`, 'Start'));
  if (top && typeof scope.StartAt === 'string' && names.has(scope.StartAt)) {
    addEdge(g, `start:${id}`, nodeId(scope.StartAt), 'next');
  }
  for (const [name, st] of Object.entries(states)) {
    if (!isObj(st)) continue;
    g.nodes.push(stateNode(name, st));
    stateEdges(g, name, st, names, top ? endId : '');
  }
  if (top) g.nodes.push(terminal(endId, 'End'));
  return g;
}

function terminal(id: string, type: 'Start' | 'End'): GraphNode {
  return { id, name: type, type, retry: [], groups: [] };
}

/** The node id of a state (state names are unique in the whole machine). */
export function nodeId(name: string): string {
  return `state:${name}`;
}

function stateNode(name: string, st: Obj): GraphNode {
  const type = (stateTypes as readonly string[]).includes(st.Type as string) ? (st.Type as StateType) : 'Pass';
  const node: GraphNode = { id: nodeId(name), name, type, retry: retries(st.Retry), groups: [] };
  if (typeof st.Resource === 'string') node.resource = st.Resource;
  if (type === 'Parallel' && Array.isArray(st.Branches)) {
    node.groups = st.Branches.filter(isObj).map((b, i) => buildScope(b, `${name}/branch${i + 1}`, `Branch ${i + 1}`, false));
  }
  if (type === 'Map') {
    const proc = isObj(st.ItemProcessor) ? st.ItemProcessor : isObj(st.Iterator) ? st.Iterator : undefined;
    if (proc) node.groups = [buildScope(proc, `${name}/items`, mapLabel(proc), false)];
  }
  return node;
}

function mapLabel(proc: Obj): string {
  const cfg = isObj(proc.ProcessorConfig) ? proc.ProcessorConfig : {};
  return cfg.Mode === 'DISTRIBUTED' ? 'Item processor (distributed)' : 'Item processor';
}

function stateEdges(g: Subgraph, name: string, st: Obj, names: Set<string>, endId: string): void {
  const from = nodeId(name);
  const to = (target: unknown) => (typeof target === 'string' && names.has(target) ? nodeId(target) : '');
  if (st.Type === 'Choice') choiceEdges(g, from, st, to);
  else if (to(st.Next)) addEdge(g, from, to(st.Next), 'next');
  else if (endId && (st.End === true || st.Type === 'Succeed' || st.Type === 'Fail')) addEdge(g, from, endId, 'next');
  if (Array.isArray(st.Catch)) {
    for (const c of st.Catch.filter(isObj)) {
      if (to(c.Next)) addEdge(g, from, to(c.Next), 'catch', errorsLabel(c.ErrorEquals));
    }
  }
}

function choiceEdges(g: Subgraph, from: string, st: Obj, to: (t: unknown) => string): void {
  const rules = Array.isArray(st.Choices) ? st.Choices.filter(isObj) : [];
  for (const r of rules) {
    if (to(r.Next)) addEdge(g, from, to(r.Next), 'choice', conditionLabel(r));
  }
  if (to(st.Default)) addEdge(g, from, to(st.Default), 'default', 'Default');
}

function addEdge(g: Subgraph, from: string, to: string, kind: EdgeKind, label?: string): void {
  g.edges.push({ id: `${g.id}#${g.edges.length}`, from, to, kind, label });
}

function errorsLabel(errors: unknown): string {
  return Array.isArray(errors) ? errors.map(String).join(', ') : '';
}

function retries(v: unknown): RetryInfo[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).map((r) => ({
    errors: Array.isArray(r.ErrorEquals) ? r.ErrorEquals.map(String) : [],
    maxAttempts: typeof r.MaxAttempts === 'number' ? r.MaxAttempts : 3,
  }));
}

/** Counts the states of a graph, nested ones included. */
export function countStates(g: Subgraph): number {
  let n = 0;
  for (const node of g.nodes) {
    if (node.type === 'Start' || node.type === 'End') continue;
    n += 1 + node.groups.reduce((s, sub) => s + countStates(sub), 0);
  }
  return n;
}

/** Maps each state name to its type, nested states included. */
export function stateTypesByName(g: Subgraph, out = new Map<string, StateType>()): Map<string, StateType> {
  for (const node of g.nodes) {
    if (node.type === 'Start' || node.type === 'End') continue;
    out.set(node.name, node.type);
    for (const sub of node.groups) stateTypesByName(sub, out);
  }
  return out;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
