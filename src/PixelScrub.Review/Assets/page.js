// PixelScrub review page: overview and file views over the JSON API, keyboard first. No libraries.
'use strict';
const csrf = document.querySelector('meta[name=csrf]').content;
const $ = id => document.getElementById(id);
const PRESETS = [['file', 'file window'], ['minmax', 'min-max'], ['soft', 'soft tissue'], ['bone', 'bone'], ['lung', 'lung'], ['brain', 'brain']];
const state = { overview: null, visible: [], selected: 0, file: null, frame: 0, preset: 'file', drawn: [], drag: null, like: null };

// The token came in the URL once; the server has set its cookie, so the address bar need not show it.
if (location.search.includes('token=')) history.replaceState(null, '', '/' + location.hash);

async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PixelScrub-CSRF': csrf }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const type = res.headers.get('Content-Type') || '';
  const data = type.startsWith('application/json') ? await res.json() : { ok: false, message: await res.text() };
  if (!res.ok && data.ok === undefined) data.ok = false;
  return data;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { if (k === 'class') e.className = v; else e.setAttribute(k, v); }
  for (const c of children) e.append(c);
  return e;
}

// ---- overview -------------------------------------------------------------------------------------------------
async function showOverview() {
  $('file-page').hidden = true; $('overview').hidden = false;
  $('keys').textContent = 'j/k move  Enter open  / search';
  state.overview = await api('/api/overview');
  const o = state.overview;
  $('where').textContent = `${o.output} · reviewer ${o.reviewer} · rules written to ${o.rulesFile}`;
  const counts = $('counts'); counts.replaceChildren();
  for (const [status, n] of Object.entries(o.counts)) {
    const chip = el('span', { 'data-status': status }, `${status}: ${n}`);
    chip.onclick = () => { $('f-status').value = status; render(); };
    counts.append(chip);
  }
  fill('f-status', o.files.map(f => f.status));
  fill('f-review', o.files.map(f => f.review).filter(Boolean));
  fill('f-reason', o.files.map(f => f.reason).filter(Boolean));
  fill('f-signature', o.files.map(f => f.signature).filter(Boolean));
  fill('f-rule', o.files.flatMap(f => f.rules));
  render();
}

function fill(id, values) {
  const select = $(id), keep = select.value, first = select.options[0];
  select.replaceChildren(first, ...[...new Set(values)].sort().map(v => el('option', { value: v }, v)));
  select.value = keep;
}

function render() {
  const q = $('search').value.trim().toLowerCase();
  const want = { status: $('f-status').value, review: $('f-review').value, reason: $('f-reason').value, signature: $('f-signature').value, rule: $('f-rule').value };
  const files = state.overview.files.filter(f =>
    (!want.status || f.status === want.status) && (!want.review || f.review === want.review) && (!want.reason || f.reason === want.reason) &&
    (!want.signature || f.signature === want.signature) && (!want.rule || f.rules.includes(want.rule)) &&
    (!q || [f.name, f.reason, f.signature, ...f.rules].some(s => s.toLowerCase().includes(q))));
  state.visible = files.map(f => f.id);
  state.selected = Math.min(state.selected, Math.max(0, files.length - 1));
  const body = $('files').tBodies[0]; body.replaceChildren();
  files.forEach((f, i) => {
    const tr = el('tr', { 'data-id': f.id, class: i === state.selected ? 'sel' : '' },
      el('td', {}, f.name), el('td', { class: 'st-' + f.status }, f.status), el('td', {}, f.review), el('td', {}, f.reason),
      el('td', {}, f.signature), el('td', {}, f.rules.join(', ')));
    tr.onclick = () => open(f.id);
    body.append(tr);
  });
  $('shown').textContent = `${files.length} of ${state.overview.files.length} files shown`;
}

function open(id) { location.hash = '#/file/' + id; }

// ---- a file ---------------------------------------------------------------------------------------------------
async function showFile(id, keepResult) {
  $('overview').hidden = true; $('file-page').hidden = false;
  $('keys').textContent = 'n/p next/previous  drag draw  u undo  a apply  A apply to all like this  r release  k keep  ,/. frame  1-6 window  Esc overview';
  if (!state.overview) state.overview = await api('/api/overview').catch(() => null);
  const f = await api('/api/files/' + id);
  if (f.ok === false) { $('result').textContent = f.message; return; }
  if (!state.file || state.file.id !== f.id) { state.drawn = []; state.frame = 0; }
  state.file = f; state.like = null;
  $('like-panel').hidden = true; $('note-box').hidden = true;
  if (!keepResult) { $('result').textContent = ''; $('result').className = ''; }
  $('name').textContent = f.name;
  $('badge').textContent = f.status + (f.review ? ' · ' + f.review : '') + (f.note ? ' · note: ' + f.note : '');
  $('badge').className = 'st-' + f.status;
  $('frame-box').hidden = f.frames <= 1;
  $('frame').max = f.frames; $('frame').value = state.frame + 1;
  $('presets').replaceChildren(...(f.grey ? PRESETS.map(([key, label], i) => {
    const b = el('button', { 'data-preset': key, class: key === state.preset ? 'on' : '' }, `${label} (${i + 1})`);
    b.onclick = () => { state.preset = key; showImages(); markPreset(); };
    return b;
  }) : []));
  for (const b of ['apply', 'apply-all', 'release', 'keep', 'undo']) $(b).disabled = !f.canDecide;
  $('reason').textContent = f.reason || '(none)';
  $('matches').replaceChildren(...f.matches.map(m => el('li', {}, `${m.group}: ${m.label}${m.source ? ' (' + m.source + ')' : ''}${m.reason ? ' — ' + m.reason : ''}${m.regions.length ? ' [' + m.regions.join('; ') + ']' : ''}`)));
  $('notes').replaceChildren(...f.notes.map(n => el('li', {}, n)));
  $('header').replaceChildren(...f.header.map(h => el('tr', {}, el('td', {}, h.name), el('td', {}, h.tag), el('td', {}, h.value))));
  $('signature').textContent = f.signature ? 'device signature: ' + f.signature : '';
  $('audit').replaceChildren(...f.audit.map(a => el('li', {}, `${a.time} ${a.reviewer}: ${a.action}${a.regions ? ' [' + a.regions + ']' : ''}${a.rule ? ' rule ' + a.rule : ''}${a.result ? ' → ' + a.result : ''}`)));
  showImages();
}

function markPreset() { for (const b of $('presets').children) b.classList.toggle('on', b.dataset.preset === state.preset); }

function regionsParam() { return state.drawn.map(r => r.join(',')).join(';'); }

// Both images at one size: as wide as half the window allows and no taller than 70% of it (small images are enlarged,
// which makes drawing easier); the overlays follow the image box, in image coordinates.
function sizeImages() {
  const f = state.file;
  if (!f || !f.columns || !f.rows) return;
  const width = Math.floor(Math.min((window.innerWidth - 60) / 2, window.innerHeight * 0.7 * f.columns / f.rows));
  for (const id of ['original-img', 'cleaned-img']) $(id).style.width = width + 'px';
}

function showImages() {
  const f = state.file, q = `?preset=${state.preset}`;
  sizeImages();
  $('frame-no').textContent = `${state.frame + 1} of ${f.frames}`;
  $('original-img').src = `/img/${f.id}/original/${state.frame}${q}`;
  const written = f.status === 'cleaned' || f.status === 'passed';
  $('cleaned-caption').textContent = written ? `written to the output (${f.status})` : 'cleaned preview (rule regions and your rectangles, not written yet)';
  $('cleaned-img').src = `/img/${f.id}/cleaned/${state.frame}${q}${!written && state.drawn.length ? '&r=' + regionsParam() : ''}`;
  drawBoxes();
}

function drawBoxes() {
  const f = state.file, NS = 'http://www.w3.org/2000/svg';
  for (const id of ['draw-layer', 'cleaned-layer']) {
    const svg = $(id);
    svg.setAttribute('viewBox', `0 0 ${f.columns || 1} ${f.rows || 1}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.replaceChildren();
    if (id === 'cleaned-layer') continue;
    const boxes = f.boxes.filter(b => b.frame == null || b.frame === state.frame).map(b => [b, b.kind])
      .concat(state.drawn.map((r, i) => [{ x0: r[0], y0: r[1], x1: r[2], y1: r[3], label: `drawn ${i + 1}` }, 'drawn']));
    if (state.drag) boxes.push([state.drag, 'drawn']);
    for (const [b, kind] of boxes) {
      const rect = document.createElementNS(NS, 'rect');
      const x = Math.min(b.x0, b.x1), y = Math.min(b.y0, b.y1);
      rect.setAttribute('x', x); rect.setAttribute('y', y);
      rect.setAttribute('width', Math.abs(b.x1 - b.x0)); rect.setAttribute('height', Math.abs(b.y1 - b.y0));
      rect.setAttribute('class', kind);
      svg.append(rect);
      if (b.label) {
        const t = document.createElementNS(NS, 'text');
        t.setAttribute('x', x + 3); t.setAttribute('y', y + Math.max(12, Math.abs(b.y1 - b.y0)) - 3);
        t.setAttribute('font-size', Math.max(10, (f.rows || 400) / 40));
        t.textContent = b.label;
        svg.append(t);
      }
    }
  }
  $('drawn').textContent = state.drawn.length ? `${state.drawn.length} rectangle(s): ${regionsParam()}` : '';
}

function imagePoint(ev) {
  const img = $('original-img'), box = img.getBoundingClientRect(), f = state.file;
  const x = Math.round((ev.clientX - box.left) * f.columns / box.width), y = Math.round((ev.clientY - box.top) * f.rows / box.height);
  return [Math.max(0, Math.min(f.columns, x)), Math.max(0, Math.min(f.rows, y))];
}

function startDraw(ev) {
  if (!state.file || !state.file.canDecide || ev.button !== 0) return;
  ev.preventDefault();
  const [x, y] = imagePoint(ev);
  state.drag = { x0: x, y0: y, x1: x, y1: y };
  drawBoxes();
}

function moveDraw(ev) {
  if (!state.drag) return;
  const [x, y] = imagePoint(ev);
  state.drag.x1 = x; state.drag.y1 = y;
  drawBoxes();
}

function endDraw(ev) {
  if (!state.drag) return;
  moveDraw(ev);
  const d = state.drag; state.drag = null;
  const r = [Math.min(d.x0, d.x1), Math.min(d.y0, d.y1), Math.max(d.x0, d.x1), Math.max(d.y0, d.y1)];
  if (r[2] - r[0] >= 2 && r[3] - r[1] >= 2) state.drawn.push(r);
  showImages();
}

function say(result) {
  const lines = [result.message, ...(result.files || []).map(f => `${f.name}: ${f.status}${f.output ? ' → ' + f.output : ''}${f.reason && f.status !== 'cleaned' ? ' (' + f.reason + ')' : ''}`)];
  $('result').textContent = lines.join('\n');
  $('result').className = result.ok ? 'ok' : 'bad';
}

async function decide(action, body) {
  const f = state.file;
  const result = await api(`/api/files/${f.id}/${action}`, body);
  say(result);
  if (result.ok) state.drawn = []; // the overview's order stays for next/previous; it is fetched afresh when shown
  await showFile(f.id, true);
}

async function applyAll() {
  const f = state.file;
  if (!state.drawn.length) { say({ ok: false, message: 'draw at least one rectangle first' }); return; }
  const like = await api(`/api/files/${f.id}/like`);
  state.like = like;
  $('like-count').textContent = `${like.count} quarantined file(s) with the device signature ${like.signature} will be cleaned with ${state.drawn.length} rectangle(s):`;
  $('like-strip').replaceChildren(...like.ids.map(id => el('img', { src: `/img/${id}/cleaned/0?w=160&r=${regionsParam()}`, alt: id, 'data-id': id })));
  $('like-panel').hidden = false;
  $('like-confirm').focus();
}

async function confirmAll() {
  $('like-panel').hidden = true; state.like = null;
  await decide('apply-all', { regions: state.drawn });
}

function neighbour(step) {
  const f = state.file, list = state.overview ? state.visible : [];
  const i = list.indexOf(f.id);
  const id = i >= 0 ? list[i + step] : (step > 0 ? f.next : f.previous);
  if (id) open(id);
}

function setFrame(n) {
  const f = state.file;
  state.frame = Math.max(0, Math.min(f.frames - 1, n));
  $('frame').value = state.frame + 1;
  showImages();
}

function keepNote() {
  $('note-box').hidden = false;
  $('note-input').value = state.file.note || '';
  $('note-input').focus();
}

// ---- keys and wiring ------------------------------------------------------------------------------------------
document.addEventListener('keydown', ev => {
  const typing = ev.target instanceof HTMLInputElement && ev.target.type !== 'range';
  const onFile = !$('file-page').hidden;
  if (typing) {
    if (ev.target.id === 'note-input' && ev.key === 'Enter') { ev.preventDefault(); $('note-box').hidden = true; decide('keep', { note: $('note-input').value }); }
    else if (ev.key === 'Escape') { ev.target.blur(); $('note-box').hidden = true; }
    return;
  }
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (!onFile) {
    const rows = state.visible.length;
    if (ev.key === 'j' || ev.key === 'ArrowDown') { state.selected = Math.min(rows - 1, state.selected + 1); render(); }
    else if (ev.key === 'k' || ev.key === 'ArrowUp') { state.selected = Math.max(0, state.selected - 1); render(); }
    else if (ev.key === 'Enter' && rows) open(state.visible[state.selected]);
    else if (ev.key === '/') { ev.preventDefault(); $('search').focus(); }
    else return;
    ev.preventDefault();
    return;
  }
  if (state.like) {
    if (ev.key === 'Enter') { ev.preventDefault(); confirmAll(); }
    else if (ev.key === 'Escape') { $('like-panel').hidden = true; state.like = null; }
    return;
  }
  const f = state.file;
  switch (ev.key) {
    case 'Escape': location.hash = '#/'; break;
    case 'n': case 'ArrowRight': neighbour(1); break;
    case 'p': case 'ArrowLeft': neighbour(-1); break;
    case 'u': state.drawn.pop(); showImages(); break;
    case 'a': if (f.canDecide) decide('apply', { regions: state.drawn }); break;
    case 'A': if (f.canDecide) applyAll(); break;
    case 'r': if (f.canDecide) decide('release', {}); break;
    case 'k': if (f.canDecide) keepNote(); break;
    case ',': setFrame(state.frame - 1); break;
    case '.': setFrame(state.frame + 1); break;
    default: {
      const i = Number(ev.key) - 1;
      if (f.grey && i >= 0 && i < PRESETS.length) { state.preset = PRESETS[i][0]; showImages(); markPreset(); } else return;
    }
  }
  ev.preventDefault();
});

$('search').addEventListener('input', () => { state.selected = 0; render(); });
for (const id of ['f-status', 'f-review', 'f-reason', 'f-signature', 'f-rule']) $(id).addEventListener('change', () => { state.selected = 0; render(); });
$('back').onclick = () => { location.hash = '#/'; };
$('prev').onclick = () => neighbour(-1);
$('next').onclick = () => neighbour(1);
$('apply').onclick = () => decide('apply', { regions: state.drawn });
$('apply-all').onclick = applyAll;
$('release').onclick = () => decide('release', {});
$('keep').onclick = keepNote;
$('undo').onclick = () => { state.drawn.pop(); showImages(); };
$('like-confirm').onclick = confirmAll;
$('like-cancel').onclick = () => { $('like-panel').hidden = true; state.like = null; };
$('frame').addEventListener('input', () => setFrame(Number($('frame').value) - 1));
$('draw-layer').addEventListener('pointerdown', startDraw);
window.addEventListener('pointermove', moveDraw);
window.addEventListener('pointerup', endDraw);

function route() {
  const m = location.hash.match(/^#\/file\/([0-9a-f]+)$/);
  if (m) showFile(m[1]); else showOverview();
}
window.addEventListener('hashchange', route);
window.addEventListener('resize', sizeImages);
route();
