// Formatting of AWS API values: timestamps are epoch seconds (with a fraction).

/** Formats an epoch-seconds timestamp as a local date and time with milliseconds. */
export function formatDate(epochSeconds: number | undefined): string {
  if (epochSeconds === undefined || epochSeconds === null) return '';
  const d = new Date(epochSeconds * 1000);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Formats a duration in seconds: 0.042 -> "42 ms", 75 -> "1 min 15 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${trim(seconds)} s`;
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h} h ${m} min ${s} s` : `${m} min ${s} s`;
}

function trim(s: number): string {
  return s.toFixed(3).replace(/\.?0+$/, '');
}

/** The name part of an ARN (the last colon-separated field, or the one before an express id). */
export function arnName(arn: string): string {
  const parts = arn.split(':');
  if (parts[5] === 'express' && parts.length >= 9) return parts[7];
  return parts[parts.length - 1] ?? arn;
}
