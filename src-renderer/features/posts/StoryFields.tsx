import type { Account } from '../../../src-shared/models';
import type { PublishMode } from '../../../src-shared/posts';
import './composerExtras.css';

/** In place of the caption and first comment, which a Story does not have. */
export function StoryNote() {
  return (
    <p className="field-help story-note" role="note">
      Instagram shows no caption on a Story, so there is no caption or first comment to write, and a Story cannot have collaborators.
    </p>
  );
}

/**
 * Said before scheduling: Instagram publishes Stories for Business accounts only. A Creator account's Story
 * can be a reminder instead (Remind me): Postdeck has the media ready at the time and the user posts it.
 */
export function StoryAccountNotice({ account, mode, onRemind }: { account: Pick<Account, 'username' | 'accountType'>; mode: PublishMode; onRemind(): void }) {
  if (mode === 'remind') {
    return (
      <div className="story-notice story-notice-remind" role="status">
        <p>
          <strong>Remind me.</strong> At the time below Postdeck reminds you, with the media ready to post from your phone; then mark it as posted.
        </p>
      </div>
    );
  }
  if (account.accountType === 'BUSINESS') return null;
  return (
    <div className="story-notice" role="status">
      <p>
        Instagram publishes Stories only for Business accounts, and @{account.username} is a Creator account. Postdeck can remind you at the time you
        choose instead, with the media ready to post from your phone.
      </p>
      <button type="button" className="button button-secondary" onClick={onRemind}>
        Remind me
      </button>
    </div>
  );
}
