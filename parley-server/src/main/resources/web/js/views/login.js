// Sign in / create an account. Registering logs in right after; the device is named after the browser.
import { h, clear, icon } from '../dom.js';
import { login, register, ApiError } from '../api.js';
import { deviceName } from '../format.js';

const MESSAGES = {
  bad_credentials: 'Wrong login or password.',
  username_taken: 'That username is taken.',
  phone_taken: 'That phone number is already registered. Sign in instead.',
  weak_password: null,
  invalid_username: null,
  invalid_phone: null,
  rate_limited: 'Too many attempts. Wait a moment and try again.',
  network: 'Cannot reach the server.',
};

function field(label, input, hint) {
  const id = 'f-' + input.name;
  input.id = id;
  return h('div.field', h('label', { for: id }, label), input, hint ? h('p.hint', hint) : null);
}

export function showLogin(root, onSession, notice) {
  let mode = 'login';
  const device = deviceName();
  const error = h('p.form-error', { role: 'alert', id: 'login-error' });
  const form = h('form.login-form', { novalidate: true });
  const tabs = h('div.tabs', { role: 'tablist', 'aria-label': 'Sign in or create an account' });

  const render = () => {
    clear(tabs,
      h('button', { type: 'button', role: 'tab', id: 'tab-login', 'aria-selected': String(mode === 'login'),
        onclick: () => { mode = 'login'; render(); } }, 'Sign in'),
      h('button', { type: 'button', role: 'tab', id: 'tab-register', 'aria-selected': String(mode === 'register'),
        onclick: () => { mode = 'register'; render(); } }, 'Create account'));
    const fields = mode === 'login' ? [
      field('Username or phone', h('input', { name: 'login', autocomplete: 'username', required: true,
        autocapitalize: 'none', spellcheck: 'false' })),
      field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    ] : [
      field('Username', h('input', { name: 'username', autocomplete: 'username', autocapitalize: 'none',
        spellcheck: 'false' }), '3–32 characters: a letter, then letters, digits, _ or .'),
      field('Phone (optional)', h('input', { name: 'phone', type: 'tel', autocomplete: 'tel',
        placeholder: '+14155550123' })),
      field('Display name', h('input', { name: 'displayName', autocomplete: 'name' })),
      field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true }),
        'At least 8 characters; not a common password.'),
    ];
    clear(form, fields, error,
      h('button.primary', { type: 'submit', id: 'login-submit' }, mode === 'login' ? 'Sign in' : 'Create account'),
      h('p.hint', `This browser will appear in your devices as “${device}”.`));
    error.textContent = '';
    form.querySelector('input')?.focus();
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    error.textContent = '';
    try {
      let loginName = data.login;
      if (mode === 'register') {
        if (!data.username && !data.phone) throw new ApiError(400, 'invalid_frame', 'Enter a username or a phone number.');
        const user = await register(data);
        loginName = user.username || user.phone;
      }
      const s = await login(loginName.trim(), data.password, device);
      onSession({ token: s.token, userId: s.userId, deviceId: s.deviceId });
    } catch (e) {
      const known = e instanceof ApiError ? MESSAGES[e.code] : null;
      error.textContent = known || e.message || 'Something went wrong.';
      submit.disabled = false;
    }
  });

  clear(root, h('main.login', { 'aria-labelledby': 'login-title' },
    h('div.login-card',
      h('div.brand', icon('chat'), h('h1', { id: 'login-title' }, 'Parley')),
      notice ? h('p.notice', { role: 'status' }, notice) : null,
      tabs, form)));
  document.title = 'Parley';
  render();
}
