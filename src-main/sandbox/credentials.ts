/** Authorization codes and access tokens, indexed for O(1) lookup by string and by person. */
import { newAccessToken, newAuthorizationCode } from './ids';
import { SandboxInputError, type CodeRecord, type TokenRecord } from './types';

export class Credentials {
  private tokens = new Map<string, TokenRecord>();
  private byPerson = new Map<string, Set<TokenRecord>>();
  private codes = new Map<string, CodeRecord>();

  issueToken(record: TokenRecord): string {
    let token = newAccessToken();
    while (this.tokens.has(token)) token = newAccessToken();
    this.tokens.set(token, record);
    let set = this.byPerson.get(record.igUserId);
    if (!set) this.byPerson.set(record.igUserId, (set = new Set()));
    set.add(record);
    return token;
  }

  /** Puts back a token saved earlier (state file); a string already in use is refused. */
  restoreToken(token: string, record: TokenRecord): void {
    if (this.tokens.has(token)) throw new SandboxInputError('duplicate token in saved state');
    this.tokens.set(token, record);
    let set = this.byPerson.get(record.igUserId);
    if (!set) this.byPerson.set(record.igUserId, (set = new Set()));
    set.add(record);
  }

  /** Every token with its record (for the state file). */
  entries(): IterableIterator<[string, TokenRecord]> {
    return this.tokens.entries();
  }

  token(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  tokensOf(igUserId: string): Iterable<TokenRecord> {
    return this.byPerson.get(igUserId) ?? [];
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
