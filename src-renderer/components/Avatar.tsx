import { useState } from 'react';
import type { Account } from '../../src-shared/models';
import { initialOf } from '../lib/format';

/** Profile picture, or the first letter when there is none or it fails to load (or the CSP refuses it). */
export function Avatar({ account }: { account: Pick<Account, 'username' | 'name' | 'pictureUrl'> }) {
  const [failed, setFailed] = useState(false);
  if (account.pictureUrl && !failed) {
    return (
      <img
        className="avatar"
        src={account.pictureUrl}
        alt=""
        width={48}
        height={48}
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className="avatar avatar-fallback" aria-hidden="true">
      {initialOf(account)}
    </span>
  );
}
