// Times the reference implementation on the benchmark expressions.
// Usage: node bench.js <input.json> <expr>...
'use strict';
const jsonata = require('jsonata');
const fs = require('fs');

async function main() {
  const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  for (const src of process.argv.slice(3)) {
    const expr = jsonata(src);
    for (let i = 0; i < 2000; i++) await expr.evaluate(input);
    const n = 20000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await expr.evaluate(input);
    const ns = Number(process.hrtime.bigint() - start) / n;
    console.log(JSON.stringify({expr: src, nsPerOp: ns}));
  }
}

main();
