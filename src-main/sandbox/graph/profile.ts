/** `GET /me?fields=…` (fact sheet §4): only the requested fields; `id` is app-scoped, `user_id` the professional id. */
import { NO_PERMISSION, paramError } from '../errors';
import { BASIC_SCOPE } from '../scopes';
import type { Outcome, SandboxPerson, TokenRecord } from '../types';
import type { SandboxWorld } from '../world';
import { followersOn } from '../insights/values';

const FIELDS: Readonly<Record<string, (p: SandboxPerson, now: number) => string | number>> = {
  id: (p) => p.id,
  user_id: (p) => p.igUserId,
  username: (p) => p.username,
  name: (p) => p.name,
  account_type: (p) => p.accountType,
  profile_picture_url: (p) => p.profilePictureUrl,
  // Drifts by day on the sandbox clock, so a daily record of it draws a line (insights/values.ts).
  followers_count: (p, now) => followersOn(p, now),
  follows_count: (p) => p.followsCount,
  media_count: (p) => p.mediaCount,
};

export function readProfile(world: SandboxWorld, token: TokenRecord, fieldsParam: string | null): Outcome<Record<string, string | number>> {
  if (!token.scopes.has(BASIC_SCOPE)) return { ok: false, error: NO_PERMISSION };
  const person = world.person(token.igUserId);
  if (!person) return { ok: false, error: { code: 190, subcode: 467, message: 'Invalid OAuth access token - Cannot parse access token' } };
  const fields = fieldsParam ? [...new Set(fieldsParam.split(',').map((f) => f.trim()).filter(Boolean))] : ['id'];
  const body: Record<string, string | number> = {};
  for (const field of fields) {
    const read = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
    if (!read) return { ok: false, error: paramError(`Tried accessing nonexisting field (${field}) on node type (User)`) };
    body[field] = read(person, world.now());
  }
  return { ok: true, value: body };
}
