import { liveConfigInput } from '../../../src-shared/ipc';
import type { ChannelInput } from '../../../src-shared/ipc';

export type LiveConfigField = 'appId' | 'appSecret' | 'redirectUri';
export type FieldErrors = Partial<Record<LiveConfigField, string>>;

export interface LiveConfigDraft {
  appId: string;
  /** Empty means "keep the stored secret". */
  appSecret: string;
  redirectUri: string;
}

/**
 * Validates the settings form with the contract's own schema, so the form and the main process
 * agree. A secret is required unless one is already stored.
 */
export function validateLiveConfig(
  draft: LiveConfigDraft,
  secretStored: boolean,
): { ok: true; value: ChannelInput<'settings.setLiveConfig'> } | { ok: false; errors: FieldErrors } {
  const secret = draft.appSecret.trim();
  const candidate = {
    appId: draft.appId,
    redirectUri: draft.redirectUri,
    ...(secret ? { appSecret: secret } : {}),
  };
  const parsed = liveConfigInput.safeParse(candidate);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'appId' || field === 'appSecret' || field === 'redirectUri') && !errors[field]) {
        errors[field] = issue.message;
      }
    }
  }
  if (!secret && !secretStored) errors.appSecret = 'Enter the Instagram App secret.';
  if (!draft.appId.trim()) errors.appId = 'Enter the Instagram App ID.';
  if (!draft.redirectUri.trim()) errors.redirectUri = 'Enter the redirect URI.';
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}
