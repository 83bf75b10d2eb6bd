/** Authorization codes and access tokens, indexed for O(1) lookup by string and by person. */
import { newAccessToken, newAuthorizationCode } from '../ids';
import { SandboxInputError, type CodeRecord, type IssuedToken, type TokenRecord } from '../types';

export class Credentials {
  private tokens = new Map<string, TokenRecord>();
  /** Per person, token → record in the order they were issued. */
  private byPerson = new Map<string, Map<string, TokenRecord>>();
  private codes = new Map<string, CodeRecord>();

  issueToken(record: TokenRecord): string {
    let token = newAccessToken();
    while (this.tokens.has(token)) token = newAccessToken();
    this.add(token, record);
    return token;
  }

  /** Puts back a token saved earlier (state file); a string already in use is refused. */
  restoreToken(token: string, record: TokenRecord): void {
    if (this.tokens.has(token)) throw new SandboxInputError('duplicate token in saved state');
    this.add(token, record);
  }

  private add(token: string, record: TokenRecord): void {
    this.tokens.set(token, record);
    let issued = this.byPerson.get(record.igUserId);
    if (!issued) this.byPerson.set(record.igUserId, (issued = new Map()));
    issued.set(token, record);
  }

  /** Forgets a token: from now on it reads as unknown. */
  retire(token: string): void {
    const record = this.tokens.get(token);
    if (!record) return;
    this.tokens.delete(token);
    this.byPerson.get(record.igUserId)?.delete(token);
  }

  /** Every token with its record (for the state file). */
  entries(): IterableIterator<[string, TokenRecord]> {
    return this.tokens.entries();
  }

  token(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  tokensOf(igUserId: string): Iterable<TokenRecord> {
    return this.byPerson.get(igUserId)?.values() ?? [];
  }

  /** The token issued last to this person, of any kind. */
  newestOf(igUserId: string): IssuedToken | undefined {
    let newest: [string, TokenRecord] | undefined;
    for (const entry of this.byPerson.get(igUserId) ?? []) newest = entry;
    if (!newest) return undefined;
    const [token, record] = newest;
    return { token, kind: record.kind, issuedAt: record.issuedAt, ...(record.lastPresentedAt !== undefined ? { lastPresentedAt: record.lastPresentedAt } : {}) };
  }

  issueCode(record: CodeRecord): string {
    let code = newAuthorizationCode();
    while (this.codes.has(code)) code = newAuthorizationCode();
    this.codes.set(code, record);
    return code;
  }

  code(code: string): CodeRecord | undefined {
    return this.codes.get(code);
  }

  clear(): void {
    this.tokens.clear();
    this.byPerson.clear();
    this.codes.clear();
  }

  counts(): { tokens: number; codes: number } {
    return { tokens: this.tokens.size, codes: this.codes.size };
  }
}
