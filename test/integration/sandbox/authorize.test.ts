import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_APP_ID, startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { BASIC, BAKERY, COMMENTS, MAYA, PUBLISH, REDIRECT_URI, authorizeQuery, decide, exchangeCode, get, postForm } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true });
  sb.world.addRedirectUri(SANDBOX_APP_ID, REDIRECT_URI);
});
afterAll(async () => sb.close());
beforeEach(() => sb.world.reset());

describe('GET /oauth/authorize', () => {
  it('renders a labelled consent page with the people and the requested scopes ticked', async () => {
    const res = await get(sb, authorizeQuery({ scope: `${BASIC},${PUBLISH}` }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain('Postdeck Sandbox — not the real Instagram');
    expect(html).toContain(SANDBOX_APP_ID);
    for (const username of ['maya.makes', 'northside.bakery', 'sam.personal', 'outsider.studio']) {
      expect(html).toMatch(new RegExp(`<label for="person-\\d+">${username.replace('.', '\\.')}</label>`));
    }
    // First person selected; radios carry the professional id.
    expect(html).toContain(`<input type="radio" id="person-${MAYA}" name="person" value="${MAYA}" checked`);
    expect(html).toContain(`<input type="radio" id="person-${BAKERY}" name="person" value="${BAKERY}" aria-describedby`);
    // Scopes: both ticked; basic disabled (required); an unrequested scope absent.
    expect(html).toMatch(/name="scope" value="instagram_business_basic" checked disabled/);
    expect(html).toMatch(/name="scope" value="instagram_business_content_publish" checked aria/);
    expect(html).not.toContain(`value="${COMMENTS}"`);
    expect(html).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(html).toContain('action="/oauth/authorize/decision"');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('form-action');
    expect(csp).toContain('http://127.0.0.1:48123');
    expect(html).not.toMatch(/<(script|link)\b/);
    expect(html).not.toMatch(/src="https?:/);
  });

  it('accepts space-separated scopes', async () => {
    const res = await get(sb, authorizeQuery({ scope: `${BASIC} ${COMMENTS}` }));
    expect(res.status).toBe(200);
    expect(res.text).toContain(`value="${COMMENTS}" checked`);
  });

  it.each([
    ['unknown client_id', { client_id: '999' }],
    ['missing client_id', { client_id: undefined }],
    ['unregistered redirect_uri', { redirect_uri: 'http://127.0.0.1:48123/other' }],
    ['redirect_uri differing by a trailing slash', { redirect_uri: `${REDIRECT_URI}/` }],
    ['response_type other than code', { response_type: 'token' }],
    ['an unknown (deprecated) scope', { scope: `${BASIC},business_basic` }],
    ['scopes without instagram_business_basic', { scope: PUBLISH }],
  ])('answers an error page, not a redirect, for %s', async (_name, over) => {
    const res = await get(sb, authorizeQuery(over));
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('not the real Instagram');
    expect(res.text).toContain('id="error-message"');
    expect(res.text).not.toContain('name="person"');
  });
});

describe('POST /oauth/authorize/decision', () => {
  it('Allow redirects to the redirect URI with code, state and #_', async () => {
    const res = await decide(sb, { state: 'abc 123/xyz' });
    expect(res.status).toBe(302);
    const location = String(res.headers.location);
    expect(location.startsWith(`${REDIRECT_URI}?code=`)).toBe(true);
    expect(location.endsWith('#_')).toBe(true);
    const url = new URL(location);
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(url.searchParams.get('state')).toBe('abc 123/xyz');
  });

  it('omits state when the request had none', async () => {
    const res = await decide(sb, { state: null });
    const url = new URL(String(res.headers.location));
    expect(url.searchParams.has('code')).toBe(true);
    expect(url.searchParams.has('state')).toBe(false);
  });

  it('Cancel redirects with access_denied and the state', async () => {
    const res = await decide(sb, { decision: 'cancel' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(
      `${REDIRECT_URI}?error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request&state=st-123`,
    );
  });

  it('re-validates the hidden fields server-side', async () => {
    const base: [string, string][] = [
      ['client_id', SANDBOX_APP_ID],
      ['redirect_uri', REDIRECT_URI],
      ['requested_scope', BASIC],
      ['person', MAYA],
      ['decision', 'allow'],
    ];
    const withField = (name: string, value: string) => base.map(([k, v]): [string, string] => [k, k === name ? value : v]);
    for (const fields of [
      withField('redirect_uri', 'https://evil.example/cb'),
      withField('client_id', '42'),
      withField('person', '123'),
      [...base, ['scope', PUBLISH] as [string, string]], // ticked but never requested
    ]) {
      const res = await postForm(sb, '/oauth/authorize/decision', fields);
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
    }
    expect((await postForm(sb, '/oauth/authorize/decision', base)).status).toBe(302);
  });

  it('grants only the ticked scopes (basic always)', async () => {
    const res = await decide(sb, { requested: [BASIC, PUBLISH, COMMENTS], ticked: [COMMENTS] });
    const code = new URL(String(res.headers.location)).searchParams.get('code')!;
    const token = await exchangeCode(sb, code);
    expect(token.status).toBe(200);
    expect(token.json.permissions).toBe(`${BASIC},${COMMENTS}`);
    expect(token.json.permissions).not.toContain(PUBLISH);
  });
});
