import { describe, expect, it } from 'vitest';
import { appError, fieldError } from '../../../src-shared/errors';
import { emptyForm, type ComposerForm } from '../../../src-renderer/features/posts/composerForm';
import { formFieldOf, refusalOf, standingProblems } from '../../../src-renderer/features/posts/refusal';

const form = (patch: Partial<ComposerForm> = {}): ComposerForm => ({ ...emptyForm({ id: 'acc-1', defaultMode: 'automatic' }, '2026-12-04T09:00'), kind: 'carousel', media: [{ url: 'https://a.example/1.jpg' }, { url: 'https://a.example/2.jpg' }], ...patch });

describe('a refusal in the composer', () => {
  it('names the composer’s field for each path of the request', () => {
    expect(['caption', 'firstComment', 'scheduledAt', 'reelCover', 'accountId', 'media', 'media.1', 'media.0.altText', 'altText', 'collaborators', 'userTags', 'mode', 'toString'].map(formFieldOf)).toEqual([
      'caption',
      'firstComment',
      'when',
      'cover',
      'accountId',
      'media',
      'media:1',
      'media:0',
      'media:0',
      'collaborators',
      'userTags',
      'mode',
      null,
    ]);
  });

  it('puts each reason under its field, leaves the banner only what belongs to no field, and keeps an error without fields whole', () => {
    const sent = form();
    const placed = refusalOf(fieldError('post_invalid', [{ field: 'caption', message: 'Too long.' }, { field: 'media.1', message: 'Use https.' }]), sent);
    expect(placed).toMatchObject({ fields: { caption: 'Too long.', 'media:1': 'Use https.' }, banner: null });
    const mixed = refusalOf(fieldError('post_invalid', [{ field: 'caption', message: 'Too long.' }, { field: null, message: 'Reel options only.' }]), sent);
    expect(mixed.banner).toMatchObject({ code: 'post_invalid', detail: 'Reel options only.' });
    const whole = appError('network_error');
    expect(refusalOf(whole, sent)).toEqual({ sent, fields: {}, banner: whole });
  });

  it('shows a field’s reason until that field changes, and no longer', () => {
    const sent = form({ caption: 'x'.repeat(2201) });
    const refusal = refusalOf(fieldError('post_invalid', [{ field: 'caption', message: 'Too long.' }, { field: 'media.1', message: 'Use https.' }]), sent);
    expect(standingProblems(refusal, sent)).toEqual({ caption: 'Too long.', 'media:1': 'Use https.' });
    expect(standingProblems(refusal, { ...sent, caption: 'short' })).toEqual({ 'media:1': 'Use https.' });
    expect(standingProblems(refusal, { ...sent, media: [sent.media[0]!, { url: 'https://b.example/2.jpg' }] })).toEqual({ caption: 'Too long.' });
    expect(standingProblems(null, sent)).toEqual({});
  });
});
