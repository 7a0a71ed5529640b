// The state machines list: name, type, created; a search box; the create form.
import { useState } from 'preact/hooks';
import { ErrorBanner, Section } from '../components/common';
import { useAsync, useClient } from '../hooks';
import { formatDate } from '../model/format';
import { jsonError } from '../model/json';
import { Link, navigate, paths } from '../router';

interface StateMachineItem {
  stateMachineArn: string;
  name: string;
  type: string;
  creationDate: number;
}

/** The state machines page (`/`). */
export function StateMachinesPage() {
  const client = useClient();
  const list = useAsync(() => client.listAll<StateMachineItem>('ListStateMachines', { maxResults: 1000 }, 'stateMachines'), []);
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const q = query.trim().toLowerCase();
  const items = (list.data ?? []).filter((m) => !q || m.name.toLowerCase().includes(q));
  return (
    <>
      <div class="page-head">
        <h1>State machines</h1>
        <button type="button" class="primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {creating ? 'Cancel' : 'Create state machine'}
        </button>
      </div>
      {creating ? <CreateForm /> : null}
      <Section title={`State machines (${items.length})`}>
        <label class="search">
          <span class="sr-only">Search state machines</span>
          <input type="search" placeholder="Search by name" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </label>
        <ErrorBanner error={list.error} />
        {list.loading && !list.data ? <p class="muted">Loading…</p> : <MachineTable items={items} />}
      </Section>
    </>
  );
}

function MachineTable({ items }: { items: StateMachineItem[] }) {
  if (items.length === 0) return <p class="muted">No state machines.</p>;
  return (
    <div class="table-wrap">
      <table class="list" aria-label="State machines">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.stateMachineArn} data-arn={m.stateMachineArn}>
              <td><Link href={paths.stateMachine(m.stateMachineArn)}>{m.name}</Link></td>
              <td>{m.type}</td>
              <td>{formatDate(m.creationDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const sample = `{
  "Comment": "A Hello World example",
  "StartAt": "Hello",
  "States": {
    "Hello": { "Type": "Pass", "Result": "Hello, world!", "End": true }
  }
}`;

function CreateForm() {
  const client = useClient();
  const [name, setName] = useState('');
  const [type, setType] = useState('STANDARD');
  const [definition, setDefinition] = useState(sample);
  const [roleArn, setRoleArn] = useState('arn:aws:iam::123456789012:role/stepwise');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const defError = jsonError(definition);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (defError) return;
    setBusy(true);
    setError(undefined);
    try {
      const out = await client.call<{ stateMachineArn: string }>('CreateStateMachine', { name, type, definition, roleArn });
      navigate(paths.stateMachine(out.stateMachineArn));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Create state machine" id="create">
      <form class="form" onSubmit={submit} aria-label="Create state machine">
        <label>
          <span>Name</span>
          <input name="name" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          <span>Type</span>
          <select name="type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
            <option value="STANDARD">STANDARD</option>
            <option value="EXPRESS">EXPRESS</option>
          </select>
        </label>
        <label class="wide">
          <span>Definition (Amazon States Language JSON)</span>
          <textarea name="definition" rows={12} spellcheck={false} value={definition} aria-invalid={!!defError} aria-describedby="def-error" onInput={(e) => setDefinition((e.target as HTMLTextAreaElement).value)} />
        </label>
        <p id="def-error" class="field-error" role="status">{defError ? `Invalid JSON: ${defError}` : ''}</p>
        <label class="wide">
          <span>Role ARN</span>
          <input name="roleArn" required value={roleArn} onInput={(e) => setRoleArn((e.target as HTMLInputElement).value)} />
        </label>
        <ErrorBanner error={error} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || !!defError || !name}>Create</button>
        </div>
      </form>
    </Section>
  );
}
