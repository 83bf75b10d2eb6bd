import type { Database } from './database';

/** One sealed secret as stored (DESIGN.md §4). */
export interface SealedSecret {
  ownerId: string;
  purpose: string;
  keyVersion: number;
  wrappedKey: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

interface SecretRow {
  owner_id: string;
  purpose: string;
  key_version: number;
  wrapped_key: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * `secrets` holds accounts' tokens (its owner is an account, and deleting the account deletes them);
 * `app_secrets` holds the app's own (the Instagram App secret). Same shape, same vault.
 */
export type SecretsTable = 'secrets' | 'app_secrets';

export class SecretsRepo {
  private readonly statements;

  constructor(db: Database, table: SecretsTable = 'secrets') {
    this.statements = {
      get: db.prepare<[string, string], SecretRow>(`SELECT * FROM ${table} WHERE owner_id = ? AND purpose = ?`),
      put: db.prepare(`INSERT INTO ${table} (owner_id, purpose, key_version, wrapped_key, nonce, ciphertext, tag, created_at)
        VALUES (@ownerId, @purpose, @keyVersion, @wrappedKey, @nonce, @ciphertext, @tag, @createdAt)
        ON CONFLICT (owner_id, purpose) DO UPDATE SET key_version = excluded.key_version, wrapped_key = excluded.wrapped_key,
          nonce = excluded.nonce, ciphertext = excluded.ciphertext, tag = excluded.tag, created_at = excluded.created_at`),
      remove: db.prepare(`DELETE FROM ${table} WHERE owner_id = ? AND purpose = ?`),
      removeAll: db.prepare(`DELETE FROM ${table}`),
      purposes: db.prepare<[string], { purpose: string }>(`SELECT purpose FROM ${table} WHERE owner_id = ? ORDER BY purpose`),
    };
  }

  get(ownerId: string, purpose: string): SealedSecret | null {
    const row = this.statements.get.get(ownerId, purpose);
    if (!row) return null;
    return {
      ownerId: row.owner_id,
      purpose: row.purpose,
      keyVersion: row.key_version,
      wrappedKey: row.wrapped_key,
      nonce: row.nonce,
      ciphertext: row.ciphertext,
      tag: row.tag,
    };
  }

  /** What an owner has sealed (an export carries each one). */
  purposes(ownerId: string): string[] {
    return this.statements.purposes.all(ownerId).map((row) => row.purpose);
  }

  put(secret: SealedSecret, createdAt: number): void {
    this.statements.put.run({ ...secret, createdAt });
  }

  remove(ownerId: string, purpose: string): void {
    this.statements.remove.run(ownerId, purpose);
  }

  /** Resetting secure storage: every secret sealed under the old master key goes. */
  removeAll(): void {
    this.statements.removeAll.run();
  }
}
