// The execution's events as a virtualised table: only the rows in view are in the DOM, so
// 10,000 events stay responsive. Each row expands to show its event's details; a MapRunStarted
// row links its Map Run.
import { useMemo, useRef, useState } from 'preact/hooks';
import { detailHeight, detailText, rowAt, rowHeight, rowOffsets } from '../model/events';
import { formatDate } from '../model/format';
import { mapRunOfEvent } from '../model/maprun';
import type { Analysis, HistoryEvent } from '../model/status';
import { Link, paths } from '../router';

export interface EventTableProps {
  events: HistoryEvent[];
  analysis: Analysis;
  height?: number;
}

const overscan = 8;

/** The event table (GetExecutionHistory's events). */
export function EventTable({ events, analysis, height = 480 }: EventTableProps) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Map<number, string>>(new Map());
  const [top, setTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => filterEvents(events, analysis, filter), [events, analysis, filter]);
  const offsets = useMemo(() => rowOffsets(rows.length, (i) => extraHeight(open, rows[i])), [rows, open]);
  const first = Math.max(0, rowAt(offsets, top) - overscan);
  const last = Math.min(rows.length, rowAt(offsets, top + height) + overscan + 1);
  const start = events[0]?.timestamp ?? 0;
  const toggle = (e: HistoryEvent) => {
    const next = new Map(open);
    if (next.has(e.id)) next.delete(e.id);
    else next.set(e.id, detailText(e));
    setOpen(next);
  };
  const onScroll = () => setTop(scroller.current?.scrollTop ?? 0);
  return (
    <div class="events">
      <label class="filter">
        <span>Filter events</span>
        <input type="search" value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} placeholder="type or state name" />
      </label>
      <div role="table" aria-label="Execution events" aria-rowcount={rows.length + 1} class="event-table">
        <div role="rowgroup" class="event-head">
          <div role="row" aria-rowindex={1} class="event-row">
            {['ID', 'Type', 'State', 'Elapsed', 'Timestamp'].map((h) => (
              <div role="columnheader" key={h} class={`c-${h.toLowerCase()}`}>{h}</div>
            ))}
          </div>
        </div>
        <div role="rowgroup" class="event-body" ref={scroller} onScroll={onScroll} style={{ height: `${height}px` }}>
          <div style={{ height: `${offsets[rows.length]}px`, position: 'relative' }}>
            {rows.slice(first, last).map((e, k) => (
              <EventRow key={e.id} e={e} index={first + k} top={offsets[first + k]} start={start} step={analysis.owner.get(e.id)?.name ?? ''} detail={open.get(e.id)} onToggle={toggle} />
            ))}
          </div>
        </div>
      </div>
      <p class="muted small">{rows.length === events.length ? `${events.length} events` : `${rows.length} of ${events.length} events`}</p>
    </div>
  );
}

function extraHeight(open: Map<number, string>, e: HistoryEvent): number {
  const text = open.get(e.id);
  return text === undefined ? 0 : detailHeight(text);
}

function filterEvents(events: HistoryEvent[], a: Analysis, filter: string): HistoryEvent[] {
  const f = filter.trim().toLowerCase();
  if (!f) return events;
  return events.filter((e) => e.type.toLowerCase().includes(f) || (a.owner.get(e.id)?.name ?? '').toLowerCase().includes(f));
}

interface RowProps {
  e: HistoryEvent;
  index: number;
  top: number;
  start: number;
  step: string;
  detail?: string;
  onToggle: (e: HistoryEvent) => void;
}

function EventRow({ e, index, top, start, step, detail, onToggle }: RowProps) {
  const expanded = detail !== undefined;
  const kind = /Failed|TimedOut|Aborted/.test(e.type) ? ' ev-bad' : /Succeeded/.test(e.type) ? ' ev-good' : '';
  const mapRun = mapRunOfEvent(e);
  return (
    <div class="event-item" style={{ top: `${top}px` }} data-event-id={e.id}>
      <div role="row" aria-rowindex={index + 2} class={`event-row${kind}`} style={{ height: `${rowHeight}px` }}>
        <div role="cell" class="c-id">
          <button type="button" class="link" aria-expanded={expanded} aria-label={`Event ${e.id} details`} onClick={() => onToggle(e)}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {e.id}
          </button>
        </div>
        <div role="cell" class="c-type">{e.type}</div>
        <div role="cell" class="c-state">
          {step}
          {mapRun ? <>{step ? ' · ' : ''}<Link href={paths.mapRun(mapRun)} data-event-map-run={mapRun}>Map Run</Link></> : null}
        </div>
        <div role="cell" class="c-elapsed">{`${Math.round((e.timestamp - start) * 1000)} ms`}</div>
        <div role="cell" class="c-timestamp">{formatDate(e.timestamp)}</div>
      </div>
      {expanded ? (
        <pre class="event-detail" style={{ height: `${detailHeight(detail)}px` }} tabIndex={0} aria-label={`Details of event ${e.id}`}>
          {detail}
        </pre>
      ) : null}
    </div>
  );
}
