import { describe, expect, it } from 'vitest';
import { instagramPostLink } from '../../../src-shared/externalLinks';

describe('instagramPostLink', () => {
  it('takes a link as Instagram’s Copy link gives it, in the one form Postdeck keeps', () => {
    expect(instagramPostLink(' https://www.instagram.com/p/C0ffee12345/?igsh=MWx2 ')).toBe('https://www.instagram.com/p/C0ffee12345/');
    expect(instagramPostLink('https://instagram.com/reel/C0ffee_1-45')).toBe('https://www.instagram.com/reel/C0ffee_1-45/');
    expect(instagramPostLink('https://www.instagram.com/stories/maya.makes/3141592653589793?utm_source=ig_story_item_share')).toBe(
      'https://www.instagram.com/stories/maya.makes/3141592653589793/',
    );
  });

  it('refuses what is not a post on Instagram', () => {
    for (const text of [
      '',
      'instagram.com/p/C0ffee12345/',
      'http://www.instagram.com/p/C0ffee12345/',
      'https://www.instagram.com/maya.makes/',
      'https://www.instagram.com/stories/maya.makes/',
      'https://www.instagram.com.evil.example/p/C0ffee12345/',
      'https://evil.example/p/C0ffee12345/',
      'https://user@www.instagram.com/p/C0ffee12345/',
      'https://www.instagram.com:444/p/C0ffee12345/',
      'https://www.instagram.com/p/C0ffee%2F12345/',
      'javascript:alert(1)',
    ]) {
      expect(instagramPostLink(text)).toBeNull();
    }
  });
});
