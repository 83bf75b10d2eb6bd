/** Plain data shared by the sandbox's world and its HTTP layer. No behaviour here. */

export type AccountType = 'BUSINESS' | 'MEDIA_CREATOR' | 'PERSONAL';
export const ACCOUNT_TYPES: readonly AccountType[] = ['BUSINESS', 'MEDIA_CREATOR', 'PERSONAL'];

export type AppMode = 'development' | 'live';

export interface SandboxApp {
  appId: string;
  appSecret: string;
  redirectUris: string[];
  mode: AppMode;
}

export interface SandboxPerson {
  /** Instagram professional account id (`1784…`, 17 digits): `user_id` in /me and the token exchange. */
  igUserId: string;
  /** App-scoped user id: `id` in /me. */
  id: string;
  username: string;
  name: string;
  accountType: AccountType;
  /** A `data:image/svg+xml` URL, so it renders offline and after the sandbox stops. */
  profilePictureUrl: string;
  followersCount: number;
  followsCount: number;
  mediaCount: number;
  /** Instagram Tester of every development-mode app registered in this sandbox. */
  tester: boolean;
}

export interface NewPerson {
  username: string;
  accountType: AccountType;
  tester?: boolean;
  name?: string;
  igUserId?: string;
  id?: string;
  followersCount?: number;
  followsCount?: number;
  mediaCount?: number;
}

export type RevokeReason = 'app_removed' | 'password_changed';
export type TokenKind = 'short' | 'long';

export interface TokenRecord {
  kind: TokenKind;
  appId: string;
  igUserId: string;
  scopes: Set<string>;
  issuedAt: number;
  expiresAt: number;
  revoked?: RevokeReason;
  /** Sandbox-clock time a request last presented this token (introspection for tests; not saved). */
  lastPresentedAt?: number;
}

/** A token as the world tells tests about it (never on the wire: tokens stay out of the control API). */
export interface IssuedToken {
  token: string;
  kind: TokenKind;
  issuedAt: number;
  lastPresentedAt?: number;
}

/** A person as saved in a state file: everything but the derived avatar. */
export type PersonSnapshot = Required<NewPerson>;

/** A token as saved in a state file. */
export interface TokenSnapshot {
  token: string;
  kind: TokenKind;
  appId: string;
  igUserId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked?: RevokeReason;
}

/** A person tagged on media as the container named them: photos with x and y, Reels by name, Stories either way. */
export interface SandboxUserTag {
  username: string;
  x?: number;
  y?: number;
}

/** What a container was sent besides its media, kept on the media it publishes (fact sheet §13). */
export interface PublishExtras {
  collaborators?: string[];
  userTags?: SandboxUserTag[];
  /** Reels. */
  shareToFeed?: boolean;
  audioName?: string;
  trialStrategy?: 'MANUAL' | 'SS_PERFORMANCE';
}

export interface MediaRecord extends PublishExtras {
  id: string;
  igUserId: string;
  containerId: string;
  caption: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  mediaProductType: 'FEED' | 'REELS' | 'STORY';
  timestamp: number;
  shortcode: string;
  mediaUrl?: string;
  thumbnailUrl?: string;
  /** Carousel album: its children's media ids. */
  children: string[];
  /** A carousel child: reachable by id, not listed on the account's /media edge, not counted in quota. */
  isChild: boolean;
  /** `POST /{media-id}?comment_enabled=false` turned comments off (sandbox comments/). */
  commentsDisabled?: boolean;
  /** How many of its seeded comments from other people have arrived so far (sandbox comments/seed.ts). */
  seededComments?: number;
}

export interface CommentRecord {
  id: string;
  mediaId: string;
  /** Who commented: the token's person, or a seeded commenter from outside the sandbox (then `username` is set too). */
  igUserId: string;
  text: string;
  timestamp: number;
  /** A reply: the top-level comment it answers. */
  parentId?: string;
  hidden?: boolean;
  /** A seeded commenter who is not one of the sandbox's people. */
  username?: string;
}

export interface CodeRecord {
  appId: string;
  redirectUri: string;
  igUserId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export type TokenResponseShape = 'flat' | 'data';
export type PermissionsShape = 'string' | 'array';

export interface ResponseOptions {
  /** `flat`: `{access_token,user_id,permissions}`; `data`: `{data:[{…}]}` (fact sheet §2). */
  tokenResponseShape: TokenResponseShape;
  /** `permissions` as a comma string (documented) or an array (seen in the wild). */
  permissionsShape: PermissionsShape;
  /**
   * A refresh retires the token it was called with (it then answers 190 like an unknown token), as Instagram
   * may; default false: the old string keeps working until its own expiry.
   */
  retireOldTokenOnRefresh: boolean;
}

/** A Graph API error (fact sheet §8) without the transport details. */
export interface GraphErrorSpec {
  status?: number;
  code: number;
  subcode?: number;
  message: string;
  type?: string;
  userTitle?: string;
  userMsg?: string;
  isTransient?: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: GraphErrorSpec };

/** Thrown by world operations for bad input; the control API turns it into a 400. */
export class SandboxInputError extends Error {
  override name = 'SandboxInputError';
}
