import { useEffect, useRef } from 'react';
import { ErrorNotice } from './components/ErrorNotice';
import { Header } from './components/Header';
import { Notices } from './components/Notices';
import { AccountsScreen } from './screens/AccountsScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { useApp, useStores, useUi } from './stores/context';

export function App() {
  const screen = useUi((s) => s.screen);
  const info = useApp((s) => s.info);
  const infoError = useApp((s) => s.infoError);
  const { app } = useStores();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigating, move focus to the new screen's heading so keyboard and screen-reader users follow.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('[data-focus-fallback]')?.focus();
  }, [screen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={mainRef} className="app-main" tabIndex={-1}>
        <Notices />
        {!info && infoError ? (
          <ErrorNotice error={infoError} onRetry={() => void app.getState().loadInfo()} />
        ) : screen === 'accounts' ? (
          <AccountsScreen />
        ) : (
          <SettingsScreen />
        )}
      </main>
    </div>
  );
}
