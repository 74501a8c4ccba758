// Modal dialogs (native <dialog>: focus stays inside, Escape closes): new chat, new group, devices, message info.
import { h, clear, iconButton } from '../dom.js';
import { fullTime } from '../format.js';
import { avatar } from './chatlist.js';

export function modal(title, id, ...content) {
  const headingId = id + '-title';
  const dialog = h('dialog.modal', { id, 'aria-labelledby': headingId },
    h('header.modal-head', h('h2', { id: headingId }, title),
      iconButton('close', 'Close', () => dialog.close(), { class: 'modal-close' })),
    h('div.modal-body', ...content));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  (dialog.querySelector('input, select, textarea, .modal-body button') || dialog.querySelector('.modal-close')).focus();
  return dialog;
}

function errorText(e) {
  if (e.code === 'not_found' || e.status === 404) return 'No such user.';
  return e.message || 'Something went wrong.';
}

/** Start a chat by username or phone, or join a group with an invite link or code. */
export function newChatDialog(store, openChat) {
  const input = h('input', { id: 'new-chat-user', name: 'user', autocomplete: 'off', autocapitalize: 'none',
    placeholder: 'username or +14155550123', required: true });
  const invite = h('input', { id: 'join-code', name: 'code', autocomplete: 'off', placeholder: 'invite link or code' });
  const error = h('p.form-error', { role: 'alert' });
  const form = h('form.stack', {
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        const user = await store.api.findUser(input.value);
        if (user.id === store.me.id) throw new Error('That is you.');
        store.addUser(user);
        const r = await store.request({ type: 'openDirect', userId: user.id });
        store.mergeChat(r.chat);
        store.emit('chats');
        dialog.close();
        openChat(r.chat.id);
      } catch (err) {
        error.textContent = errorText(err);
      }
    },
  }, h('label', { for: 'new-chat-user' }, 'Username or phone number'), input, error,
  h('button.primary', { type: 'submit', id: 'new-chat-start' }, 'Start chat'));
  const joinForm = h('form.stack', {
    onsubmit: (e) => {
      e.preventDefault();
      const code = invite.value.trim().replace(/^.*#join\//, '');
      if (!code) return;
      dialog.close();
      location.hash = '#join/' + encodeURIComponent(code);
    },
  }, h('label', { for: 'join-code' }, 'Join a group with an invite'), invite,
  h('button', { type: 'submit' }, 'Join group'));
  const dialog = modal('New chat', 'new-chat-dialog', form, h('hr'), joinForm);
}

/** Create a group: a name and members added by username or phone. */
export function newGroupDialog(store, openChat) {
  const members = new Map();
  const name = h('input', { id: 'group-name', required: true, maxlength: '100', autocomplete: 'off' });
  const who = h('input', { id: 'group-member', autocomplete: 'off', autocapitalize: 'none', placeholder: 'username or phone' });
  const list = h('ul.member-chips', { 'aria-label': 'Members to add' });
  const error = h('p.form-error', { role: 'alert' });
  const renderList = () => clear(list, [...members.values()].map((u) => h('li.chip', u.displayName,
    iconButton('close', `Remove ${u.displayName}`, () => { members.delete(u.id); renderList(); }))));
  const addMember = async () => {
    error.textContent = '';
    if (!who.value.trim()) return;
    try {
      const u = await store.api.findUser(who.value);
      if (u.id !== store.me.id) members.set(u.id, u);
      store.addUser(u);
      who.value = '';
      renderList();
      who.focus();
    } catch (e) {
      error.textContent = errorText(e);
    }
  };
  who.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addMember();
    }
  });
  const form = h('form.stack', {
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      if (!name.value.trim()) {
        error.textContent = 'Give the group a name.';
        return;
      }
      try {
        const r = await store.request({ type: 'createGroup', name: name.value.trim(), members: [...members.keys()] });
        store.mergeChat(r.chat);
        store.emit('chats');
        dialog.close();
        openChat(r.chat.id);
      } catch (err) {
        error.textContent = errorText(err);
      }
    },
  }, h('label', { for: 'group-name' }, 'Group name'), name,
  h('label', { for: 'group-member' }, 'Add members'),
  h('div.row', who, h('button', { type: 'button', id: 'group-member-add', onclick: addMember }, 'Add')),
  list, error, h('button.primary', { type: 'submit', id: 'group-create' }, 'Create group'));
  const dialog = modal('New group', 'new-group-dialog', form);
}

/** My devices, with "this device" marked and a revoke button for each. */
export function devicesDialog(store) {
  const list = h('ul.devices', { id: 'device-list', 'aria-label': 'Devices' });
  const error = h('p.form-error', { role: 'alert' });
  const load = async () => {
    try {
      const devices = await store.api.devices();
      clear(list, devices.map((d) => h('li.device', { dataset: { deviceId: d.id } },
        h('span.device-name', d.name, d.current ? h('strong.current', ' (this browser)') : null),
        h('span.device-time', 'since ' + fullTime(d.createdAt)),
        h('button.danger', { type: 'button', 'aria-label': `Log out ${d.name}${d.current ? ' (this browser)' : ''}`,
          onclick: async () => {
            if (!confirm(`Log out “${d.name}”?`)) return;
            try {
              await store.api.revokeDevice(d.id);
              if (!d.current) load();
            } catch (e) {
              error.textContent = e.message;
            }
          } }, 'Log out'))));
    } catch (e) {
      error.textContent = e.message;
    }
  };
  modal('Devices', 'devices-dialog', h('p.hint', 'Every browser and app where you are signed in.'), list, error);
  load();
}

/** Who got and read one of my messages, and when (getMessageInfo). */
export async function messageInfoDialog(store, chat, m) {
  const list = h('ul.receipts', { id: 'receipt-list', 'aria-label': 'Receipts' }, h('li', 'Loading…'));
  modal('Message info', 'message-info-dialog', h('blockquote.info-text', m.text || m.media?.fileName || ''), list);
  try {
    const r = await store.request({ type: 'getMessageInfo', chatId: chat.id, seq: m.seq });
    const rows = (r.members || []).map((x) => h('li.receipt', { dataset: { userId: x.userId } },
      avatar(store.nameOf(x.userId), x.userId),
      h('span.receipt-name', store.nameOf(x.userId)),
      h('span.receipt-state', x.readAt ? `Read ${fullTime(x.readAt)}` : x.deliveredAt ? `Delivered ${fullTime(x.deliveredAt)}`
        : 'Not delivered yet')));
    clear(list, rows.length ? rows : h('li', 'Nobody else is in this chat.'));
  } catch (e) {
    clear(list, h('li', 'Cannot load: ' + e.message));
  }
}
