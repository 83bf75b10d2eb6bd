/**
 * The channel and event names of the contract, as plain lists without zod: the preload lets only these
 * through, and stays small. The schema tables (ipc.ts `channels`, events.ts `events`) are typed against
 * these lists, so a channel or event added to one and not the other does not compile.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'accounts.list',
  'accounts.connect',
  'accounts.reconnect',
  'accounts.cancelConnect',
  'accounts.check',
  'accounts.disconnect',
  'accounts.setDefaultMode',
  'settings.getPreferences',
  'settings.setPreferences',
  'settings.setLiveConfig',
  'settings.clearLiveConfig',
  'settings.resetSecureStorage',
  'settings.setWeakKeyringConsent',
  'settings.getMediaHosting',
  'settings.setMediaHosting',
  'settings.checkMediaHosting',
  'posts.create',
  'posts.update',
  'posts.get',
  'posts.list',
  'posts.approve',
  'posts.publishNow',
  'posts.cancel',
  'posts.delete',
  'media.import',
  'accounts.finishConnect',
  'media.list',
  'insights.media',
  'insights.post',
  'insights.account',
  'insights.refresh',
  'comments.list',
  'comments.refresh',
  'comments.reply',
  'comments.hide',
  'comments.delete',
  'comments.setEnabled',
  'comments.markRead',
  'settings.getUsage',
] as const;

export const EVENT_NAMES = ['accounts.changed', 'connect.progress', 'connect.finished', 'health.alert', 'app.changed', 'posts.changed', 'insights.changed', 'comments.changed'] as const;
