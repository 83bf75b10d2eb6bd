/**
 * What a container may carry besides its media (fact sheet §13), checked the way Instagram checks it:
 * `collaborators` (at most 3, on feed images, Reels and carousel parents), `user_tags` (at most 20; images
 * need x and y from 0 to 1, Reels take names, Stories an optional spot; never on video carousel items or
 * carousel parents), `trial_params` (Reels only) and `audio_name` (kept for Reels).
 */
import { isInstagramUsername } from '../../../src-shared/publishingRules';
import { paramError } from '../errors';
import type { GraphErrorSpec, Outcome, PublishExtras, SandboxUserTag } from '../types';
import { inaccessibleUsers } from './errors';
import type { ContainerKind } from './store';

export const MAX_COLLABORATORS = 3;
export const MAX_USER_TAGS = 20;

const fail = (error: GraphErrorSpec): Outcome<never> => ({ ok: false, error });

function jsonParam(params: URLSearchParams, name: string): Outcome<unknown> | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return fail(paramError(`Invalid parameter ${name}: expected JSON`));
  }
}

const inUnit = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1;

function collaborators(value: unknown, where: string, allowed: boolean): Outcome<string[]> {
  if (!allowed) return fail(paramError(`param collaborators is not allowed for ${where}`));
  if (!Array.isArray(value) || !value.every((name): name is string => typeof name === 'string')) return fail(paramError('param collaborators must be an array of usernames'));
  if (value.length > MAX_COLLABORATORS) return fail(paramError(`param collaborators must have at most ${MAX_COLLABORATORS} usernames`));
  const unknown = value.filter((name) => !isInstagramUsername(name));
  return unknown.length > 0 ? fail(inaccessibleUsers(unknown)) : { ok: true, value };
}

function userTags(value: unknown, kind: ContainerKind, where: string): Outcome<SandboxUserTag[]> {
  if (kind === 'VIDEO' || kind === 'CAROUSEL') return fail(paramError(`param user_tags is not allowed for ${where}`));
  if (!Array.isArray(value)) return fail(paramError('param user_tags must be an array of {username, x, y}'));
  if (value.length > MAX_USER_TAGS) return fail(paramError(`param user_tags must have at most ${MAX_USER_TAGS} users`));
  const tags: SandboxUserTag[] = [];
  for (const entry of value as unknown[]) {
    const tag = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof tag.username !== 'string') return fail(paramError('param user_tags: each tag needs a username'));
    const spot = tag.x !== undefined || tag.y !== undefined;
    if ((kind === 'IMAGE' || spot) && kind !== 'REELS' && !(inUnit(tag.x) && inUnit(tag.y))) {
      return fail(paramError('param user_tags: x and y must be numbers from 0 to 1'));
    }
    // A Reel's tags are names only.
    tags.push(spot && kind !== 'REELS' ? { username: tag.username, x: tag.x as number, y: tag.y as number } : { username: tag.username });
  }
  const unknown = tags.map((tag) => tag.username).filter((name) => !isInstagramUsername(name));
  return unknown.length > 0 ? fail(inaccessibleUsers(unknown)) : { ok: true, value: tags };
}

function trialStrategy(value: unknown, kind: ContainerKind): Outcome<'MANUAL' | 'SS_PERFORMANCE'> {
  if (kind !== 'REELS') return fail(paramError('param trial_params is only supported for REELS'));
  const strategy = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).graduation_strategy : undefined;
  return strategy === 'MANUAL' || strategy === 'SS_PERFORMANCE' ? { ok: true, value: strategy } : fail(paramError('param trial_params.graduation_strategy must be MANUAL or SS_PERFORMANCE'));
}

export function parseExtras(params: URLSearchParams, kind: ContainerKind, isCarouselItem: boolean): Outcome<PublishExtras> {
  const where = isCarouselItem ? 'carousel items' : kind === 'STORIES' ? 'stories' : `media_type ${kind}`;
  const extras: PublishExtras = {};
  const collaboratorsParam = jsonParam(params, 'collaborators');
  if (collaboratorsParam) {
    if (!collaboratorsParam.ok) return collaboratorsParam;
    const allowed = !isCarouselItem && (kind === 'IMAGE' || kind === 'REELS' || kind === 'CAROUSEL');
    const parsed = collaborators(collaboratorsParam.value, where, allowed);
    if (!parsed.ok) return parsed;
    extras.collaborators = parsed.value;
  }
  const tagsParam = jsonParam(params, 'user_tags');
  if (tagsParam) {
    if (!tagsParam.ok) return tagsParam;
    const parsed = userTags(tagsParam.value, kind, where);
    if (!parsed.ok) return parsed;
    extras.userTags = parsed.value;
  }
  const trialParam = jsonParam(params, 'trial_params');
  if (trialParam) {
    if (!trialParam.ok) return trialParam;
    const parsed = trialStrategy(trialParam.value, kind);
    if (!parsed.ok) return parsed;
    extras.trialStrategy = parsed.value;
  }
  const audioName = params.get('audio_name');
  if (audioName && kind === 'REELS') extras.audioName = audioName;
  return { ok: true, value: extras };
}
