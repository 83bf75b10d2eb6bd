import type { Database } from './database';

export interface StoredMasterKey {
  version: number;
  protector: string;
  backend: string;
  protectedKey: Buffer;
}

export class VaultKeysRepo {
  constructor(private readonly db: Database) {}

  latest(): StoredMasterKey | null {
    const row = this.db
      .prepare<[], { version: number; protector: string; backend: string; protected_key: Buffer }>(
        'SELECT version, protector, backend, protected_key FROM vault_keys ORDER BY version DESC LIMIT 1',
      )
      .get();
    return row ? { version: row.version, protector: row.protector, backend: row.backend, protectedKey: row.protected_key } : null;
  }

  /** The one master key from now on; `inTransaction` (discarding what the old key sealed) commits with it. */
  replaceAll(key: StoredMasterKey, createdAt: number, inTransaction: () => void): void {
    this.db.transaction(() => {
      inTransaction();
      this.db.prepare('DELETE FROM vault_keys').run();
      this.db
        .prepare('INSERT INTO vault_keys (version, protector, backend, protected_key, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(key.version, key.protector, key.backend, key.protectedKey, createdAt);
    })();
  }

  updateProtectedKey(version: number, protectedKey: Buffer): void {
    this.db.prepare('UPDATE vault_keys SET protected_key = ? WHERE version = ?').run(protectedKey, version);
  }
}
