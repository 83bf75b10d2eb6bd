import { useState } from 'react';
import type { Account } from '../../src-shared/models';
import { initialOf } from '../lib/format';

/** Profile picture, or the first letter when there is none or it fails to load (or the CSP refuses it). */
export function Avatar({ account, size = 48 }: { account: Pick<Account, 'username' | 'name' | 'pictureUrl'>; size?: 48 | 32 | 24 }) {
  const className = size === 48 ? 'avatar' : `avatar avatar-${size}`;
  const [failed, setFailed] = useState(false);
  if (account.pictureUrl && !failed) {
    return (
      <img
        className={className}
        src={account.pictureUrl}
        alt=""
        width={size}
        height={size}
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className={`${className} avatar-fallback`} aria-hidden="true">
      {initialOf(account)}
    </span>
  );
}
