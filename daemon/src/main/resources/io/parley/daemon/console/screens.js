// The screens besides chat: invite, join, contact address with requests, relays, tokens and
// webhooks.
import { api, el } from './api.js';

function copyButton(input, ctx) {
  return el('button', { type: 'button', text: 'Copy link', onclick: async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      ctx.say('Link copied.');
    } catch (e) {
      ctx.say('Select the link and copy it with Ctrl+C.');
    }
  } });
}

export async function inviteScreen(section, arg, ctx) {
  const out = el('div', { id: 'invitation' });
  const alias = el('input', { id: 'invite-alias', type: 'text', autocomplete: 'off' });
  const form = el('form', { id: 'invite-form' },
    el('label', { for: 'invite-alias', text: 'Name for this contact (only you see it, optional)' }), alias,
    el('button', { type: 'submit', text: 'Create invitation' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const inv = await api('POST', '/v1/invitations', alias.value.trim() ? { alias: alias.value.trim() } : {});
    const link = el('input', { id: 'invitation-link', type: 'text', readonly: true, value: inv.link, 'aria-label': 'Invitation link' });
    out.replaceChildren(
      el('p', { text: 'Show this QR code to your contact, or send them the link. It works once.' }),
      el('img', { id: 'invitation-qr', class: 'qr', src: inv.qrSvg, alt: 'Invitation as a QR code' }),
      link, copyButton(link, ctx));
    ctx.say('Invitation created.');
  });
  section.append(el('h2', { text: 'Invite someone' }), form, out);
}

export async function joinScreen(section, arg, ctx) {
  const link = el('input', { id: 'join-link', type: 'text', autocomplete: 'off', required: true });
  const alias = el('input', { id: 'join-alias', type: 'text', autocomplete: 'off' });
  const form = el('form', { id: 'join-form' },
    el('label', { for: 'join-link', text: 'Invitation or contact address link' }), link,
    el('label', { for: 'join-alias', text: 'Name for this contact (optional)' }), alias,
    el('button', { type: 'submit', text: 'Join' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api('POST', '/v1/connections', { link: link.value.trim(), alias: alias.value.trim() || null });
      ctx.say('Joined: the connection is being set up.');
      ctx.show('chat', r.connectionId);
    } catch (err) {
      ctx.say('Could not join: ' + err.message);
    }
  });
  section.append(el('h2', { text: 'Join' }), form);
  if ('BarcodeDetector' in window && navigator.mediaDevices) {
    section.append(el('button', { type: 'button', id: 'scan', text: 'Scan a QR code with the camera',
      onclick: () => scan(section, link, ctx) }));
  }
}

async function scan(section, target, ctx) {
  const video = el('video', { class: 'camera', playsinline: true, muted: true, 'aria-label': 'Camera' });
  section.append(video);
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  } catch (e) {
    ctx.say('No camera: ' + e.message);
    video.remove();
    return;
  }
  video.srcObject = stream;
  await video.play();
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const tick = async () => {
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length) {
      target.value = codes[0].rawValue;
      stream.getTracks().forEach((t) => t.stop());
      video.remove();
      ctx.say('QR code read: press Join.');
      target.focus();
    } else if (video.isConnected) {
      requestAnimationFrame(tick);
    }
  };
  tick();
}

export async function addressScreen(section, arg, ctx) {
  section.append(el('h2', { text: 'Contact address' }),
    el('p', { text: 'A reusable link anyone can use to ask you for a connection.' }));
  let addr = null;
  try {
    addr = await api('GET', '/v1/address');
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const auto = el('input', { id: 'address-auto', type: 'checkbox', checked: addr && addr.autoAccept });
  const welcome = el('textarea', { id: 'address-welcome', rows: 2 });
  welcome.value = (addr && addr.welcome) || '';
  const form = el('form', { id: 'address-form' },
    el('label', { class: 'check' }, auto, ' Accept requests automatically'),
    el('label', { for: 'address-welcome', text: 'Welcome message sent to new contacts (optional)' }), welcome,
    el('button', { type: 'submit', text: addr ? 'Save settings' : 'Create contact address' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await api('PUT', '/v1/address', { autoAccept: auto.checked, welcome: welcome.value || null });
    ctx.say('Contact address saved.');
    ctx.show('address');
  });
  if (addr) {
    const link = el('input', { id: 'address-link', type: 'text', readonly: true, value: addr.link, 'aria-label': 'Contact address link' });
    section.append(el('img', { class: 'qr', id: 'address-qr', src: addr.qrSvg, alt: 'Contact address as a QR code' }),
      link, copyButton(link, ctx));
  }
  section.append(form);
  if (addr) {
    section.append(el('button', { type: 'button', id: 'address-delete', class: 'danger', text: 'Delete contact address',
      onclick: async () => { await api('DELETE', '/v1/address'); ctx.show('address'); } }));
  }
  const requests = (await api('GET', '/v1/requests')).requests;
  const ul = el('ul', { id: 'requests', class: 'rows' });
  for (const r of requests) {
    ul.append(el('li', { 'data-request': r.id },
      el('span', { text: (r.profile && r.profile.name) || 'Someone' }),
      el('button', { type: 'button', text: 'Accept', onclick: async () => {
        const c = await api('POST', '/v1/requests/' + encodeURIComponent(r.id) + '/accept');
        ctx.say('Accepted.');
        ctx.show('chat', c.connectionId);
      } }),
      el('button', { type: 'button', text: 'Reject', onclick: async () => {
        await api('POST', '/v1/requests/' + encodeURIComponent(r.id) + '/reject');
        ctx.show('address');
      } })));
  }
  section.append(el('h3', { text: 'Requests waiting for you' }),
    requests.length ? ul : el('p', { text: 'None.' }));
}

export async function relaysScreen(section, arg, ctx) {
  const relays = (await api('GET', '/v1/relays')).relays;
  const table = el('table', { id: 'relays' },
    el('thead', {}, el('tr', {}, ...['Relay', 'Status', 'Since', 'Queues', 'Last error'].map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  for (const r of relays) {
    body.append(el('tr', {},
      el('td', { text: r.hostPort }),
      el('td', { class: 'state-' + r.status, text: r.status }),
      el('td', { text: r.since || '' }),
      el('td', { text: String(r.queues) }),
      el('td', { text: r.lastError || '' })));
  }
  table.append(body);
  section.append(el('h2', { text: 'Relays' }), table);
}

export async function accessScreen(section, arg, ctx) {
  section.append(el('h2', { text: 'Tokens & webhooks' }));
  const tokens = (await api('GET', '/v1/tokens')).tokens;
  const tl = el('ul', { id: 'tokens', class: 'rows' });
  for (const t of tokens) {
    tl.append(el('li', {}, el('span', { text: (t.name || t.id) + ' (' + t.scope + ')' }),
      el('button', { type: 'button', class: 'danger', text: 'Revoke', 'aria-label': 'Revoke token ' + (t.name || t.id),
        onclick: async () => { await api('DELETE', '/v1/tokens/' + encodeURIComponent(t.id)); ctx.show('access'); } })));
  }
  const name = el('input', { id: 'token-name', type: 'text', autocomplete: 'off' });
  const scope = el('select', { id: 'token-scope' }, el('option', { value: 'send', text: 'send: list connections and send' }),
    el('option', { value: 'admin', text: 'admin: everything in this profile' }));
  const shown = el('div', { id: 'token-created' });
  const tform = el('form', { id: 'token-form' },
    el('label', { for: 'token-name', text: 'Token name' }), name,
    el('label', { for: 'token-scope', text: 'Scope' }), scope,
    el('button', { type: 'submit', text: 'Create token' }));
  tform.addEventListener('submit', async (e) => {
    e.preventDefault();
    const t = await api('POST', '/v1/tokens', { name: name.value || null, scope: scope.value });
    const value = el('input', { type: 'text', readonly: true, value: t.token, 'aria-label': 'New token' });
    shown.replaceChildren(el('p', { text: 'Copy it now: it is shown only once.' }), value);
    value.select();
  });
  section.append(el('h3', { text: 'Tokens' }), tokens.length ? tl : el('p', { text: 'No tokens besides the one you signed in with.' }), tform, shown);

  const hooks = (await api('GET', '/v1/webhooks')).webhooks;
  const hl = el('ul', { id: 'webhooks', class: 'rows' });
  for (const h of hooks) {
    hl.append(el('li', {}, el('span', { text: h.url + (h.lastError ? ' \u2014 ' + h.lastError : '') }),
      el('button', { type: 'button', class: 'danger', text: 'Delete', 'aria-label': 'Delete webhook ' + h.url,
        onclick: async () => { await api('DELETE', '/v1/webhooks/' + encodeURIComponent(h.id)); ctx.show('access'); } })));
  }
  const url = el('input', { id: 'webhook-url', type: 'url', required: true });
  const hform = el('form', { id: 'webhook-form' },
    el('label', { for: 'webhook-url', text: 'Webhook URL' }), url,
    el('button', { type: 'submit', text: 'Add webhook' }));
  hform.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('POST', '/v1/webhooks', { url: url.value });
      ctx.show('access');
    } catch (err) {
      ctx.say('Webhook not added: ' + err.message);
    }
  });
  section.append(el('h3', { text: 'Webhooks' }), hooks.length ? hl : el('p', { text: 'None.' }), hform);
}
