/**
 * Every failure the user can meet has a code, one plain sentence and the action that fixes it.
 * Match on `code`, never on message text. No message may carry a token, a code or a secret.
 */
import { z } from 'zod';
import { hostingErrors } from './hostingErrors';
import { mediaErrorCatalog } from './mediaErrors';
import { transferErrors } from './transferErrors';

export const errorCatalog = {
  ...hostingErrors,
  ...mediaErrorCatalog,
  invalid_request: {
    message: 'Postdeck received a request it could not understand.',
    action: 'Try again. If it keeps happening, restart Postdeck.',
  },
  internal_error: {
    message: 'Something went wrong inside Postdeck.',
    action: 'Try again. If it keeps happening, restart Postdeck.',
  },
  not_found: {
    message: 'That account is no longer connected.',
    action: 'Refresh the list and try again.',
  },
  instagram_no_business_account: {
    message: 'This Instagram account is a Personal account. Postdeck works with Business and Creator accounts only.',
    action:
      'In Instagram, open Settings → Account type and tools → Switch to professional account, choose Creator or Business, then connect again.',
  },
  scope_rejected: {
    message: 'Some permissions Postdeck needs were not granted.',
    action: 'Connect again and leave every permission ticked.',
  },
  state_expired: {
    message: 'That sign-in link has expired. Links last 10 minutes and work once.',
    action: 'Start connecting again.',
  },
  network_error: {
    message: 'Postdeck could not reach Instagram.',
    action: 'Check your internet connection, then try again.',
  },
  not_a_tester: {
    message: 'This Instagram account is not a tester of your Meta app, which is still in development mode.',
    action:
      'Add the account as an Instagram Tester in the Meta App Dashboard, then accept the invite in Instagram: Settings → Apps and websites → Tester invites.',
  },
  cancelled: {
    message: 'Connecting was cancelled.',
    action: 'Click Connect Instagram when you are ready.',
  },
  invalid_callback: {
    message: 'Instagram sent back a sign-in response Postdeck could not trust, so nothing was saved.',
    action: 'Start connecting again.',
  },
  account_mismatch: {
    message: 'You signed in as a different Instagram account than the one you were reconnecting.',
    action: 'Sign in as the original account, or add this one as a new account instead.',
  },
  token_expired: {
    message: 'Instagram access for this account has expired.',
    action: 'Reconnect the account.',
  },
  token_revoked: {
    message: 'Instagram access for this account was withdrawn: the app was removed or the password changed.',
    action: 'Reconnect the account.',
  },
  permission_removed: {
    message: 'A permission Postdeck needs was removed from this account.',
    action: 'Reconnect the account and leave every permission ticked.',
  },
  account_not_eligible: {
    message: 'This account is no longer a Business or Creator account.',
    action: 'Switch it back to a professional account in Instagram, then reconnect.',
  },
  rate_limited: {
    message: 'Instagram is limiting requests right now.',
    action: 'Postdeck will try again shortly; nothing is needed from you.',
  },
  instagram_error: {
    message: 'Instagram returned an error.',
    action: 'Try again in a few minutes.',
  },
  instagram_invalid_parameter: {
    message: 'Instagram refused a request from Postdeck as not valid, so trying again will not help.',
    action: 'The detail gives Instagram’s reason. Update Postdeck; if it keeps happening, report it with that reason.',
  },
  config_invalid: {
    message: 'Those Instagram app settings are not valid.',
    action: 'Copy the values again from the Meta App Dashboard → Instagram → API setup with Instagram login.',
  },
  keyring_changed: {
    message: 'The system keyring that protects your Instagram tokens has changed, so they cannot be opened.',
    action:
      'Restore the previous keyring and restart Postdeck, or open Settings → Secure storage, reset it, and reconnect your accounts.',
  },
  secret_damaged: {
    message: 'The saved Instagram access for this account is damaged and cannot be opened.',
    action: 'Reconnect the account.',
  },
  account_unhealthy: {
    message: 'This account needs reconnecting before Postdeck can use it.',
    action: 'Click Reconnect on the account; what was waiting for it resumes by itself.',
  },
  wrong_mode: {
    message: 'This account belongs to the other Instagram (sandbox or live) than the one Postdeck uses now.',
    action: 'Switch back in Settings; what was waiting for the account resumes by itself.',
  },
  story_needs_business: {
    message: 'Instagram publishes Stories through apps for Business accounts only; this is a Creator account.',
    action: 'Choose "Remind me": at the slot Postdeck reminds you and has the media ready to share from your phone. Or switch the account to Business in Instagram.',
  },
  post_not_remind: {
    message: 'Only a post waiting for you to post it by hand can be marked as posted.',
    action: 'Refresh the list; Postdeck publishes the other posts itself.',
  },
  publish_limit_reached: {
    message: 'This account has reached Instagram’s limit of posts published through apps in 24 hours.',
    action: 'Nothing to do: the post waits and goes out by itself when the limit frees up.',
  },
  post_not_found: {
    message: 'That post no longer exists.',
    action: 'Refresh the list and try again.',
  },
  post_not_editable: {
    message: 'This post can no longer be changed: it is being published or was published.',
    action: 'Create a new post instead.',
  },
  post_changed: {
    message: 'This post changed since you opened it: it was edited elsewhere, approved or published.',
    action: 'Reload it to see what changed, or keep your text and save it over the new version.',
  },
  slot_too_far: {
    message: 'That time is more than two years ahead; Postdeck schedules posts at most two years in advance.',
    action: 'Choose a date within the next two years.',
  },
  post_invalid: {
    message: 'Instagram would refuse this post as it is.',
    action: 'Fix what the detail says, then schedule it again.',
  },
  first_comment_media_unknown: {
    message: 'The post went out, but Postdeck could not tell which of the account’s Instagram posts it became.',
    action: 'Choose the post below; Postdeck then posts the first comment on it.',
  },
  media_choice_invalid: {
    message: 'That Instagram post cannot be this one.',
    action: 'Choose one of the account’s posts published when this post went out.',
  },
  media_unavailable: {
    message: 'Instagram could not fetch the post’s media.',
    action: 'Check that the media address is public (or check Settings → Media hosting), then publish again.',
  },
  container_failed: {
    message: 'Instagram could not process the post’s media.',
    action: 'Check the media against Instagram’s rules (format, size, aspect ratio), then publish again.',
  },
  publish_failed: {
    message: 'Instagram refused to publish the post.',
    action: 'Read the attempt log on the post for Instagram’s reason, then publish again.',
  },
  account_restricted: {
    message: 'Instagram has restricted this account from publishing.',
    action: 'Check the account in the Instagram app (Account Status), then publish again.',
  },
  storage_failed: {
    message: 'Postdeck could not save to its database.',
    action: 'Check that the disk has free space, then try again.',
  },
  keyring_consent_needed: {
    message:
      'Your system keyring is not available, so Postdeck can only protect your Instagram tokens with a key that anyone who can read your files could use.',
    action:
      'Install and unlock GNOME Keyring or KWallet (or start Postdeck with --password-store=gnome-libsecret) and restart Postdeck, or choose to use basic protection anyway.',
  },
  keyring_unprotected: {
    message: 'You chose not to store Instagram tokens without the system keyring.',
    action:
      'Install and unlock GNOME Keyring or KWallet (or start Postdeck with --password-store=gnome-libsecret) and restart Postdeck, or allow basic protection in Settings → Secure storage.',
  },
  database_too_new: {
    message: 'Your Postdeck data was written by a newer version of Postdeck.',
    action: 'Install the latest version of Postdeck to open it.',
  },
  database_damaged: {
    message: 'Your Postdeck data file is damaged, so Postdeck cannot open it.',
    action:
      'Move the damaged file aside and start fresh: your accounts will need connecting again, and the old file is kept beside the new one. Copy the error details first if you want to report it.',
  },
  too_many_attempts: {
    message: 'Too many sign-in windows are open at once.',
    action: 'Finish or close a sign-in window you opened earlier, or wait 10 minutes, then try again.',
  },
  ...transferErrors,
  comment_not_found: {
    message: 'That comment is no longer there: it was deleted, or its post was.',
    action: 'Refresh the inbox.',
  },
  reply_to_reply: {
    message: 'Instagram only takes replies to a top-level comment, not to a reply.',
    action: 'Reply to the comment the reply belongs to instead.',
  },
  reply_to_hidden: {
    message: 'Instagram does not take replies to a hidden comment.',
    action: 'Unhide the comment first if you want to reply to it.',
  },
  comments_disabled: {
    message: 'Comments are turned off for this post.',
    action: 'Turn comments on for the post, then reply.',
  },
  messages_not_enabled: {
    message: 'Messages are turned off for this account, so Postdeck cannot read or send its direct messages.',
    action: 'Open Accounts → Messages… on this account and turn messages on.',
  },
  reply_window_closed: {
    message: 'Instagram only lets you reply within 24 hours of the person’s last message, and that time has passed.',
    action: 'Reply from the Instagram app, or wait until they write again.',
  },
  private_reply_used: {
    message: 'Instagram allows one private reply per comment, and this comment already has one.',
    action: 'Continue in Messages if they answer you.',
  },
  private_reply_expired: {
    message: 'Instagram only takes a private reply within 7 days of the comment, and this comment is older.',
    action: 'Reply to the comment publicly instead.',
  },
  conversation_not_found: {
    message: 'That conversation is no longer here: messages were turned off, or Instagram no longer returns it.',
    action: 'Refresh Messages.',
  },
  private_reply_to_self: {
    message: 'That comment is the account’s own, so there is no one to reply to privately.',
    action: 'Choose a comment someone else wrote.',
  },
  messages_stayed_off: {
    message: 'Messages stay off: the messages permission was not granted. The account is connected as before.',
    action: 'Try again from Accounts → Messages… and leave the messages permission ticked.',
  },
} as const satisfies Record<string, { message: string; action?: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/**
 * One reason for a refusal, and the field of the request it is about, as a path into the request's input
 * (`caption`, `media.1`, `media.0.altText`, `scheduledAt`); null when it belongs to no one field. An editor
 * shows it under that field.
 */
export interface FieldProblem {
  field: string | null;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  action?: string;
  /** Extra, non-secret detail, e.g. the permissions that were unticked. */
  detail?: string;
  /** The reasons one by one, each with its field, when the refusal is about what a request held. */
  problems?: FieldProblem[];
}

export const appErrorSchema: z.ZodType<AppError> = z.object({
  code: z.custom<ErrorCode>((value) => typeof value === 'string' && Object.hasOwn(errorCatalog, value)),
  message: z.string(),
  action: z.string().optional(),
  detail: z.string().optional(),
  problems: z.array(z.object({ field: z.string().nullable(), message: z.string() })).optional(),
});

export function appError(code: ErrorCode, detail?: string, problems?: FieldProblem[]): AppError {
  const entry: { message: string; action?: string } = errorCatalog[code];
  return {
    code,
    message: entry.message,
    ...(entry.action ? { action: entry.action } : {}),
    ...(detail ? { detail } : {}),
    ...(problems?.length ? { problems } : {}),
  };
}

/** A refusal for what the request held: the reasons as its detail, one after another, and one by one with their fields. */
export function fieldError(code: ErrorCode, problems: FieldProblem[]): AppError {
  return appError(code, problems.map((problem) => problem.message).join(' '), problems);
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
