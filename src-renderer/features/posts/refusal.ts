import type { AppError } from '../../../src-shared/errors';
import { mediaForKind, type ComposerForm, type FormField, type FormProblems } from './composerForm';

/**
 * The service's refusal of the form as it was sent: each reason that belongs to a field of the composer is
 * shown under it, while that field still holds what was sent; the others stay in the banner.
 */
export interface Refusal {
  sent: ComposerForm;
  fields: FormProblems;
  /** What belongs to no field shown here (or the whole error, when it names no fields); null when every reason has its field. */
  banner: AppError | null;
}

/** The request's fields (posts.create / posts.update) as the composer names them. */
const FORM_FIELD: Record<string, FormField> = {
  accountId: 'accountId',
  kind: 'media',
  media: 'media',
  caption: 'caption',
  firstComment: 'firstComment',
  scheduledAt: 'when',
  reelCover: 'cover',
  collaborators: 'collaborators',
  userTags: 'userTags',
  mode: 'mode',
  // The post-wide alt text is the first slide's.
  altText: 'media:0',
};

/** The composer's field for a path into the request (`media.1.altText` is slide 2's), or null when it has none. */
export function formFieldOf(path: string): FormField | null {
  const item = /^media\.(\d+)(?:\.|$)/.exec(path);
  if (item) return `media:${Number(item[1])}`;
  return Object.hasOwn(FORM_FIELD, path) ? FORM_FIELD[path]! : null;
}

export function refusalOf(error: AppError, sent: ComposerForm): Refusal {
  const fields: FormProblems = {};
  const unplaced: string[] = [];
  for (const problem of error.problems ?? []) {
    const field = problem.field === null ? null : formFieldOf(problem.field);
    if (field) fields[field] = fields[field] ? `${fields[field]} ${problem.message}` : problem.message;
    else unplaced.push(problem.message);
  }
  if (Object.keys(fields).length === 0) return { sent, fields, banner: error };
  return { sent, fields, banner: unplaced.length > 0 ? { ...error, detail: unplaced.join(' ') } : null };
}

/** What the refusal still says of the form as it is now: a field's reason until that field is changed. */
export function standingProblems(refusal: Refusal | null, form: ComposerForm): FormProblems {
  if (!refusal) return {};
  const standing: FormProblems = {};
  for (const [field, message] of Object.entries(refusal.fields) as Array<[FormField, string]>) {
    if (JSON.stringify(valueOf(refusal.sent, field)) === JSON.stringify(valueOf(form, field))) standing[field] = message;
  }
  return standing;
}

function valueOf(form: ComposerForm, field: FormField): unknown {
  const media = mediaForKind(form.kind, form.media);
  if (field.startsWith('media:')) return [form.kind, media[Number(field.slice('media:'.length))]];
  switch (field) {
    case 'media':
      return [form.kind, media];
    case 'cover':
      return form.reelCover;
    default:
      return form[field as 'accountId' | 'caption' | 'firstComment' | 'when' | 'mode' | 'collaborators' | 'userTags'];
  }
}
