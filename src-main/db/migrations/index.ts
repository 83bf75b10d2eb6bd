import accounts from './0001-accounts.sql';

/** Forward-only, numbered migrations; index + 1 is the schema version each one produces. */
export const migrations: readonly string[] = [accounts];
