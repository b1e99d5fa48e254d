// seams report: builds the page from the model in #seams-data. Every
// element is made with createElement and textContent, never from markup,
// because every string in the model comes from the analyzed repository.
(function () {
  'use strict';
  var t0 = performance.now();
  var M = JSON.parse(document.getElementById('seams-data').textContent);
  var app = document.getElementById('app');
  // Older or hand-made models may hold null for an empty list.
  function arr(x) { return Array.isArray(x) ? x : []; }
  ['packages', 'imports', 'cochange', 'tables', 'contexts', 'unplaced', 'warnings'].forEach(function (k) { M[k] = arr(M[k]); });
  M.tables.forEach(function (t) { t.readers = arr(t.readers); t.writers = arr(t.writers); t.ddl = arr(t.ddl); });
  M.contexts.forEach(function (c) {
    c.packages = arr(c.packages); c.tables = arr(c.tables);
    c.cut = c.cut || {};
    ['inbound', 'outbound', 'tables', 'cochange'].forEach(function (k) { c.cut[k] = arr(c.cut[k]); });
    c.cut.tables.forEach(function (t) { t.writers = arr(t.writers); t.readers = arr(t.readers); });
    c.pressure = c.pressure || { score: 0 }; c.risk = c.risk || { score: 0 };
    c.pressure.inputs = arr(c.pressure.inputs); c.risk.inputs = arr(c.risk.inputs);
  });
  M.signals = M.signals || {};
  ['imports', 'sql', 'history'].forEach(function (k) { M.signals[k] = M.signals[k] || { status: 'off', detail: '' }; });
  M.repo = M.repo || {}; M.tool = M.tool || {};

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (k === 'class') e.className = attrs[k];
        else if (k === 'onclick') e.addEventListener('click', attrs[k]);
        else e.setAttribute(k, attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x !== null && x !== undefined) e.append(x instanceof Node ? x : document.createTextNode(String(x))); });
      else e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function fmt(x, d) { return (x === undefined || x === null) ? '' : Number(x).toFixed(d === undefined ? 2 : d); }
  function status(s) { return el('span', { class: 'status ' + s }, s); }
  function table(head, rows, numeric) {
    numeric = numeric || [];
    return el('table', null,
      el('thead', null, el('tr', null, head.map(function (h, i) { return el('th', numeric[i] ? { class: 'num' } : null, h); }))),
      el('tbody', null, rows));
  }
  function row(cells, numeric, attrs) {
    numeric = numeric || [];
    return el('tr', attrs || null, cells.map(function (c, i) { return el('td', numeric[i] ? { class: 'num' } : null, c); }));
  }

  var ctxById = {}, ctxOfPkg = {}, pkgByPath = {};
  M.contexts.forEach(function (c) { ctxById[c.id] = c; c.packages.forEach(function (p) { ctxOfPkg[p] = c.id; }); });
  M.packages.forEach(function (p) { pkgByPath[p.path] = p; });
  function ctxName(id) { return ctxById[id] ? ctxById[id].order + '. ' + ctxById[id].name : id; }

  // ---- header and navigation
  app.append(el('header', null,
    el('h1', null, 'seams: candidate bounded contexts'),
    el('div', { class: 'sub' }, M.repo.root + (M.repo.head ? ' @ ' + M.repo.head.slice(0, 12) : '') + ' · seams ' + M.tool.version)));
  var sections = [['overview', 'Overview'], ['candidates', 'Candidates'], ['map', 'Context map'], ['dsm', 'Dependency matrix'], ['tables', 'Tables'], ['context', 'Context detail'], ['warnings', 'Warnings']];
  var main = el('main');
  app.append(el('nav', null, sections.map(function (s) {
    return el('a', { onclick: function () { document.getElementById('s-' + s[0]).scrollIntoView(); } }, s[1]);
  })), main);
  function section(id, title, help) {
    var s = el('section', { id: 's-' + id }, el('h2', null, title), help ? el('p', { class: 'help' }, help) : null);
    main.append(s);
    return s;
  }

  // ---- overview
  var ov = section('overview', 'Overview', 'What was analyzed, which signals could be used, and how well the candidate contexts separate the code.');
  var sig = M.signals;
  ov.append(table(['signal', 'status', 'detail'], [
    row(['code imports', status(sig.imports.status), sig.imports.detail]),
    row(['shared tables (SQL)', status(sig.sql.status), sig.sql.detail]),
    row(['co-change (git)', status(sig.history.status), sig.history.detail])]));
  if (M.metrics) {
    var mt = M.metrics;
    var metric = function (v, k) { return el('div', { class: 'metric' }, el('div', { class: 'v' }, v), el('div', { class: 'k' }, k)); };
    ov.append(el('h3', null, 'Key metrics'), el('div', { class: 'metrics' },
      metric(mt.contexts, 'candidate contexts'), metric(mt.shared, 'shared-kernel packages'), metric(mt.unplaced, 'unplaced packages'),
      metric(fmt(mt.modularity.fused), 'modularity (fused)'), metric(fmt(mt.icp), 'ICP: share of imports crossing contexts'),
      metric(mt.crossContextImports, 'cross-context imports'), metric(mt.sharedWriteTables, 'tables written by 2+ contexts'),
      metric(fmt(mt.sm, 3), 'structural modularity'), metric(fmt(mt.mq), 'MQ')));
  }

  // ---- candidates and the pressure/risk chart
  var cand = section('candidates', 'Ranked candidates', 'Extraction order: high change pressure (hot code) and low extraction risk (little to cut) first. Click a row for its detail.');
  var grid = el('div', { class: 'grid2' });
  cand.append(grid);
  grid.append(el('div', null, table(['#', 'context', 'packages', 'LOC', 'pressure', 'risk', 'why'],
    M.contexts.map(function (c) {
      return row([c.order, c.name, c.packages.length, c.loc,
        el('span', null, el('span', { class: 'bar', style: 'width:' + Math.round(c.pressure.score * 60) + 'px;background:#e8883a' }), fmt(c.pressure.score)),
        el('span', null, el('span', { class: 'bar', style: 'width:' + Math.round(c.risk.score * 60) + 'px;background:#b83b3b' }), fmt(c.risk.score)),
        c.reason], [true, false, true, true, false, false, false], { class: 'pick', 'data-context': c.id });
    }), [true, false, true, true])));
  grid.querySelectorAll('tr.pick').forEach(function (tr) { tr.addEventListener('click', function () { showContext(tr.getAttribute('data-context'), true); }); });
  grid.append(bubbles());

  function bubbles() {
    var NS = 'http://www.w3.org/2000/svg', W = 420, H = 320, pad = 40;
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('width', '100%');
    function s(tag, attrs, text) {
      var e = document.createElementNS(NS, tag);
      for (var k in attrs) e.setAttribute(k, attrs[k]);
      if (text !== undefined) e.textContent = text;
      svg.append(e);
      return e;
    }
    s('rect', { x: pad, y: 10, width: W - pad - 10, height: H - pad - 10, fill: '#fbfcfe', stroke: '#d9dee7' });
    s('text', { x: W / 2, y: H - 6, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6475' }, 'extraction risk →');
    s('text', { x: 12, y: H / 2, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6475', transform: 'rotate(-90 12 ' + H / 2 + ')' }, 'change pressure →');
    s('text', { x: pad + 6, y: 24, 'font-size': 10, fill: '#2f7d4a' }, 'cut first: hot and easy');
    var maxLoc = Math.max.apply(null, M.contexts.map(function (c) { return c.loc; }).concat([1]));
    M.contexts.slice().reverse().forEach(function (c) {
      var x = pad + c.risk.score * (W - pad - 10), y = 10 + (1 - c.pressure.score) * (H - pad - 10);
      var r = 6 + 22 * Math.sqrt(c.loc / maxLoc);
      var first = c.order <= 3;
      var circle = s('circle', { cx: x, cy: y, r: r, fill: first ? 'rgba(47,125,74,0.35)' : 'rgba(47,93,168,0.18)', stroke: first ? '#2f7d4a' : '#2f5da8', 'data-context': c.id });
      circle.style.cursor = 'pointer';
      circle.addEventListener('click', function () { showContext(c.id, true); });
      circle.append(document.createElementNS(NS, 'title'));
      circle.lastChild.textContent = c.order + '. ' + c.name + ': pressure ' + fmt(c.pressure.score) + ', risk ' + fmt(c.risk.score) + ', ' + c.loc + ' LOC';
      s('text', { x: x, y: y + 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 600 }, String(c.order));
    });
    return el('div', null, svg, el('p', { class: 'help' }, 'Each bubble is a context sized by its code; the first three in extraction order are green.'));
  }

  // ---- the context map
  var mapSec = section('map', 'Context map', 'Contexts sized by code; edges coloured by layer: imports, shared tables, co-change. Click a context for its packages and cut list; double-click to expand it into its packages. Scroll to zoom, drag to pan.');
  var mapGrid = el('div', { class: 'grid2' });
  var mapDiv = el('div', { id: 'map' });
  var search = el('input', { type: 'search', placeholder: 'Search a package…', 'aria-label': 'search packages' });
  var matches = el('div', { id: 'matches' });
  var detail = el('div', { id: 'detail' }, el('p', { class: 'help' }, 'Select a context.'));
  mapGrid.append(el('div', null, mapDiv, el('div', { class: 'legend' },
    el('span', null, el('i', { style: 'background:#2f5da8' }), 'imports'),
    el('span', null, el('i', { style: 'background:#c0504d' }), 'shared tables'),
    el('span', null, el('i', { style: 'background:#6b9e2f' }), 'co-change'))),
    el('div', null, search, matches));
  mapSec.append(mapGrid);

  var layerEdges = [];
  (function () {
    var agg = {};
    function add(a, b, layer, w, undirected) {
      if (!ctxById[a] || !ctxById[b] || a === b) return;
      if (undirected && a > b) { var t = a; a = b; b = t; }
      var k = a + '\u0000' + b + '\u0000' + layer;
      agg[k] = agg[k] || { a: a, b: b, layer: layer, w: 0 };
      agg[k].w += w;
    }
    M.contexts.forEach(function (c) {
      c.cut.outbound.forEach(function (e) { add(c.id, e.context, 'imports', e.files, false); });
      c.cut.tables.forEach(function (t) { t.writers.concat(t.readers).forEach(function (o) { if (o > c.id) add(c.id, o, 'data', 1, true); }); });
      c.cut.cochange.forEach(function (p) { if (p.context > c.id) add(c.id, p.context, 'cochange', p.shared, true); });
    });
    for (var k in agg) layerEdges.push(agg[k]);
  })();

  var cy = null;
  if (typeof cytoscape === 'function') {
    var maxLoc = Math.max.apply(null, M.contexts.map(function (c) { return c.loc; }).concat([1]));
    var elements = M.contexts.map(function (c) {
      return { group: 'nodes', data: { id: 'c:' + c.id, ctx: c.id, label: c.order + '. ' + c.name, size: 30 + 70 * Math.sqrt(c.loc / maxLoc) } };
    });
    layerEdges.forEach(function (e, i) {
      elements.push({ group: 'edges', data: { id: 'e' + i, source: 'c:' + e.a, target: 'c:' + e.b, layer: e.layer, width: 1 + Math.min(8, Math.log2(1 + e.w)), label: e.layer + ' ' + e.w } });
    });
    cy = cytoscape({
      container: mapDiv, elements: elements,
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 120; } },
      style: [
        { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#cfdcf1', 'border-color': '#2f5da8', 'border-width': 1, 'font-size': 11, 'text-valign': 'center', 'text-wrap': 'wrap', 'text-max-width': 120 } },
        { selector: 'node.pkg', style: { width: 14, height: 14, 'font-size': 8, 'background-color': '#ffffff', label: 'data(label)', 'text-valign': 'bottom' } },
        { selector: ':parent', style: { 'background-opacity': 0.15, 'text-valign': 'top' } },
        { selector: 'node.hit', style: { 'border-color': '#e8883a', 'border-width': 4 } },
        { selector: 'node:selected', style: { 'border-color': '#1d2330', 'border-width': 3 } },
        { selector: 'edge', style: { width: 'data(width)', 'curve-style': 'bezier', opacity: 0.7 } },
        { selector: 'edge[layer = "imports"]', style: { 'line-color': '#2f5da8', 'target-arrow-color': '#2f5da8', 'target-arrow-shape': 'triangle' } },
        { selector: 'edge[layer = "data"]', style: { 'line-color': '#c0504d', 'line-style': 'dashed' } },
        { selector: 'edge[layer = "cochange"]', style: { 'line-color': '#6b9e2f', 'line-style': 'dotted' } },
        { selector: 'edge.pkgdep', style: { width: 1, 'line-color': '#9aa7bd', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#9aa7bd', opacity: 0.6 } }
      ]
    });
    cy.on('tap', 'node', function (evt) { var c = evt.target.data('ctx'); if (c) showContext(c, false); });
    cy.on('dbltap', 'node', function (evt) { var c = evt.target.data('ctx'); if (c && !evt.target.data('pkg')) expand(c); });
  } else {
    mapDiv.append(el('p', { class: 'help' }, 'The graph library did not load.'));
  }

  // expand adds a context's packages to the map as children of its node,
  // with the imports among the packages shown: large repositories stay
  // readable because only what is asked for is drawn.
  var expanded = {};
  function expand(id) {
    if (!cy || expanded[id]) return;
    expanded[id] = true;
    var c = ctxById[id];
    cy.add(c.packages.map(function (p) {
      return { group: 'nodes', classes: 'pkg', data: { id: 'p:' + p, parent: 'c:' + id, ctx: id, pkg: true, label: p.split('/').slice(-2).join('/') } };
    }));
    var edges = [];
    M.imports.forEach(function (e, i) {
      if (cy.getElementById('p:' + e.from).length && cy.getElementById('p:' + e.to).length && !cy.getElementById('i' + i).length) {
        edges.push({ group: 'edges', classes: 'pkgdep', data: { id: 'i' + i, source: 'p:' + e.from, target: 'p:' + e.to } });
      }
    });
    cy.add(edges);
    cy.layout({ name: 'cose', animate: false, randomize: false }).run();
  }

  search.addEventListener('input', function () {
    var q = search.value.trim().toLowerCase();
    matches.textContent = '';
    if (cy) cy.nodes().removeClass('hit');
    if (q.length < 2) return;
    var hits = M.packages.filter(function (p) { return p.path.toLowerCase().indexOf(q) >= 0; }).slice(0, 200);
    hits.forEach(function (p) {
      var where = p.context ? ctxName(p.context) : (p.shared ? 'shared kernel' : 'unplaced');
      matches.append(el('div', { onclick: function () { if (p.context) showContext(p.context, false); } }, p.path + ' → ' + where));
      if (cy && p.context) cy.getElementById('c:' + p.context).addClass('hit');
    });
    if (!hits.length) matches.append(el('div', null, 'no package matches'));
  });

  // ---- dependency structure matrix
  var dsmSec = section('dsm', 'Dependency structure matrix', 'Packages ordered by context (kernel and unplaced last); a cell is shaded by the coupling of its row and column package in the chosen layer. Blocks on the diagonal are the contexts; marks off it are what a cut would break.');
  var order = [];
  M.contexts.forEach(function (c) { c.packages.forEach(function (p) { order.push(p); }); });
  M.packages.forEach(function (p) { if (!ctxOfPkg[p.path]) order.push(p.path); });
  var index = {};
  order.forEach(function (p, i) { index[p] = i; });
  var layers = { imports: [], data: [], cochange: [] };
  M.imports.forEach(function (e) { layers.imports.push([index[e.from], index[e.to], Math.log1p(e.weight)]); });
  M.cochange.forEach(function (c) { if (c.p <= 0.05) { layers.cochange.push([index[c.a], index[c.b], c.degree / 100]); layers.cochange.push([index[c.b], index[c.a], c.degree / 100]); } });
  M.tables.forEach(function (t) {
    var users = {};
    t.writers.concat(t.readers).forEach(function (u) { users[u.package] = true; });
    var list = Object.keys(users);
    if (list.length < 2 || list.length > 40) return;
    list.forEach(function (a) { list.forEach(function (b) { if (a !== b) layers.data.push([index[a], index[b], 1 / list.length]); }); });
  });
  function normalised(cells) {
    var sum = 0; cells.forEach(function (c) { sum += c[2]; });
    return cells.filter(function (c) { return c[0] !== undefined && c[1] !== undefined; }).map(function (c) { return [c[0], c[1], sum ? c[2] / sum : 0]; });
  }
  var dsmLayers = { imports: normalised(layers.imports), data: normalised(layers.data), cochange: normalised(layers.cochange) };
  dsmLayers.fused = [].concat(dsmLayers.imports, dsmLayers.data, dsmLayers.cochange);
  var buttons = el('div', null);
  var canvas = el('canvas');
  var tip = el('div', { id: 'dsm-tip' });
  dsmSec.append(buttons, tip, el('div', { class: 'dsm-wrap' }, canvas));
  var current = 'fused', cellMap = {};
  ['fused', 'imports', 'data', 'cochange'].forEach(function (l) {
    var b = el('button', { 'data-layer': l, onclick: function () { current = l; drawDSM(); } }, l);
    buttons.append(b, ' ');
  });
  function drawDSM() {
    buttons.querySelectorAll('button').forEach(function (b) { b.className = b.getAttribute('data-layer') === current ? 'on' : ''; });
    var n = order.length, cell = Math.max(2, Math.min(12, Math.floor(900 / Math.max(n, 1))));
    canvas.width = n * cell; canvas.height = n * cell;
    var g = canvas.getContext('2d');
    g.fillStyle = '#ffffff'; g.fillRect(0, 0, canvas.width, canvas.height);
    var start = 0;
    M.contexts.forEach(function (c, i) {
      g.fillStyle = i % 2 ? '#f1f4fa' : '#e6ecf6';
      g.fillRect(start * cell, start * cell, c.packages.length * cell, c.packages.length * cell);
      start += c.packages.length;
    });
    var cells = dsmLayers[current], max = 0, sum = {};
    cellMap = {};
    cells.forEach(function (c) { var k = c[0] * n + c[1]; sum[k] = (sum[k] || 0) + c[2]; });
    for (var k in sum) max = Math.max(max, sum[k]);
    for (var key in sum) {
      var r = Math.floor(key / n), col = key % n, v = Math.sqrt(sum[key] / max);
      g.fillStyle = 'rgba(29,35,48,' + (0.15 + 0.85 * v).toFixed(3) + ')';
      g.fillRect(col * cell, r * cell, cell, cell);
      cellMap[key] = sum[key];
    }
    canvas.onmousemove = function (ev) {
      var rc = canvas.getBoundingClientRect();
      var col = Math.floor((ev.clientX - rc.left) / cell), r = Math.floor((ev.clientY - rc.top) / cell);
      if (r < 0 || col < 0 || r >= n || col >= n) return;
      var v = cellMap[r * n + col];
      tip.textContent = order[r] + ' → ' + order[col] + (v ? ': ' + v.toFixed(4) : '');
    };
  }
  drawDSM();

  // ---- table access matrix
  var tabSec = section('tables', 'Table access', 'Which context reads (R), writes (W) or defines (DDL) each table. Red rows are written by more than one context: they block a clean cut until one context owns the table.');
  var tabRows = M.tables.map(function (t) {
    var by = {}, writers = {};
    function mark(list, letter) { list.forEach(function (u) { var c = ctxOfPkg[u.package] || (pkgByPath[u.package] && pkgByPath[u.package].shared ? 'kernel' : '—'); by[c] = by[c] || {}; by[c][letter] = true; if (letter === 'W' && u.via === 'direct' && ctxById[c]) writers[c] = true; }); }
    mark(t.readers, 'R'); mark(t.writers, 'W'); mark(t.ddl, 'DDL');
    var cells = [t.name].concat(M.contexts.map(function (c) { return by[c.id] ? Object.keys(by[c.id]).join(' ') : ''; }));
    cells.push(by.kernel ? Object.keys(by.kernel).join(' ') : '');
    return row(cells, null, Object.keys(writers).length > 1 ? { class: 'sharedwrite' } : null);
  });
  tabSec.append(M.tables.length ? table(['table'].concat(M.contexts.map(function (c) { return c.order + '. ' + c.name; }), ['kernel']), tabRows) : el('p', { class: 'help' }, 'No tables found.'));

  // ---- context detail
  var ctxSec = section('context', 'Context detail', 'The packages of the selected context, its tables, its cut list and its hotspots.');
  ctxSec.append(detail);

  function showContext(id, scroll) {
    var c = ctxById[id];
    if (!c) return;
    if (cy) { cy.nodes().unselect(); cy.getElementById('c:' + id).select(); }
    detail.textContent = '';
    detail.setAttribute('data-context', id);
    detail.append(el('h3', null, c.order + '. ' + c.name + ' ', el('span', { class: 'tag' }, c.id)),
      el('p', null, c.reason));
    detail.append(el('h3', null, 'Packages'), table(['package', 'LOC', 'confidence', 'revisions (window)'],
      c.packages.map(function (p) {
        var pk = pkgByPath[p] || {};
        return row([el('code', { class: 'pkg' }, p), pk.loc, fmt(pk.confidence), pk.history ? pk.history.revisions + ' (' + pk.history.window.revisions + ')' : ''], [false, true, true, true]);
      }), [false, true, true, true]));
    var hot = c.packages.map(function (p) { return pkgByPath[p]; }).filter(function (p) { return p && p.history; })
      .sort(function (a, b) { return b.history.window.revisions - a.history.window.revisions; }).slice(0, 5);
    if (hot.length) detail.append(el('h3', null, 'Hotspots'), table(['package', 'window revisions', 'churn', 'authors'],
      hot.map(function (p) { return row([p.path, p.history.window.revisions, p.history.window.churn, p.history.window.authors], [false, true, true, true]); }), [false, true, true, true]));
    if (c.tables.length) detail.append(el('h3', null, 'Tables'), table(['table', 'access', ''],
      c.tables.map(function (t) { return row([t.name, t.access, t.sharedWrite ? el('span', { class: 'tag bad' }, 'written by another context too') : (t.shared ? el('span', { class: 'tag' }, 'shared') : el('span', { class: 'tag' }, 'own'))]); })));
    function scoreTable(title, s) {
      detail.append(el('h3', null, title + ' ' + fmt(s.score)), table(['input', 'value', 'weight', 'how'],
        s.inputs.map(function (i) { return row([i.name, fmt(i.value), fmt(i.weight), i.note], [false, true, true, false]); }), [false, true, true, false]));
    }
    scoreTable('Change pressure', c.pressure);
    scoreTable('Extraction risk', c.risk);
    detail.append(el('h3', null, 'Cut list'));
    if (c.cut.inbound.length) detail.append(el('p', null, 'Imported from other contexts (the API it would expose):'), table(['from', 'to', 'files', 'context'],
      c.cut.inbound.map(function (e) { return row([e.from, e.to, e.files, ctxName(e.context)], [false, false, true, false]); })));
    if (c.cut.outbound.length) detail.append(el('p', null, 'Imports of other contexts (what it would call):'), table(['from', 'to', 'files', 'context'],
      c.cut.outbound.map(function (e) { return row([e.from, e.to, e.files, ctxName(e.context)], [false, false, true, false]); })));
    if (c.cut.tables.length) detail.append(el('p', null, 'Tables shared with other contexts (give each an owner):'), table(['table', 'writers', 'readers', 'owner'],
      c.cut.tables.map(function (t) { return row([t.name, t.writers.map(ctxName).join(', '), t.readers.map(ctxName).join(', '), ctxName(t.owner)]); })));
    if (c.cut.cochange.length) detail.append(el('p', null, 'Strongest co-change partners across the boundary:'), table(['inside', 'outside', 'context', 'shared commits', 'degree'],
      c.cut.cochange.slice(0, 15).map(function (p) { return row([p.inside, p.outside, ctxName(p.context), p.shared, fmt(p.degree, 1)], [false, false, false, true, true]); })));
    if (!c.cut.inbound.length && !c.cut.outbound.length && !c.cut.tables.length && !c.cut.cochange.length) detail.append(el('p', null, 'Nothing crosses its boundary.'));
    if (scroll) ctxSec.scrollIntoView();
  }

  // ---- warnings
  var wSec = section('warnings', 'Warnings', 'What limited the analysis: SQL not understood, filtered commits, excluded and generated files.');
  var h = sig.history, f = h.filtered || {};
  wSec.append(table(['what', 'count'], [
    row(['merge commits skipped', f.merges || 0], [false, true]),
    row(['bulk commits dropped (more than ' + h.maxCommitFiles + ' files)', f.bulk || 0], [false, true]),
    row(['commits skipped for missing objects', f.missingObjects || 0], [false, true]),
    row(['file changes to generated, vendored or excluded files', f.skippedFiles || 0], [false, true]),
    row(['commits touching only files outside packages', f.outsideOnly || 0], [false, true]),
    row(['package pairs under ' + h.minShared + ' shared commits', f.pairsBelowMin || 0], [false, true]),
    row(['Go files excluded by patterns', sig.imports.excludedFiles], [false, true]),
    row(['generated Go files left out', sig.imports.generatedFiles], [false, true]),
    row(['SQL statements not understood', sig.sql.notUnderstood || 0], [false, true])]));
  var list = el('div');
  M.warnings.slice(0, 2000).forEach(function (w) {
    list.append(el('div', { class: 'warn' }, el('span', { class: 'tag' }, w.signal), ' ', w.where ? el('code', null, w.where) : null, ' ', w.message));
  });
  if (M.warnings.length > 2000) list.append(el('div', { class: 'warn' }, (M.warnings.length - 2000) + ' more in seams.json'));
  wSec.append(el('h3', null, M.warnings.length + ' warnings'), list);

  // A test or a link can open the report on a context: #context=<id>.
  var m = /^#context=(.+)$/.exec(location.hash);
  var first = m ? decodeURIComponent(m[1]) : (M.contexts[0] && M.contexts[0].id);
  if (first && cy && cy.getElementById('c:' + first).length) cy.getElementById('c:' + first).emit('tap');
  else if (first) showContext(first, false);
  // How long the page took: its script alone, and since navigation began
  // (parsing the page, the library and the data included).
  document.body.setAttribute('data-ready', String(Math.round(performance.now() - t0)));
  document.body.setAttribute('data-ready-since-navigation', String(Math.round(performance.now())));
})();
