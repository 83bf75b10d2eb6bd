import { afterEach, describe, expect, it } from 'vitest';
import type { AuthWindow, AuthWindowOutcome, AuthWindowRequest } from '../../../src-main/auth/authWindow';
import { DESKTOP_SANDBOX_REDIRECT_URI } from '../../../src-main/config/environment';
import { consent, startHarness, type Harness } from '../../helpers/harness';
import { countRows } from '../../helpers/inspect';

/** Stands in for the Electron popup: records what it was asked to open and lets the test decide the outcome. */
class FakePopup implements AuthWindow {
  readonly opened: AuthWindowRequest[] = [];
  readonly closed: string[] = [];
  private readonly outcomes = new Map<string, (outcome: AuthWindowOutcome) => void>();

  open(request: AuthWindowRequest): Promise<AuthWindowOutcome> {
    this.opened.push(request);
    return new Promise((resolve) => this.outcomes.set(request.attemptId, resolve));
  }

  close(attemptId: string): void {
    this.closed.push(attemptId);
  }

  finish(attemptId: string, outcome: AuthWindowOutcome): void {
    this.outcomes.get(attemptId)?.(outcome);
  }
}

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function desktop() {
  const popup = new FakePopup();
  harness = await startHarness({ overrides: { host: 'desktop', authWindow: popup, webCallbackUrl: undefined } });
  return { popup, h: harness };
}

/** The popup's outcome is handled asynchronously: wait for `connect.finished`, the event the UI waits for too. */
const settle = async (h: Harness, count: number) =>
  (await h.waitForEvents((event) => event.name === 'connect.finished', count)).map((event) => event.payload as { ok: boolean; error?: { code: string } });

describe('desktop sign-in through the popup', () => {
  it('opens the popup on the sandbox with the intercepted redirect URI and finishes from it', async () => {
    const { popup, h } = await desktop();
    const { attemptId, authorizeUrl } = await h.value<{ attemptId: string; authorizeUrl: string }>('accounts.connect');
    expect(popup.opened[0]).toMatchObject({ attemptId, authorizeUrl, redirectUri: DESKTOP_SANDBOX_REDIRECT_URI, allowedOrigins: [h.sandbox.url] });
    popup.finish(attemptId, { kind: 'redirect', url: await consent(authorizeUrl, { username: 'maya.makes' }) });
    expect(await settle(h, 1)).toEqual([expect.objectContaining({ ok: true })]);
    expect(countRows(h.dataDir)).toEqual({ accounts: 1, secrets: 1 });
  });

  it('closing the popup is cancelled', async () => {
    const { popup, h } = await desktop();
    const { attemptId } = await h.value<{ attemptId: string }>('accounts.connect');
    popup.finish(attemptId, { kind: 'closed' });
    expect(await settle(h, 1)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'cancelled' }) })]);
  });

  it("refuses another attempt's state arriving in this attempt's popup, storing nothing", async () => {
    const { popup, h } = await desktop();
    const first = await h.value<{ attemptId: string; authorizeUrl: string }>('accounts.connect');
    const second = await h.value<{ attemptId: string; authorizeUrl: string }>('accounts.connect');
    const firstCallback = await consent(first.authorizeUrl, { username: 'maya.makes' });
    popup.finish(second.attemptId, { kind: 'redirect', url: firstCallback });
    expect(await settle(h, 1)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'invalid_callback' }) })]);
    expect(countRows(h.dataDir)).toEqual({ accounts: 0, secrets: 0 });
  });
});
