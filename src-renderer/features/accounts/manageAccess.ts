/** How the renderer refers to Instagram's page for removing an app's access (its URL is in src-shared/externalLinks). */
export const MANAGE_ACCESS_LABEL = 'instagram.com/accounts/manage_access';
export const MANAGE_ACCESS_PATH = 'Settings → Apps and websites';
