import type { Database } from './database';

/** Small key/value settings (never secrets: those go through the vault). */
export class SettingsRepo {
  private readonly statements;

  constructor(db: Database) {
    this.statements = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      set: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      remove: db.prepare('DELETE FROM settings WHERE key = ?'),
    };
  }

  get(key: string): string | null {
    return this.statements.get.get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.statements.set.run(key, value);
  }

  remove(key: string): void {
    this.statements.remove.run(key);
  }
}
