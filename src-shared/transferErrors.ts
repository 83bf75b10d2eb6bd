/** Export / import failures (moving accounts between machines), merged into the one catalog in errors.ts. */
export const transferErrors = {
  export_wrong_passphrase: {
    message: 'That passphrase does not open this export file. Nothing was imported.',
    action: 'Type the passphrase you chose when you exported (capitals and spaces count), then import again.',
  },
  export_damaged: {
    message: 'This export file is damaged or was changed after it was written, so Postdeck imported none of it.',
    action: 'Export again on the other machine and copy the new file over, then import that.',
  },
  export_unreadable: {
    message: 'Postdeck could not read that file as a Postdeck export.',
    action: 'Check the path points to a file written by Export (Settings → Export / import, or postdeck export).',
  },
  export_rows_invalid: {
    message: 'This export file holds data Postdeck cannot accept (a value no Postdeck writes), so none of it was imported.',
    action: 'Export again with Postdeck on the other machine and import that file. If it keeps happening, report the detail below.',
  },
  export_too_new: {
    message: 'This export was written by a newer version of Postdeck.',
    action: 'Update Postdeck on this machine, then import again.',
  },
  export_write_failed: {
    message: 'Postdeck could not write the export file.',
    action: 'Check that the folder exists and that you may write there, then export again.',
  },
  export_media_missing: {
    message: 'A photo or video in Postdeck\'s media library is missing from its folder, so no export was written.',
    action: 'Put the file back in the media folder, or delete the posts that use it, then export again.',
  },
  post_held_after_import: {
    message: 'This post was being published on the other machine when it was exported, so this machine did not publish it.',
    action: 'Look for it on Instagram: if it is not there, publish it now; if it is, delete it here.',
  },
} as const;
