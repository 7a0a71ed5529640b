import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../src/graph/layout';
import { buildGraph, countStates, DefinitionShapeError, graphFromText, nodeId, stateTypesByName } from '../src/model/asl';

const def = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.x', NumericGreaterThan: 10, Next: 'Big' },
        { Variable: '$.x', NumericLessThan: 0, Next: 'Big' },
      ],
      Default: 'Small',
    },
    Big: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }, { ErrorEquals: ['States.ALL'] }],
      Catch: [{ ErrorEquals: ['States.TaskFailed', 'Custom'], Next: 'Failed' }],
      Next: 'Fan',
    },
    Small: { Type: 'Wait', Seconds: 1, Next: 'Fan' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
        { StartAt: 'B2', States: { B2: { Type: 'Succeed' } } },
      ],
      Next: 'Each',
    },
    Each: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, Next: 'Done' },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'E' },
  },
};

describe('buildGraph', () => {
  const g = buildGraph(def);
  const edge = (from: string, to: string) => g.edges.filter((e) => e.from === nodeId(from) && e.to === nodeId(to));

  it('has start and end nodes at the top level', () => {
    expect(g.nodes[0].type).toBe('Start');
    expect(g.nodes[g.nodes.length - 1].type).toBe('End');
    expect(g.edges[0]).toMatchObject({ from: 'start:root', to: nodeId('Check') });
  });

  it('labels Choice edges with their conditions and the default', () => {
    expect(edge('Check', 'Big').map((e) => e.label)).toEqual(['$.x NumericGreaterThan 10', '$.x NumericLessThan 0']);
    expect(edge('Check', 'Small')).toMatchObject([{ kind: 'default', label: 'Default' }]);
  });

  it('draws Catch edges with their errors and keeps Retry on the node', () => {
    expect(edge('Big', 'Failed')).toMatchObject([{ kind: 'catch', label: 'States.TaskFailed, Custom' }]);
    const big = g.nodes.find((n) => n.name === 'Big');
    expect(big?.retry).toEqual([{ errors: ['States.Timeout'], maxAttempts: 2 }, { errors: ['States.ALL'], maxAttempts: 3 }]);
    expect(big?.resource).toBe('arn:aws:states:::lambda:invoke');
  });

  it('nests Parallel branches and the Map item processor', () => {
    const fan = g.nodes.find((n) => n.name === 'Fan');
    expect(fan?.groups.map((s) => s.label)).toEqual(['Branch 1', 'Branch 2']);
    expect(fan?.groups[0].nodes.map((n) => n.name)).toEqual(['B1']);
    const each = g.nodes.find((n) => n.name === 'Each');
    expect(each?.groups[0].label).toBe('Item processor (distributed)');
  });

  it('links Succeed, Fail and End states to the end node', () => {
    for (const name of ['Done', 'Failed']) expect(g.edges.some((e) => e.from === nodeId(name) && e.to === 'end:root')).toBe(true);
  });

  it('counts and types nested states', () => {
    expect(countStates(g)).toBe(10);
    expect(stateTypesByName(g).get('B2')).toBe('Succeed');
  });

  it('accepts the old Map Iterator and skips edges to unknown states', () => {
    const old = buildGraph({ StartAt: 'M', States: { M: { Type: 'Map', Iterator: { StartAt: 'I', States: { I: { Type: 'Pass', Next: 'Nowhere' } } }, End: true } } });
    expect(old.nodes[1].groups[0].label).toBe('Item processor');
    expect(old.nodes[1].groups[0].edges).toEqual([]);
  });

  it('rejects what it cannot draw', () => {
    expect(() => graphFromText('{')).toThrow(DefinitionShapeError);
    expect(() => buildGraph([])).toThrow(DefinitionShapeError);
    expect(() => buildGraph({ StartAt: 'x' })).toThrow(DefinitionShapeError);
  });

  it('draws JSONata conditions', () => {
    const j = buildGraph({ QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } });
    expect(j.edges.find((e) => e.kind === 'choice')?.label).toBe('$states.input.n > 1');
  });
});

describe('layoutGraph', () => {
  it('places nested scopes inside their container', () => {
    const laid = layoutGraph(buildGraph(def));
    const fan = laid.nodes.find((n) => n.node.name === 'Fan');
    expect(fan?.groups.length).toBe(2);
    for (const sub of fan?.groups ?? []) {
      expect(sub.x + sub.width).toBeLessThanOrEqual((fan?.width ?? 0) + 0.5);
      expect(sub.y + sub.height).toBeLessThanOrEqual((fan?.height ?? 0) + 0.5);
    }
    const labelled = laid.edges.filter((e) => e.label);
    expect(labelled.length).toBeGreaterThanOrEqual(4);
    for (const e of laid.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
  });

  it('lays out a 200-state chain with choices', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
      const next = i < 199 ? `S${i + 1}` : undefined;
      states[`S${i}`] = i % 10 === 5 && next
        ? { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: i, Next: next }], Default: next }
        : next ? { Type: 'Pass', Next: next } : { Type: 'Succeed' };
    }
    const g = buildGraph({ StartAt: 'S0', States: states });
    const laid = layoutGraph(g);
    expect(laid.nodes.length).toBe(202);
    expect(laid.height).toBeGreaterThan(200 * 40);
  });
});

describe('onDiamond', () => {
  it('puts edge ends on the diamond border', async () => {
    const { onDiamond } = await import('../src/graph/layout');
    const n = { node: { id: 'c', name: 'c', type: 'Choice' as const, retry: [], groups: [] }, x: 0, y: 0, width: 100, height: 50, groups: [] };
    expect(onDiamond(n, { x: 50, y: 200 })).toEqual({ x: 50, y: 50 });
    expect(onDiamond(n, { x: 300, y: 25 })).toEqual({ x: 100, y: 25 });
    const p = onDiamond(n, { x: 100, y: 50 });
    expect(Math.abs(p.x - 50) / 50 + Math.abs(p.y - 25) / 25).toBeCloseTo(1);
    expect(onDiamond(n, { x: 50, y: 25 })).toEqual({ x: 50, y: 25 });
  });
});
