// The console's shell: sign-in, session, navigation, profile switcher and the event stream.
import { api, setCsrf, followEvents, el } from './api.js';
import { connectionsScreen, chatScreen, onChatEvent } from './chat.js';
import { inviteScreen, joinScreen, addressScreen, relaysScreen, accessScreen } from './screens.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const statusLine = document.getElementById('status');
let session = null;
let stopEvents = null;
let current = { name: null, arg: null };

export function say(text) {
  statusLine.textContent = text;
}

const screens = {
  connections: connectionsScreen,
  chat: chatScreen,
  invite: inviteScreen,
  join: joinScreen,
  address: addressScreen,
  relays: relaysScreen,
  access: accessScreen,
};

export async function show(name, arg, focus = true) {
  current = { name, arg };
  for (const b of nav.querySelectorAll('button')) {
    b.setAttribute('aria-current', b.dataset.screen === name ? 'page' : 'false');
  }
  const section = el('section', { id: 'screen-' + name, class: 'screen' });
  main.replaceChildren(section);
  try {
    await screens[name](section, arg, { show, say, session });
  } catch (e) {
    say(e.message);
  }
  // Focus goes to the heading, unless the screen put it somewhere itself (chat: the message
  // field), so keyboard users start at the top of what changed.
  const heading = section.querySelector('h2');
  if (heading && focus && !section.contains(document.activeElement)) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

function signInScreen(message) {
  nav.hidden = true;
  who.hidden = true;
  const tpl = document.getElementById('signin');
  const section = tpl || buildSignIn();
  main.replaceChildren(section);
  section.hidden = false;
  say(message || '');
  section.querySelector('input').focus();
}

function buildSignIn() {
  const input = el('input', { id: 'signin-token', type: 'password', autocomplete: 'off', required: true });
  const form = el('form', { id: 'signin-form' },
    el('label', { for: 'signin-token', text: 'Token' }), input,
    el('button', { type: 'submit', text: 'Sign in' }));
  form.addEventListener('submit', signIn);
  return el('section', { id: 'signin', class: 'screen' },
    el('h2', { text: 'Sign in' }),
    el('p', { text: 'Paste the daemon\'s token (api.token in its data directory, or a profile\'s token), or open the one-time link that `parleyd console` prints.' }),
    form);
}

async function signIn(e) {
  e.preventDefault();
  const token = document.getElementById('signin-token').value.trim();
  try {
    await api('POST', '/v1/console/sessions', { token });
    await start();
  } catch (err) {
    say(err.status === 401 ? 'That token is not valid for this daemon.' : err.message);
  }
}

async function start() {
  try {
    session = await api('GET', '/v1/console/session');
  } catch (e) {
    signInScreen(e.status === 401 ? '' : e.message);
    return;
  }
  setCsrf(session.csrfToken);
  nav.hidden = false;
  who.hidden = false;
  await profiles();
  if (stopEvents) stopEvents();
  stopEvents = followEvents(onEvent, (up) => document.body.classList.toggle('offline', !up));
  say('Signed in' + (session.owner ? ' as the owner' : '') + ', profile ' + session.profile + '.');
  await show('connections');
}

async function profiles() {
  const label = document.getElementById('profile-label');
  const select = document.getElementById('profile-select');
  if (!session.owner) {
    label.hidden = true;
    return;
  }
  const list = (await api('GET', '/v1/profiles')).profiles;
  select.replaceChildren(...list.map((p) => el('option', {
    value: p.id, text: p.name || p.id, selected: p.id === session.profile,
  })));
  label.hidden = list.length < 2;
}

function onEvent(ev) {
  if (current.name === 'chat') onChatEvent(ev, current.arg);
  if (current.name === 'connections'
      && (ev.type.startsWith('message.') || ev.type.startsWith('connection.'))) {
    show('connections', null, false);
  }
  if (ev.type === 'connection.requested') say('A contact request arrived: see Contact address.');
  if (ev.type === 'connection.established' && current.name === 'invite') {
    say('Someone joined your invitation.');
  }
}

nav.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-screen]');
  if (b) show(b.dataset.screen);
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await api('DELETE', '/v1/console/session').catch(() => null);
  if (stopEvents) stopEvents();
  session = null;
  setCsrf(null);
  signInScreen('Signed out.');
});

document.getElementById('profile-select').addEventListener('change', async (e) => {
  session = await api('PUT', '/v1/console/session/profile', { profile: e.target.value });
  say('Now acting as profile ' + session.profile + '.');
  if (stopEvents) stopEvents();
  stopEvents = followEvents(onEvent, (up) => document.body.classList.toggle('offline', !up));
  await show('connections');
});

document.getElementById('signin-form').addEventListener('submit', signIn);
start();
