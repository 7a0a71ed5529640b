// Server-provided settings, read from <meta> tags that package console fills in (no inline scripts).

function meta(name: string, fallback: string): string {
  const el = document.querySelector(`meta[name="${name}"]`);
  return el?.getAttribute('content') || fallback;
}

export interface ConsoleConfig {
  requireAuth: boolean;
  region: string;
}

/** Reads the console's configuration from the page. */
export function readConfig(): ConsoleConfig {
  return {
    requireAuth: meta('stepwise-auth', 'none') === 'required',
    region: meta('stepwise-region', 'us-east-1'),
  };
}
