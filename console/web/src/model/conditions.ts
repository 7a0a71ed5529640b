// Labels for Choice rules, as drawn on the graph's edges: `$.x NumericGreaterThan 10`,
// `($.a IsPresent true) and ($.b StringEquals "x")`, or a JSONata condition's expression.

type Rule = Record<string, unknown>;

const notOperators = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output']);

/** Returns the label of one Choice rule (a top-level rule or a nested one). */
export function conditionLabel(rule: unknown): string {
  if (!isRule(rule)) return '?';
  if (typeof rule.Condition === 'string') return jsonataLabel(rule.Condition);
  if (rule.Condition !== undefined) return JSON.stringify(rule.Condition);
  if (Array.isArray(rule.And)) return joinRules(rule.And, 'and');
  if (Array.isArray(rule.Or)) return joinRules(rule.Or, 'or');
  if (rule.Not !== undefined) return `not ${wrap(rule.Not)}`;
  return comparisonLabel(rule);
}

function comparisonLabel(rule: Rule): string {
  const op = Object.keys(rule).find((k) => !notOperators.has(k));
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
  if (op === undefined) return variable;
  return `${variable} ${op} ${operand(op, rule[op])}`;
}

function operand(op: string, v: unknown): string {
  if (op.endsWith('Path') && typeof v === 'string') return v;
  return JSON.stringify(v) ?? 'null';
}

function joinRules(rules: unknown[], word: string): string {
  if (rules.length === 1) return conditionLabel(rules[0]);
  return rules.map(wrap).join(` ${word} `);
}

function wrap(rule: unknown): string {
  return `(${conditionLabel(rule)})`;
}

/** Strips the `{% %}` delimiters of a JSONata condition. */
export function jsonataLabel(condition: string): string {
  const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(condition);
  return (m ? m[1] : condition).trim();
}

function isRule(v: unknown): v is Rule {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shortens a label for drawing; the full text stays in the edge's title. */
export function shortLabel(label: string, max = 48): string {
  return label.length <= max ? label : label.slice(0, max - 1) + '…';
}
