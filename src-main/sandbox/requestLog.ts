/** What the sandbox was asked: method, path (never the query: it carries tokens, codes, secrets) and status. */

export interface RequestLogEntry {
  /** Sandbox-clock time the request arrived, ms since epoch. */
  at: number;
  method: string;
  path: string;
  /** 0 when the connection was reset by a fault. */
  status: number;
  /** Fault kinds applied to it, if any. */
  faults?: string[];
}

export interface RequestCounters {
  requests: number;
  byStatus: Record<string, number>;
}

/** Keeps the most recent `capacity` entries; amortised O(1) per request. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counters: RequestCounters = { requests: 0, byStatus: {} };
  private listeners = new Set<(entry: RequestLogEntry) => void>();

  constructor(private readonly capacity = 20_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity * 2) this.entries = this.entries.slice(-this.capacity);
    this.counters.requests++;
    const key = String(entry.status);
    this.counters.byStatus[key] = (this.counters.byStatus[key] ?? 0) + 1;
    for (const listener of this.listeners) listener(entry);
  }

  subscribe(listener: (entry: RequestLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-this.capacity).map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
    this.counters = { requests: 0, byStatus: {} };
  }

  counts(): RequestCounters {
    return { requests: this.counters.requests, byStatus: { ...this.counters.byStatus } };
  }
}
