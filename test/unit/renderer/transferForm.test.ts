import { describe, expect, it } from 'vitest';
import { describeExport, describeImport, suggestedExportName, validateTransfer } from '../../../src-renderer/features/transfer/transferForm';

describe('the export / import form', () => {
  it('asks for a full path, an 8-character passphrase, and the same passphrase twice for export', () => {
    expect(validateTransfer({ path: '', passphrase: 'long enough', repeat: 'long enough' })).toEqual({ path: 'Enter the full path of the file.' });
    expect(validateTransfer({ path: 'backup.pdx', passphrase: 'long enough' }).path).toContain('full path');
    expect(validateTransfer({ path: '/home/me/backup.pdx', passphrase: 'short' })).toEqual({ passphrase: 'The passphrase must be at least 8 characters.' });
    expect(validateTransfer({ path: '/home/me/backup.pdx', passphrase: 'long enough', repeat: 'long enougg' })).toEqual({ repeat: 'The two passphrases are not the same.' });
    expect(validateTransfer({ path: 'C:\\Users\\me\\backup.pdx', passphrase: 'long enough', repeat: 'long enough' })).toEqual({});
  });

  it('in a browser asks for no path: the export downloads, and an import needs its file chosen', () => {
    expect(validateTransfer({ passphrase: 'long enough', repeat: 'long enough' })).toEqual({});
    expect(validateTransfer({ file: null, passphrase: 'long enough' })).toEqual({ file: 'Choose the export file.' });
    expect(validateTransfer({ file: new File(['x'], 'postdeck.pdx'), passphrase: 'short' })).toEqual({ passphrase: 'The passphrase must be at least 8 characters.' });
  });

  it('says plainly what moved', () => {
    expect(describeExport({ accounts: 1, posts: 3, media: 0, messages: 0 }, '/tmp/a.pdx')).toMatch(/^Exported 1 account, 3 posts and 0 media files to \/tmp\/a\.pdx\./);
    expect(describeImport({ accounts: { added: 0, updated: 1 }, posts: 2, media: 1, messages: 0 })).toBe(
      'Imported 0 new accounts and updated 1 account already here; added 2 posts and 1 media file.',
    );
  });

  it('names direct messages only when some went in', () => {
    expect(describeExport({ accounts: 1, posts: 3, media: 2, messages: 14 }, '/tmp/a.pdx')).toMatch(/^Exported 1 account, 3 posts, 2 media files and 14 direct messages to /);
    expect(describeImport({ accounts: { added: 1, updated: 0 }, posts: 2, media: 1, messages: 1 })).toBe(
      'Imported 1 new account and updated 0 accounts already here; added 2 posts, 1 media file and 1 direct message.',
    );
  });
});

describe('the Save dialog suggestion', () => {
  it("names the export by the user's own date", () => {
    expect(suggestedExportName(new Date(2026, 0, 5, 23, 59))).toBe('postdeck-2026-01-05.pdx');
    expect(suggestedExportName(new Date(2026, 10, 25, 0, 1))).toBe('postdeck-2026-11-25.pdx');
  });
});
