// Formatting: times, sizes, names, initials, colours, previews, and the device name for logins.
const DAY = 86400000;

function startOfDay(ts) {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function clock(ts) {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Chat list time: "14:02", "Yesterday", "Tuesday", "03/02/2025". */
export function shortTime(ts, now = Date.now()) {
  const days = Math.round((startOfDay(now) - startOfDay(ts)) / DAY);
  if (days <= 0) return clock(ts);
  if (days === 1) return 'Yesterday';
  if (days < 7) return new Date(ts).toLocaleDateString([], { weekday: 'long' });
  return new Date(ts).toLocaleDateString();
}

/** Day separator: "Today", "Yesterday", "Tuesday, 4 March 2025". */
export function dayLabel(ts, now = Date.now()) {
  const days = Math.round((startOfDay(now) - startOfDay(ts)) / DAY);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Date(ts).toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function dayKey(ts) {
  return startOfDay(ts);
}

/** "last seen today at 14:02" / "last seen yesterday at …" / "last seen 4 March at …". */
export function lastSeen(ts, now = Date.now()) {
  const days = Math.round((startOfDay(now) - startOfDay(ts)) / DAY);
  const at = clock(ts);
  if (days <= 0) return `last seen today at ${at}`;
  if (days === 1) return `last seen yesterday at ${at}`;
  return `last seen ${new Date(ts).toLocaleDateString([], { day: 'numeric', month: 'long' })} at ${at}`;
}

export function fullTime(ts) {
  return new Date(ts).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function size(bytes) {
  if (bytes == null) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function initials(name) {
  const words = String(name || '?').replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return String(name || '?').slice(-2);
  return (words[0][0] + (words.length > 1 ? words[words.length - 1][0] : '')).toUpperCase();
}

/** One of 8 colour classes for a user id (sender names in groups, avatars). */
export function colour(id) {
  return 'c' + (Math.abs(Number(id) || 0) % 8);
}

/** The icon of a media message (image, video, file), or null for other kinds. */
export function mediaIcon(kind) {
  return kind === 'image' ? 'image' : kind === 'video' ? 'video' : kind === 'file' ? 'file' : null;
}

/** Text for a message in the chat list and in quotes (media kinds get their icon next to it). */
export function preview(m, systemText) {
  if (!m) return '';
  if (m.kind === 'system') return systemText(m);
  if (m.text) return m.text;
  if (m.kind === 'image') return 'Photo';
  if (m.kind === 'video') return 'Video';
  if (m.kind === 'file') return m.media?.fileName || 'File';
  return m.kind && m.kind !== 'text' ? 'Unsupported message' : '';
}

/** "Chrome on Linux" from the user agent. */
export function deviceName(ua = navigator.userAgent) {
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrome\/|Chromium\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad|iPod/.test(ua) ? 'iOS'
    : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /CrOS/.test(ua) ? 'ChromeOS' : /Linux/.test(ua) ? 'Linux' : 'unknown';
  return `${browser} on ${os}`;
}
