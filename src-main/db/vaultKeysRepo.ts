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

  insert(key: StoredMasterKey, createdAt: number): void {
    this.db
      .prepare('INSERT INTO vault_keys (version, protector, backend, protected_key, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(key.version, key.protector, key.backend, key.protectedKey, createdAt);
  }
}
