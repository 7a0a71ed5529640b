// The activities list, with a small create form.
import { useState } from 'preact/hooks';
import { ErrorBanner, Section } from '../components/common';
import { useAsync, useClient } from '../hooks';
import { formatDate } from '../model/format';

interface ActivityItem {
  activityArn: string;
  name: string;
  creationDate: number;
}

/** The activities page (`/activities`). */
export function ActivitiesPage() {
  const client = useClient();
  const list = useAsync(() => client.listAll<ActivityItem>('ListActivities', { maxResults: 1000 }, 'activities'), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<Error>();
  const create = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      await client.call('CreateActivity', { name });
      setName('');
      list.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const items = list.data ?? [];
  return (
    <>
      <div class="page-head"><h1>Activities</h1></div>
      <Section title="Create activity">
        <form class="form row" onSubmit={create} aria-label="Create activity">
          <label>
            <span>Name</span>
            <input name="activityName" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </label>
          <div class="form-actions"><button type="submit" class="primary" disabled={!name}>Create</button></div>
        </form>
        <ErrorBanner error={error} />
      </Section>
      <Section title={`Activities (${items.length})`}>
        <ErrorBanner error={list.error} />
        {items.length === 0 ? (
          <p class="muted">{list.loading ? 'Loading…' : 'No activities.'}</p>
        ) : (
          <div class="table-wrap">
            <table class="list" aria-label="Activities">
              <thead><tr><th scope="col">Name</th><th scope="col">ARN</th><th scope="col">Created</th></tr></thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.activityArn}><td>{a.name}</td><td><code>{a.activityArn}</code></td><td>{formatDate(a.creationDate)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}
