import type { AppConfig, PostdeckApp } from '../app/types';

/** A host's answer to a failed start: 'retry' once it has put things right (a damaged database moved aside), or 'quit'. */
export type StartAnswer = 'retry' | 'quit';

/**
 * Builds the app for a host. A failed start goes to `recover`, which asks the user or reads a flag: the
 * build runs again on 'retry', and 'quit' gives null; to fail with the error, `recover` throws it. A host
 * whose `recover` never answers 'quit' always gets an app.
 */
export async function buildApp<Answer extends StartAnswer>(
  config: AppConfig,
  create: (config: AppConfig) => Promise<PostdeckApp>,
  recover: (error: unknown) => Promise<Answer>,
): Promise<PostdeckApp | (Answer extends 'quit' ? null : never)> {
  for (;;) {
    try {
      return await create(config);
    } catch (error) {
      if ((await recover(error)) === 'quit') return null as Answer extends 'quit' ? null : never;
    }
  }
}
