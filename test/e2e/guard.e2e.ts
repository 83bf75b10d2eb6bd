import { MAX_REQUEST_BYTES } from '../../src-shared/ipc';
import { expect, rawRequest, test } from './fixtures';

test('the browser host refuses everything but its own page with its token', async ({ host }) => {
  const url = `${host.apiBase}/accounts.list`;
  const json = { 'content-type': 'application/json' };
  const auth = { ...json, authorization: `Bearer ${host.token}` };

  // No token, wrong token.
  expect((await rawRequest(url, { headers: json, body: '{}' })).status).toBe(401);
  expect((await rawRequest(url, { headers: { ...json, authorization: 'Bearer not-the-token' }, body: '{}' })).status).toBe(401);
  expect((await rawRequest(url, { headers: { ...json, authorization: `Bearer ${host.token}x` }, body: '{}' })).status).toBe(401);
  // The event stream needs the token too.
  expect((await rawRequest(`${host.apiBase}/events`, { method: 'GET' })).status).toBe(401);

  // A foreign page (Origin) and DNS rebinding (Host) are refused even with the right token.
  expect((await rawRequest(url, { headers: { ...auth, origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
  expect((await rawRequest(url, { headers: { ...auth, host: `evil.example:${host.port}` }, body: '{}' })).status).toBe(403);
  // The page's own origin is fine.
  expect((await rawRequest(url, { headers: { ...auth, origin: host.origin }, body: '{}' })).status).toBe(200);

  // A body that fails the channel's schema touches nothing.
  const invalid = await host.api('accounts.disconnect', { accountId: 'nope' });
  expect(invalid.status).toBe(400);
  expect(invalid.body).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

  // Unknown channel: 404, still JSON.
  const unknown = await host.api('accounts.nope', {});
  expect(unknown.status).toBe(404);
  expect(unknown.body).toMatchObject({ ok: false });

  // Malformed JSON.
  const malformed = await rawRequest(url, { headers: auth, body: '{"' });
  expect(malformed.status).toBe(400);
  expect(malformed.body).toMatchObject({ ok: false });

  // Over the 1 MiB limit.
  const huge = JSON.stringify({ pad: 'x'.repeat(MAX_REQUEST_BYTES) });
  const tooLarge = await rawRequest(url, { headers: auth, body: huge });
  expect(tooLarge.status).toBe(413);

  // After all that, the host still answers normally.
  const list = await host.api('accounts.list', {});
  expect(list.status).toBe(200);
  expect(list.body).toEqual({ ok: true, value: [] });
});
