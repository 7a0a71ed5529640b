import { describe, expect, it } from 'vitest';
import { conditionLabel, jsonataLabel, shortLabel } from '../src/model/conditions';

describe('conditionLabel', () => {
  const cases: [string, unknown, string][] = [
    ['numeric', { Variable: '$.x', NumericGreaterThan: 10, Next: 'A' }, '$.x NumericGreaterThan 10'],
    ['string', { Variable: '$.s', StringEquals: 'yes', Next: 'A' }, '$.s StringEquals "yes"'],
    ['path variant', { Variable: '$.a', NumericLessThanPath: '$.b', Next: 'A' }, '$.a NumericLessThanPath $.b'],
    ['boolean', { Variable: '$.ok', BooleanEquals: true, Next: 'A' }, '$.ok BooleanEquals true'],
    ['is present', { Variable: '$.v', IsPresent: false, Next: 'A' }, '$.v IsPresent false'],
    ['matches', { Variable: '$.f', StringMatches: '*.log', Next: 'A' }, '$.f StringMatches "*.log"'],
    ['timestamp', { Variable: '$.t', TimestampLessThan: '2016-03-14T01:59:00Z' }, '$.t TimestampLessThan "2016-03-14T01:59:00Z"'],
    ['comment ignored', { Comment: 'c', Variable: '$.x', NumericEquals: 1, Next: 'A' }, '$.x NumericEquals 1'],
    [
      'and',
      { And: [{ Variable: '$.a', IsPresent: true }, { Variable: '$.b', StringEquals: 'x' }], Next: 'A' },
      '($.a IsPresent true) and ($.b StringEquals "x")',
    ],
    ['or', { Or: [{ Variable: '$.a', NumericEquals: 1 }, { Variable: '$.a', NumericEquals: 2 }] }, '($.a NumericEquals 1) or ($.a NumericEquals 2)'],
    ['not', { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'A' }, 'not ($.type StringEquals "Private")'],
    ['single and', { And: [{ Variable: '$.a', IsNull: true }] }, '$.a IsNull true'],
    ['nested', { Not: { Or: [{ Variable: '$.a', IsNull: true }, { Variable: '$.b', IsNull: true }] } }, 'not (($.a IsNull true) or ($.b IsNull true))'],
    ['jsonata', { Condition: '{% $states.input.x > 10 %}', Next: 'A' }, '$states.input.x > 10'],
    ['jsonata literal', { Condition: true, Next: 'A' }, 'true'],
    ['no operator', { Variable: '$.x', Next: 'A' }, '$.x'],
    ['not an object', 42, '?'],
    ['null', null, '?'],
  ];
  for (const [name, rule, want] of cases) {
    it(name, () => expect(conditionLabel(rule)).toBe(want));
  }
});

describe('jsonataLabel and shortLabel', () => {
  it('strips delimiters only when they enclose the text', () => {
    expect(jsonataLabel('{%$x%}')).toBe('$x');
    expect(jsonataLabel('  {% a %}  ')).toBe('a');
    expect(jsonataLabel('plain')).toBe('plain');
  });
  it('shortens long labels with an ellipsis', () => {
    expect(shortLabel('abc', 5)).toBe('abc');
    expect(shortLabel('abcdefgh', 5)).toBe('abcd…');
  });
});
