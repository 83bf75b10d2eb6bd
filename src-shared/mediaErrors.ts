/**
 * Why a photo or video could not be added or prepared: a sentence and the action that fixes it, in
 * the shape of `errorCatalog` (errors.ts) so the two can be merged into one table.
 */
export const mediaErrorCatalog = {
  link_preview_failed: {
    message: 'Postdeck couldn’t load a preview of that address.',
    action: 'Check that the address opens the picture in a browser, or add the photo from this computer.',
  },
  media_file_missing: {
    message: 'Postdeck could not find that file.',
    action: 'Check that it still exists and was not moved or renamed, then add it again.',
  },
  media_not_a_file: {
    message: 'That is a folder, a device or a pipe, not a photo or video file.',
    action: 'Choose a single photo or video file.',
  },
  media_permission_denied: {
    message: 'Postdeck is not allowed to read that file.',
    action: 'Copy it somewhere you own (for example your Pictures folder) and add it from there.',
  },
  media_unsupported_type: {
    message: 'Postdeck can add JPEG, PNG, WebP and HEIC photos and MP4, MOV, WebM, MKV or AVI videos; this file is none of these.',
    action: 'Export it as JPEG (photos) or MP4 (videos), then add it again.',
  },
  media_damaged: {
    message: 'This file is damaged or incomplete, so Postdeck cannot read it.',
    action: 'Copy or export the file again from where it came from, then add it again.',
  },
  media_heic_unsupported: {
    message: 'Postdeck cannot read HEIC photos on this computer.',
    action: 'Export the photo as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible), then add it again.',
  },
  media_refused: {
    message: 'Instagram would refuse this video.',
    action: 'Fix what is listed, export the video again and add it.',
  },
  media_storage_failed: {
    message: 'Postdeck could not copy the file into its media folder.',
    action: 'Check that the disk has free space, then try again.',
  },
  media_not_found: {
    message: 'That photo or video is no longer in Postdeck’s media library.',
    action: 'Add it again.',
  },
  media_wrong_kind: {
    message: 'That media item cannot be used here: a photo was needed and it is a video, or the other way round.',
    action: 'Choose a different item.',
  },
  media_cover_invalid: {
    message: 'That cover frame is not inside the video.',
    action: 'Pick a moment between the start and the end of the video, or choose a cover image.',
  },
  media_file_too_large: {
    message: 'This file is too large to add: Postdeck takes videos up to 2 GB (it converts those over Instagram’s 300 MB) and photos up to 50 MB.',
    action: 'Export the video shorter or at a lower bitrate, or the photo smaller, then add it again.',
  },
  media_ffmpeg_failed: {
    message: 'Postdeck’s video tool (FFmpeg) could not read a picture from this video.',
    action: 'Export the video again as MP4 (H.264), then add it again.',
  },
  media_conversion_failed: {
    message: 'Postdeck could not convert this video into one Instagram takes.',
    action: 'Export it again as MP4 (H.264 video, AAC sound, at most 60 frames per second), then add that file.',
  },
  media_too_large: {
    message: 'This photo is still larger than Instagram’s 8 MB limit after compression.',
    action: 'Export it smaller or with less fine detail, then add it again.',
  },
} as const satisfies Record<string, { message: string; action: string }>;

export type MediaErrorCode = keyof typeof mediaErrorCatalog;
