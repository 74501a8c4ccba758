// Group info: members with their roles; for admins: add and remove members, make or dismiss admins, hand the
// ownership over, invite links (create, copy, revoke); for everyone: leave. Group changes are not idempotent
// (protocol §11.2), so a failed change is reported, never resent.
import { h, clear, iconButton } from '../dom.js';
import { avatar } from './chatlist.js';
import { modal } from './dialogs.js';

const ROLE = { owner: 'Owner', admin: 'Admin', member: '' };

export function groupInfoDialog(store, chatId) {
  const members = h('ul.members', { id: 'member-list', 'aria-label': 'Members' });
  const invites = h('ul.invites', { id: 'invite-list', 'aria-label': 'Invite links' });
  const adminArea = h('div.admin-area');
  const status = h('p.form-error', { role: 'alert', id: 'group-error' });
  const title = h('p.group-name');
  const run = async (frame, after) => {
    status.textContent = '';
    try {
      const r = await store.request({ chatId, ...frame });
      after?.(r);
    } catch (e) {
      status.textContent = e.message;
    }
  };

  const add = h('input', { id: 'add-member-input', autocomplete: 'off', autocapitalize: 'none', placeholder: 'username or phone' });
  const addForm = h('form.row', {
    onsubmit: async (e) => {
      e.preventDefault();
      status.textContent = '';
      try {
        const u = await store.api.findUser(add.value);
        store.addUser(u);
        await store.request({ type: 'addMembers', chatId, userIds: [u.id] });
        add.value = '';
      } catch (err) {
        status.textContent = err.status === 404 ? 'No such user.' : err.message;
      }
    },
  }, h('label.sr-only', { for: 'add-member-input' }, 'Add a member'), add,
  h('button', { type: 'submit', id: 'add-member-button' }, 'Add member'));

  const loadInvites = () => run({ type: 'getInvites' }, (r) => clear(invites, (r.invites || []).map((inv) => {
    const link = `${location.origin}/#join/${inv.code}`;
    return h('li.invite', { dataset: { code: inv.code } },
      h('input.invite-link', { readonly: true, value: link, 'aria-label': 'Invite link' }),
      inv.approvalRequired ? h('span.hint', 'needs approval') : null,
      iconButton('link', 'Copy invite link', () => navigator.clipboard?.writeText(link)),
      iconButton('trash', 'Revoke invite link', () => run({ type: 'revokeInvite', code: inv.code }, loadInvites)));
  })));

  const render = () => {
    const chat = store.chats.get(chatId);
    if (!chat) return;
    const admin = store.isAdmin(chat) && chat.active !== false;
    const owner = store.myRole(chat) === 'owner';
    title.textContent = chat.group?.name || '';
    const sorted = [...chat.members].sort((a, b) => rank(a.role) - rank(b.role) || store.nameOf(a.userId).localeCompare(store.nameOf(b.userId)));
    clear(members, sorted.map((m) => {
      const name = store.nameOf(m.userId);
      const mine = m.userId === store.me.id;
      const actions = [];
      if (admin && !mine && m.role !== 'owner') {
        actions.push(h('button', { type: 'button', class: 'small',
          onclick: () => run({ type: 'setRole', userId: m.userId, role: m.role === 'admin' ? 'member' : 'admin' }) },
        m.role === 'admin' ? 'Dismiss as admin' : 'Make admin'));
        actions.push(h('button.danger.small', { type: 'button', 'aria-label': `Remove ${name}`,
          onclick: () => confirm(`Remove ${name} from the group?`) && run({ type: 'removeMember', userId: m.userId }) }, 'Remove'));
      }
      if (owner && !mine) {
        actions.push(h('button.small', { type: 'button',
          onclick: () => confirm(`Make ${name} the owner? You will become an admin.`)
            && run({ type: 'transferOwnership', userId: m.userId }) }, 'Make owner'));
      }
      return h('li.member', { dataset: { userId: m.userId, role: m.role } },
        avatar(mine ? store.me.displayName || name : name, m.userId), h('span.member-name', name),
        ROLE[m.role] ? h('span.role', ROLE[m.role]) : null, h('span.member-actions', actions));
    }));
    adminArea.hidden = !admin;
  };

  const dialog = modal('Group info', 'group-info-dialog', title, h('h3', 'Members'), members,
    adminArea, status,
    h('button.danger', { type: 'button', id: 'leave-group', onclick: () => confirm('Leave this group?')
      && run({ type: 'leaveGroup' }, () => dialog.close()) }, 'Leave group'));
  clear(adminArea, h('h3', 'Add member'), addForm, h('h3', 'Invite links'), invites,
    h('div.row', h('button', { type: 'button', id: 'create-invite',
      onclick: () => run({ type: 'createInvite', approvalRequired: false }, loadInvites) }, 'Create invite link'),
    h('button', { type: 'button', onclick: () => run({ type: 'createInvite', approvalRequired: true }, loadInvites) },
      'Create link with approval')));
  const off = store.on((topic, detail) => {
    if ((topic === 'chat' && detail === chatId) || topic === 'chats' || topic === 'users') render();
  });
  dialog.addEventListener('close', off);
  render();
  if (store.isAdmin(store.chats.get(chatId))) loadInvites();
}

function rank(role) {
  return role === 'owner' ? 0 : role === 'admin' ? 1 : 2;
}
