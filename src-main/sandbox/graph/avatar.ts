/** Offline avatars: a tiny SVG with initials, as a data: URL. */

const COLOURS = ['#c13584', '#e1306c', '#f56040', '#f77737', '#fcaf45', '#405de6', '#5851db', '#833ab4', '#2a9d8f', '#264653'];

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

function initials(username: string): string {
  const letters = username.split(/[._]+/).filter(Boolean).map((part) => part[0] ?? '');
  const text = (letters.length > 1 ? letters.slice(0, 2).join('') : username.slice(0, 2)).toUpperCase();
  return text.replace(/[^A-Z0-9]/g, '') || 'IG';
}

export function avatarSvg(username: string): string {
  const colour = COLOURS[hash(username) % COLOURS.length] ?? '#833ab4';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="150" viewBox="0 0 150 150">` +
    `<rect width="150" height="150" rx="75" fill="${colour}"/>` +
    `<text x="75" y="75" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="56" fill="#fff">${initials(username)}</text>` +
    `</svg>`
  );
}

export function avatarDataUrl(username: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(avatarSvg(username)).toString('base64')}`;
}
