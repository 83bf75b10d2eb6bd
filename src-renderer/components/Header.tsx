import type { AppInfo } from '../../src-shared/models';
import { useApp, useUi } from '../stores/context';
import type { Screen } from '../stores/ui';
import { Badge } from './Badge';

const SANDBOX_TITLE = 'Using the built-in Instagram emulator — nothing reaches Instagram';

function ModeBadge({ info }: { info: AppInfo | null }) {
  if (!info) return null;
  return info.mode === 'sandbox' ? (
    <Badge tone="info" title={SANDBOX_TITLE}>
      Sandbox
    </Badge>
  ) : (
    <Badge tone="live" title="Connected to Instagram with your own Meta app">
      Live
    </Badge>
  );
}

function NavButton({ screen, label }: { screen: Screen; label: string }) {
  const current = useUi((s) => s.screen);
  const navigate = useUi((s) => s.navigate);
  return (
    <button
      type="button"
      className="nav-link"
      aria-current={current === screen ? 'page' : undefined}
      onClick={() => navigate(screen)}
    >
      {label}
    </button>
  );
}

export function Header() {
  const info = useApp((s) => s.info);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <span className="app-name">Postdeck</span>
        <nav aria-label="Main" className="app-nav">
          <NavButton screen="accounts" label="Accounts" />
          <NavButton screen="settings" label="Settings" />
        </nav>
        <div className="app-header-end">
          <ModeBadge info={info} />
        </div>
      </div>
      {info?.mode === 'sandbox' ? (
        <p className="sandbox-strip">
          Sandbox: Postdeck is talking to its built-in Instagram emulator, so nothing you do here reaches Instagram.
          Add your Meta app in Settings to go live.
        </p>
      ) : null}
    </header>
  );
}
