import accounts from './0001-accounts.sql';
import secretOwners from './0002-secret-owners.sql';
import jobs from './0003-jobs.sql';
import posts from './0004-posts.sql';
import media from './0005-media.sql';
import defaultMode from './0006-default-mode.sql';
import insights from './0007-insights.sql';
import reelCover from './0008-reel-cover.sql';
import comments from './0009-comments.sql';
import commentReadState from './0010-comment-read-state.sql';
import profileCounts from './0011-profile-counts.sql';
import postOptions from './0012-post-options.sql';
import draftIdeas from './0013-draft-ideas.sql';
import directMessages from './0014-direct-messages.sql';
import mediaConversion from './0015-media-conversion.sql';
import forgetMessagesWhenOff from './0016-forget-messages-when-off.sql';
import replyWindowRefused from './0017-reply-window-refused.sql';
import messageImages from './0018-message-images.sql';

/** Forward-only, numbered migrations; index + 1 is the schema version each one produces. */
export const migrations: readonly string[] = [accounts, secretOwners, jobs, posts, media, defaultMode, insights, reelCover, comments, commentReadState, profileCounts, postOptions, draftIdeas, directMessages, mediaConversion, forgetMessagesWhenOff, replyWindowRefused, messageImages];
