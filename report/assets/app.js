// seams report: builds the page from the model in #seams-data. Every
// element is made with createElement and textContent, never from markup,
// because every string in the model comes from the analyzed repository.
(function () {
  'use strict';
  var t0 = performance.now();
  var M = JSON.parse(document.getElementById('seams-data').textContent);
  // The schema's vocabularies (signals, layers), in their canonical order,
  // with how to show each: the page repeats none of the lists.
  var V = JSON.parse(document.getElementById('seams-vocabulary').textContent);
  var app = document.getElementById('app');
  // Older or hand-made models may hold null for an empty list.
  function arr(x) { return Array.isArray(x) ? x : []; }
  ['packages', 'imports', 'cochange', 'tables', 'contexts', 'links', 'coupling', 'unplaced', 'warnings'].forEach(function (k) { M[k] = arr(M[k]); });
  M.links.forEach(function (l) { l.tables = arr(l.tables); });
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
  V.signals.forEach(function (s) { M.signals[s.name] = M.signals[s.name] || { status: 'off', detail: '' }; });
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
    return el('tr', attrs || null, cells.map(function (c, i) { return el('td', numeric[i] === true ? { class: 'num' } : (numeric[i] ? { class: numeric[i] } : null), c); }));
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
  ov.append(table(['signal', 'status', 'detail'], V.signals.map(function (s) {
    return row([s.label, status(sig[s.name].status), sig[s.name].detail]);
  })));
  // How each signal was read, and what it could not use: the reader's
  // first question when a signal is partial or missing.
  var notes = [];
  var im = sig.imports, sq = sig.sql, hi = sig.history;
  if (im.loader) notes.push('Packages listed by ' + im.loader + (im.fallbackReason ? ' (fallback: ' + im.fallbackReason + ')' : '') + '; ' + (im.files || 0) + ' Go files analyzed, ' + (im.generatedFiles || 0) + ' generated and ' + (im.excludedFiles || 0) + ' excluded files left out.');
  if (sq.statements) notes.push('SQL read as ' + (sq.dialect || 'unknown dialect') + (sq.dialectReason ? ' (' + sq.dialectReason + ')' : '') + ': ' + sq.statements + ' statements, ' + (sq.notUnderstood || 0) + ' not understood (listed under Warnings).');
  if (hi.commits) notes.push('History of ' + (hi.ref || 'HEAD') + ': ' + hi.commits + ' commits, ' + hi.used + ' used' + (hi.shallow ? ' (shallow clone: history incomplete)' : '') + '; pressure window ' + hi.windowMonths + ' months' + (hi.windowStart ? ' (' + hi.windowStart.slice(0, 10) + ' to ' + (hi.windowEnd || '').slice(0, 10) + ')' : '') + '.');
  if (notes.length) ov.append(el('ul', { class: 'notes' }, notes.map(function (x) { return el('li', null, x); })));
  if (M.metrics) {
    var mt = M.metrics;
    var metric = function (v, k) { return el('div', { class: 'metric' }, el('div', { class: 'v' }, v), el('div', { class: 'k' }, k)); };
    ov.append(el('h3', null, 'Key metrics'), el('div', { class: 'metrics' },
      metric(M.packages.length, 'packages'), metric(M.packages.reduce(function (a, p) { return a + (p.loc || 0); }, 0), 'lines of code'), metric(M.tables.length, 'tables'),
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
        c.reason], [true, false, true, true, 'nowrap', 'nowrap', false], { class: 'pick', 'data-context': c.id });
    }), [true, false, true, true])));
  grid.querySelectorAll('tr.pick').forEach(function (tr) { tr.addEventListener('click', function () { showContext(tr.getAttribute('data-context'), true); }); });
  grid.append(bubbles());

  function bubbles() {
    var NS = 'http://www.w3.org/2000/svg', W = 420, H = 320, pad = 44, bottom = 36;
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
    // The axes span the scores found (to the next 0.1), not all of 0..1:
    // scores often cluster, and the ranking is what the chart shows.
    function top(k) { return Math.min(1, Math.ceil(10 * Math.max.apply(null, M.contexts.map(function (c) { return c[k].score; }).concat([0.1])) + 0.5) / 10); }
    var xMax = top('risk'), yMax = top('pressure'), pw = W - pad - 10, ph = H - bottom - 10;
    s('rect', { x: pad, y: 10, width: pw, height: ph, fill: '#fbfcfe', stroke: '#d9dee7' });
    for (var t = 0; t <= 4; t++) {
      var gx = pad + t / 4 * pw, gy = 10 + ph - t / 4 * ph;
      s('line', { x1: gx, y1: 10, x2: gx, y2: 10 + ph, stroke: '#eef1f6' });
      s('line', { x1: pad, y1: gy, x2: pad + pw, y2: gy, stroke: '#eef1f6' });
      s('text', { x: gx, y: 10 + ph + 12, 'text-anchor': 'middle', 'font-size': 9, fill: '#5b6475' }, fmt(t / 4 * xMax));
      s('text', { x: pad - 4, y: gy + 3, 'text-anchor': 'end', 'font-size': 9, fill: '#5b6475' }, fmt(t / 4 * yMax));
    }
    s('text', { x: pad + pw / 2, y: H - 6, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6475' }, 'extraction risk →');
    s('text', { x: 12, y: H / 2, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6475', transform: 'rotate(-90 12 ' + H / 2 + ')' }, 'change pressure →');
    s('text', { x: pad + 6, y: 24, 'font-size': 10, fill: '#2f7d4a' }, 'cut first: hot and easy');
    var maxLoc = Math.max.apply(null, M.contexts.map(function (c) { return c.loc; }).concat([1]));
    M.contexts.slice().reverse().forEach(function (c) {
      var x = pad + c.risk.score / xMax * pw, y = 10 + (1 - c.pressure.score / yMax) * ph;
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
  function layerToggle(layer, color, text) {
    var box = el('input', { type: 'checkbox', 'data-layer': layer });
    box.checked = true;
    box.addEventListener('change', function () { if (cy) cy.edges('[layer = "' + layer + '"]').toggleClass('off', !box.checked); });
    return el('label', null, box, el('i', { style: 'background:' + color }), text);
  }
  mapGrid.append(el('div', null, mapDiv, el('div', { class: 'legend' },
    V.layers.map(function (l) { return layerToggle(l.name, l.color, l.label); }),
    el('button', { onclick: function () { if (cy) cy.fit(undefined, 20); } }, 'fit'))),
    el('div', null, search, matches));
  mapSec.append(mapGrid);

  // The model's links relate contexts, with a strength per layer:
  // imports per direction, shared tables and co-change on the pair's
  // first link.
  var layerEdges = [];
  M.links.forEach(function (l) {
    if (!ctxById[l.from] || !ctxById[l.to]) return;
    var w = l.strength || {};
    V.layers.forEach(function (y) { if (w[y.name] > 0) layerEdges.push({ a: l.from, b: l.to, layer: y.name, w: w[y.name] }); });
  });

  var cy = null;
  if (typeof cytoscape === 'function') {
    var maxLoc = Math.max.apply(null, M.contexts.map(function (c) { return c.loc; }).concat([1]));
    var elements = M.contexts.map(function (c) {
      return { group: 'nodes', data: { id: 'c:' + c.id, ctx: c.id, label: c.order + '. ' + c.name, size: 30 + 70 * Math.sqrt(c.loc / maxLoc) } };
    });
    // Widths are relative within a layer: the layers count different
    // things (files, tables, commits), so only the strongest of each is bold.
    var layerMax = {};
    layerEdges.forEach(function (e) { layerMax[e.layer] = Math.max(layerMax[e.layer] || 0, e.w); });
    layerEdges.forEach(function (e, i) {
      var rel = e.w / layerMax[e.layer];
      elements.push({ group: 'edges', data: { id: 'e' + i, source: 'c:' + e.a, target: 'c:' + e.b, layer: e.layer, width: 0.5 + 6 * Math.sqrt(rel), opacity: 0.25 + 0.6 * rel } });
    });
    cy = cytoscape({
      container: mapDiv, elements: elements,
      layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 20,
        nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 140; }, edgeElasticity: function () { return 50; }, gravity: 40, numIter: 1500 },
      minZoom: 0.1, maxZoom: 4,
      style: [
        { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#cfdcf1', 'border-color': '#2f5da8', 'border-width': 1, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 160, 'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1 } },
        { selector: 'node.pkg', style: { width: 14, height: 14, 'font-size': 8, 'background-color': '#ffffff', label: 'data(label)', 'text-valign': 'bottom' } },
        { selector: ':parent', style: { 'background-opacity': 0.15, 'text-valign': 'top' } },
        { selector: 'node.hit', style: { 'border-color': '#e8883a', 'border-width': 4 } },
        { selector: 'node:selected', style: { 'border-color': '#1d2330', 'border-width': 3 } },
        { selector: 'edge', style: { width: 'data(width)', 'curve-style': 'bezier', opacity: 'data(opacity)' } },
        { selector: 'edge.off', style: { display: 'none' } },
      ].concat(V.layers.map(function (l) {
        return { selector: 'edge[layer = "' + l.name + '"]', style: { 'line-color': l.color, 'target-arrow-color': l.color, 'target-arrow-shape': l.directed ? 'triangle' : 'none', 'line-style': l.line || 'solid' } };
      }), [
        { selector: 'edge.pkgdep', style: { width: 1, 'line-color': '#9aa7bd', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#9aa7bd', opacity: 0.6 } },
        { selector: 'node:parent', style: { 'text-valign': 'top', 'text-margin-y': -3 } }
      ])
    });
    // cytoscape fires dbltap for two quick taps on different nodes too:
    // expand only a context tapped twice.
    var taps = [null, null];
    cy.on('tap', 'node', function (evt) { taps = [taps[1], evt.target.id()]; var c = evt.target.data('ctx'); if (c) showContext(c, false); });
    cy.on('dbltap', 'node', function (evt) { var c = evt.target.data('ctx'); if (c && !evt.target.data('pkg') && taps[0] === taps[1]) expand(c); });
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
  var dsmSec = section('dsm', 'Dependency structure matrix', 'Packages ordered by context, then the shared kernel and the unplaced packages; a cell is shaded by how strongly its row package is coupled to its column package in the chosen layer, as the clustering weighs it (imports: row imports column). Blocks on the diagonal are the contexts; marks off them are what a cut would break. Hover a cell for its packages.');
  var blocks = M.contexts.map(function (c) { return { name: c.order + '. ' + c.name, pkgs: c.packages }; });
  var kernel = [], rest = [];
  M.packages.forEach(function (p) { if (!ctxOfPkg[p.path]) (p.shared ? kernel : rest).push(p.path); });
  if (kernel.length) blocks.push({ name: 'shared kernel', pkgs: kernel });
  if (rest.length) blocks.push({ name: 'unplaced', pkgs: rest });
  var order = [], blockOf = [];
  blocks.forEach(function (b) { b.start = order.length; b.pkgs.forEach(function (p) { order.push(p); blockOf.push(b); }); });
  var index = {};
  order.forEach(function (p, i) { index[p] = i; });
  // Each layer's package-pair weights come from the model, normalized as
  // the clustering sees them, and fused with the layer weights. A layer
  // with a direction (imports) is drawn row to column, the others both
  // ways.
  var dsmLayers = { fused: [] }, pairWeight = {};
  V.layers.forEach(function (l) { dsmLayers[l.name] = []; });
  M.coupling.forEach(function (c) {
    var a = index[c.a], b = index[c.b];
    if (a === undefined || b === undefined) return;
    pairWeight[c.a + '\u0000' + c.b] = c;
    if (c.fused > 0) dsmLayers.fused.push([a, b, c.fused], [b, a, c.fused]);
    V.layers.forEach(function (l) { if (c[l.name] > 0 && !l.directed) dsmLayers[l.name].push([a, b, c[l.name]], [b, a, c[l.name]]); });
  });
  V.layers.forEach(function (l) {
    if (!l.directed) return;
    M.imports.forEach(function (e) {
      var c = pairWeight[e.from < e.to ? e.from + '\u0000' + e.to : e.to + '\u0000' + e.from];
      if (c && c[l.name] > 0 && index[e.from] !== undefined && index[e.to] !== undefined) dsmLayers[l.name].push([index[e.from], index[e.to], c[l.name]]);
    });
  });
  var buttons = el('div', null);
  var canvas = el('canvas');
  var tip = el('div', { id: 'dsm-tip' }, 'Hover a cell.');
  dsmSec.append(buttons, tip, el('div', { class: 'dsm-wrap' }, canvas));
  var current = 'fused', cellMap = {};
  [['fused', 'all layers']].concat(V.layers.map(function (l) { return [l.name, l.short]; })).forEach(function (l) {
    buttons.append(el('button', { 'data-layer': l[0], onclick: function () { current = l[0]; drawDSM(); } }, l[1]), ' ');
  });
  // fit shortens a label to width px, keeping its end (the package's own name).
  function fit(g, text, width) {
    if (g.measureText(text).width <= width) return text;
    var lo = 0, hi = text.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (g.measureText('…' + text.slice(mid)).width <= width) hi = mid; else lo = mid + 1; }
    return '…' + text.slice(lo);
  }
  function drawDSM() {
    buttons.querySelectorAll('button').forEach(function (b) { b.className = b.getAttribute('data-layer') === current ? 'on' : ''; });
    var n = order.length, cell = Math.max(2, Math.min(16, Math.floor(1000 / Math.max(n, 1))));
    var pkgLabels = cell >= 10, ctxW = 150, pkgW = pkgLabels ? 220 : 0, left = ctxW + pkgW;
    canvas.width = left + n * cell; canvas.height = n * cell;
    var g = canvas.getContext('2d');
    g.fillStyle = '#ffffff'; g.fillRect(0, 0, canvas.width, canvas.height);
    g.textBaseline = 'middle';
    blocks.forEach(function (b, i) {
      var y = b.start * cell, h = b.pkgs.length * cell;
      g.fillStyle = i % 2 ? '#f1f4fa' : '#e6ecf6';
      g.fillRect(left + y, y, h, h);
      g.fillRect(0, y, ctxW - 4, h);
      g.fillStyle = '#1d2330'; g.font = '600 11px sans-serif';
      if (h >= 10) g.fillText(fit(g, b.name, ctxW - 10), 4, y + Math.min(h / 2, 8));
      g.strokeStyle = '#c5cedd'; g.lineWidth = 1;
      g.beginPath(); g.moveTo(0, y + 0.5); g.lineTo(canvas.width, y + 0.5); g.moveTo(left + y + 0.5, 0); g.lineTo(left + y + 0.5, canvas.height); g.stroke();
    });
    if (pkgLabels) {
      g.font = '10px sans-serif'; g.fillStyle = '#5b6475';
      order.forEach(function (p, i) { g.fillText(fit(g, p, pkgW - 8), ctxW, i * cell + cell / 2); });
    }
    var cells = dsmLayers[current], max = 0, sum = {};
    cellMap = {};
    cells.forEach(function (c) { var k = c[0] * n + c[1]; sum[k] = (sum[k] || 0) + c[2]; });
    for (var k in sum) max = Math.max(max, sum[k]);
    for (var key in sum) {
      var r = Math.floor(key / n), col = key % n, v = Math.sqrt(sum[key] / max);
      g.fillStyle = 'rgba(29,35,48,' + (0.15 + 0.85 * v).toFixed(3) + ')';
      g.fillRect(left + col * cell, r * cell, Math.max(1, cell - (cell > 4 ? 1 : 0)), Math.max(1, cell - (cell > 4 ? 1 : 0)));
      cellMap[key] = sum[key] / max;
    }
    canvas.onmousemove = function (ev) {
      var rc = canvas.getBoundingClientRect();
      var col = Math.floor((ev.clientX - rc.left - left) / cell), r = Math.floor((ev.clientY - rc.top) / cell);
      if (r < 0 || col < 0 || r >= n || col >= n) return;
      var v = cellMap[r * n + col];
      tip.textContent = order[r] + ' (' + blockOf[r].name + ') → ' + order[col] + ' (' + blockOf[col].name + ')' + (v ? ': ' + Math.round(100 * v) + '% of the strongest pair' : ': no coupling');
    };
  }
  drawDSM();

  // ---- table access matrix
  var tabSec = section('tables', 'Table access', 'Which context reads (R), writes (W) or defines (DDL) each table; lower case (r, w) where it does so only by calling another package\'s function. Red rows are written directly by more than one context: they block a clean cut until one context owns the table.');
  var sharedWrite = {};
  M.contexts.forEach(function (c) { c.tables.forEach(function (t) { if (t.sharedWrite) sharedWrite[t.name] = true; }); });
  var tabRows = M.tables.map(function (t) {
    var by = {};
    function mark(list, letter) {
      list.forEach(function (u) {
        var c = ctxOfPkg[u.package] || (pkgByPath[u.package] && pkgByPath[u.package].shared ? 'kernel' : 'unplaced');
        by[c] = by[c] || {};
        // A direct access wins over a carried one of the same kind.
        if (u.via !== 'carried' || letter === 'DDL') by[c][letter] = letter;
        else if (!by[c][letter]) by[c][letter] = letter.toLowerCase();
      });
    }
    mark(t.readers, 'R'); mark(t.writers, 'W'); mark(t.ddl, 'DDL');
    function cell(id) { if (!by[id]) return ''; return ['R', 'W', 'DDL'].filter(function (k) { return by[id][k]; }).map(function (k) { return by[id][k]; }).join(' '); }
    var cells = [t.name].concat(M.contexts.map(function (c) { return cell(c.id); }), [cell('kernel')]);
    return row(cells, null, sharedWrite[t.name] ? { class: 'sharedwrite' } : null);
  });
  tabSec.append(M.tables.length ? el('div', { class: 'scroll-x' }, table(['table'].concat(M.contexts.map(function (c) { return c.order + '. ' + c.name; }), ['kernel']), tabRows)) : el('p', { class: 'help' }, 'No tables found.'));

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
    var hot = c.packages.map(function (p) { return pkgByPath[p]; }).filter(function (p) { return p && p.history && p.history.window.revisions > 0; })
      .sort(function (a, b) { return b.history.window.revisions - a.history.window.revisions; }).slice(0, 5);
    if (hot.length) detail.append(el('h3', null, 'Hotspots'), table(['package', 'window revisions', 'churn', 'authors'],
      hot.map(function (p) { return row([p.path, p.history.window.revisions, p.history.window.churn, p.history.window.authors], [false, true, true, true]); }), [false, true, true, true]));
    if (c.tables.length) detail.append(el('h3', null, 'Tables'), table(['table', 'access', ''],
      c.tables.map(function (t) {
        var owner = c.cut.tables.filter(function (x) { return x.name === t.name; }).map(function (x) { return x.owner; })[0];
        var who = owner ? (owner === c.id ? ' (this context should own it)' : ' (owner: ' + ctxName(owner) + ')') : '';
        return row([t.name, t.access, t.sharedWrite ? el('span', { class: 'tag bad' }, 'written by another context too' + who) : (t.shared ? el('span', { class: 'tag' }, 'shared' + who) : el('span', { class: 'tag' }, 'own'))]);
      })));
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
  // Constant hooks for tests and the curious (the map's cytoscape
  // instance); nothing from the data is ever put on window.
  window.seamsMap = cy;
  window.seamsReady = true;
})();
