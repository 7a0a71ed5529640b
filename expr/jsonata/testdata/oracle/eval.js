// Evaluates JSONata expressions with the reference implementation.
// Input: one JSON object per line {"expr": "...", "input": <any>, "bindings": {...}}
// ("input" absent means undefined). Output: one JSON object per line:
// {"result": <json>} | {"undefined": true} | {"function": true} |
// {"error": {"code", "message", "token", "position"}}.
'use strict';
const jsonata = require('jsonata');
const readline = require('readline');

const NOW = Date.parse('2024-05-01T12:34:56.789Z');

async function evaluate(c) {
  let expr;
  try {
    expr = jsonata(c.expr);
  } catch (e) {
    return {error: describe(e)};
  }
  // fixed clock so that $now() and $millis() compare
  expr.registerFunction('millis', () => NOW, '<:n>');
  try {
    const r = await expr.evaluate(c.input, c.bindings || {});
    if (r === undefined) return {undefined: true};
    if (typeof r === 'function' || (r && (r._jsonata_lambda || r._jsonata_function))) return {function: true};
    return {result: JSON.parse(JSON.stringify(r, (k, v) => (v && (v._jsonata_lambda || v._jsonata_function)) ? undefined : v))};
  } catch (e) {
    return {error: describe(e)};
  }
}

function describe(e) {
  return {code: e.code, message: e.message, token: e.token, position: e.position};
}

async function main() {
  const rl = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
  for await (const line of rl) {
    if (!line.trim()) continue;
    const out = await evaluate(JSON.parse(line));
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

main();
