// Credentials for signed API calls, kept in sessionStorage (gone when the tab closes).
import type { Credentials } from './sigv4';

const key = 'stepwise.credentials';

/** Returns the stored credentials, if any. */
export function loadCredentials(): Credentials | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return undefined;
    const c = JSON.parse(raw) as Credentials;
    return c.accessKeyId && c.secretAccessKey ? c : undefined;
  } catch {
    return undefined;
  }
}

/** Stores credentials for this tab's session. */
export function saveCredentials(c: Credentials): void {
  sessionStorage.setItem(key, JSON.stringify(c));
}

/** Forgets the stored credentials. */
export function clearCredentials(): void {
  sessionStorage.removeItem(key);
}
