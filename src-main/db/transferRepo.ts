import { schemaVersion, type Database } from './database';

/** A row as SQLite gives it: column name → value. Its shape is checked by whoever reads it (transfer/rows.ts). */
export type TableRow = Record<string, unknown>;
export type TransferTable = 'accounts' | 'media' | 'posts' | 'publish_attempts' | 'conversations' | 'direct_messages';

/**
 * Whole rows in and out, for moving a data folder's contents to another machine. Only columns this
 * database has are written (a file's column names never reach SQL unchecked); an older export's missing
 * columns take their defaults.
 */
export class TransferRepo {
  private readonly columns = new Map<TransferTable, Set<string>>();
  private readonly statements;

  constructor(private readonly db: Database) {
    this.statements = {
      accounts: db.prepare<[], TableRow & { id: string }>('SELECT * FROM accounts ORDER BY rowid'),
      media: db.prepare<[], TableRow & { id: string; stored_file: string; original_name: string }>('SELECT * FROM media ORDER BY rowid'),
      posts: db.prepare<[], TableRow & { id: string }>('SELECT * FROM posts ORDER BY rowid'),
      attempts: db.prepare<[string], TableRow & { id: number }>('SELECT * FROM publish_attempts WHERE post_id = ? ORDER BY id'),
      mediaExists: db.prepare<[string], 1>('SELECT 1 FROM media WHERE id = ?'),
      postExists: db.prepare<[string], 1>('SELECT 1 FROM posts WHERE id = ?'),
      conversations: db.prepare<[], TableRow & { id: string; account_id: string }>('SELECT * FROM conversations ORDER BY rowid'),
      directMessages: db.prepare<[string], TableRow & { id: string }>('SELECT * FROM direct_messages WHERE conversation_id = ? ORDER BY rowid'),
      conversationExists: db.prepare<[string], 1>('SELECT 1 FROM conversations WHERE id = ?'),
      directMessageExists: db.prepare<[string], 1>('SELECT 1 FROM direct_messages WHERE id = ?'),
    };
  }

  schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** Runs `write` in one transaction: everything it writes, through any repository on this database, or nothing. */
  atomically<T>(write: () => T): T {
    return this.db.transaction(write)();
  }

  accounts(): Array<TableRow & { id: string }> {
    return this.statements.accounts.all();
  }

  media(): Array<TableRow & { id: string; stored_file: string; original_name: string }> {
    return this.statements.media.all();
  }

  posts(): Array<TableRow & { id: string }> {
    return this.statements.posts.all();
  }

  /** Every stored conversation (they exist only for accounts with messages on). */
  conversations(): Array<TableRow & { id: string; account_id: string }> {
    return this.statements.conversations.all();
  }

  /** A conversation's messages, oldest first. */
  directMessages(conversationId: string): Array<TableRow & { id: string }> {
    return this.statements.directMessages.all(conversationId);
  }

  /** A post's publish attempts, oldest first, without their local ids. */
  attempts(postId: string): TableRow[] {
    return this.statements.attempts.all(postId).map(({ id: _id, ...rest }) => rest);
  }

  exists(table: 'media' | 'posts' | 'conversations' | 'direct_messages', id: string): boolean {
    const statement = {
      media: this.statements.mediaExists,
      posts: this.statements.postExists,
      conversations: this.statements.conversationExists,
      direct_messages: this.statements.directMessageExists,
    }[table];
    return statement.get(id) !== undefined;
  }

  insert(table: TransferTable, values: TableRow): void {
    const names = this.known(table, values);
    this.db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')})`).run(pick(values, names));
  }

  update(table: TransferTable, id: string, values: TableRow): void {
    const names = this.known(table, values);
    if (names.length === 0) return;
    this.db.prepare(`UPDATE ${table} SET ${names.map((name) => `${name} = @${name}`).join(', ')} WHERE id = @id`).run({ ...pick(values, names), id });
  }

  private known(table: TransferTable, values: TableRow): string[] {
    let columns = this.columns.get(table);
    if (!columns) {
      columns = new Set((this.db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((column) => column.name));
      this.columns.set(table, columns);
    }
    return Object.keys(values).filter((name) => columns.has(name));
  }
}

function pick(values: TableRow, names: string[]): TableRow {
  return Object.fromEntries(names.map((name) => [name, values[name]]));
}
