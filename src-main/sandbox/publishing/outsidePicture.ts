/**
 * The picture of a media published outside Postdeck: Instagram always has one (a photo's media_url, a
 * Reel's cover as thumbnail_url), so lists, the grid and the inbox show it. The sandbox draws a small SVG
 * landscape (sky, sun, hills) per media and serves it from its own address, as Instagram's CDN would.
 */
import { send, type Ctx } from '../http';
import type { MediaRecord } from '../types';

const PALETTES = [
  ['#fbd3a5', '#f08a5d', '#b83b5e', '#6a2c70'],
  ['#a8e6cf', '#56c596', '#2f8f83', '#1d4e5f'],
  ['#cde8ff', '#8ab6f9', '#5b7bd5', '#2e3a87'],
  ['#ffe8b0', '#ffc26f', '#e0794c', '#8c4a3a'],
  ['#f6d6e6', '#e59ac0', '#9d5c9f', '#4b3869'],
] as const;

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

/** 4:5, the shape of most feed photos. */
export function outsidePictureSvg(seed: string): string {
  const h = hash(seed);
  const [sky, sun, near, far] = PALETTES[h % PALETTES.length]!;
  const sunX = 200 + (h % 680);
  const ridge = 820 + (h % 160);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350" viewBox="0 0 1080 1350">` +
    `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${sun}"/></linearGradient></defs>` +
    `<rect width="1080" height="1350" fill="url(#s)"/>` +
    `<circle cx="${sunX}" cy="520" r="150" fill="#fff" fill-opacity=".55"/>` +
    `<path d="M0 ${ridge} Q270 ${ridge - 220} 540 ${ridge - 40} T1080 ${ridge - 120} V1350 H0Z" fill="${far}" fill-opacity=".75"/>` +
    `<path d="M0 ${ridge + 180} Q360 ${ridge + 20} 700 ${ridge + 160} T1080 ${ridge + 100} V1350 H0Z" fill="${near}"/>` +
    `</svg>`
  );
}

const PICTURE_PATH = /^\/cdn\/([0-9]{1,25})\.svg$/;

/** Where the sandbox serves a media's picture: none for media Postdeck published (they carry their own). */
export function outsidePictureUrl(origin: string, media: MediaRecord): string | undefined {
  return media.containerId === '' ? `${origin}/cdn/${media.id}.svg` : undefined;
}

/** `GET|HEAD /cdn/<media-id>.svg`: the picture of a media published outside Postdeck, else a bare 404. */
export function serveOutsidePicture(ctx: Ctx): void {
  const id = PICTURE_PATH.exec(ctx.rawPath)?.[1];
  const media = id ? ctx.world.publishing.mediaById(id) : undefined;
  if (!media || media.containerId !== '') return send(ctx, 404, 'text/plain; charset=utf-8', 'Not found');
  send(ctx, 200, 'image/svg+xml', Buffer.from(outsidePictureSvg(media.id)), { 'x-content-type-options': 'nosniff', 'cache-control': 'max-age=86400' });
}
