import { useEffect } from 'react';
import { useStores, useUi } from '../stores/context';
import type { Notice } from '../stores/ui';
import { ExternalLink } from './ExternalLink';

function NoticeItem({ notice }: { notice: Notice }) {
  const { ui } = useStores();
  useEffect(() => {
    if (!notice.timeoutMs) return;
    const handle = window.setTimeout(() => ui.getState().dismiss(notice.id), notice.timeoutMs);
    return () => window.clearTimeout(handle);
  }, [notice.id, notice.timeoutMs, ui]);
  return (
    <div className={`notice notice-${notice.kind}`}>
      <p className="notice-body">
        {notice.text}
        {notice.link ? (
          <>
            {' '}
            <ExternalLink to={notice.link.to}>{notice.link.label}</ExternalLink>
            {notice.after ?? ''}
          </>
        ) : null}
      </p>
      <button
        type="button"
        className="button button-quiet"
        aria-label="Dismiss notice"
        onClick={() => ui.getState().dismiss(notice.id)}
      >
        Dismiss
      </button>
    </div>
  );
}

/** A polite live region that always exists, so screen readers announce what lands in it. */
export function Notices() {
  const notices = useUi((s) => s.notices);
  return (
    <div className="notices" aria-live="polite" aria-atomic="false">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
