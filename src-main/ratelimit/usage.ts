/**
 * Instagram's rate-limit headers (instagram-platform.md §9), read on every response: `X-App-Usage`
 * for the app, `X-Business-Use-Case-Usage` per business (account). Percentages; the highest of the
 * call count, CPU time and total time is what limits.
 */
export interface UsageReading {
  /** Highest percentage for the app, or null when the header was absent or unreadable. */
  appPercent: number | null;
  /** Highest percentage per business id, with how long until access returns when Instagram says. */
  business: Array<{ id: string; percent: number; regainAccessMinutes: number | null }>;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | null {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null;
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function highestPercent(record: unknown): number | null {
  if (!record || typeof record !== 'object') return null;
  const values = ['call_count', 'total_cputime', 'total_time']
    .map((key) => (record as Record<string, unknown>)[key])
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return values.length > 0 ? Math.max(...values) : null;
}

export function readUsage(headers: Headers): UsageReading {
  const business: UsageReading['business'] = [];
  const buc = parseJson(header(headers, 'x-business-use-case-usage'));
  if (buc && typeof buc === 'object') {
    for (const [id, entries] of Object.entries(buc as Record<string, unknown>)) {
      const list = Array.isArray(entries) ? entries : [];
      const percents = list.map(highestPercent).filter((value): value is number => value !== null);
      if (percents.length === 0) continue;
      const regain = list
        .map((entry) => (entry as Record<string, unknown>)?.estimated_time_to_regain_access)
        .filter((value): value is number => typeof value === 'number');
      business.push({ id, percent: Math.max(...percents), regainAccessMinutes: regain.length > 0 ? Math.max(...regain) : null });
    }
  }
  return { appPercent: highestPercent(parseJson(header(headers, 'x-app-usage'))), business };
}
