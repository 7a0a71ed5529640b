// The state inspector: one state's visits, with input, output, variables, error and the
// executions and Map Runs a visit started.
import { useEffect, useState } from 'preact/hooks';
import { visitDetails } from '../model/inspect';
import { arnName } from '../model/format';
import { mapRunLabel } from '../model/maprun';
import { Link, paths } from '../router';
import { type Analysis, statusOf, type Status, visitStatus } from '../model/status';
import { JsonBlock } from './common';

export interface InspectorProps {
  name: string;
  analysis: Analysis;
  statuses: Map<string, Status>;
  executionStatus: string;
  onClose: () => void;
}

/** Shows what a state did, read from the history events. */
export function Inspector({ name, analysis, statuses, executionStatus, onClose }: InspectorProps) {
  const visits = analysis.byName.get(name) ?? [];
  const [index, setIndex] = useState(visits.length - 1);
  useEffect(() => setIndex(visits.length - 1), [name, visits.length]);
  const v = visits[Math.min(Math.max(index, 0), visits.length - 1)];
  return (
    <aside class="inspector card" aria-label={`State ${name}`} data-inspector={name}>
      <div class="card-head">
        <h2>
          {name} <span class={`pill status-${statusOf(statuses, name)}`}>{statusOf(statuses, name)}</span>
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the state inspector">Close</button>
      </div>
      {!v ? (
        <p class="muted">This state was not entered.</p>
      ) : (
        <>
          {visits.length > 1 ? (
            <label class="inline">
              <span>Visit</span>
              <select value={String(index)} onChange={(e) => setIndex(Number((e.target as HTMLSelectElement).value))}>
                {visits.map((x, i) => (
                  <option key={x.enteredId} value={String(i)}>{`#${i + 1} (event ${x.enteredId}, ${visitStatus(x, executionStatus, true)})`}</option>
                ))}
              </select>
            </label>
          ) : null}
          <VisitView details={visitDetails(analysis, v)} />
        </>
      )}
    </aside>
  );
}

function VisitView({ details }: { details: ReturnType<typeof visitDetails> }) {
  return (
    <div class="visit">
      {details.error !== undefined ? (
        <div class="banner error" role="note">
          <strong>{details.error}</strong>
          {details.cause ? <div class="cause">{details.cause}</div> : null}
        </div>
      ) : null}
      {details.started.length ? (
        <>
          <h3>Started execution</h3>
          <ul class="started" aria-label="Started executions">
            {details.started.map((arn) => (
              <li key={arn}>
                <Link href={paths.execution(arn)} data-started-execution={arn}>{arnName(arn)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {details.mapRuns.length ? (
        <>
          <h3>Map Run</h3>
          <ul class="started" aria-label="Map Runs">
            {details.mapRuns.map((arn) => (
              <li key={arn}>
                <Link href={paths.mapRun(arn)} data-map-run-link={arn}>Map Run {mapRunLabel(arn)}</Link>{' '}
                <span class="muted small">{arnName(arn)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Input</h3>
      <JsonBlock text={details.input} label="Input" />
      <h3>Output</h3>
      <JsonBlock text={details.output} label="Output" />
      <h3>Variables assigned</h3>
      <Vars vars={details.assigned} empty="No variables assigned." />
      <h3>Variables in scope on entry</h3>
      <Vars vars={details.scope} empty="No variables in scope." />
    </div>
  );
}

function Vars({ vars, empty }: { vars: [string, string][]; empty: string }) {
  if (vars.length === 0) return <p class="muted">{empty}</p>;
  return (
    <dl class="vars">
      {vars.map(([k, v]) => (
        <div key={k}>
          <dt>${k}</dt>
          <dd><code>{v}</code></dd>
        </div>
      ))}
    </dl>
  );
}
