/** The content-publishing errors of fact sheet §8, with Instagram's code/subcode pairs and wording. */
import type { GraphErrorSpec } from '../types';

function publishingError(code: number, subcode: number, message: string, userTitle: string, userMsg: string, isTransient = false): GraphErrorSpec {
  return { code, subcode, message, userTitle, userMsg, isTransient };
}

export const PUBLISHING_ERRORS = {
  fetchFailed: publishingError(9004, 2207052, 'Only photo or video can be accepted as media type.', 'Media download has failed.', 'The media could not be fetched from this URI. Check that the URI is public and answers with the file.'),
  imageFormat: publishingError(36001, 2207005, 'The image format is not supported.', 'Unsupported image format', 'The image format is not supported. Use a JPEG image.'),
  imageTooLarge: publishingError(36000, 2207004, 'The image size is too large.', 'Image too large', 'The image is larger than 8 MiB.'),
  aspectRatio: publishingError(36003, 2207009, 'The aspect ratio is not supported.', 'Unsupported aspect ratio', 'The image aspect ratio must be between 4:5 and 1.91:1.'),
  videoFormat: publishingError(352, 2207026, 'The video file you selected is in a format that we don’t support.', 'Unsupported video format', 'The video format is not supported. Use MP4 or MOV.'),
  captionTooLong: publishingError(36004, 2207010, 'The caption is too long.', 'Caption too long', 'The caption can have at most 2,200 characters.'),
  tooManyHashtags: publishingError(36004, 2207040, 'Cannot use more than 30 hashtags.', 'Too many hashtags', 'The caption can have at most 30 hashtags.'),
  tooManyMentions: publishingError(36004, 2207040, 'Cannot use more than 20 tags.', 'Too many tags', 'The caption can mention at most 20 accounts.'),
  carouselCount: publishingError(100, 2207028, 'Invalid parameter', 'Carousel validation failed', 'A carousel needs between 2 and 10 items.'),
  notReady: publishingError(9007, 2207027, 'Media ID is not available', 'Media Not Ready For Publishing', 'The media is not ready for publishing, please wait for a moment'),
  expired: publishingError(-2, 2207020, 'The media you are trying to publish has expired. Please try again with new media.', 'Media expired', 'The media container was not published within 24 hours.'),
  mediaNotFound: publishingError(24, 2207006, 'The media with the given id was not found.', 'Media not found', 'The media container was not found. Create it again.'),
  quotaReached: publishingError(9, 2207042, 'Application request limit reached', 'Publishing limit reached', 'You reached maximum number of posts that is allowed to be published by Content Publishing API.'),
} satisfies Record<string, GraphErrorSpec>;

/** The 400-containers-per-24-hours limit (fact sheet §6): a throttling answer. */
export const CONTAINER_LIMIT: GraphErrorSpec = {
  code: 4,
  message: '(#4) Application request limit reached: at most 400 media containers per account in 24 hours.',
  isTransient: false,
};

export const ALREADY_PUBLISHED: GraphErrorSpec = { code: 100, message: '(#100) This media container has already been published.' };

/**
 * Stories through the API are for Business accounts only (fact sheet §6, §13). Meta documents neither code nor
 * wording, so these are the sandbox's: an invalid parameter, not a permission error (the account stays healthy).
 */
export const STORY_NEEDS_BUSINESS: GraphErrorSpec = {
  code: 100,
  message: '(#100) media_type STORIES is only available to Instagram Business accounts',
  userTitle: 'Stories not available',
  userMsg: 'Only Instagram Business accounts can publish Stories through the API.',
  isTransient: false,
};

/** A collaborator or tagged person Instagram cannot load: a private profile or no such username (postiz PR #1876). */
export function inaccessibleUsers(usernames: readonly string[]): GraphErrorSpec {
  return publishingError(110, 2207018, 'Invalid user id', 'Cannot load user with a private profile or invalid username', `The following user(s) cannot be accessed: ${usernames.join(', ')}`);
}
