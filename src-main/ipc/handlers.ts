import type { AppInfo, Preferences } from '../../src-shared/models';
import type { AccountsService } from '../accounts/service';
import type { ConnectFlow } from '../accounts/connect';
import type { HealthKeeper } from '../accounts/health';
import type { PostsService } from '../publishing/posts';
import type { MediaHostingService } from '../media/hosting/service';
import type { LinkPreviews } from '../media/linkPreviews';
import type { MediaLibrary } from '../media/library';
import { Failure } from '../config/failure';
import type { HandlerTable } from './dispatcher';
import type { InsightsService } from '../insights/service';
import type { Transfer } from '../transfer/service';
import type { CommentsService } from '../comments/service';
import type { MessagesService } from '../messages/service';
import type { Usage } from '../../src-shared/usage';

/** What the handler table needs; the composition root supplies it. */
export interface Services {
  info(): AppInfo;
  accounts: AccountsService;
  connect: ConnectFlow;
  health: HealthKeeper;
  posts: PostsService;
  mediaHosting: Pick<MediaHostingService, 'view' | 'set' | 'check'>;
  media: Pick<MediaLibrary, 'import' | 'describe'>;
  mediaLinks: Pick<LinkPreviews, 'make'>;
  insights: Pick<InsightsService, 'listMedia' | 'media' | 'post' | 'account' | 'topPosts' | 'refresh' | 'bestTimes' | 'audience'>;
  comments: Pick<CommentsService, 'list' | 'refresh' | 'reply' | 'hide' | 'delete' | 'setEnabled' | 'setRead' | 'unreadCount'>;
  messages: Pick<MessagesService, 'list' | 'refresh' | 'send' | 'markRead' | 'unreadCount' | 'replyPrivately' | 'privateReplyStatus' | 'disable'>;
  /** The rate-limit governor's latest readings (Settings). */
  usage(): Usage;
  settings: {
    getPreferences(): Preferences;
    setPreferences(change: Partial<Preferences>): Preferences;
    setLiveConfig(input: { appId: string; appSecret?: string | undefined; redirectUri: string }): Promise<AppInfo>;
    clearLiveConfig(): Promise<AppInfo>;
    resetSecureStorage(): Promise<AppInfo>;
    setWeakKeyringConsent(input: { allow: boolean }): AppInfo;
  };
  transfer: Pick<Transfer, 'export' | 'import'>;
}

export function createHandlers(services: Services): HandlerTable {
  return {
    'app.info': () => services.info(),
    'accounts.list': () => services.accounts.list(),
    'accounts.connect': () => services.connect.start({ kind: 'connect' }),
    'accounts.reconnect': ({ accountId }) => services.connect.start({ kind: 'reconnect', accountId }),
    'accounts.cancelConnect': ({ attemptId }) => {
      services.connect.cancel(attemptId);
      return {};
    },
    'accounts.check': ({ accountId }) => services.health.check(accountId),
    'accounts.disconnect': ({ accountId }) => services.accounts.disconnect(accountId),
    'accounts.setDefaultMode': ({ accountId, mode }) => services.accounts.setDefaultMode(accountId, mode),
    'settings.getPreferences': () => services.settings.getPreferences(),
    'settings.setPreferences': (change) => services.settings.setPreferences(change),
    'settings.setLiveConfig': (input) => services.settings.setLiveConfig(input),
    'settings.clearLiveConfig': () => services.settings.clearLiveConfig(),
    'settings.resetSecureStorage': () => services.settings.resetSecureStorage(),
    'settings.setWeakKeyringConsent': (input) => services.settings.setWeakKeyringConsent(input),
    'settings.getMediaHosting': () => services.mediaHosting.view(),
    'settings.setMediaHosting': (input) => services.mediaHosting.set(input),
    'settings.checkMediaHosting': async () => {
      await services.mediaHosting.check();
      return { ok: true as const };
    },
    'media.import': ({ path }) => services.media.import(path),
    'media.describe': ({ ids }) => services.media.describe(ids),
    'media.linkPreview': ({ url }) => services.mediaLinks.make(url),
    'posts.create': (input) => services.posts.create(input),
    'posts.update': (input) => services.posts.update(input),
    'posts.get': ({ postId }) => services.posts.get(postId),
    'posts.list': (filter) => services.posts.list(filter),
    'posts.approve': ({ postId }) => services.posts.approve(postId),
    'posts.markPosted': ({ postId, permalink }) => services.posts.markPosted(postId, permalink),
    'posts.publishNow': ({ postId }) => services.posts.publishNow(postId),
    'posts.cancel': ({ postId }) => services.posts.cancel(postId),
    'posts.delete': ({ postId }) => services.posts.delete(postId),
    'posts.mediaChoices': ({ postId }) => services.posts.mediaChoices(postId),
    'posts.postFirstComment': ({ postId, igMediaId }) => services.posts.postFirstComment(postId, igMediaId),
    'accounts.finishConnect': async ({ url }) => {
      const result = await services.connect.finish(url);
      if (!result.ok) throw new Failure(result.error.code, result.error.detail);
      return result.value;
    },
    'media.list': ({ accountId, cursor }) => services.insights.listMedia(accountId, cursor),
    'insights.media': ({ accountId, igMediaId }) => services.insights.media(accountId, igMediaId),
    'insights.post': ({ postId }) => services.insights.post(postId),
    'insights.account': ({ accountId, days }) => services.insights.account(accountId, days),
    'insights.topPosts': ({ accountId, days }) => services.insights.topPosts(accountId, days),
    'insights.refresh': ({ accountId }) => services.insights.refresh(accountId),
    'insights.bestTimes': ({ accountId }) => services.insights.bestTimes(accountId),
    'insights.audience': ({ accountId }) => services.insights.audience(accountId),
    'data.export': (input) => services.transfer.export(input),
    'data.import': (input) => services.transfer.import(input),
    'comments.list': (filter) => services.comments.list(filter),
    'comments.refresh': ({ accountId }) => services.comments.refresh(accountId),
    'comments.reply': ({ commentId, message }) => services.comments.reply(commentId, message),
    'comments.hide': ({ commentId, hidden }) => services.comments.hide(commentId, hidden),
    'comments.delete': ({ commentId }) => services.comments.delete(commentId),
    'comments.setEnabled': ({ postId, enabled }) => services.comments.setEnabled(postId, enabled),
    'comments.setRead': ({ commentIds, read }) => services.comments.setRead(commentIds, read),
    'comments.unreadCount': ({ accountId }) => services.comments.unreadCount(accountId),
    'settings.getUsage': () => services.usage(),
    'accounts.enableMessages': ({ accountId }) => services.connect.start({ kind: 'enableMessages', accountId }),
    'accounts.disableMessages': ({ accountId }) => services.messages.disable(accountId),
    'messages.list': (filter) => services.messages.list(filter),
    'messages.refresh': ({ accountId }) => services.messages.refresh(accountId),
    'messages.send': ({ accountId, conversationId, ...content }) => services.messages.send(accountId, conversationId, content),
    'messages.markRead': ({ conversationId }) => services.messages.markRead(conversationId),
    'messages.unreadCount': ({ accountId }) => services.messages.unreadCount(accountId),
    'comments.replyPrivately': ({ commentId, text }) => services.messages.replyPrivately(commentId, text),
    'comments.privateReplyStatus': ({ commentIds }) => services.messages.privateReplyStatus(commentIds),
  };
}
