// Event-table helpers: the text shown when an event is expanded, and row offsets for the
// virtualised table.
import { lineCount, prettyJSON } from './json';
import { type HistoryEvent, detailsOf } from './status';

const jsonKeys = new Set(['input', 'output', 'parameters', 'result', 'cause', 'payload']);

/** The text of an event's details: one `key: value` per member, JSON values pretty-printed. */
export function detailText(e: HistoryEvent): string {
  const d = detailsOf(e);
  if (!d) return '(no details)';
  const lines: string[] = [];
  for (const [k, v] of Object.entries(d)) lines.push(`${k}: ${valueText(k, v)}`);
  return lines.join('\n');
}

function valueText(key: string, v: unknown): string {
  if (typeof v === 'string') {
    if (jsonKeys.has(key) && /^\s*[[{"]/.test(v)) return prettyJSON(v);
    return v;
  }
  return JSON.stringify(v, null, 2) ?? String(v);
}

export const rowHeight = 36;
export const lineHeight = 17;
export const maxDetailHeight = 360;

/** The pixel height of an expanded event's detail panel. */
export function detailHeight(text: string): number {
  return Math.min(maxDetailHeight, lineCount(text) * lineHeight + 24);
}

/** Prefix offsets of rows: offsets[i] is row i's top, offsets[n] the total height. */
export function rowOffsets(count: number, extra: (i: number) => number): Float64Array {
  const out = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) out[i + 1] = out[i] + rowHeight + extra(i);
  return out;
}

/** The first row whose bottom is below y (binary search over offsets). */
export function rowAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
