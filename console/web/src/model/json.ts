// JSON text helpers that keep the server's text: key order and number text are never changed
// (JSON.parse would reorder integer-like keys and round big numbers).

/** Pretty-prints JSON text with two-space indentation, token by token. Invalid text is returned as is. */
export function prettyJSON(text: string | undefined | null): string {
  if (text == null) return '';
  const out: string[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  const newline = () => out.push('\n', '  '.repeat(depth));
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return text;
      out.push(text.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const j = skipSpace(text, i + 1);
      if (text[j] === close) {
        out.push(c + close);
        i = j + 1;
        continue;
      }
      depth++;
      out.push(c);
      newline();
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
      newline();
      out.push(c);
    } else if (c === ',') {
      out.push(',');
      newline();
    } else if (c === ':') {
      out.push(': ');
    } else {
      out.push(c);
    }
    i++;
  }
  return out.join('');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && ' \n\r\t'.includes(text[i])) i++;
  return i;
}

/** Returns the index of the quote closing the string that starts at i, or -1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}

/** Checks JSON text; returns an error message, or '' when the text is valid JSON. */
export function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Parses JSON text, returning undefined for invalid text. */
export function tryParse(text: string | undefined): unknown {
  if (text == null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Counts the lines prettyJSON would print, without building the string. */
export function lineCount(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines++;
  return lines;
}
