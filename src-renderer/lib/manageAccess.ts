/** Where a person removes an app's access at Instagram (Settings → Apps and websites). */
export const MANAGE_ACCESS_URL = 'https://www.instagram.com/accounts/manage_access/';
export const MANAGE_ACCESS_LABEL = 'instagram.com/accounts/manage_access';
export const MANAGE_ACCESS_PATH = 'Settings → Apps and websites';
