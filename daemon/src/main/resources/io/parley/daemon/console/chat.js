// Connections list and the chat screen: live messages, history paging, delivery status,
// security code with "mark verified", and a bot's /commands.
import { api, el } from './api.js';

const PAGE = 30;
let chat = null;

function nameOf(c) {
  return c.alias || (c.peerProfile && c.peerProfile.name) || 'Connection ' + c.id.slice(0, 6);
}

export async function connectionsScreen(section, arg, ctx) {
  const list = (await api('GET', '/v1/connections')).connections;
  section.append(el('h2', { text: 'Chats' }));
  if (list.length === 0) {
    section.append(el('p', { text: 'No connections yet: create an invitation (Invite) or join one (Join).' }));
    return;
  }
  const ul = el('ul', { class: 'connections', id: 'connections' });
  for (const c of list) {
    const last = c.lastMessage ? (c.lastMessage.direction === 'out' ? 'You: ' : '') + c.lastMessage.text : '';
    const label = nameOf(c) + (c.unread ? ', ' + c.unread + ' unread' : '');
    ul.append(el('li', { 'data-connection': c.id },
      el('button', { type: 'button', class: 'connection', 'aria-label': label, onclick: () => ctx.show('chat', c.id) },
        el('span', { class: 'name', text: nameOf(c) }),
        el('span', { class: 'peer', text: c.peerProfile ? c.peerProfile.name : '' }),
        el('span', { class: 'state state-' + c.status, text: c.status + (c.verified ? ' \u2713 verified' : '') }),
        c.unread ? el('span', { class: 'unread', text: String(c.unread) }) : null,
        el('span', { class: 'last', text: last }))));
  }
  section.append(ul);
}

export async function chatScreen(section, id, ctx) {
  const c = await api('GET', '/v1/connections/' + encodeURIComponent(id));
  const log = el('ol', { class: 'messages', id: 'messages', 'aria-live': 'polite', 'aria-label': 'Messages' });
  const input = el('input', { id: 'compose', type: 'text', autocomplete: 'off', 'aria-label': 'Message',
    placeholder: 'Message (Enter to send)', 'aria-controls': 'commands' });
  const commands = el('ul', { id: 'commands', class: 'commands', role: 'listbox', 'aria-label': 'Bot commands', hidden: true });
  const form = el('form', { id: 'compose-form', class: 'compose' }, input,
    el('button', { type: 'submit', text: 'Send' }));
  const older = el('button', { type: 'button', id: 'older', text: 'Load earlier messages' });
  chat = { id, log, oldest: null, newest: null, ctx, conn: c, statuses: new Map() };
  section.append(
    el('h2', { text: nameOf(c) }),
    el('p', { class: 'meta', text: (c.peerProfile ? c.peerProfile.name + ' \u00b7 ' : '') + c.status }),
    securityBlock(c, ctx),
    ...[botCommandsBlock(c, input)].filter(Boolean),
    older, log, commands, form);
  older.addEventListener('click', () => loadOlder(older));
  form.addEventListener('submit', (e) => { e.preventDefault(); send(input); });
  wireCommands(input, commands, (c.peerProfile && c.peerProfile.commands) || null);
  const page = (await api('GET', '/v1/connections/' + encodeURIComponent(id) + '/messages?limit=' + PAGE)).messages;
  for (const m of page) log.append(messageItem(m));
  older.hidden = page.length < PAGE;
  track(page);
  markRead();
  input.focus();
}

function securityBlock(c, ctx) {
  if (!c.securityCode) return el('p', { text: 'The security code appears once the connection is established.' });
  const button = el('button', { type: 'button', id: 'verify', text: c.verified ? 'Verified \u2713 (undo)' : 'Mark verified' });
  button.addEventListener('click', async () => {
    const v = await api('PUT', '/v1/connections/' + encodeURIComponent(c.id) + '/verified', { verified: !c.verified });
    c.verified = v.verified;
    button.textContent = c.verified ? 'Verified \u2713 (undo)' : 'Mark verified';
    ctx.say(c.verified ? 'Marked verified.' : 'Verification removed.');
  });
  return el('details', { class: 'security' },
    el('summary', { text: 'Security code' + (c.verified ? ' \u2713 verified' : '') }),
    el('p', { text: 'Compare this code with your contact (in person or by a call). If it matches on both sides, nobody is in the middle.' }),
    el('p', { class: 'code', id: 'security-code', text: c.securityCode }),
    el('img', { src: '/v1/connections/' + encodeURIComponent(c.id) + '/security-code.svg', alt: 'Security code as a QR code', class: 'qr small' }),
    button);
}

// The list a bot published, readable without typing "/" (and tappable on a phone, where
// there is no arrow key): a button fills the command in.
function botCommandsBlock(c, input) {
  const commands = (c.peerProfile && c.peerProfile.commands) || [];
  if (commands.length === 0) return null;
  return el('details', { class: 'bot-commands', id: 'bot-commands' },
    el('summary', { text: 'Bot commands (' + commands.length + ')' }),
    el('ul', { class: 'rows' }, ...commands.map((b) => el('li', {},
      el('button', { type: 'button', text: '/' + b.name, onclick: () => { input.value = '/' + b.name + ' '; input.focus(); } }),
      el('span', { text: b.description || '' })))));
}

function statusText(m) {
  if (m.status === 'failed') return 'failed: ' + (m.failureReason || 'unknown reason');
  return m.status;
}

function messageItem(m) {
  const li = el('li', { class: 'msg ' + m.direction, 'data-id': m.id },
    el('span', { class: 'text', text: m.text }));
  if (m.direction === 'out') {
    li.append(el('span', { class: 'delivery', 'data-status': m.status, text: statusText(m) }));
  }
  return li;
}

function track(page) {
  if (page.length === 0) return;
  if (!chat.oldest) chat.oldest = page[0].id;
  chat.newest = page[page.length - 1].id;
}

async function loadOlder(button) {
  if (!chat.oldest) return;
  const page = (await api('GET', '/v1/connections/' + encodeURIComponent(chat.id) + '/messages?limit=' + PAGE
    + '&before=' + encodeURIComponent(chat.oldest))).messages;
  chat.log.prepend(...page.map(messageItem));
  if (page.length) chat.oldest = page[0].id;
  button.hidden = page.length < PAGE;
}

async function send(input) {
  // A picked command is filled in with a space for its arguments; a bot gets it without.
  const text = input.value.startsWith('/') ? input.value.trimEnd() : input.value;
  if (!text.trim()) return;
  input.value = '';
  input.dispatchEvent(new Event('input')); // closes the command offers
  try {
    const q = await api('POST', '/v1/connections/' + encodeURIComponent(chat.id) + '/messages', { text });
    upsertOut({ id: q.messageId, direction: 'out', text, status: q.status });
  } catch (e) {
    input.value = text;
    chat.ctx.say('Not sent: ' + e.message);
  }
}

function upsertOut(m) {
  let li = chat.log.querySelector('li[data-id="' + CSS.escape(m.id) + '"]');
  if (!li) {
    // Its status events may have come before the send's answer.
    const seen = chat.statuses.get(m.id);
    li = messageItem(seen ? { ...m, status: seen.status, failureReason: seen.reason } : m);
    chat.log.append(li);
    chat.newest = m.id;
    if (!chat.oldest) chat.oldest = m.id;
  }
  return li;
}

async function markRead() {
  if (!chat || !chat.newest) return;
  await api('POST', '/v1/connections/' + encodeURIComponent(chat.id) + '/read', { upTo: chat.newest }).catch(() => null);
}

export function onChatEvent(ev, id) {
  if (!chat || ev.connectionId !== id) return;
  if (ev.type === 'message.received') {
    if (!chat.log.querySelector('li[data-id="' + CSS.escape(ev.data.messageId) + '"]')) {
      chat.log.append(messageItem({ id: ev.data.messageId, direction: 'in', text: ev.data.text }));
      chat.newest = ev.data.messageId;
      markRead();
    }
  } else if (ev.type === 'message.status') {
    chat.statuses.set(ev.data.messageId, ev.data);
    const li = chat.log.querySelector('li[data-id="' + CSS.escape(ev.data.messageId) + '"]');
    const span = li && li.querySelector('.delivery');
    if (span) {
      span.dataset.status = ev.data.status;
      span.textContent = statusText({ status: ev.data.status, failureReason: ev.data.reason });
    }
  }
}

// A bot's commands, offered as the user types "/": arrow keys move, Tab or Enter on an
// offer fills it in.
function wireCommands(input, list, commands) {
  if (!Array.isArray(commands) || commands.length === 0) return;
  let offers = [];
  let active = -1;
  const render = () => {
    list.replaceChildren(...offers.map((c, i) => el('li', {
      role: 'option', id: 'cmd-' + i, 'aria-selected': i === active ? 'true' : 'false',
      onmousedown: (e) => { e.preventDefault(); pick(i); },
    }, el('strong', { text: '/' + c.name }), ' ', el('span', { text: c.description || '' }))));
    list.hidden = offers.length === 0;
    if (active >= 0) input.setAttribute('aria-activedescendant', 'cmd-' + active);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (i) => {
    input.value = '/' + offers[i].name + ' ';
    offers = [];
    active = -1;
    render();
    input.focus();
  };
  input.addEventListener('input', () => {
    const v = input.value;
    offers = v.startsWith('/') && !v.includes(' ')
      ? commands.filter((c) => ('/' + c.name).startsWith(v)) : [];
    active = offers.length ? 0 : -1;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (offers.length === 0) return;
    if (e.key === 'ArrowDown') { active = (active + 1) % offers.length; render(); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { active = (active + offers.length - 1) % offers.length; render(); e.preventDefault(); }
    else if (e.key === 'Tab' || (e.key === 'Enter' && input.value !== '/' + offers[active].name)) { pick(active); e.preventDefault(); }
    else if (e.key === 'Escape') { offers = []; active = -1; render(); }
  });
}
