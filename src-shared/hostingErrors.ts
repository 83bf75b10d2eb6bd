/** Media hosting failures, merged into the one catalog in errors.ts. */
export const hostingErrors = {
  hosting_not_configured: {
    message: 'Media hosting is not set up, so Instagram has nowhere to fetch this media from.',
    action: 'Open Settings → Media hosting and choose your S3-compatible bucket or your tunnel, or paste a public URL for each media item.',
  },
  hosting_url_not_https: {
    message: 'Instagram only fetches media from https:// addresses.',
    action: 'Use an address that starts with https:// (plain http:// works only for 127.0.0.1 or localhost).',
  },
  hosting_url_invalid: {
    message: 'That media address is not a complete web address Instagram can fetch.',
    action: 'Paste the full address of the file, starting with https://, with no # part.',
  },
  hosting_unreachable: {
    message: 'Postdeck could not reach your storage endpoint.',
    action: 'Check the endpoint address in Settings → Media hosting and your internet connection, then check again.',
  },
  hosting_credentials_rejected: {
    message: 'Your storage rejected the access key: the key ID or the secret key is wrong.',
    action: 'Copy the access key ID and secret access key again from your storage provider into Settings → Media hosting.',
  },
  hosting_denied: {
    message: 'Your storage accepted the access key but does not let it write, read and delete files in this bucket.',
    action: 'Give the key read, write and delete permission on the bucket at your storage provider, then check again.',
  },
  hosting_bucket_missing: {
    message: 'That bucket does not exist at this endpoint.',
    action: 'Check the bucket name and endpoint in Settings → Media hosting, or create the bucket at your storage provider.',
  },
  hosting_wrong_region: {
    message: 'That bucket lives in a different region than the one in Settings.',
    action: 'Enter the bucket’s region (and its regional endpoint) in Settings → Media hosting.',
  },
  hosting_fetch_failed: {
    message: 'A test file was uploaded, but fetching it back through its public link failed, so Instagram could not fetch it either.',
    action: 'Check that the endpoint is the public one for your bucket and that your computer’s clock is correct, then check again.',
  },
  hosting_storage_error: {
    message: 'Your storage answered with an error Postdeck did not expect.',
    action: 'Check again in a few minutes; if it persists, check the bucket at your storage provider.',
  },
  hosting_port_in_use: {
    message: 'Another program is already using the local port chosen for the tunnel.',
    action: 'Pick another port in Settings → Media hosting and point your tunnel at it.',
  },
  hosting_tunnel_unreachable: {
    message: 'Postdeck could not reach your tunnel’s public address.',
    action: 'Start your tunnel (cloudflared, ngrok or Tailscale Funnel) and check that the public address in Settings → Media hosting is its current one.',
  },
  hosting_tunnel_not_forwarding: {
    message: 'Your tunnel’s public address answers, but it does not pass requests on to Postdeck.',
    action: 'Point your tunnel at http://127.0.0.1 and the local port shown in Settings → Media hosting, then check again.',
  },
  hosting_media_unavailable: {
    message: 'The media link does not answer with an image or video file, so Instagram could not fetch it.',
    action: 'Open the link in a private browser window; paste a direct, public link to the file itself.',
  },
} as const;
