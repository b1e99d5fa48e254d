// seams report: builds the page from the model in #seams-data. Every
// element is made with createElement and textContent, never from markup,
// because every string in the model comes from the analyzed repository.
//
// This file holds the shell (header, navigation, routing) and the helpers
// the views share; each other file draws one view. Views render the first
// time they are shown, so the first paint costs one view.

var M, V, D; // the model, the vocabulary, what is derived from the model
var views = {}; // data-view name -> {title, nav, render(section), show(section), section, rendered}
var state = { view: '', context: '' };
var DOCS = 'https://github.com/seams-tool/seams/blob/main/docs/json.md';

function start() {
  var t0 = performance.now();
  V = JSON.parse(document.getElementById('seams-vocabulary').textContent);
  readModel(function (model) {
    M = model;
    init();
    // How long the page took: its script alone, and since navigation began
    // (parsing the page and inflating the data included).
    document.body.setAttribute('data-ready', String(Math.round(performance.now() - t0)));
    document.body.setAttribute('data-ready-since-navigation', String(Math.round(performance.now())));
    window.seamsReady = true;
  });
}

// readModel inflates the model: gzipped JSON in base64, read with the
// browser's DecompressionStream from the page itself (the policy allows
// no fetch).
function readModel(done) {
  var node = document.getElementById('seams-data');
  if (node.getAttribute('data-encoding') !== 'gzip+base64') { done(JSON.parse(node.textContent)); return; }
  var text = JSON.parse(node.textContent);
  if (typeof DecompressionStream !== 'function') {
    document.getElementById('app').append(el('p', { class: 'fatal' }, 'This browser cannot inflate the report\'s data (no DecompressionStream): open it in a current Chrome, Edge, Firefox or Safari, or read seams.json.'));
    window.seamsReady = true;
    return;
  }
  var bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(text);
  else {
    var bin = atob(text);
    bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  new Response(stream).text().then(function (json) { done(JSON.parse(json)); }).catch(function (err) {
    document.getElementById('app').append(el('p', { class: 'fatal' }, 'The report\'s data could not be read: ' + err));
    window.seamsReady = true;
  });
}

// ---- helpers

function arr(x) { return Array.isArray(x) ? x : []; }

// later runs f in a task of its own, after the browser has painted what
// came before: a view's heavy part must not hold the page in one long
// task with its frame.
function later(f) { setTimeout(f, 0); }

// timed runs f and records how long it took, for the tests to report the
// costly steps of a view.
var timings = [];
function timed(name, f) {
  var t0 = performance.now();
  try { return f(); } finally { timings.push({ name: name, ms: Math.round(performance.now() - t0) }); timings.splice(0, timings.length - 100); }
}

function el(tag, attrs) {
  var e = document.createElement(tag);
  if (attrs) setAttrs(e, attrs);
  for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
  return e;
}
function setAttrs(e, attrs) {
  for (var k in attrs) {
    var v = attrs[k];
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k === 'onclick') e.addEventListener('click', v);
    else if (k === 'oninput') e.addEventListener('input', v);
    else if (k === 'onchange') e.addEventListener('change', v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
}
function append(e, c) {
  if (c === null || c === undefined || c === false) return;
  if (Array.isArray(c)) { c.forEach(function (x) { append(e, x); }); return; }
  e.append(c instanceof Node ? c : document.createTextNode(String(c)));
}
var SVGNS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  var e = document.createElementNS(SVGNS, tag);
  for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}
function fmt(x, d) { return (x === undefined || x === null || !isFinite(x)) ? (x === Infinity ? '∞' : '') : Number(x).toFixed(d === undefined ? 2 : d); }
// num writes a count with thousands separators (toLocaleString is
// slow enough to matter over thousands of cells).
function num(n) {
  if (n === undefined || n === null) return '';
  if (!Number.isInteger(n)) return Number(n).toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
function plural(n, what) { return n === 1 ? '1 ' + what : num(n) + ' ' + what + 's'; }
function sum(xs, f) { var s = 0; xs.forEach(function (x) { s += f ? f(x) : x; }); return s; }
function clamp(x, lo, hi) { return Math.max(lo, Math.min(hi, x)); }
function cssVar(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
function byteLess(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

// ramp interpolates between colour stops, t in 0..1.
function ramp(stops) {
  var rgb = stops.map(function (h) { return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]; });
  return function (t) {
    t = clamp(isFinite(t) ? t : 0, 0, 1) * (rgb.length - 1);
    var i = Math.min(rgb.length - 2, Math.floor(t)), f = t - i, a = rgb[i], b = rgb[i + 1];
    return 'rgb(' + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); }).join(',') + ')';
  };
}
var scales = {
  order: { label: 'extraction order', ramp: ramp(['#1a7f4b', '#7fbf6a', '#e9e2b0', '#c9ccd3']), low: 'first', high: 'last' },
  pressure: { label: 'change pressure', ramp: ramp(['#fff1d6', '#f6b04d', '#c4530f']), low: '0 (quiet)', high: 'hot' },
  risk: { label: 'extraction risk', ramp: ramp(['#f4ecf7', '#d88aa0', '#9e1b3c']), low: '0 (easy)', high: 'hard' },
  heat: { label: 'change in the window', ramp: ramp(['#eef1f6', '#f6c667', '#e0672f', '#9e1b1b']) }
};

// tip is the one floating read-out, next to the cursor.
var tipEl = null;
function showTip(x, y, lines) {
  if (!tipEl) { tipEl = el('div', { class: 'tip', role: 'status' }); document.body.append(tipEl); }
  tipEl.textContent = '';
  arr(lines).forEach(function (l, i) { tipEl.append(el('div', i === 0 ? { class: 'tip-head' } : null, l)); });
  tipEl.style.display = 'block';
  var w = tipEl.offsetWidth, h = tipEl.offsetHeight;
  var left = x + 14, top = y + 14;
  if (left + w > window.innerWidth - 4) left = x - w - 14;
  if (top + h > window.innerHeight - 4) top = y - h - 14;
  tipEl.style.left = Math.max(4, left) + 'px';
  tipEl.style.top = Math.max(4, top) + 'px';
}
function hideTip() { if (tipEl) tipEl.style.display = 'none'; }

// explain gives an element a popover saying what a figure is, which way
// it is better, and where the docs say more: on hover and on focus.
var popEl = null, popFor = null;
function explain(target, what, better, anchor) {
  target.setAttribute('tabindex', target.getAttribute('tabindex') || '0');
  target.classList.add('explained');
  target.setAttribute('aria-label', (target.textContent || '') + '. ' + what + (better ? ' ' + better + ' is better.' : ''));
  function open() {
    if (!popEl) {
      popEl = el('div', { class: 'popover', role: 'tooltip' });
      popEl.addEventListener('mouseleave', close);
      document.body.append(popEl);
    }
    popFor = target;
    popEl.textContent = '';
    popEl.append(el('p', null, what));
    if (better) popEl.append(el('p', { class: 'better' }, better === 'higher' ? '↑ Higher is better.' : better === 'lower' ? '↓ Lower is better.' : better));
    popEl.append(el('a', { href: DOCS + (anchor ? '#' + anchor : ''), target: '_blank', rel: 'noopener' }, 'docs/json.md' + (anchor ? '#' + anchor : '')));
    popEl.style.display = 'block';
    var r = target.getBoundingClientRect();
    var left = clamp(r.left + window.scrollX, 4, window.scrollX + window.innerWidth - popEl.offsetWidth - 8);
    popEl.style.left = left + 'px';
    popEl.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }
  function close(ev) {
    if (ev && ev.relatedTarget && (popEl.contains(ev.relatedTarget) || target.contains(ev.relatedTarget))) return;
    if (popEl && popFor === target) popEl.style.display = 'none';
  }
  target.addEventListener('mouseenter', open);
  target.addEventListener('focus', open);
  target.addEventListener('mouseleave', close);
  target.addEventListener('blur', close);
  target.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') close(); });
  return target;
}

// info is a small focusable "?" that explains a figure or a chart.
function info(what, better, anchor) { return explain(el('span', { class: 'info', role: 'button' }, '?'), what, better, anchor); }

// download offers text as a file.
function download(name, mime, text) {
  var url = URL.createObjectURL(new Blob([text], { type: mime }));
  var a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}

// csv writes rows as CSV. A cell that a spreadsheet would run as a
// formula (=, +, -, @ first) gets a leading quote: the data is the
// repository's.
function csv(rows) {
  return rows.map(function (r) {
    return r.map(function (c) {
      var s = c === undefined || c === null ? '' : String(c);
      if (/^[=+\-@\t\r]/.test(s) && !/^-?[0-9.]+$/.test(s)) s = "'" + s;
      return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }).join(',');
  }).join('\r\n') + '\r\n';
}

function table(head, rows, numeric) {
  numeric = numeric || [];
  return el('table', null,
    el('thead', null, el('tr', null, head.map(function (h, i) { return el('th', numeric[i] ? { class: 'num', scope: 'col' } : { scope: 'col' }, h); }))),
    el('tbody', null, rows));
}
function row(cells, numeric, attrs) {
  numeric = numeric || [];
  return el('tr', attrs || null, cells.map(function (c, i) { return el('td', numeric[i] === true ? { class: 'num' } : (numeric[i] ? { class: numeric[i] } : null), c); }));
}
// rowsUpTo appends rows in pages of n, with a button for the rest: a
// context with thousands of cut imports must not block the page.
function rowsUpTo(tbody, items, n, make) {
  var shown = 0;
  function more() {
    var end = Math.min(items.length, shown + n);
    var frag = document.createDocumentFragment();
    for (; shown < end; shown++) frag.append(make(items[shown]));
    tbody.append(frag);
    if (shown < items.length) {
      var b = el('button', { class: 'more', onclick: function () { tr.remove(); more(); } }, 'show ' + Math.min(n, items.length - shown) + ' more of ' + num(items.length - shown));
      var tr = el('tr', null, el('td', { colspan: 99 }, b));
      tbody.append(tr);
    }
  }
  more();
}
function bar(x, color) { return el('span', { class: 'bar', style: 'width:' + Math.round(clamp(x, 0, 1) * 50) + 'px;background:' + color }); }
function ctxLink(id, label) {
  var c = D.ctxById[id];
  return el('a', { href: '#context=' + encodeURIComponent(id) + '&view=context', class: 'ctx' }, label || (c ? c.order + '. ' + c.name : id));
}
function ctxName(id) { var c = D.ctxById[id]; return c ? c.order + '. ' + c.name : (id === 'kernel' ? 'shared kernel' : id); }
function short(p, n) { n = n || 2; var s = p.split('/'); return s.length <= n ? p : '…/' + s.slice(-n).join('/'); }

// ---- the model, normalized and indexed

function normalize() {
  // Older or hand-made models may hold null for an empty list.
  ['packages', 'imports', 'cochange', 'tables', 'contexts', 'links', 'coupling', 'unplaced', 'warnings'].forEach(function (k) { M[k] = arr(M[k]); });
  M.links.forEach(function (l) { l.tables = arr(l.tables); l.strength = l.strength || {}; });
  M.tables.forEach(function (t) { t.readers = arr(t.readers); t.writers = arr(t.writers); t.ddl = arr(t.ddl); });
  M.packages.forEach(function (p) { p.tables = arr(p.tables); p.loc = p.loc || 0; p.sources = arr(p.sources); });
  M.contexts.forEach(function (c) {
    c.packages = arr(c.packages); c.tables = arr(c.tables);
    c.cut = c.cut || {};
    ['inbound', 'outbound', 'tables', 'cochange'].forEach(function (k) { c.cut[k] = arr(c.cut[k]); });
    c.cut.tables.forEach(function (t) { t.writers = arr(t.writers); t.readers = arr(t.readers); });
    c.pressure = c.pressure || { score: 0 }; c.risk = c.risk || { score: 0 };
    c.pressure.inputs = arr(c.pressure.inputs); c.risk.inputs = arr(c.risk.inputs);
  });
  M.signals = M.signals || {};
  V.signals.forEach(function (s) { M.signals[s.name] = M.signals[s.name] || { status: 'off', detail: '' }; });
  M.repo = M.repo || {}; M.tool = M.tool || {}; M.settings = M.settings || {};
  M.repo.modules = arr(M.repo.modules);
}

function derive() {
  D = { ctxById: {}, ctxIndex: {}, pkgIndex: {}, ctxOfPkg: [], kernel: [], unplaced: [] };
  M.packages.forEach(function (p, i) { D.pkgIndex[p.path] = i; });
  M.contexts.forEach(function (c, i) {
    D.ctxById[c.id] = c; D.ctxIndex[c.id] = i;
    c.members = c.packages.map(function (p) { return D.pkgIndex[p]; }).filter(function (i) { return i !== undefined; });
  });
  D.ctxOfPkg = M.packages.map(function (p) { return p.context && D.ctxIndex[p.context] !== undefined ? D.ctxIndex[p.context] : -1; });
  M.packages.forEach(function (p, i) { if (D.ctxOfPkg[i] < 0) (p.shared ? D.kernel : D.unplaced).push(i); });
  D.maxLoc = Math.max.apply(null, M.contexts.map(function (c) { return c.loc; }).concat([1]));
  D.maxRev = 1;
  M.packages.forEach(function (p) { if (p.history && p.history.window) D.maxRev = Math.max(D.maxRev, p.history.window.revisions); });
  D.layer = {};
  V.layers.forEach(function (l) { D.layer[l.name] = l; });
  D.metric = {};
  arr(V.metrics).forEach(function (m) { D.metric[m.name] = m; });
}

// ---- the shell

var NAV = [
  ['ranking', 'Ranking'], ['map', 'Map'], ['context-dsm', 'Context matrix'], ['package-dsm', 'Package matrix'],
  ['treemap', 'Hotspots'], ['whatif', 'What-if'], ['plan', 'Plan'], ['tables', 'Tables'], ['warnings', 'Warnings'], ['trend', 'Trend']
];

function init() {
  normalize();
  derive();
  var app = document.getElementById('app');
  var title = app.getAttribute('data-title') || 'repository';
  var head = M.repo.head ? M.repo.head.slice(0, 12) : '';
  var mods = M.repo.modules.length > 1 ? ' · ' + plural(M.repo.modules.length, 'module') : '';
  var header = el('header', null,
    el('h1', null, title),
    el('div', { class: 'sub' }, 'candidate bounded contexts · ' + plural(M.packages.length, 'package') + ', ' + plural(M.contexts.length, 'context') + mods +
      (head ? ' · commit ' + head : '') + ' · seams ' + (M.tool.version || '')),
    signalChips());
  // The trend view exists when seams analyze found a trend beside the
  // report (seams trend --out to the same directory).
  var trendData = document.getElementById('seams-trend');
  if (!trendData) delete views.trend;
  var navs = NAV.filter(function (n) { return views[n[0]]; });
  var nav = el('nav', { 'aria-label': 'views' }, navs.map(function (n) {
    return el('a', { href: '#view=' + n[0], 'data-nav': n[0] }, n[1]);
  }));
  var main = el('main', { id: 'main' });
  app.append(header, nav, main);
  Object.keys(views).forEach(function (name) {
    var v = views[name];
    v.section = el('section', { 'data-view': name, hidden: true, 'aria-label': v.title, tabindex: '-1' });
    main.append(v.section);
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('beforeprint', function () { ['ranking', 'map', 'plan'].forEach(ensure); });
  window.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { hideTip(); if (popEl) popEl.style.display = 'none'; } });
  route();
  // What the matrices and the what-if share is made while the reader
  // reads the first view, one piece a task.
  var idle = window.requestIdleCallback || function (f) { setTimeout(f, 50); };
  idle(function () { timed('engine', engine); idle(function () { timed('units', units); }); });
  // Constant hooks for tests and the curious; nothing from the data is
  // ever put on window.
  window.seams = hooks;
}
var hooks = { timings: function () { return timings.splice(0); } };

function signalChips() {
  return el('div', { class: 'chips' }, V.signals.map(function (s) {
    var h = M.signals[s.name];
    var chip = el('a', { href: '#view=warnings', class: 'chip status ' + h.status }, s.label + ': ' + h.status);
    chip.title = h.detail || '';
    return chip;
  }));
}

function params() {
  var p = new URLSearchParams(location.hash.replace(/^#/, ''));
  return { view: p.get('view') || '', context: p.get('context') || '', pkg: p.get('package') || '' };
}

// route shows the view the address names: #view=map, #context=<id>
// (the context's detail), or both.
function route() {
  var p = params();
  var view = p.view || (p.context ? 'context' : 'ranking');
  if (!views[view]) view = 'ranking';
  if (p.context && D.ctxById[p.context]) state.context = p.context;
  state.view = view;
  state.pkg = p.pkg;
  Object.keys(views).forEach(function (name) { views[name].section.hidden = name !== view; });
  document.querySelectorAll('nav a').forEach(function (a) {
    if (a.getAttribute('data-nav') === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  hideTip();
  ensure(view);
  var v = views[view];
  if (v.show) v.show(v.section, p);
  document.title = (views[view].title) + ' · seams: ' + (document.getElementById('app').getAttribute('data-title') || '');
}

function ensure(name) {
  var v = views[name];
  if (!v || v.rendered) return;
  v.rendered = true;
  timed('render ' + name, function () { v.render(v.section); });
  v.section.setAttribute('data-rendered', 'true');
}

// select makes a context the current one, as a permalink records it,
// without a new history entry for every click.
function select(id, view) {
  if (!D.ctxById[id]) return;
  state.context = id;
  var h = '#context=' + encodeURIComponent(id) + '&view=' + (view || state.view);
  if (location.hash !== h) history.replaceState(null, '', h);
  Object.keys(views).forEach(function (name) { var v = views[name]; if (v.rendered && v.selected) v.selected(id); });
}

function sectionHead(s, title, help, extra) {
  s.append(el('div', { class: 'view-head' }, el('h2', null, title), extra || null));
  if (help) s.append(el('p', { class: 'help' }, help));
}

// ---- pan and zoom for the SVG views

// zoomable makes an SVG pannable (drag) and zoomable (wheel, buttons);
// layer is the group it moves. onZoom(k) lets labels keep their size.
function zoomable(svgEl, layer, onZoom) {
  var z = { k: 1, x: 0, y: 0 };
  function apply() { layer.setAttribute('transform', 'translate(' + z.x + ',' + z.y + ') scale(' + z.k + ')'); if (onZoom) onZoom(z.k); }
  function at(ev) {
    var r = svgEl.getBoundingClientRect(), vb = svgEl.viewBox.baseVal;
    var s = Math.max(vb.width / r.width, vb.height / r.height);
    return { x: (ev.clientX - r.left) * s, y: (ev.clientY - r.top) * s };
  }
  function zoomBy(f, c) {
    var k = clamp(z.k * f, 0.2, 12);
    f = k / z.k;
    z.x = c.x - (c.x - z.x) * f; z.y = c.y - (c.y - z.y) * f; z.k = k;
    apply();
  }
  svgEl.addEventListener('wheel', function (ev) { ev.preventDefault(); zoomBy(Math.exp(-ev.deltaY * 0.0015), at(ev)); }, { passive: false });
  var drag = null;
  svgEl.addEventListener('pointerdown', function (ev) { if (ev.button !== 0 || ev.target.closest('[data-node]')) return; drag = { p: at(ev), x: z.x, y: z.y }; svgEl.setPointerCapture(ev.pointerId); });
  svgEl.addEventListener('pointermove', function (ev) { if (!drag) return; var p = at(ev); z.x = drag.x + p.x - drag.p.x; z.y = drag.y + p.y - drag.p.y; apply(); });
  svgEl.addEventListener('pointerup', function () { drag = null; });
  var vb = function () { return svgEl.viewBox.baseVal; };
  return {
    zoomIn: function () { zoomBy(1.3, { x: vb().width / 2, y: vb().height / 2 }); },
    zoomOut: function () { zoomBy(1 / 1.3, { x: vb().width / 2, y: vb().height / 2 }); },
    reset: function () { z = { k: 1, x: 0, y: 0 }; apply(); },
    k: function () { return z.k; }
  };
}

// serializeSVG writes an SVG element as a standalone file, with the
// colours the page's stylesheet gives it inlined.
function serializeSVG(svgEl) {
  var copy = svgEl.cloneNode(true);
  copy.setAttribute('xmlns', SVGNS);
  var style = document.createElementNS(SVGNS, 'style');
  style.textContent = 'text{font-family:Helvetica,Arial,sans-serif;fill:' + cssVar('--ink') + '} .edge{fill:none} .halo{stroke:' + cssVar('--bg') + ';stroke-width:3px;paint-order:stroke}';
  copy.insertBefore(style, copy.firstChild);
  var bg = document.createElementNS(SVGNS, 'rect');
  bg.setAttribute('width', '100%'); bg.setAttribute('height', '100%'); bg.setAttribute('fill', cssVar('--panel'));
  copy.insertBefore(bg, style.nextSibling);
  return new XMLSerializer().serializeToString(copy);
}

// exportPNG renders an SVG to a PNG file, scale times its view box.
function exportPNG(svgEl, name, scale) {
  var vb = svgEl.viewBox.baseVal, w = Math.round(vb.width * scale), h = Math.round(vb.height * scale);
  var img = new Image();
  img.onload = function () {
    var c = el('canvas', { width: w, height: h });
    c.getContext('2d').drawImage(img, 0, 0, w, h);
    c.toBlob(function (b) {
      var url = URL.createObjectURL(b), a = el('a', { href: url, download: name });
      document.body.append(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  };
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(serializeSVG(svgEl));
}

// placeLabels drops labels that would overlap one placed before them:
// items come most important first, each {x, y, w, h, node}.
function placeLabels(items) {
  var placed = [];
  items.forEach(function (it) {
    var ok = placed.every(function (p) { return it.x + it.w < p.x || p.x + p.w < it.x || it.y + it.h < p.y || p.y + p.h < it.y; });
    it.node.style.display = ok ? '' : 'none';
    if (ok) placed.push(it);
  });
}

// seeded is a deterministic random number generator (mulberry32).
function seeded(seed) {
  var a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    var t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
