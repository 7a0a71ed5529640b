// The credentials form shown when the server requires signed requests.
import { useState } from 'preact/hooks';
import type { Credentials } from '../sigv4';

/** Asks for an access key id and secret; they are kept in sessionStorage only. */
export function Login({ onLogin, message }: { onLogin: (c: Credentials) => void; message?: string }) {
  const [accessKeyId, setId] = useState('');
  const [secretAccessKey, setSecret] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    if (accessKeyId && secretAccessKey) onLogin({ accessKeyId, secretAccessKey });
  };
  return (
    <main class="login" id="main">
      <form class="card form" onSubmit={submit} aria-labelledby="login-h">
        <h1 id="login-h">Sign in to Stepwise</h1>
        <p class="muted">This server requires AWS credentials (one of its --credentials pairs). They stay in this tab's session storage.</p>
        {message ? <div class="banner error" role="alert">{message}</div> : null}
        <label class="wide">
          <span>Access key ID</span>
          <input name="accessKeyId" autocomplete="username" required value={accessKeyId} onInput={(e) => setId((e.target as HTMLInputElement).value)} />
        </label>
        <label class="wide">
          <span>Secret access key</span>
          <input name="secretAccessKey" type="password" autocomplete="current-password" required value={secretAccessKey} onInput={(e) => setSecret((e.target as HTMLInputElement).value)} />
        </label>
        <div class="form-actions"><button type="submit" class="primary">Sign in</button></div>
      </form>
    </main>
  );
}
