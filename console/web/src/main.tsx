// The Stepwise console: a single-page app over the public Step Functions API.
import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ApiError, Client } from './api';
import { clearCredentials, loadCredentials, saveCredentials } from './auth';
import { Login } from './components/Login';
import { readConfig } from './config';
import { ClientContext } from './hooks';
import { ActivitiesPage } from './pages/Activities';
import { ExecutionPage } from './pages/Execution';
import { MapRunPage } from './pages/MapRun';
import { StateMachinePage } from './pages/StateMachine';
import { StateMachinesPage } from './pages/StateMachines';
import { Link, paths, route, usePath } from './router';
import type { Credentials } from './sigv4';
import './styles.css';

const config = readConfig();

function App() {
  const [creds, setCreds] = useState<Credentials | undefined>(loadCredentials);
  const [authError, setAuthError] = useState<string>();
  const client = useMemo(
    () => new Client({ region: config.region, credentials: () => loadCredentials(), onAuthError: (e: ApiError) => setAuthError(e.message) }),
    [],
  );
  const login = (c: Credentials) => {
    saveCredentials(c);
    setCreds(c);
    setAuthError(undefined);
  };
  const logout = () => {
    clearCredentials();
    setCreds(undefined);
  };
  if ((config.requireAuth && !creds) || authError) return <Login onLogin={login} message={authError} />;
  return (
    <ClientContext.Provider value={client}>
      <Shell onLogout={creds ? logout : undefined} />
    </ClientContext.Provider>
  );
}

function Shell({ onLogout }: { onLogout?: () => void }) {
  const path = usePath();
  const r = route(path);
  const current = (page: string) => (r.page === page || (page === 'state-machines' && r.page !== 'activities') ? 'page' : undefined);
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <Link href="/" class="brand">Stepwise</Link>
        <nav aria-label="Main">
          <Link href={paths.stateMachines()} aria-current={current('state-machines')}>State machines</Link>
          <Link href={paths.activities()} aria-current={current('activities')}>Activities</Link>
        </nav>
        {onLogout ? <button type="button" class="link" onClick={onLogout}>Sign out</button> : null}
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} />
      </main>
    </>
  );
}

function Page({ path }: { path: string }) {
  const r = route(path);
  switch (r.page) {
    case 'state-machines':
      return <StateMachinesPage />;
    case 'state-machine':
      return <StateMachinePage key={r.arn} arn={r.arn} />;
    case 'execution':
      return <ExecutionPage key={r.arn} arn={r.arn} />;
    case 'map-run':
      return <MapRunPage key={r.arn} arn={r.arn} />;
    case 'activities':
      return <ActivitiesPage />;
    default:
      return <h1>Page not found</h1>;
  }
}

render(<App />, document.getElementById('app') as HTMLElement);
