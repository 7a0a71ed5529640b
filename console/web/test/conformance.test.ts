// Runs the graph model, the layout and the status analysis over the recorded AWS cases in
// ../shared/conformance (skipped when ../shared is absent).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../src/graph/layout';
import { buildGraph, stateTypesByName } from '../src/model/asl';
import { processorFor } from '../src/model/maprun';
import { analyse, type HistoryEvent, stateStatuses } from '../src/model/status';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'go.mod'))) {
    const up = dirname(dir);
    if (up === dir) return '';
    dir = up;
  }
  return dir;
}

interface Case {
  file: string;
  definition?: unknown;
  expected?: { status?: string };
  recorded_history?: HistoryEvent[];
}

function loadCases(): Case[] {
  const root = repoRoot();
  const dir = root ? resolve(root, '..', 'shared', 'conformance', 'cases') : '';
  if (!dir || !existsSync(dir)) return [];
  const out: Case[] = [];
  for (const cat of readdirSync(dir)) {
    if (!existsSync(join(dir, cat)) || cat.endsWith('.json')) continue;
    for (const f of readdirSync(join(dir, cat))) {
      if (!f.endsWith('.json')) continue;
      out.push({ file: `${cat}/${f}`, ...JSON.parse(readFileSync(join(dir, cat, f), 'utf8')) });
    }
  }
  return out;
}

const cases = loadCases();
const withStates = cases.filter((c) => typeof c.definition === 'object' && c.definition !== null && 'States' in (c.definition as object));
const numeric = (h?: HistoryEvent[]) => !!h && h.length > 0 && h.every((e) => typeof e.id === 'number');

describe.skipIf(cases.length === 0)('recorded AWS cases', () => {
  it('builds and lays out every definition', () => {
    for (const c of withStates) {
      const g = buildGraph(c.definition);
      const laid = layoutGraph(g);
      expect(laid.width, c.file).toBeGreaterThan(0);
      for (const n of laid.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y), c.file).toBe(true);
    }
    expect(withStates.length).toBeGreaterThan(300);
  }, 120_000);

  it('gives every entered state of a recorded history a status consistent with the execution', () => {
    let checked = 0;
    for (const c of withStates) {
      if (!numeric(c.recorded_history) || !c.expected?.status) continue;
      const names = stateTypesByName(buildGraph(c.definition));
      const st = stateStatuses(analyse(c.recorded_history as HistoryEvent[]), c.expected.status);
      for (const name of st.keys()) expect(names.has(name), `${c.file}: ${name}`).toBe(true);
      if (c.expected.status !== 'RUNNING') expect([...st.values()], c.file).not.toContain('running');
      if (c.expected.status === 'FAILED' && st.size > 0) expect([...st.values()], c.file).toContain('failed');
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('gives every MapRunStarted to the visit of a distributed Map, whose processor the children run', () => {
    let checked = 0;
    for (const c of withStates) {
      if (!numeric(c.recorded_history)) continue;
      const a = analyse(c.recorded_history as HistoryEvent[]);
      for (const e of c.recorded_history as HistoryEvent[]) {
        if (e.type !== 'MapRunStarted') continue;
        const v = a.owner.get(e.id);
        expect(v?.type, `${c.file}: event ${e.id}`).toBe('Map');
        const proc = processorFor(c.definition, labelOf(c.definition, v?.name ?? ''));
        expect((proc?.ProcessorConfig as { Mode?: string } | undefined)?.Mode, `${c.file}: ${v?.name}`).toBe('DISTRIBUTED');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

/** The Label of the Map state named `name` (its name when it has none), searched at any depth. */
function labelOf(def: unknown, name: string): string {
  let label = name;
  JSON.stringify(def, (key, value) => {
    if (key === name && value && typeof value === 'object' && value.Type === 'Map' && typeof value.Label === 'string') label = value.Label;
    return value;
  });
  return label;
}
