import type { ReactNode } from 'react';

/**
 * A screen: its heading (where focus lands after navigation: data-focus-fallback), what sits beside the
 * heading (`head`: a link, an account picker, a button), then its content.
 */
export function Screen({ name, title, head, children }: { name: string; title: ReactNode; head?: ReactNode; children: ReactNode }) {
  const headingId = `${name}-heading`;
  return (
    <section className="screen" aria-labelledby={headingId}>
      <div className="screen-head">
        <h1 id={headingId} tabIndex={-1} data-focus-fallback>
          {title}
        </h1>
        {head}
      </div>
      {children}
    </section>
  );
}
