// Small presentational pieces shared by the pages.
import type { ComponentChildren } from 'preact';
import { prettyJSON } from '../model/json';

/** An error message, announced to screen readers. */
export function ErrorBanner({ error }: { error?: Error | string }) {
  if (!error) return null;
  const e = typeof error === 'string' ? { message: error } : error;
  const code = (e as { code?: string }).code;
  return (
    <div class="banner error" role="alert">
      {code ? <strong>{code}: </strong> : null}
      {e.message}
    </div>
  );
}

/** A status word (RUNNING, SUCCEEDED, ...) as a coloured badge. */
export function StatusBadge({ status }: { status?: string }) {
  if (!status) return null;
  return <span class={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}

/** JSON text, pretty-printed without changing key order or numbers. */
export function JsonBlock({ text, label }: { text?: string | null; label: string }) {
  if (text === undefined || text === null) return <p class="muted">No {label.toLowerCase()}.</p>;
  return (
    <pre class="json" tabIndex={0} aria-label={label}>
      {prettyJSON(text)}
    </pre>
  );
}

/** A labelled section with a heading. */
export function Section({ title, children, actions, id }: { title: string; children: ComponentChildren; actions?: ComponentChildren; id?: string }) {
  return (
    <section class="card" aria-labelledby={id ? `${id}-h` : undefined}>
      <div class="card-head">
        <h2 id={id ? `${id}-h` : undefined}>{title}</h2>
        {actions ? <div class="actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** A description list of label/value pairs. */
export function Facts({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {items.map(([k, v]) => (
        <div key={k} class={k.includes('ARN') ? 'fact-wide' : undefined}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Tabs with proper roles; the selected tab's panel is rendered by the caller. */
export function Tabs({ tabs, selected, onSelect, label }: { tabs: [string, string][]; selected: string; onSelect: (id: string) => void; label: string }) {
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex(([id]) => id === selected);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = tabs[(i + d + tabs.length) % tabs.length][0];
    onSelect(next);
    (document.getElementById(`tab-${next}`) as HTMLElement | null)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={label} onKeyDown={onKey}>
      {tabs.map(([id, title]) => (
        <button
          key={id}
          id={`tab-${id}`}
          role="tab"
          type="button"
          aria-selected={id === selected}
          aria-controls={`panel-${id}`}
          tabIndex={id === selected ? 0 : -1}
          onClick={() => onSelect(id)}
        >
          {title}
        </button>
      ))}
    </div>
  );
}
