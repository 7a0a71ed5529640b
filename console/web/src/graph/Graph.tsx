// Draws a laid-out graph as SVG. Every state is a focusable group carrying data-state,
// data-type and data-status; Choice is a diamond, Parallel and Map are boxes holding their
// branches, Catch edges are dashed and labelled with their errors, Retry is a badge.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Subgraph } from '../model/asl';
import type { Status } from '../model/status';
import { type LaidEdge, type LaidGroup, type LaidNode, layoutGraph, metrics } from './layout';

export interface GraphProps {
  graph: Subgraph;
  statuses?: Map<string, Status>;
  selected?: string;
  onSelect?: (name: string) => void;
  label: string;
}

interface DrawCtx {
  statuses?: Map<string, Status>;
  selected?: string;
  onSelect?: (name: string) => void;
}

/** The graph with zoom controls; layout runs once per definition. */
export function GraphView({ graph, statuses, selected, onSelect, label }: GraphProps) {
  const laid = useMemo(() => layoutGraph(graph), [graph]);
  const box = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  const fit = () => {
    const w = box.current?.clientWidth ?? laid.width;
    setZoom(Math.max(0.25, Math.min(1, (w - 8) / Math.max(1, laid.width))));
  };
  useEffect(fit, [laid]);
  const ctx: DrawCtx = { statuses, selected, onSelect };
  return (
    <div class="graph">
      <div class="graph-tools" role="toolbar" aria-label="Graph zoom">
        <button type="button" onClick={() => setZoom((z) => Math.max(0.2, z / 1.25))} aria-label="Zoom out">−</button>
        <button type="button" onClick={fit}>Fit</button>
        <button type="button" onClick={() => setZoom((z) => Math.min(3, z * 1.25))} aria-label="Zoom in">+</button>
        {statuses ? <Legend /> : null}
      </div>
      <div class="graph-scroll" ref={box}>
        <svg
          class="graph-svg"
          width={laid.width * zoom}
          height={laid.height * zoom}
          viewBox={`0 0 ${laid.width} ${laid.height}`}
          role="group"
          aria-label={label}
        >
          <Markers />
          <Group g={laid} ctx={ctx} />
        </svg>
      </div>
    </div>
  );
}

function Legend() {
  const items: Status[] = ['succeeded', 'running', 'caught', 'failed', 'cancelled', 'not-run'];
  return (
    <ul class="legend" aria-label="Status colours">
      {items.map((s) => (
        <li key={s}>
          <span class={`swatch status-${s}`} aria-hidden="true" />
          {s}
        </li>
      ))}
    </ul>
  );
}

function Markers() {
  return (
    <defs>
      <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
        <path d="M0 0L10 5L0 10z" class="arrowhead" />
      </marker>
      <marker id="arrow-catch" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
        <path d="M0 0L10 5L0 10z" class="arrowhead catch" />
      </marker>
    </defs>
  );
}

function Group({ g, ctx }: { g: LaidGroup; ctx: DrawCtx }) {
  const header = g.group.id !== 'root';
  return (
    <g transform={`translate(${g.x},${g.y})`} class="scope" data-scope={g.group.label}>
      {header ? (
        <>
          <rect class="scope-box" width={g.width} height={g.height} rx={8} />
          <text class="scope-label" x={10} y={16}>{g.group.label}</text>
        </>
      ) : null}
      {g.edges.map((e) => <Edge key={e.edge.id} e={e} />)}
      {g.nodes.map((n) => <Node key={n.node.id} n={n} ctx={ctx} />)}
    </g>
  );
}

function Edge({ e }: { e: LaidEdge }) {
  if (e.points.length < 2) return null;
  const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join('');
  const catchEdge = e.edge.kind === 'catch';
  return (
    <g class={`edge edge-${e.edge.kind}`} data-edge={e.edge.kind}>
      <title>{e.edge.label ?? e.edge.kind}</title>
      <path d={d} marker-end={catchEdge ? 'url(#arrow-catch)' : 'url(#arrow)'} />
      {e.label ? (
        <g class="edge-label" transform={`translate(${e.label.x},${e.label.y})`}>
          <rect x={-e.label.width / 2} y={-metrics.labelHeight / 2} width={e.label.width} height={metrics.labelHeight} rx={4} />
          <text text-anchor="middle" dy="0.35em">{e.label.text}</text>
        </g>
      ) : null}
    </g>
  );
}

function Node({ n, ctx }: { n: LaidNode; ctx: DrawCtx }) {
  const { node } = n;
  if (node.type === 'Start' || node.type === 'End') return <Terminal n={n} />;
  const status = ctx.statuses?.get(node.name) ?? 'not-run';
  const selected = ctx.selected === node.name;
  const activate = () => ctx.onSelect?.(node.name);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate();
    }
  };
  return (
    <g
      transform={`translate(${n.x},${n.y})`}
      class={`node type-${node.type.toLowerCase()} status-${status}${selected ? ' selected' : ''}`}
      data-state={node.name}
      data-type={node.type}
      data-status={status}
      tabindex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`${node.type} state ${node.name}: ${status}`}
      onClick={(e) => {
        e.stopPropagation();
        activate();
      }}
      onKeyDown={onKey}
    >
      <title>{`${node.name} (${node.type}) — ${status}`}</title>
      <Shape n={n} />
      {n.groups.length ? <ContainerText n={n} /> : <NodeText n={n} />}
      {node.retry.length ? <RetryBadge n={n} /> : null}
      {n.groups.map((g) => <Group key={g.group.id} g={g} ctx={ctx} />)}
    </g>
  );
}

function Terminal({ n }: { n: LaidNode }) {
  return (
    <g transform={`translate(${n.x},${n.y})`} class={`terminal terminal-${n.node.type.toLowerCase()}`} aria-hidden="true">
      <rect width={n.width} height={n.height} rx={n.height / 2} />
      <text x={n.width / 2} y={n.height / 2} text-anchor="middle" dy="0.35em">{n.node.name}</text>
    </g>
  );
}

function Shape({ n }: { n: LaidNode }) {
  const { width: w, height: h } = n;
  switch (n.node.type) {
    case 'Choice':
      return <polygon class="shape" points={`${w / 2},0 ${w},${h / 2} ${w / 2},${h} 0,${h / 2}`} />;
    case 'Succeed':
    case 'Fail':
      return <rect class="shape" width={w} height={h} rx={h / 2} />;
    case 'Wait':
      return <rect class="shape" width={w} height={h} rx={2} />;
    case 'Parallel':
    case 'Map':
      return <rect class="shape container" width={w} height={h} rx={10} />;
    default:
      return <rect class="shape" width={w} height={h} rx={8} />;
  }
}

const icons: Record<string, string> = {
  Task: '⚙',
  Pass: '→',
  Choice: '◇',
  Wait: '◷',
  Succeed: '✓',
  Fail: '✕',
  Parallel: '⇉',
  Map: '⟲',
};

function NodeText({ n }: { n: LaidNode }) {
  const cx = n.width / 2;
  return (
    <>
      <text class="node-name" x={cx} y={n.height / 2 - 4} text-anchor="middle">{clip(n.node.name, n.width)}</text>
      <text class="node-type" x={cx} y={n.height / 2 + 12} text-anchor="middle">{`${icons[n.node.type] ?? ''} ${n.node.type}`}</text>
    </>
  );
}

function ContainerText({ n }: { n: LaidNode }) {
  return (
    <>
      <text class="node-name" x={12} y={21}>{clip(n.node.name, n.width - 90)}</text>
      <text class="node-type" x={n.width - 12} y={21} text-anchor="end">{`${icons[n.node.type]} ${n.node.type}`}</text>
    </>
  );
}

function RetryBadge({ n }: { n: LaidNode }) {
  const text = n.node.retry.map((r) => `${r.errors.join(', ')} × ${r.maxAttempts}`).join('; ');
  return (
    <g class="retry-badge" transform={`translate(${n.width - 14},-8)`} data-retry={text}>
      <title>{`Retry: ${text}`}</title>
      <circle r={10} cx={0} cy={8} />
      <text x={0} y={8} text-anchor="middle" dy="0.35em">↻</text>
    </g>
  );
}

function clip(s: string, width: number): string {
  const max = Math.max(4, Math.floor((width - 16) / metrics.charWidth));
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
