// One state machine: its definition as a graph and as JSON, versions and aliases, its
// executions with a status filter, and the Start execution form.
import { useMemo, useState } from 'preact/hooks';
import { ErrorBanner, Facts, JsonBlock, Section, Tabs } from '../components/common';
import { Executions } from '../components/Executions';
import { GraphView } from '../graph/Graph';
import { useAsync, useClient } from '../hooks';
import { DefinitionShapeError, graphFromText } from '../model/asl';
import { arnName, formatDate } from '../model/format';
import { jsonError } from '../model/json';
import { Link, navigate, paths } from '../router';

interface Description {
  stateMachineArn: string;
  name: string;
  type: string;
  status?: string;
  definition: string;
  roleArn: string;
  creationDate: number;
  revisionId?: string;
  description?: string;
}

/** The state machine page (`/state-machines/<arn>`). */
export function StateMachinePage({ arn }: { arn: string }) {
  const client = useClient();
  const sm = useAsync(() => client.call<Description>('DescribeStateMachine', { stateMachineArn: arn }), [arn]);
  const [starting, setStarting] = useState(false);
  const d = sm.data;
  return (
    <>
      <nav class="crumbs" aria-label="Breadcrumb"><Link href={paths.stateMachines()}>State machines</Link> / <span>{arnName(arn)}</span></nav>
      <div class="page-head">
        <h1>{d?.name ?? arnName(arn)}</h1>
        <button type="button" class="primary" aria-expanded={starting} onClick={() => setStarting(!starting)} disabled={!d}>
          {starting ? 'Cancel' : 'Start execution'}
        </button>
      </div>
      <ErrorBanner error={sm.error} />
      {starting && d ? <StartForm arn={d.stateMachineArn} /> : null}
      {d ? <Overview d={d} /> : sm.loading ? <p class="muted">Loading…</p> : null}
      {d ? <DefinitionView definition={d.definition} /> : null}
      <Executions query={{ stateMachineArn: arn }} />
      <VersionsAndAliases arn={arn} />
    </>
  );
}

function Overview({ d }: { d: Description }) {
  return (
    <Section title="Details">
      <Facts
        items={[
          ['ARN', <code>{d.stateMachineArn}</code>],
          ['Type', d.type],
          ['Status', d.status ?? 'ACTIVE'],
          ['Role ARN', <code>{d.roleArn}</code>],
          ['Created', formatDate(d.creationDate)],
          ['Revision', d.revisionId ?? '—'],
        ]}
      />
    </Section>
  );
}

/** The definition as a graph and as JSON, in two tabs. */
export function DefinitionView({ definition }: { definition: string }) {
  const [tab, setTab] = useState('graph');
  const graph = useMemo(() => {
    try {
      return { g: graphFromText(definition) };
    } catch (e) {
      return { error: e instanceof DefinitionShapeError ? e.message : String(e) };
    }
  }, [definition]);
  return (
    <Section title="Definition">
      <Tabs label="Definition views" tabs={[['graph', 'Graph'], ['json', 'JSON']]} selected={tab} onSelect={setTab} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'graph' ? (
          graph.g ? <GraphView graph={graph.g} label="State machine graph" /> : <ErrorBanner error={graph.error} />
        ) : (
          <JsonBlock text={definition} label="Definition JSON" />
        )}
      </div>
    </Section>
  );
}

function VersionsAndAliases({ arn }: { arn: string }) {
  const client = useClient();
  const data = useAsync(async () => {
    const [versions, aliases] = await Promise.all([
      client.listAll<{ stateMachineVersionArn: string; creationDate: number }>('ListStateMachineVersions', { stateMachineArn: arn }, 'stateMachineVersions'),
      client.listAll<{ stateMachineAliasArn: string; creationDate: number }>('ListStateMachineAliases', { stateMachineArn: arn }, 'stateMachineAliases'),
    ]);
    return { versions, aliases };
  }, [arn]);
  const rows: [string, string, string, number][] = [
    ...(data.data?.versions ?? []).map((v) => ['Version', arnName(v.stateMachineVersionArn), v.stateMachineVersionArn, v.creationDate] as [string, string, string, number]),
    ...(data.data?.aliases ?? []).map((a) => ['Alias', arnName(a.stateMachineAliasArn), a.stateMachineAliasArn, a.creationDate] as [string, string, string, number]),
  ];
  return (
    <Section title="Versions and aliases" id="versions">
      <ErrorBanner error={data.error} />
      {rows.length === 0 ? (
        <p class="muted">{data.loading ? 'Loading…' : 'No versions or aliases.'}</p>
      ) : (
        <div class="table-wrap">
          <table class="list" aria-label="Versions and aliases">
            <thead>
              <tr><th scope="col">Kind</th><th scope="col">Name</th><th scope="col">ARN</th><th scope="col">Created</th></tr>
            </thead>
            <tbody>
              {rows.map(([kind, name, a, created]) => (
                <tr key={a}><td>{kind}</td><td>{name}</td><td><code>{a}</code></td><td>{formatDate(created)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function StartForm({ arn }: { arn: string }) {
  const client = useClient();
  const [name, setName] = useState('');
  const [input, setInput] = useState('{}');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const inputError = jsonError(input);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (inputError) return;
    setBusy(true);
    setError(undefined);
    try {
      const out = await client.call<{ executionArn: string }>('StartExecution', { stateMachineArn: arn, input, ...(name ? { name } : {}) });
      navigate(paths.execution(out.executionArn));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Start execution" id="start">
      <form class="form" onSubmit={submit} aria-label="Start execution">
        <label>
          <span>Name (optional)</span>
          <input name="executionName" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <label class="wide">
          <span>Input (JSON)</span>
          <textarea name="input" rows={8} spellcheck={false} value={input} aria-invalid={!!inputError} aria-describedby="input-error" onInput={(e) => setInput((e.target as HTMLTextAreaElement).value)} />
        </label>
        <p id="input-error" class="field-error" role="status">{inputError ? `Invalid JSON: ${inputError}` : ''}</p>
        <ErrorBanner error={error} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || !!inputError}>Start</button>
        </div>
      </form>
    </Section>
  );
}
