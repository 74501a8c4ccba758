// Group system entries (protocol §11.4): applying them to our copy of the group, and the line shown for each.

/** Applies a system entry newer than anything we had to the chat's members, roles, info and settings. */
export function applySystem(store, chat, m) {
  const s = m.system;
  if (!s) return;
  const me = store.me.id;
  const ids = s.userIds || [];
  const find = (id) => chat.members.find((x) => x.userId === id);
  const add = (id) => find(id) || chat.members.push({ userId: id, role: 'member', deliveredSeq: m.seq, readSeq: m.seq });
  const drop = (id) => {
    chat.members = chat.members.filter((x) => x.userId !== id);
  };
  const group = (chat.group = chat.group || {});
  switch (s.action) {
    case 'created':
      Object.assign(group, pickInfo(s), pickSettings(s));
      ids.forEach(add);
      break;
    case 'added':
      ids.forEach(add);
      if (ids.includes(me)) chat.active = true;
      break;
    case 'joined':
      add(s.actorId);
      if (s.actorId === me) chat.active = true;
      break;
    case 'removed':
      ids.forEach(drop);
      if (ids.includes(me)) chat.active = false;
      break;
    case 'left':
      drop(s.actorId);
      if (s.role === 'owner' && ids[0] != null && find(ids[0])) find(ids[0]).role = 'owner';
      if (s.actorId === me) chat.active = false;
      break;
    case 'role_changed':
      if (find(ids[0])) find(ids[0]).role = s.role;
      break;
    case 'owner_changed':
      if (find(s.actorId)) find(s.actorId).role = 'admin';
      if (find(ids[0])) find(ids[0]).role = 'owner';
      break;
    case 'info_changed':
      group.name = s.name ?? group.name;
      group.description = s.description;
      group.avatar = s.avatar;
      break;
    case 'settings_changed':
      Object.assign(group, pickSettings(s));
      break;
    default: // unknown action: keep the entry, refresh the group
      store.scheduleRefresh();
  }
}

function pickInfo(s) {
  return { name: s.name, description: s.description, avatar: s.avatar };
}

function pickSettings(s) {
  const out = {};
  if (s.onlyAdminsSend != null) out.onlyAdminsSend = s.onlyAdminsSend;
  if (s.onlyAdminsEdit != null) out.onlyAdminsEdit = s.onlyAdminsEdit;
  return out;
}

/** "Ann added Dan", "Cat left", … */
export function systemText(store, m) {
  const s = m.system || {};
  const who = (id) => (id === store.me.id ? 'you' : store.nameOf(id));
  const list = (ids) => (ids || []).map(who).join(', ');
  const actor = s.actorId === store.me.id ? 'You' : store.nameOf(s.actorId);
  const owner = (ids) => (ids?.[0] === store.me.id ? 'you are now the owner' : `${who(ids?.[0])} is now the owner`);
  switch (s.action) {
    case 'created': return `${actor} created the group “${s.name || ''}”`;
    case 'added': return `${actor} added ${list(s.userIds)}`;
    case 'removed': return `${actor} removed ${list(s.userIds)}`;
    case 'left':
      return s.role === 'owner' && s.userIds?.length ? `${actor} left; ${owner(s.userIds)}` : `${actor} left`;
    case 'joined':
      return s.userIds?.length ? `${actor} joined, approved by ${list(s.userIds)}` : `${actor} joined using an invite link`;
    case 'role_changed':
      return s.role === 'admin' ? `${actor} made ${list(s.userIds)} an admin` : `${actor} made ${list(s.userIds)} a member`;
    case 'owner_changed': return owner(s.userIds).replace(/^./, (c) => c.toUpperCase());
    case 'info_changed': return `${actor} changed the group info (name: “${s.name || ''}”)`;
    case 'settings_changed': {
      const parts = [s.onlyAdminsSend ? 'only admins can send' : 'all members can send',
        s.onlyAdminsEdit ? 'only admins can edit the info' : 'all members can edit the info'];
      return `${actor} changed the settings: ${parts.join(', ')}`;
    }
    default: return 'Group updated';
  }
}
