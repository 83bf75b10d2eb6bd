/**
 * Fault injection for the next N matching requests: latency, HTTP status, connection reset, Graph errors;
 * `drop_answer` handles the request in full (a media_publish publishes) and then resets the connection
 * instead of answering; `container_error` lets a `POST /{ig-user-id}/media` create its container, which
 * then ends in ERROR with the fault's `subcode` once processed.
 */
import { z } from 'zod';
import { SandboxInputError, type GraphErrorSpec } from './types';

export const faultInputSchema = z.object({
  match: z
    .object({
      method: z.string().min(1).max(16).optional(),
      pathPrefix: z.string().startsWith('/').max(2048).optional(),
      /** The path (with or without its version prefix) ends with this, e.g. `/media_publish`. */
      pathSuffix: z.string().startsWith('/').max(2048).optional(),
    })
    .optional(),
  kind: z.enum(['latency', 'status', 'reset', 'graph_error', 'drop_answer', 'container_error']),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(100).max(599).optional(),
  code: z.number().int().optional(),
  subcode: z.number().int().optional(),
  message: z.string().max(2000).optional(),
  isTransient: z.boolean().optional(),
  /** Applies to the next `count` matching requests; omitted = until cleared. */
  count: z.number().int().min(1).optional(),
});

export type FaultInput = z.input<typeof faultInputSchema>;
export type FaultKind = FaultInput['kind'];

export interface Fault extends z.output<typeof faultInputSchema> {
  id: string;
  /** Requests it still applies to; null = unlimited. */
  remaining: number | null;
  applied: number;
}

/** What to do with one request: wait `latencyMs`, then answer with `terminal` (if any) instead of normally. */
export interface FaultPlan {
  latencyMs: number;
  terminal?: Fault;
  kinds: FaultKind[];
}

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;
  appliedTotal = 0;

  add(input: unknown): Fault {
    const parsed = faultInputSchema.safeParse(input);
    if (!parsed.success) throw new SandboxInputError(`Invalid fault: ${z.prettifyError(parsed.error)}`);
    const value = parsed.data;
    if (value.kind === 'latency' && value.latencyMs === undefined) throw new SandboxInputError('A latency fault needs latencyMs');
    if (value.kind === 'container_error' && value.subcode === undefined) throw new SandboxInputError('A container_error fault needs subcode');
    const fault: Fault = { ...value, id: `fault-${this.nextId++}`, remaining: value.count ?? null, applied: 0 };
    this.faults.push(fault);
    return { ...fault };
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Consumes the faults matching this request. Every matching latency fault adds its latency (a latency
   * fault's own `latencyMs` on any other kind adds too); the first matching non-latency fault is terminal.
   */
  plan(method: string, rawPath: string, path: string): FaultPlan | undefined {
    if (this.faults.length === 0) return undefined;
    let latencyMs = 0;
    let terminal: Fault | undefined;
    const kinds: FaultKind[] = [];
    for (const fault of this.faults) {
      if (!matches(fault, method, rawPath, path)) continue;
      if (fault.kind !== 'latency' && terminal) continue;
      if (fault.kind !== 'latency') terminal = fault;
      latencyMs += fault.latencyMs ?? 0;
      kinds.push(fault.kind);
      fault.applied++;
      this.appliedTotal++;
      if (fault.remaining !== null) fault.remaining--;
    }
    if (kinds.length === 0) return undefined;
    this.faults = this.faults.filter((f) => f.remaining === null || f.remaining > 0);
    return { latencyMs, kinds, ...(terminal ? { terminal } : {}) };
  }
}

function matches(fault: Fault, method: string, rawPath: string, path: string): boolean {
  const m = fault.match;
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.pathPrefix && !rawPath.startsWith(m.pathPrefix) && !path.startsWith(m.pathPrefix)) return false;
  if (m.pathSuffix && !rawPath.endsWith(m.pathSuffix)) return false;
  return true;
}

const UNEXPECTED = 'An unexpected error has occurred. Please retry your request later.';
const UNKNOWN = 'An unknown error has occurred.';

/** The Graph error a `status` or `graph_error` fault answers with. */
export function faultError(fault: Fault): GraphErrorSpec {
  if (fault.kind === 'status') {
    return {
      status: fault.status ?? 503,
      code: fault.code ?? 2,
      message: fault.message ?? UNEXPECTED,
      isTransient: fault.isTransient ?? true,
      ...(fault.subcode !== undefined ? { subcode: fault.subcode } : {}),
    };
  }
  const code = fault.code ?? 1;
  return {
    status: fault.status ?? 400,
    code,
    message: fault.message ?? (code === 1 ? UNKNOWN : code === 2 ? UNEXPECTED : `(#${code}) Injected sandbox error`),
    isTransient: fault.isTransient ?? (code === 1 || code === 2),
    ...(fault.subcode !== undefined ? { subcode: fault.subcode } : {}),
  };
}
