// Media inside a message: an image shows its base64 thumbnail at once, then the full image through a signed
// link, and opens a full-size viewer; a video plays from a signed link (the server answers Range requests, so
// seeking works); a file shows its name and size with a download link.
import { h, icon, iconButton } from '../dom.js';
import { size } from '../format.js';
import { thumbnailUrl } from '../media.js';

function fit(media, maxW = 280, maxH = 320) {
  const w = media.width || 0;
  const hgt = media.height || 0;
  if (!w || !hgt) return null;
  const scale = Math.min(1, maxW / w, maxH / hgt);
  return { width: Math.round(w * scale), height: Math.round(hgt * scale) };
}

export function mediaBlock(store, m) {
  const media = m.media;
  if (m.kind === 'image') return imageBlock(store, media);
  if (m.kind === 'video') return videoBlock(store, media);
  return fileBlock(store, media);
}

function imageBlock(store, media) {
  const box = fit(media);
  const img = h('img.thumb', { alt: media.fileName ? `Photo ${media.fileName}` : 'Photo', dataset: { mediaId: media.id } });
  const thumb = thumbnailUrl(media);
  if (thumb) img.src = thumb;
  if (box) {
    img.width = box.width;
    img.height = box.height;
  }
  store.links.get(media.id).then((url) => { // the full image replaces the thumbnail once it has loaded
    const full = new Image();
    full.onload = () => {
      img.src = url;
      img.dataset.full = 'true';
    };
    full.src = url;
  }, () => {});
  return h('button.media.image', { type: 'button', 'aria-label': 'Open photo', onclick: () => openViewer(store, media) }, img);
}

function videoBlock(store, media) {
  const box = fit(media);
  const video = h('video', { controls: true, preload: 'metadata', playsinline: true, dataset: { mediaId: media.id },
    'aria-label': media.fileName ? `Video ${media.fileName}` : 'Video' });
  const thumb = thumbnailUrl(media);
  if (thumb) video.poster = thumb;
  if (box) {
    video.width = box.width;
    video.height = box.height;
  }
  store.links.get(media.id).then((url) => {
    video.src = url;
  }, () => {});
  return h('div.media.video', video);
}

function fileBlock(store, media) {
  const link = h('a.download', { href: '#', download: media.fileName || 'file', 'aria-label': `Download ${media.fileName || 'file'}` },
    icon('download'));
  store.links.get(media.id).then((url) => {
    link.href = url;
  }, () => {});
  return h('div.media.file',
    h('span.file-icon', icon('file')),
    h('span.file-info', h('span.file-name', media.fileName || 'File'), h('span.file-size', size(media.size))),
    link);
}

/** A full-size image viewer (a modal dialog; Escape or the close button closes it). */
export function openViewer(store, media) {
  const img = h('img.full', { alt: media.fileName || 'Photo' });
  const thumb = thumbnailUrl(media);
  if (thumb) img.src = thumb;
  const download = h('a.icon-btn', { href: '#', download: media.fileName || 'image', 'aria-label': 'Download', title: 'Download' },
    icon('download'));
  const dialog = h('dialog.viewer', { 'aria-label': 'Photo viewer', id: 'viewer' },
    h('div.viewer-bar', h('span.viewer-name', media.fileName || ''), download,
      iconButton('close', 'Close viewer', () => dialog.close(), { class: 'viewer-close' })),
    h('div.viewer-body', img));
  dialog.addEventListener('close', () => dialog.remove());
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog || e.target.classList.contains('viewer-body')) dialog.close();
  });
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('.viewer-close').focus();
  store.links.get(media.id).then((url) => {
    img.src = url;
    download.href = url;
  }, () => {});
}
