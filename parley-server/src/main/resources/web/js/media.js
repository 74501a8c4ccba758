// Media over HTTP (protocol §13): hash, announce (dedupe), resumable tus-style upload with progress, signed
// links for <img>/<video>/downloads, and a poster frame for videos.
import { ApiError } from './api.js';

const CHUNK = 8 * 1024 * 1024;

export function kindOf(file) {
  const t = file.type || '';
  return t.startsWith('image/') ? 'image' : t.startsWith('video/') ? 'video' : 'file';
}

async function sha256(file) {
  if (!globalThis.crypto?.subtle || file.size > 256 * 1024 * 1024) return undefined; // plain-http origin: no dedupe
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** width, height, durationMs of a video file, read by the browser (or {} when it cannot). */
function videoMeta(file) {
  return new Promise((resolve) => {
    const v = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (meta) => {
      URL.revokeObjectURL(url);
      resolve(meta);
    };
    v.preload = 'metadata';
    v.muted = true;
    v.onloadedmetadata = () => done({ width: v.videoWidth || undefined, height: v.videoHeight || undefined,
      durationMs: Number.isFinite(v.duration) ? Math.round(v.duration * 1000) : undefined });
    v.onerror = () => done({});
    setTimeout(() => done({}), 5000);
    v.src = url;
  });
}

/** A JPEG of the video's first frame, for PUT /v1/media/{id}/poster; null when the browser cannot decode it. */
function posterFrame(file) {
  return new Promise((resolve) => {
    const v = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (blob) => {
      URL.revokeObjectURL(url);
      resolve(blob);
    };
    v.muted = true;
    v.preload = 'auto';
    v.onloadeddata = () => {
      v.currentTime = Math.min(0.5, (v.duration || 1) / 2);
    };
    v.onseeked = () => {
      const c = document.createElement('canvas');
      c.width = v.videoWidth;
      c.height = v.videoHeight;
      if (!c.width || !c.height) return done(null);
      c.getContext('2d').drawImage(v, 0, 0);
      c.toBlob((b) => done(b), 'image/jpeg', 0.8);
    };
    v.onerror = () => done(null);
    setTimeout(() => done(null), 8000);
    v.src = url;
  });
}

function xhr(method, url, token, { body, headers = {}, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open(method, url);
    x.setRequestHeader('Authorization', 'Bearer ' + token);
    for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v);
    if (onProgress) x.upload.onprogress = (e) => onProgress(e.loaded);
    x.onload = () => {
      let json = null;
      try {
        json = x.responseText ? JSON.parse(x.responseText) : null;
      } catch { /* not JSON */ }
      resolve({ status: x.status, json, offset: Number(x.getResponseHeader('Upload-Offset')) });
    };
    x.onerror = () => reject(new ApiError(0, 'network', 'upload interrupted'));
    x.send(body);
  });
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Uploads `file`; onProgress(fraction 0..1). Resumes after network failures from the offset the server
 * reports (HEAD). Resolves with the media object.
 */
export async function upload(api, file, onProgress = () => {}) {
  const mime = file.type || 'application/octet-stream';
  const kind = kindOf(file);
  const announce = { length: file.size, mime, fileName: file.name || 'file' };
  const hash = await sha256(file);
  if (hash) announce.sha256 = hash;
  if (kind === 'video') Object.assign(announce, await videoMeta(file));
  let created;
  try {
    created = await api.post('/v1/uploads', announce);
  } catch (e) { // a type the server does not take by name: any file may still go as bytes (sniffed on arrival)
    if (e.code !== 'media_type_not_allowed' || announce.mime === 'application/octet-stream') throw e;
    announce.mime = 'application/octet-stream';
    created = await api.post('/v1/uploads', announce);
  }
  let media = created.media;
  if (!media) media = await send(api.token, created.uploadId, file, created.offset || 0, onProgress);
  onProgress(1);
  if (kind === 'video' && !media.thumbnail) media = (await addPoster(api.token, media, file)) || media;
  return media;
}

async function send(token, uploadId, file, offset, onProgress) {
  const url = '/v1/uploads/' + encodeURIComponent(uploadId);
  let failures = 0;
  while (true) {
    try {
      const end = Math.min(file.size, offset + CHUNK);
      const r = await xhr('PATCH', url, token, {
        body: file.slice(offset, end),
        headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream',
          'Tus-Resumable': '1.0.0' },
        onProgress: (loaded) => onProgress((offset + loaded) / file.size),
      });
      if (r.status === 200 && r.json?.media) return r.json.media;
      if (r.status === 204 || r.status === 409) {
        offset = r.offset;
        failures = 0;
        continue;
      }
      const err = r.json?.error;
      throw new ApiError(r.status, err?.code || 'http_' + r.status, err?.message || 'upload refused');
    } catch (e) {
      if (e.code !== 'network' || ++failures > 8) throw e;
      await wait(Math.min(30000, 1000 * 2 ** failures));
      const head = await xhr('HEAD', url, token).catch(() => null);
      if (head && head.status === 200) offset = head.offset;
      else if (head && head.status === 404) throw new ApiError(404, 'not_found', 'the upload expired');
    }
  }
}

async function addPoster(token, media, file) {
  const poster = await posterFrame(file);
  if (!poster) return null;
  const r = await xhr('PUT', `/v1/media/${encodeURIComponent(media.id)}/poster`, token,
    { body: poster, headers: { 'Content-Type': 'image/jpeg' } }).catch(() => null);
  return r && r.status === 200 ? r.json?.media : null;
}

/** Signed links (§13.2.8), cached until a minute before they expire. */
export class Links {
  constructor(api) {
    this.api = api;
    this.cache = new Map();
  }

  get(mediaId) {
    const hit = this.cache.get(mediaId);
    if (hit && (hit.pending || hit.expiresAt - 60000 > Date.now())) return hit.promise;
    const entry = { pending: true };
    entry.promise = this.api.post(`/v1/media/${encodeURIComponent(mediaId)}/link`, {}).then((r) => {
      entry.pending = false;
      entry.expiresAt = r.expiresAt || Date.now() + 3600000;
      return r.url;
    }, (e) => {
      this.cache.delete(mediaId);
      throw e;
    });
    this.cache.set(mediaId, entry);
    return entry.promise;
  }
}

export function thumbnailUrl(media) {
  return media?.thumbnail ? 'data:image/jpeg;base64,' + media.thumbnail : null;
}
