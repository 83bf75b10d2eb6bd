/** Business Login for Instagram scopes (fact sheet §5). */

export const BASIC_SCOPE = 'instagram_business_basic';
export const COMMENTS_SCOPE = 'instagram_business_manage_comments';
export const MESSAGES_SCOPE = 'instagram_business_manage_messages';

export const SCOPE_LABELS: Readonly<Record<string, string>> = {
  instagram_business_basic: 'See your profile: username, name, account type, picture and counts',
  instagram_business_content_publish: 'Publish posts and reels to your account',
  instagram_business_manage_comments: 'Read, reply to, hide and delete comments',
  instagram_business_manage_messages: 'Read and send direct messages',
  instagram_business_manage_insights: 'Read insights about your account and media',
};

export const ALL_SCOPES: readonly string[] = Object.keys(SCOPE_LABELS);

export function isKnownScope(scope: string): boolean {
  return Object.hasOwn(SCOPE_LABELS, scope);
}

/** Splits a `scope` parameter: comma- or space-separated (a `+` arrives as a space). Order kept, duplicates dropped. */
export function parseScopeList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(/[\s,]+/).filter((s) => s.length > 0))];
}
