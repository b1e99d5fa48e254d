// dsm.js: dependency structure matrices. The context matrix has one row
// and column per context (and the shared kernel and unplaced packages),
// in levelized order: a row imports the columns to its left, so every
// import right of the diagonal closes a cycle, and is marked. Each block
// expands into its packages. The package matrix has every package, by
// context. Both draw only the cells in sight, on a canvas that keeps its
// row and column headers in place while the matrix scrolls.

// levelOrder orders the nodes of a directed graph so that each comes
// after what it imports (levels of the graph of its strongly connected
// components), the members of one cycle together; tie orders within.
// Within a cycle, weight(a, b) of the edge a -> b orders the members so
// that few and light edges point back (the greedy heuristic of Eades,
// Lin and Smyth for a minimum feedback arc set): what is imported most
// and imports least comes first.
function levelOrder(n, adj, tie, weight) {
  var comps = components(adj), compOf = new Int32Array(n), level = new Array(comps.length).fill(0), key = [], rank = new Float64Array(n);
  comps.forEach(function (c, ci) { c.forEach(function (v) { compOf[v] = ci; }); key.push(Math.min.apply(null, c.map(tie))); });
  // Tarjan emits a component after every component it reaches.
  comps.forEach(function (c, ci) {
    c.forEach(function (v) { adj[v].forEach(function (w) { var cj = compOf[w]; if (cj !== ci) level[ci] = Math.max(level[ci], level[cj] + 1); }); });
    if (c.length < 2 || c.length > 200) { c.forEach(function (v) { rank[v] = tie(v); }); return; }
    var left = c.slice(), k = 0;
    while (left.length) {
      var best = -1, bestScore = -Infinity;
      left.forEach(function (v, i) {
        var s = 0;
        left.forEach(function (u) { if (u !== v) s += (adj[u].indexOf(v) >= 0 ? (weight ? weight(u, v) : 1) : 0) - (adj[v].indexOf(u) >= 0 ? (weight ? weight(v, u) : 1) : 0); });
        if (s > bestScore || s === bestScore && tie(v) < tie(left[best])) { best = i; bestScore = s; }
      });
      rank[left[best]] = k++;
      left.splice(best, 1);
    }
  });
  var order = [];
  for (var i = 0; i < n; i++) order.push(i);
  order.sort(function (a, b) {
    var ca = compOf[a], cb = compOf[b];
    return level[ca] - level[cb] || key[ca] - key[cb] || rank[a] - rank[b] || tie(a) - tie(b);
  });
  return { order: order, comp: compOf, size: comps.map(function (c) { return c.length; }) };
}

// makeGrid draws a square matrix model on a canvas in host:
//   n, label(i), band(i) -> {name, start, end} or null, rows[i] = [[j, v], ...],
//   color(i, j, v), mark(i, j, v) (a cycle), text(v), readout(i, j), header(i),
//   cell, headerW, headerH.
function makeGrid(host, model) {
  var scroll = el('div', { class: 'grid-scroll', tabindex: 0, role: 'grid', 'aria-label': model.title || 'matrix' });
  var canvas = el('canvas', { class: 'grid-canvas' });
  var spacer = el('div', { class: 'grid-spacer' });
  scroll.append(canvas, spacer);
  host.append(scroll);
  var g = canvas.getContext('2d'), hover = null, focus = { i: 0, j: 0 }, raf = 0;
  var grid = { model: model };
  function size() {
    var m = grid.model, W = scroll.clientWidth, H = scroll.clientHeight, dpr = window.devicePixelRatio || 1;
    canvas.style.width = W + 'px'; canvas.style.height = H + 'px';
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    spacer.style.width = (m.headerW + m.n * m.cell) + 'px';
    spacer.style.height = (m.headerH + m.n * m.cell) + 'px';
    spacer.style.marginTop = (-H) + 'px';
  }
  function draw() {
    raf = 0;
    var m = grid.model, W = scroll.clientWidth, H = scroll.clientHeight, c = m.cell, hw = m.headerW, hh = m.headerH;
    var sx = scroll.scrollLeft, sy = scroll.scrollTop;
    var ink = cssVar('--ink'), muted = cssVar('--muted'), line = cssVar('--line'), panel = cssVar('--panel'), band = cssVar('--band'), band2 = cssVar('--band2'), bad = cssVar('--bad');
    g.clearRect(0, 0, W, H);
    g.fillStyle = panel; g.fillRect(0, 0, W, H);
    var r0 = Math.max(0, Math.floor(sy / c)), r1 = Math.min(m.n - 1, Math.floor((sy + H - hh) / c));
    var c0 = Math.max(0, Math.floor(sx / c)), c1 = Math.min(m.n - 1, Math.floor((sx + W - hw) / c));
    var X = function (j) { return hw + j * c - sx; }, Y = function (i) { return hh + i * c - sy; };
    // Blocks on the diagonal.
    var bands = m.bands || [];
    bands.forEach(function (b, k) {
      if (b.end < r0 && b.end < c0 || b.start > r1 && b.start > c1) return;
      g.fillStyle = k % 2 ? band2 : band;
      g.fillRect(X(b.start), Y(b.start), (b.end - b.start + 1) * c, (b.end - b.start + 1) * c);
    });
    if (hover) {
      g.fillStyle = 'rgba(127,127,127,0.12)';
      g.fillRect(hw, Y(hover.i), W, c);
      g.fillRect(X(hover.j), hh, c, H);
    }
    var gap = c >= 6 ? 1 : 0, showText = c >= 22 && m.text;
    g.font = (c >= 30 ? 11 : 10) + 'px sans-serif';
    g.textAlign = 'center'; g.textBaseline = 'middle';
    for (var i = r0; i <= r1; i++) {
      var cells = m.rows[i] || [];
      for (var q = 0; q < cells.length; q++) {
        var j = cells[q][0], v = cells[q][1];
        if (j < c0 || j > c1) continue;
        g.fillStyle = m.color(i, j, v);
        g.fillRect(X(j), Y(i), c - gap, c - gap);
        if (m.mark && m.mark(i, j, v)) {
          g.strokeStyle = bad; g.lineWidth = c >= 6 ? 2 : 1;
          g.strokeRect(X(j) + 1, Y(i) + 1, Math.max(1, c - gap - 2), Math.max(1, c - gap - 2));
        }
        if (showText) { g.fillStyle = m.textColor ? m.textColor(i, j, v) : ink; g.fillText(m.text(v), X(j) + c / 2, Y(i) + c / 2 + 0.5); }
      }
    }
    (m.cycles || []).forEach(function (b) {
      g.strokeStyle = bad; g.lineWidth = 1.5; g.setLineDash([4, 3]);
      g.strokeRect(X(b.start) + 0.5, Y(b.start) + 0.5, (b.end - b.start + 1) * c - 1, (b.end - b.start + 1) * c - 1);
      g.setLineDash([]);
    });
    g.strokeStyle = line; g.lineWidth = 1;
    g.beginPath();
    bands.forEach(function (b) { var y = Y(b.start) + 0.5, x = X(b.start) + 0.5; g.moveTo(hw, y); g.lineTo(W, y); g.moveTo(x, hh); g.lineTo(x, H); });
    g.stroke();
    if (focus && document.activeElement === scroll) {
      g.strokeStyle = ink; g.lineWidth = 2;
      g.strokeRect(X(focus.j) + 1, Y(focus.i) + 1, c - 2, c - 2);
    }
    // Row headers, then column headers, drawn over the cells: they stay.
    g.fillStyle = panel; g.fillRect(0, hh, hw, H - hh); g.fillRect(hw, 0, W - hw, hh);
    var strip = m.strip || 0;
    g.textAlign = 'left'; g.textBaseline = 'middle';
    bands.forEach(function (b, k) {
      var y0 = Math.max(hh, Y(b.start)), y1 = Math.min(H, Y(b.end + 1));
      if (strip && y1 > y0) {
        g.fillStyle = k % 2 ? band2 : band; g.fillRect(0, y0, strip - 2, y1 - y0);
        if (y1 - y0 >= 12) {
          g.fillStyle = ink; g.font = '600 11px sans-serif';
          g.save(); g.beginPath(); g.rect(0, y0, strip - 4, y1 - y0); g.clip();
          g.fillText(b.name, 4, Math.min(y0 + 9, (y0 + y1) / 2));
          g.restore();
        }
      }
    });
    var labels = c >= 11;
    if (labels) {
      g.font = (c >= 16 ? 12 : 10) + 'px sans-serif';
      for (i = r0; i <= r1; i++) {
        g.fillStyle = m.strong && m.strong(i) ? ink : muted;
        g.fillText(fit(g, m.label(i), hw - strip - 8), strip + 4, Y(i) + c / 2);
      }
    }
    g.save();
    bands.forEach(function (b, k) {
      var x0 = Math.max(hw, X(b.start)), x1 = Math.min(W, X(b.end + 1));
      if (strip && x1 > x0) {
        g.fillStyle = k % 2 ? band2 : band; g.fillRect(x0, 0, x1 - x0, 16);
        if (x1 - x0 >= 20) { g.fillStyle = ink; g.font = '600 11px sans-serif'; g.save(); g.beginPath(); g.rect(x0, 0, x1 - x0 - 2, 16); g.clip(); g.fillText(b.name, x0 + 3, 8); g.restore(); }
      }
    });
    g.restore();
    if (labels) {
      g.font = (c >= 16 ? 12 : 10) + 'px sans-serif';
      for (j = c0; j <= c1; j++) {
        g.save();
        g.translate(X(j) + c / 2, hh - 4);
        g.rotate(-Math.PI / 2);
        g.fillStyle = m.strong && m.strong(j) ? ink : muted;
        g.fillText(fit(g, m.colLabel ? m.colLabel(j) : m.label(j), hh - (strip ? 22 : 8)), 0, 0);
        g.restore();
      }
    }
    g.fillStyle = panel; g.fillRect(0, 0, hw, hh);
    g.fillStyle = muted; g.font = '11px sans-serif';
    (m.corner || []).forEach(function (t, k) { if (14 + 14 * k < hh) g.fillText(t, 6, 14 + 14 * k); });
    g.strokeStyle = line; g.beginPath(); g.moveTo(hw - 0.5, 0); g.lineTo(hw - 0.5, H); g.moveTo(0, hh - 0.5); g.lineTo(W, hh - 0.5); g.stroke();
  }
  function redraw() { if (!raf) raf = requestAnimationFrame(draw); }
  function at(ev) {
    var m = grid.model, r = canvas.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top;
    var j = Math.floor((x - m.headerW + scroll.scrollLeft) / m.cell), i = Math.floor((y - m.headerH + scroll.scrollTop) / m.cell);
    return { x: x, y: y, i: i, j: j, rowHead: x < m.headerW && y >= m.headerH, colHead: y < m.headerH && x >= m.headerW };
  }
  scroll.addEventListener('scroll', function () { hideTip(); redraw(); });
  canvas.addEventListener('mousemove', function (ev) {
    var p = at(ev), m = grid.model;
    if (p.rowHead || p.colHead) {
      var k = p.rowHead ? p.i : p.j;
      hover = null; redraw();
      if (k >= 0 && k < m.n) { canvas.style.cursor = m.header ? 'pointer' : ''; showTip(ev.clientX, ev.clientY, m.headerReadout ? m.headerReadout(k) : [m.label(k)]); }
      return;
    }
    canvas.style.cursor = '';
    if (p.i < 0 || p.j < 0 || p.i >= m.n || p.j >= m.n) { hover = null; hideTip(); redraw(); return; }
    hover = { i: p.i, j: p.j };
    redraw();
    showTip(ev.clientX, ev.clientY, m.readout(p.i, p.j));
  });
  canvas.addEventListener('mouseleave', function () { hover = null; hideTip(); redraw(); });
  canvas.addEventListener('click', function (ev) {
    var p = at(ev), m = grid.model;
    if ((p.rowHead || p.colHead) && m.header) { var k = p.rowHead ? p.i : p.j; if (k >= 0 && k < m.n) m.header(k); }
  });
  // The keyboard moves a cursor cell; Enter on it opens its row's block.
  scroll.addEventListener('keydown', function (ev) {
    var m = grid.model, d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[ev.key];
    if (d) {
      ev.preventDefault();
      focus = { i: clamp(focus.i + d[0], 0, m.n - 1), j: clamp(focus.j + d[1], 0, m.n - 1) };
      var x = m.headerW + focus.j * m.cell, y = m.headerH + focus.i * m.cell;
      if (x - scroll.scrollLeft > scroll.clientWidth - m.cell) scroll.scrollLeft = x - scroll.clientWidth + m.cell * 2;
      if (x - scroll.scrollLeft < m.headerW) scroll.scrollLeft = x - m.headerW;
      if (y - scroll.scrollTop > scroll.clientHeight - m.cell) scroll.scrollTop = y - scroll.clientHeight + m.cell * 2;
      if (y - scroll.scrollTop < m.headerH) scroll.scrollTop = y - m.headerH;
      var r = canvas.getBoundingClientRect();
      showTip(r.left + x - scroll.scrollLeft + m.cell, r.top + y - scroll.scrollTop + m.cell, m.readout(focus.i, focus.j));
      redraw();
    } else if (ev.key === 'Enter' && m.header) m.header(focus.i);
  });
  scroll.addEventListener('focus', redraw);
  scroll.addEventListener('blur', function () { hideTip(); redraw(); });
  new ResizeObserver(function () { size(); draw(); }).observe(scroll);
  grid.set = function (model) { grid.model = model; size(); draw(); };
  grid.scroll = scroll;
  size();
  draw();
  return grid;
}

// fit shortens a label to width px, keeping its end (a package's own name).
function fit(g, text, width) {
  if (g.measureText(text).width <= width) return text;
  var lo = 0, hi = text.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (g.measureText('…' + text.slice(mid)).width <= width) hi = mid; else lo = mid + 1; }
  return '…' + text.slice(lo);
}

function abbrev(v) {
  if (v >= 10000) return Math.round(v / 1000) + 'k';
  if (v >= 1000) return (v / 1000).toFixed(1) + 'k';
  return v >= 10 || v === Math.round(v) ? String(Math.round(v)) : v.toFixed(1);
}

// units are the groups the matrices show: each context, then the shared
// kernel and the unplaced packages; unitOf maps a package to its unit.
function units() {
  if (D.units) return D.units;
  var us = M.contexts.map(function (c) { return { id: c.id, name: c.order + '. ' + c.name, members: c.members, order: c.order }; });
  if (D.kernel.length) us.push({ id: 'kernel', name: 'shared kernel', members: D.kernel, order: 1e6 });
  if (D.unplaced.length) us.push({ id: 'unplaced', name: 'unplaced', members: D.unplaced, order: 1e6 + 1 });
  var unitOf = new Int32Array(M.packages.length).fill(-1);
  us.forEach(function (u, i) { u.members.forEach(function (p) { unitOf[p] = i; }); });
  var adj = us.map(function () { return []; }), files = {};
  var pkgAdj = M.packages.map(function () { return []; });
  engine().imports.forEach(function (e) {
    var a = unitOf[e.from], b = unitOf[e.to];
    if (a >= 0 && b >= 0 && a !== b) { if (adj[a].indexOf(b) < 0) adj[a].push(b); files[a + ' ' + b] = (files[a + ' ' + b] || 0) + e.files; }
    if (a === b) pkgAdj[e.from].push(e.to);
  });
  var lv = levelOrder(us.length, adj, function (i) { return us[i].order; }, function (a, b) { return files[a + ' ' + b] || 0; });
  // Packages within a unit in their own import order (Go has no import
  // cycles, so this is a topological order).
  us.forEach(function (u) {
    var local = {};
    u.members.forEach(function (p, i) { local[p] = i; });
    var a = u.members.map(function (p) { return pkgAdj[p].map(function (q) { return local[q]; }).filter(function (q) { return q !== undefined; }); });
    u.ordered = levelOrder(u.members.length, a, function (i) { return u.members[i]; }).order.map(function (i) { return u.members[i]; });
  });
  D.units = { list: us, unitOf: unitOf, order: lv.order, comp: lv.comp, compSize: lv.size };
  return D.units;
}

// ---- the context matrix

var cdsm = { layer: '', expanded: {}, grid: null };

views['context-dsm'] = {
  title: 'Context matrix',
  render: function (s) {
    cdsm.layer = V.layers[0].name;
    sectionHead(s, 'Context dependency matrix', null, el('span', { class: 'tools' },
      el('button', { onclick: function () { cdsm.expanded = {}; drawCDSM(); } }, 'collapse all')));
    s.append(el('p', { class: 'help' }, 'Rows use columns: a cell counts what its row context takes from its column context in the chosen layer (imports: files of the row importing the column). Contexts are levelized: each comes after those it imports, so everything left of the diagonal is layered and ',
      el('strong', { class: 'bad' }, 'a red cell right of it closes an import cycle'), ' (the dashed boxes are the cycles). The diagonal counts what stays inside. Click a row or column name to open the block into its packages. ',
      info('The order is the levels of the graph of import cycles: contexts importing nothing come first. Within one level, extraction order. Shared tables and co-change have no direction: their cells mirror. The read-out next to the cursor gives every layer of the cell.', '', 'links')));
    var buttons = el('div', { class: 'switch', role: 'group', 'aria-label': 'layer' }, V.layers.map(function (l) {
      return el('button', { 'data-layer': l.name, onclick: function () { cdsm.layer = l.name; drawCDSM(); } }, l.short);
    }));
    s.append(buttons);
    cdsm.host = el('div', { class: 'grid-host' });
    s.append(cdsm.host);
    drawCDSM();
  }
};

// cdsmItems are the matrix's rows: a unit, or a package of an expanded one.
function drawCDSM() {
  var U = units(), items = [], bands = [], cycles = [];
  var section = views['context-dsm'].section;
  section.querySelectorAll('button[data-layer]').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-layer') === cdsm.layer); });
  var prevComp = -1, cycleStart = -1;
  U.order.forEach(function (ui, k) {
    var u = U.list[ui], start = items.length;
    if (cdsm.expanded[u.id]) u.ordered.forEach(function (p) { items.push({ unit: ui, pkg: p }); });
    else items.push({ unit: ui, pkg: -1 });
    bands.push({ name: u.name, start: start, end: items.length - 1, unit: ui });
    var comp = U.comp[ui];
    if (comp !== prevComp) {
      if (cycleStart >= 0) cycles.push({ start: cycleStart, end: start - 1 });
      cycleStart = U.compSize[comp] > 1 ? start : -1;
      prevComp = comp;
    }
    if (k === U.order.length - 1 && cycleStart >= 0) cycles.push({ start: cycleStart, end: items.length - 1 });
  });
  var rowOf = new Int32Array(M.packages.length).fill(-1);
  items.forEach(function (it, i) {
    if (it.pkg >= 0) rowOf[it.pkg] = i;
    else U.list[it.unit].members.forEach(function (p) { rowOf[p] = i; });
  });
  // Every layer's cells, for the read-out; the chosen one is drawn.
  var n = items.length, E = engine();
  var cells = {};
  V.layers.forEach(function (l) { cells[l.name] = {}; });
  var imp = V.layers[0].name, data = V.layers[1] && V.layers[1].name, co = V.layers[2] && V.layers[2].name, voc = V.layers[3] && V.layers[3].name;
  var pkgImports = {};
  function add(layer, i, j, v) { var m = cells[layer]; if (!m) return; var key = i * n + j; m[key] = (m[key] || 0) + v; }
  E.imports.forEach(function (e) { var a = rowOf[e.from], b = rowOf[e.to]; if (a < 0 || b < 0) return; add(imp, a, b, e.files); pkgImports[a * n + b] = (pkgImports[a * n + b] || 0) + 1; });
  if (data) {
    var touch = {};
    E.uses.forEach(function (u) { if (u.ddl) return; var r = rowOf[u.pkg]; if (r < 0) return; (touch[u.table] = touch[u.table] || {})[r] = true; });
    Object.keys(touch).forEach(function (t) {
      var rs = Object.keys(touch[t]).map(Number);
      for (var x = 0; x < rs.length; x++) for (var y = 0; y < rs.length; y++) if (x !== y) add(data, rs[x], rs[y], 1);
    });
  }
  if (co) E.pairs.forEach(function (p) { if (p.p > 0.05) return; var a = rowOf[p.a], b = rowOf[p.b]; if (a < 0 || b < 0 || a === b) return; add(co, a, b, p.shared); add(co, b, a, p.shared); });
  if (voc) M.coupling.forEach(function (c) { if (!(c[voc] > 0)) return; var a = rowOf[D.pkgIndex[c.a]], b = rowOf[D.pkgIndex[c.b]]; if (a < 0 || b < 0 || a === b) return; add(voc, a, b, c[voc]); add(voc, b, a, c[voc]); });
  var chosen = cells[cdsm.layer], rows = [], max = 0;
  for (var i = 0; i < n; i++) rows.push([]);
  Object.keys(chosen).forEach(function (key) {
    var k = +key, i = Math.floor(k / n), j = k % n;
    rows[i].push([j, chosen[key]]);
    if (i !== j) max = Math.max(max, chosen[key]);
  });
  rows.forEach(function (r) { r.sort(function (a, b) { return a[0] - b[0]; }); });
  var layer = D.layer[cdsm.layer], rgb = hexRGB(layer.color);
  function label(i) { var it = items[i]; return it.pkg >= 0 ? '  ' + short(M.packages[it.pkg].path, 3) : U.list[it.unit].name; }
  var cell = n <= 40 ? clamp(Math.floor((cdsm.host.clientWidth - 260) / Math.max(n, 1)), 26, 44) : n <= 120 ? 22 : 16;
  var model = {
    title: 'context dependency matrix', n: n, cell: cell, headerW: 260, headerH: 170, strip: Object.keys(cdsm.expanded).length ? 110 : 0,
    rows: rows, bands: bands.filter(function (b) { return b.end > b.start || cdsm.expanded[U.list[b.unit].id]; }), cycles: cycles,
    label: label, strong: function (i) { return items[i].pkg < 0; },
    color: function (i, j, v) { return i === j ? 'rgba(127,127,127,' + (0.15 + 0.35 * Math.min(1, Math.sqrt(v / Math.max(max, 1)))).toFixed(2) + ')' : 'rgba(' + rgb + ',' + (0.18 + 0.82 * Math.sqrt(v / Math.max(max, 1e-9))).toFixed(3) + ')'; },
    textColor: function (i, j, v) { return i !== j && Math.sqrt(v / Math.max(max, 1e-9)) > 0.55 ? '#ffffff' : cssVar('--ink'); },
    mark: function (i, j) { return layer.directed && j > i && items[i].unit !== items[j].unit; },
    text: function (v) { return abbrev(v); },
    corner: [layer.short + ': row → column', 'click a name to open it'],
    header: function (i) { var id = U.list[items[i].unit].id; if (cdsm.expanded[id]) delete cdsm.expanded[id]; else cdsm.expanded[id] = true; drawCDSM(); },
    headerReadout: function (i) { var u = U.list[items[i].unit]; return [label(i).trim(), items[i].pkg >= 0 ? 'in ' + u.name + '; click to close the block' : plural(u.members.length, 'package') + '; click to open the block']; },
    readout: function (i, j) {
      var lines = [label(i).trim() + (i === j ? ' (inside)' : ' → ' + label(j).trim())];
      V.layers.forEach(function (l) {
        var v = cells[l.name][i * n + j] || 0;
        if (l.name === imp) lines.push(l.short + ': ' + plural(v, 'file') + ' (' + plural(pkgImports[i * n + j] || 0, 'package import') + ')');
        else if (l.name === data) lines.push(l.short + ': ' + plural(v, 'table'));
        else if (l.name === co) lines.push(l.short + ': ' + plural(v, 'shared commit'));
        else lines.push(l.short + ': ' + (v ? v.toFixed(4) : '0') + ' (coupling weight)');
      });
      if (layer.directed && j > i && cells[imp][i * n + j] && items[i].unit !== items[j].unit) lines.push('closes an import cycle');
      return lines;
    }
  };
  cdsm.items = items;
  if (cdsm.grid) cdsm.grid.set(model); else cdsm.grid = makeGrid(cdsm.host, model);
}
hooks.expandContextDSM = function (id) { cdsm.expanded[id] = true; drawCDSM(); return cdsm.items.length; };

function hexRGB(h) { return [1, 3, 5].map(function (i) { return parseInt(h.slice(i, i + 2), 16); }).join(','); }

// ---- the package matrix

var pdsm = { layer: 'fused', cell: 0, grid: null };

views['package-dsm'] = {
  title: 'Package matrix',
  render: function (s) {
    sectionHead(s, 'Package dependency matrix', 'Every package, by context in levelized order, then the shared kernel and the unplaced packages. A cell is shaded by how strongly its row package is coupled to its column package in the chosen layer, as the clustering weighs it (imports: row imports column, in files). Blocks on the diagonal are the contexts; marks off them are what a cut would break.',
      el('span', { class: 'tools' },
        el('button', { 'aria-label': 'larger cells', onclick: function () { pdsm.cell = Math.min(24, pdsm.cell * 2); drawPDSM(); } }, '+'),
        el('button', { 'aria-label': 'smaller cells', onclick: function () { pdsm.cell = Math.max(2, Math.floor(pdsm.cell / 2)); drawPDSM(); } }, '−')));
    s.append(el('p', { class: 'help' }, 'Zoom with + and −; hover a cell for both packages, their contexts, the files importing each way and the coupling of every layer. ',
      info('The shade is the pair\'s weight in the fused graph the clustering reads: each layer normalized to a total of 1 over the repository, then weighted (all layers), or one layer alone. Imports are drawn row to column, in files; the other layers have no direction.', '', 'coupling')));
    s.append(el('div', { class: 'switch', role: 'group', 'aria-label': 'layer' }, [['fused', 'all layers']].concat(V.layers.map(function (l) { return [l.name, l.short]; })).map(function (l) {
      return el('button', { 'data-layer': l[0], onclick: function () { pdsm.layer = l[0]; drawPDSM(); } }, l[1]);
    })));
    pdsm.host = el('div', { class: 'grid-host' });
    s.append(pdsm.host);
    pdsm.cell = clamp(Math.floor(1000 / Math.max(M.packages.length, 1)), 3, 16);
    drawPDSM();
  }
};

function drawPDSM() {
  var U = units(), order = [], bands = [];
  views['package-dsm'].section.querySelectorAll('button[data-layer]').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-layer') === pdsm.layer); });
  U.order.forEach(function (ui) {
    var u = U.list[ui], start = order.length;
    u.ordered.forEach(function (p) { order.push(p); });
    if (order.length > start) bands.push({ name: u.name, start: start, end: order.length - 1 });
  });
  var n = order.length, pos = new Int32Array(M.packages.length).fill(-1);
  order.forEach(function (p, i) { pos[p] = i; });
  var rows = [], max = 0, imp = V.layers[0].name, pair = null;
  for (var i = 0; i < n; i++) rows.push([]);
  // The pairs' weights by package pair, made at the first read-out.
  var pairOf = function (a, b) {
    if (!pair) { pair = new Map(); M.coupling.forEach(function (c) { pair.set(D.pkgIndex[c.a] * M.packages.length + D.pkgIndex[c.b], c); }); }
    return pair.get(Math.min(a, b) * M.packages.length + Math.max(a, b)) || {};
  };
  if (pdsm.layer === imp) {
    engine().imports.forEach(function (e) { var a = pos[e.from], b = pos[e.to]; if (a >= 0 && b >= 0) { rows[a].push([b, e.files]); max = Math.max(max, e.files); } });
  } else {
    M.coupling.forEach(function (c) {
      var v = c[pdsm.layer], a = pos[D.pkgIndex[c.a]], b = pos[D.pkgIndex[c.b]];
      if (!(v > 0) || a < 0 || b < 0) return;
      rows[a].push([b, v]); rows[b].push([a, v]); max = Math.max(max, v);
    });
  }
  var fileOf = null;
  var filesOf = function (a, b) {
    if (!fileOf) { fileOf = new Map(); engine().imports.forEach(function (e) { fileOf.set(e.from * M.packages.length + e.to, e.files); }); }
    return fileOf.get(a * M.packages.length + b) || 0;
  };
  var rgb = pdsm.layer === 'fused' ? hexRGB('#1d2330') : hexRGB(D.layer[pdsm.layer].color);
  if (cssVar('--dark') === '1' && pdsm.layer === 'fused') rgb = '220,226,240';
  var unitName = function (p) { var u = U.unitOf[p]; return u >= 0 ? U.list[u].name : ''; };
  var model = {
    title: 'package dependency matrix', n: n, cell: pdsm.cell, headerW: pdsm.cell >= 11 ? 300 : 132, headerH: pdsm.cell >= 11 ? 180 : 20, strip: 120, rows: rows, bands: bands,
    label: function (i) { return M.packages[order[i]].path; },
    color: function (i, j, v) { return 'rgba(' + rgb + ',' + (0.2 + 0.8 * Math.sqrt(v / max)).toFixed(3) + ')'; },
    corner: [pdsm.layer === imp ? 'imports: row → column' : 'coupling, ' + (pdsm.layer === 'fused' ? 'all layers' : D.layer[pdsm.layer].short), plural(n, 'package')],
    readout: function (i, j) {
      var a = order[i], b = order[j], pa = M.packages[a].path, pb = M.packages[b].path;
      var c = pairOf(a, b);
      var lines = [pa + ' (' + unitName(a) + ')', '→ ' + pb + ' (' + unitName(b) + ')'];
      lines.push('imports: ' + plural(filesOf(a, b), 'file') + ' this way, ' + plural(filesOf(b, a), 'file') + ' back');
      lines.push('coupling: ' + ['fused'].concat(V.layers.map(function (l) { return l.name; })).map(function (l) { return (l === 'fused' ? 'all' : D.layer[l].short) + ' ' + (c[l] ? c[l].toFixed(4) : '0'); }).join(', '));
      return lines;
    }
  };
  if (pdsm.grid) pdsm.grid.set(model); else pdsm.grid = makeGrid(pdsm.host, model);
}
