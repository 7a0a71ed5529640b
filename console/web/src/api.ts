// The AWS Step Functions API, called from the browser exactly as an SDK does: POST / with
// X-Amz-Target and the JSON 1.0 content type, signed with SigV4 when credentials are set.
import { sign, type Credentials } from './sigv4';
import type { HistoryEvent } from './model/status';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  /** The error means the credentials are missing or wrong. */
  get isAuth(): boolean {
    return authCodes.has(this.code) || this.status === 403;
  }
}

const authCodes = new Set([
  'MissingAuthenticationTokenException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'AccessDeniedException',
]);

export interface ClientOptions {
  region: string;
  credentials: () => Credentials | undefined;
  onAuthError?: (e: ApiError) => void;
  fetch?: typeof fetch;
  host?: string;
}

/** A minimal Step Functions client over fetch. */
export class Client {
  constructor(private readonly opts: ClientOptions) {}

  /** Calls one action with a JSON body and returns the parsed JSON answer. */
  async call<T = Record<string, unknown>>(action: string, body: object = {}): Promise<T> {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AWSStepFunctions.${action}`,
    };
    const creds = this.opts.credentials();
    if (creds) Object.assign(headers, await this.signature(headers, text, creds));
    const f = this.opts.fetch ?? fetch;
    const res = await f('/', { method: 'POST', headers, body: text, credentials: 'same-origin' });
    const answer = await res.text();
    if (!res.ok) throw this.error(res.status, answer, res.headers.get('x-amzn-errortype'));
    return (answer ? JSON.parse(answer) : {}) as T;
  }

  private signature(headers: Record<string, string>, body: string, creds: Credentials) {
    const host = this.opts.host ?? location.host;
    return sign({ method: 'POST', host, path: '/', headers, body, region: this.opts.region, service: 'states', date: new Date() }, creds);
  }

  private error(status: number, text: string, typeHeader: string | null): ApiError {
    let code = typeHeader ?? '';
    let message = text;
    try {
      const j = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
      code = j.__type ?? code;
      message = j.message ?? j.Message ?? text;
    } catch {
      // not JSON: keep the text
    }
    code = code.split(':')[0].split('#').pop() ?? code;
    const e = new ApiError(code || `HTTP ${status}`, message || `HTTP ${status}`, status);
    if (e.isAuth) this.opts.onAuthError?.(e);
    return e;
  }

  /** Calls a List action until its nextToken runs out (or `limit` items are read). */
  async listAll<T>(action: string, body: object, key: string, limit = 10000): Promise<T[]> {
    const out: T[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call<Record<string, unknown>>(action, { ...body, ...(nextToken ? { nextToken } : {}) });
      out.push(...((page[key] as T[]) ?? []));
      nextToken = page.nextToken as string | undefined;
    } while (nextToken && out.length < limit);
    return out;
  }

  /** Reads a whole execution history, 1000 events a page, reporting progress. */
  async history(executionArn: string, onPage?: (events: HistoryEvent[]) => void): Promise<HistoryEvent[]> {
    const out: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call<{ events?: HistoryEvent[]; nextToken?: string }>('GetExecutionHistory', {
        executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}),
      });
      out.push(...(page.events ?? []));
      nextToken = page.nextToken;
      onPage?.(out);
    } while (nextToken);
    return out;
  }

  /** Reads the events after `afterId` (newest first from the server, returned oldest first). */
  async newEvents(executionArn: string, afterId: number): Promise<HistoryEvent[]> {
    const fresh: HistoryEvent[] = [];
    let nextToken: string | undefined;
    for (;;) {
      const page = await this.call<{ events?: HistoryEvent[]; nextToken?: string }>('GetExecutionHistory', {
        executionArn, maxResults: 200, reverseOrder: true, ...(nextToken ? { nextToken } : {}),
      });
      const events = page.events ?? [];
      for (const e of events) {
        if (e.id <= afterId) return fresh.reverse();
        fresh.push(e);
      }
      nextToken = page.nextToken;
      if (!nextToken) return fresh.reverse();
    }
  }
}
