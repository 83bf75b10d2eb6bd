/**
 * Scoped, structured logging. Fields whose names look secret are replaced before a line is written,
 * and strings that look like Instagram tokens are masked, as a second line of defence: callers
 * must not pass tokens, codes or secrets in the first place.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  child(scope: string): Logger;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

const SECRET_FIELD = /token|secret|code|password|authorization|cookie|key/i;
const TOKEN_LIKE = /\b(IG[A-Z]{1,3}[A-Za-z0-9_-]{16,}|sbx_[A-Za-z0-9_-]{16,})/g;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(TOKEN_LIKE, '[redacted]');
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[truncated]'; // deeper than anything we log on purpose: never pass it through unread
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_FIELD.test(key) ? '[redacted]' : redact(item, depth + 1)]),
  );
}

export function createLogger(sink: LogSink, options: { minLevel?: LogLevel; scope?: string } = {}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(options.minLevel ?? 'info');
  const write = (scope: string, level: LogLevel, message: string, fields?: LogFields) => {
    if (order.indexOf(level) < min) return;
    const entry = { time: new Date().toISOString(), level, scope, message: redact(message), ...(fields ? (redact(fields) as LogFields) : {}) };
    sink(JSON.stringify(entry));
  };
  const make = (scope: string): Logger => ({
    child: (name) => make(scope ? `${scope}.${name}` : name),
    debug: (message, fields) => write(scope, 'debug', message, fields),
    info: (message, fields) => write(scope, 'info', message, fields),
    warn: (message, fields) => write(scope, 'warn', message, fields),
    error: (message, fields) => write(scope, 'error', message, fields),
  });
  return make(options.scope ?? '');
}

export const silentLogger: Logger = createLogger(() => {}, { minLevel: 'error' });
