import { describe, expect, it } from 'vitest';
import { parseCallback } from '../../../src-main/auth/callback';

const REDIRECT = 'https://postdeck.example/oauth/callback';
const STATE = 'Abc_def-0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, 43);
const CODE = 'AQBx.code_value-123';
const at = (query: string, base = REDIRECT) => `${base}?${query}`;

describe('parseCallback', () => {
  it('returns the code and state', () => {
    expect(parseCallback(at(`code=${CODE}&state=${STATE}`), REDIRECT)).toEqual({ kind: 'code', code: CODE, state: STATE });
  });

  it('strips the trailing #_ Instagram appends to the code', () => {
    expect(parseCallback(at(`state=${STATE}&code=${CODE}%23_`), REDIRECT)).toEqual({ kind: 'code', code: CODE, state: STATE });
    expect(parseCallback(at(`state=${STATE}&code=${CODE}#_`), REDIRECT)).toEqual({ kind: 'code', code: CODE, state: STATE });
  });

  it('reads access_denied as a denial with its reason', () => {
    expect(parseCallback(at(`error=access_denied&error_reason=user_denied&error_description=no&state=${STATE}`), REDIRECT)).toEqual({
      kind: 'denied',
      state: STATE,
      reason: 'user_denied',
    });
    expect(parseCallback(at(`error=access_denied&state=${STATE}`), REDIRECT)).toEqual({ kind: 'denied', state: STATE, reason: null });
  });

  it.each([
    ['another origin', at(`code=${CODE}&state=${STATE}`, 'https://evil.example/oauth/callback'), 'not the redirect uri'],
    ['another port', at(`code=${CODE}&state=${STATE}`, 'https://postdeck.example:8443/oauth/callback'), 'not the redirect uri'],
    ['another path', at(`code=${CODE}&state=${STATE}`, 'https://postdeck.example/oauth/callback2'), 'not the redirect uri'],
    ['a duplicated code', at(`code=${CODE}&code=${CODE}x&state=${STATE}`), 'duplicated parameter code'],
    ['a duplicated state', at(`code=${CODE}&state=${STATE}&state=${STATE}`), 'duplicated parameter state'],
    ['an unknown parameter', at(`code=${CODE}&state=${STATE}&redirect=https://evil.example`), 'unexpected parameter redirect'],
    ['no state', at(`code=${CODE}`), 'missing state'],
    ['a too-short state', at(`code=${CODE}&state=short`), 'malformed state'],
    ['a state with other characters', at(`code=${CODE}&state=${STATE.slice(0, 20)}%2F${STATE.slice(20)}`), 'malformed state'],
    ['a too-short code', at(`code=abc&state=${STATE}`), 'malformed code'],
    ['a code with other characters', at(`code=${CODE}%3Cscript%3E&state=${STATE}`), 'malformed code'],
    ['no code', at(`state=${STATE}`), 'missing code'],
    ['an unparseable url', 'not a url', 'unparseable url'],
    ['a url over 8 KiB', at(`code=${CODE}&state=${STATE}&error_description=${'a'.repeat(8200)}`), 'url too long'],
  ])('rejects %s', (_name, url, why) => {
    const parsed = parseCallback(url, REDIRECT);
    expect(parsed.kind).toBe('invalid');
    expect(parsed).toMatchObject({ why });
  });

  it('rejects an error together with a code, and errors other than access_denied', () => {
    expect(parseCallback(at(`error=access_denied&code=${CODE}&state=${STATE}`), REDIRECT)).toEqual({
      kind: 'invalid',
      why: 'both error and code',
      state: STATE,
    });
    expect(parseCallback(at(`error=server_error&state=${STATE}`), REDIRECT)).toMatchObject({ kind: 'invalid', state: STATE });
  });

  it('accepts a URL just under the length limit', () => {
    const base = at(`code=${CODE}&state=${STATE}&error_description=`);
    expect(parseCallback(base + 'a'.repeat(8192 - base.length), REDIRECT).kind).toBe('code');
  });
});
