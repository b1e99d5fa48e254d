// map.js: the context map (contexts sized by code, coloured by order,
// pressure or risk, edges per layer on a log scale) with a side panel for
// the selected context, packages expanded in place on request, and the
// drill-down view of one context's packages and its neighbours. Layouts
// are deterministic: the same model draws the same map.

// forceLayout places nodes {x, y, r} so that edges {a, b, w} pull and
// every pair pushes (Fruchterman-Reingold, with the nodes' radii and a
// grid so that large graphs stay linear), then removes overlaps. It runs
// in slices of a few milliseconds and calls done when finished: the
// result does not depend on the slicing.
function forceLayout(nodes, edges, opt, done) {
  // A cut-off on the push keeps nodes that nothing pulls from drifting
  // away: past it, only gravity acts on them.
  var n = nodes.length, k = opt.k || 60, iters = opt.iterations || 300, it = 0, cutoff = opt.cutoff || 0;
  var dx = new Float64Array(n), dy = new Float64Array(n);
  var grid = n > 150;
  function step() {
    var t = (opt.temperature || k) * (1 - it / iters) + 1;
    dx.fill(0); dy.fill(0);
    var cells = null, cs = 2.5 * k;
    if (grid) {
      cells = {};
      nodes.forEach(function (p, i) { var key = Math.floor(p.x / cs) + ',' + Math.floor(p.y / cs); (cells[key] = cells[key] || []).push(i); });
    }
    for (var i = 0; i < n; i++) {
      var a = nodes[i];
      var others;
      if (grid) {
        others = [];
        var gx = Math.floor(a.x / cs), gy = Math.floor(a.y / cs);
        for (var ox = -1; ox <= 1; ox++) for (var oy = -1; oy <= 1; oy++) { var c = cells[(gx + ox) + ',' + (gy + oy)]; if (c) others = others.concat(c); }
      }
      var m = grid ? others.length : n;
      for (var q = 0; q < m; q++) {
        var j = grid ? others[q] : q;
        if (j <= i) continue;
        var b = nodes[j], ex = a.x - b.x, ey = a.y - b.y;
        var d = Math.sqrt(ex * ex + ey * ey) || 0.01;
        if (cutoff && d > cutoff) continue;
        var gap = Math.max(d - a.r - b.r, 0.1 * k);
        var f = k * k / gap / d;
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    edges.forEach(function (e) {
      var a = nodes[e.a], b = nodes[e.b], ex = a.x - b.x, ey = a.y - b.y;
      var d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      var f = e.w * Math.max(0, d - a.r - b.r) / k;
      dx[e.a] -= ex * f; dy[e.a] -= ey * f; dx[e.b] += ex * f; dy[e.b] += ey * f;
    });
    var g = opt.gravity === undefined ? 0.05 : opt.gravity;
    for (i = 0; i < n; i++) {
      var p = nodes[i];
      if (p.fixed) continue;
      dx[i] -= p.x * g; dy[i] -= p.y * g;
      var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      var s = Math.min(len, t) / len;
      p.x += dx[i] * s; p.y += dy[i] * s;
    }
    it++;
  }
  function finish() { separate(nodes, opt.pad === undefined ? 6 : opt.pad, grid ? 2.5 * k : 0); done(); }
  if (opt.sync) { while (it < iters) step(); finish(); return; }
  (function slice() {
    var t0 = performance.now();
    while (it < iters && performance.now() - t0 < 12) step();
    if (it < iters) setTimeout(slice, 0); else finish();
  })();
}

// separate pushes overlapping circles apart.
function separate(nodes, pad, cell) {
  for (var pass = 0; pass < 60; pass++) {
    var moved = false;
    for (var i = 0; i < nodes.length; i++) {
      for (var j = i + 1; j < nodes.length; j++) {
        var a = nodes[i], b = nodes[j], ex = b.x - a.x, ey = b.y - a.y;
        if (cell && (Math.abs(ex) > cell || Math.abs(ey) > cell)) continue;
        var d = Math.sqrt(ex * ex + ey * ey) || 0.01, want = a.r + b.r + pad;
        if (d >= want) continue;
        var push = (want - d) / 2, ux = ex / d, uy = ey / d;
        if (!a.fixed) { a.x -= ux * push; a.y -= uy * push; }
        if (!b.fixed) { b.x += ux * push; b.y += uy * push; }
        moved = true;
      }
    }
    if (!moved) return;
  }
}

// spiral lays n points out from a centre, evenly spaced, in order: a
// sorted list of packages keeps its subtrees together.
function spiral(n, spacing) {
  var out = [];
  for (var i = 0; i < n; i++) {
    var r = spacing * Math.sqrt(i + 0.5) * 0.6, a = Math.sqrt(i + 0.5) * 3.545;
    out.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return out;
}

// contextEdges lists the links per layer that the map draws, with each
// edge's weight relative to its layer's strongest (the layers count
// different things: files, tables, commits).
function contextEdges(ls) {
  var out = [], max = {};
  ls.forEach(function (l) {
    V.layers.forEach(function (y) { var w = l.strength[y.name]; if (w > 0) max[y.name] = Math.max(max[y.name] || 0, w); });
  });
  ls.forEach(function (l) {
    if (!D.ctxById[l.from] || !D.ctxById[l.to]) return;
    V.layers.forEach(function (y) {
      var w = l.strength[y.name];
      if (w > 0) out.push({ from: l.from, to: l.to, layer: y.name, w: w, rel: Math.log(1 + w) / Math.log(1 + max[y.name]) });
    });
  });
  return out;
}

var mapState = { color: 'order', all: false, layers: {}, expanded: {} };

views.map = {
  title: 'Map',
  render: function (s) {
    V.layers.forEach(function (l) { mapState.layers[l.name] = true; });
    sectionHead(s, 'Context map', null, el('span', { class: 'tools' },
      el('button', { onclick: function () { download('contexts.svg', 'image/svg+xml', serializeSVG(mapView.svg)); } }, 'SVG'),
      el('button', { onclick: function () { exportPNG(mapView.svg, 'contexts.png', 2); } }, 'PNG')));
    var colorSwitch = el('span', { class: 'switch', role: 'group', 'aria-label': 'colour nodes by' }, 'colour by ',
      ['order', 'pressure', 'risk'].map(function (k) {
        return el('button', { 'data-color': k, class: k === mapState.color ? 'on' : '', 'aria-pressed': String(k === mapState.color), onclick: function () { mapState.color = k; mapView.draw(); } }, k);
      }));
    var tools = el('div', { class: 'map-tools' }, colorSwitch,
      el('span', { class: 'switch' },
        el('button', { onclick: function () { mapView.zoom.zoomIn(); } , 'aria-label': 'zoom in' }, '+'),
        el('button', { onclick: function () { mapView.zoom.zoomOut(); }, 'aria-label': 'zoom out' }, '−'),
        el('button', { onclick: function () { mapView.zoom.reset(); } }, 'fit')),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', onchange: function (ev) { mapState.all = ev.target.checked; mapView.draw(); } }), 'all edges'),
      el('button', { 'data-action': 'collapse-all', onclick: function () { mapState.expanded = {}; mapView.layout(); mapView.draw(); views.map.panel(state.context); } }, 'collapse all'));
    var box = el('div', { class: 'map-box' });
    var panel = el('aside', { class: 'panel', 'aria-live': 'polite' }, el('p', { class: 'help' }, 'Select a context on the map.'));
    var legend = el('div', { class: 'legend' });
    s.append(tools, el('div', { class: 'map-grid' }, el('div', null, box, legend), panel));
    views.map.panelEl = panel;
    box.setAttribute('data-state', 'layout');
    later(function () {
      mapView = makeMap(box, legend);
      timed('map layout', mapView.layout);
      timed('map draw', mapView.draw);
      var id = state.context || (M.contexts[0] && M.contexts[0].id);
      if (id) { mapView.select(id); views.map.panel(id); }
      new ResizeObserver(function () { mapView.rescale(); }).observe(box);
      box.setAttribute('data-state', 'done');
    });
  },
  show: function (s, p) { if (p.context && D.ctxById[p.context]) views.map.selected(p.context); },
  selected: function (id) { if (mapView) { mapView.select(id); views.map.panel(id); } }
};
var mapView = null;

function makeMap(box, legend) {
  var root = svg('svg', { class: 'map', role: 'img', 'aria-label': 'context map', preserveAspectRatio: 'xMidYMid meet' });
  var defs = svg('defs', {});
  V.layers.forEach(function (l) {
    var m = svg('marker', { id: 'arrow-' + l.name, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto-start-reverse' });
    m.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: l.color }));
    defs.append(m);
  });
  root.append(defs);
  var layer = svg('g', {});
  root.append(layer);
  box.append(root);
  var view = { svg: root, pos: {}, pkgPos: {} };
  var scale = 1, selected = '';
  view.zoom = zoomable(root, layer, function () { restyle(); });

  var edges = contextEdges(M.links);

  // layout places the contexts, then makes room for the expanded ones.
  view.layout = function () {
    var start = spiral(M.contexts.length, 70);
    var nodes = M.contexts.map(function (c, i) {
      var p = start[i];
      return { id: c.id, x: p[0], y: p[1], r: 10 + 34 * Math.sqrt(c.loc / D.maxLoc) };
    });
    var index = {};
    nodes.forEach(function (n, i) { index[n.id] = i; });
    var pair = {};
    edges.forEach(function (e) {
      var key = e.from < e.to ? e.from + ' ' + e.to : e.to + ' ' + e.from;
      pair[key] = (pair[key] || 0) + e.rel;
    });
    var springs = Object.keys(pair).map(function (key) { var ab = key.split(' '); return { a: index[ab[0]], b: index[ab[1]], w: 0.15 * pair[key] }; });
    forceLayout(nodes, springs, { k: 90, iterations: 400, sync: true, pad: 26, gravity: 0.03 }, function () {});
    // Fill the box: a wide box gets a wide map.
    var bw = box.clientWidth || 800, bh = box.clientHeight || 500;
    var ext = function (f) { return Math.max.apply(null, nodes.map(f).concat([1])) - Math.min.apply(null, nodes.map(f).concat([0])); };
    var stretch = clamp((bw / bh) / (ext(function (n) { return n.x; }) / ext(function (n) { return n.y; })), 0.6, 1.8);
    nodes.forEach(function (n) { n.x *= Math.sqrt(stretch); n.y /= Math.sqrt(stretch); });
    separate(nodes, 26, 0);
    // An expanded context becomes a disc of its packages; the others
    // move out of its way.
    Object.keys(mapState.expanded).forEach(function (id) {
      var n = nodes[index[id]], c = D.ctxById[id];
      if (!n) return;
      n.r = Math.max(n.r, 9 * Math.sqrt(c.members.length) + 14);
      n.fixed = true;
    });
    separate(nodes, 26, 0);
    view.pos = {};
    nodes.forEach(function (n) { view.pos[n.id] = n; });
    view.pkgPos = {};
    Object.keys(mapState.expanded).forEach(function (id) {
      var c = D.ctxById[id], n = view.pos[id], pts = spiral(c.members.length, 16);
      c.members.forEach(function (p, i) { view.pkgPos[p] = { x: n.x + pts[i][0], y: n.y + pts[i][1], ctx: id }; });
    });
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) { x0 = Math.min(x0, n.x - n.r); y0 = Math.min(y0, n.y - n.r); x1 = Math.max(x1, n.x + n.r); y1 = Math.max(y1, n.y + n.r + 18); });
    if (!nodes.length) { x0 = y0 = 0; x1 = y1 = 100; }
    var pad = 40;
    root.setAttribute('viewBox', [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad].map(function (v) { return v.toFixed(1); }).join(' '));
    view.zoom.reset();
  };

  function color(c) {
    var n = M.contexts.length;
    if (mapState.color === 'pressure') return scales.pressure.ramp(c.pressure.score);
    if (mapState.color === 'risk') return scales.risk.ramp(c.risk.score);
    return scales.order.ramp((c.order - 1) / Math.max(1, n - 1));
  }

  // draw builds the map's elements: edges, then nodes, then labels.
  view.draw = function () {
    layer.textContent = '';
    document.querySelectorAll('[data-color]').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-color') === mapState.color); b.setAttribute('aria-pressed', String(b.getAttribute('data-color') === mapState.color)); });
    var gEdges = svg('g', { class: 'edges' }), gNodes = svg('g', {}), gLabels = svg('g', { class: 'labels' });
    layer.append(gEdges, gNodes, gLabels);
    var shown = edges.filter(function (e) { return mapState.layers[e.layer] && !mapState.expanded[e.from] && !mapState.expanded[e.to]; });
    if (!mapState.all) {
      // The strongest edges of each layer, one per context: enough to
      // read the structure, few enough to read at all.
      var keep = [];
      V.layers.forEach(function (l) {
        keep = keep.concat(shown.filter(function (e) { return e.layer === l.name; }).sort(function (a, b) { return b.w - a.w || byteLess(a.from + a.to, b.from + b.to); }).slice(0, M.contexts.length));
      });
      shown = keep;
    }
    shown.forEach(function (e) { gEdges.append(edgePath(e)); });
    Object.keys(mapState.expanded).forEach(function (id) { drawExpanded(id, gEdges, gNodes); });
    M.contexts.forEach(function (c) {
      var p = view.pos[c.id];
      if (!p) return;
      var expanded = mapState.expanded[c.id];
      var g = svg('g', { class: 'node' + (expanded ? ' expanded' : ''), 'data-node': '1', 'data-context': c.id, tabindex: 0, role: 'button', 'aria-label': c.order + '. ' + c.name });
      g.append(svg('circle', { cx: p.x, cy: p.y, r: p.r, fill: expanded ? 'none' : color(c), class: 'ctx-circle' }));
      if (!expanded) g.append(svg('text', { x: p.x, y: p.y, class: 'order', fill: inkOn(color(c)), 'text-anchor': 'middle', 'dominant-baseline': 'central' }, String(c.order)));
      g.addEventListener('click', function () { select(c.id, 'map'); });
      g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(c.id, 'map'); } });
      g.addEventListener('mouseenter', function (ev) { hoverContext(c, ev, true); });
      g.addEventListener('mousemove', function (ev) { hoverContext(c, ev, true); });
      g.addEventListener('mouseleave', function (ev) { hoverContext(c, ev, false); });
      g.addEventListener('focus', function () { var r = g.getBoundingClientRect(); hoverContext(c, { clientX: r.right, clientY: r.top }, true); });
      g.addEventListener('blur', function () { hideTip(); });
      gNodes.append(g);
      var label = svg('text', { x: p.x, y: expanded ? p.y - p.r - 6 : p.y + p.r + 4, class: 'label halo', 'text-anchor': 'middle', 'dominant-baseline': expanded ? 'auto' : 'hanging', 'data-label': c.id }, c.order + '. ' + ellipsize(c.name, 28));
      gLabels.append(label);
    });
    drawLegend();
    restyle();
    if (selected) view.select(selected);
  };

  function edgePath(e) {
    var a = view.pos[e.from], b = view.pos[e.to], l = D.layer[e.layer];
    var ex = b.x - a.x, ey = b.y - a.y, d = Math.sqrt(ex * ex + ey * ey) || 1, ux = ex / d, uy = ey / d;
    // Directed edges bend right, so the two directions do not overlap.
    var bend = l.directed ? 0.12 * d : 0;
    var x1 = a.x + ux * a.r, y1 = a.y + uy * a.r, x2 = b.x - ux * (b.r + 2), y2 = b.y - uy * (b.r + 2);
    var mx = (x1 + x2) / 2 - uy * bend, my = (y1 + y2) / 2 + ux * bend;
    var p = svg('path', { d: 'M' + x1.toFixed(1) + ',' + y1.toFixed(1) + ' Q' + mx.toFixed(1) + ',' + my.toFixed(1) + ' ' + x2.toFixed(1) + ',' + y2.toFixed(1),
      class: 'edge', stroke: l.color, 'stroke-dasharray': l.line === 'dashed' ? '6 4' : l.line === 'dotted' ? '2 3' : null,
      'marker-end': l.directed ? 'url(#arrow-' + l.name + ')' : null, 'data-from': e.from, 'data-to': e.to, 'data-px': (0.8 + 3.2 * e.rel).toFixed(2), opacity: (0.3 + 0.6 * e.rel).toFixed(2) });
    p.append(svg('title', {}, ctxName(e.from) + (l.directed ? ' → ' : ' — ') + ctxName(e.to) + ': ' + num(e.w) + ' ' + l.short));
    return p;
  }

  // drawExpanded draws a context's packages in its disc, the imports
  // among them (the strongest 300) and their imports to and from other
  // contexts (the strongest 200 package-context pairs).
  function drawExpanded(id, gEdges, gNodes) {
    var c = D.ctxById[id], ci = D.ctxIndex[id];
    var maxPkg = Math.max.apply(null, c.members.map(function (p) { return M.packages[p].loc; }).concat([1]));
    var inner = [], outer = {};
    engine().imports.forEach(function (e) {
      var a = D.ctxOfPkg[e.from], b = D.ctxOfPkg[e.to];
      if (a === ci && b === ci) inner.push(e);
      else if (a === ci && b >= 0) { var k = e.from + '>' + M.contexts[b].id; outer[k] = (outer[k] || 0) + e.files; }
      else if (b === ci && a >= 0) { var k2 = e.to + '<' + M.contexts[a].id; outer[k2] = (outer[k2] || 0) + e.files; }
    });
    inner.sort(function (x, y) { return y.files - x.files; }).slice(0, 300).forEach(function (e) {
      var a = view.pkgPos[e.from], b = view.pkgPos[e.to];
      gEdges.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'pkg-edge', 'data-px': '0.7' }));
    });
    var color = D.layer[V.layers[0].name].color;
    Object.keys(outer).sort(function (x, y) { return outer[y] - outer[x]; }).slice(0, 200).forEach(function (key) {
      var m = /^(\d+)([<>])(.*)$/.exec(key), a = view.pkgPos[+m[1]], b = view.pos[m[3]];
      if (!a || !b || mapState.expanded[m[3]]) return;
      gEdges.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge', stroke: color, opacity: 0.35, 'data-px': '0.8', 'data-from': id, 'data-to': m[3] }));
    });
    c.members.forEach(function (p) {
      var pos = view.pkgPos[p], pk = M.packages[p];
      var dot = svg('circle', { cx: pos.x, cy: pos.y, r: 2.5 + 5 * Math.sqrt(pk.loc / maxPkg), class: 'pkg-dot', 'data-node': '1', 'data-package': pk.path, fill: scales.heat.ramp(heatOf(pk)) });
      dot.addEventListener('mouseenter', function (ev) { showTip(ev.clientX, ev.clientY, packageLines(pk)); });
      dot.addEventListener('mousemove', function (ev) { showTip(ev.clientX, ev.clientY, packageLines(pk)); });
      dot.addEventListener('mouseleave', hideTip);
      dot.addEventListener('click', function () { views.map.packagePanel(p); });
      gNodes.append(dot);
    });
  }

  function hoverContext(c, ev, on) {
    if (!on) { hideTip(); return; }
    showTip(ev.clientX, ev.clientY, [c.order + '. ' + c.name, plural(c.packages.length, 'package') + ', ' + num(c.loc) + ' LOC',
      'pressure ' + fmt(c.pressure.score) + ' · risk ' + fmt(c.risk.score) + (bandOf(c) ? ' · band ' + bandOf(c) : ''), c.reason]);
  }

  // restyle keeps labels and lines their size on screen at any zoom, and
  // drops the labels that would overlap: the largest contexts and the
  // selected one keep theirs, the others show on hover.
  function restyle() {
    var r = root.getBoundingClientRect(), vb = root.viewBox.baseVal;
    if (!r.width || !vb || !vb.width) return;
    scale = Math.min(r.width / vb.width, r.height / vb.height) * view.zoom.k();
    var font = 12 / scale;
    layer.querySelectorAll('text.label').forEach(function (t) { t.style.fontSize = font + 'px'; });
    layer.querySelectorAll('text.order').forEach(function (t) { t.style.fontSize = (11 / scale) + 'px'; });
    layer.querySelectorAll('[data-px]').forEach(function (p) { p.style.strokeWidth = (parseFloat(p.getAttribute('data-px')) / scale) + 'px'; });
    layer.querySelectorAll('.ctx-circle').forEach(function (p) { p.style.strokeWidth = (1 / scale) + 'px'; });
    var most = Math.max(8, Math.min(30, Math.floor(r.width / 60)));
    var ranked = M.contexts.slice().sort(function (a, b) { return (b.id === selected) - (a.id === selected) || (!!mapState.expanded[b.id]) - (!!mapState.expanded[a.id]) || b.loc - a.loc || a.order - b.order; });
    // Each label goes below its circle, above, right or left, where it
    // covers no other label or circle; the largest contexts first.
    var boxes = M.contexts.map(function (c) { var p = view.pos[c.id]; return p ? { x: p.x - p.r, y: p.y - p.r, w: 2 * p.r, h: 2 * p.r, id: c.id } : null; }).filter(Boolean);
    var shown = 0;
    ranked.forEach(function (c) {
      var t = layer.querySelector('text[data-label="' + CSS.escape(c.id) + '"]');
      if (!t) return;
      t.style.display = 'none';
      if (shown >= most && c.id !== selected) return;
      var w = t.textContent.length * font * 0.56, h = font * 1.15, p = view.pos[c.id], g = 3 / scale;
      var spots = mapState.expanded[c.id] ? [[p.x - w / 2, p.y - p.r - g - h]] :
        [[p.x - w / 2, p.y + p.r + g], [p.x - w / 2, p.y - p.r - g - h], [p.x + p.r + g, p.y - h / 2], [p.x - p.r - g - w, p.y - h / 2]];
      for (var k = 0; k < spots.length; k++) {
        var b = { x: spots[k][0], y: spots[k][1], w: w, h: h };
        var free = boxes.every(function (o) { return o.id === c.id || b.x + b.w < o.x || o.x + o.w < b.x || b.y + b.h < o.y || o.y + o.h < b.y; });
        if (free || c.id === selected && k === spots.length - 1) {
          t.setAttribute('x', (b.x + w / 2).toFixed(1));
          t.setAttribute('y', (b.y + h * 0.8).toFixed(1));
          t.setAttribute('dominant-baseline', 'auto');
          t.style.display = '';
          boxes.push({ x: b.x, y: b.y, w: w, h: h, id: '' });
          shown++;
          return;
        }
      }
    });
  }
  view.rescale = restyle;

  view.select = function (id) {
    selected = id;
    layer.querySelectorAll('.node').forEach(function (g) { g.classList.toggle('sel', g.getAttribute('data-context') === id); });
    layer.querySelectorAll('.edge').forEach(function (p) {
      var on = !id || p.getAttribute('data-from') === id || p.getAttribute('data-to') === id;
      p.classList.toggle('dim', !on);
    });
    restyle();
  };

  function drawLegend() {
    legend.textContent = '';
    var sc = scales[mapState.color];
    var stops = [0, 0.25, 0.5, 0.75, 1].map(function (t) { return sc.ramp(t) + ' ' + (t * 100) + '%'; }).join(',');
    append(legend, [el('span', { class: 'legend-item' }, sc.label + ': ', el('span', null, sc.low), el('i', { class: 'ramp', style: 'background:linear-gradient(90deg,' + stops + ')' }), el('span', null, sc.high)),
      el('span', { class: 'legend-item' }, 'size: lines of code'),
      V.layers.map(function (l) {
        var box = el('input', { type: 'checkbox', 'data-layer': l.name });
        box.checked = mapState.layers[l.name];
        box.addEventListener('change', function () { mapState.layers[l.name] = box.checked; view.draw(); });
        return el('label', { class: 'legend-item' }, box, el('i', { class: 'line ' + (l.line || 'solid'), style: 'border-color:' + l.color }), l.short + (l.directed ? ' →' : ''));
      }),
      el('span', { class: 'legend-item' }, info('Contexts are circles sized by their lines of code; the number is the extraction order. Edges are the strongest relations of each layer (one per context unless "all edges"), their width on a log scale of the layer\'s own unit: files importing, tables shared, commits shared. Only the largest contexts are labelled where there is room; hover or focus a circle for the rest. Expanded contexts show their packages coloured by commits in the pressure window.', '', 'links'))]);
  }
  return view;
}

// inkOn is the text colour that reads on a fill given as rgb(r,g,b).
function inkOn(fill) {
  var c = (/rgb\((\d+),(\d+),(\d+)\)/.exec(fill) || [0, 255, 255, 255]).slice(1).map(Number);
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] < 140 ? '#ffffff' : '#1d2330';
}

hooks.mapSVG = function () { return mapView ? serializeSVG(mapView.svg) : ''; };

function heatOf(pk) {
  var w = pk.history && pk.history.window ? pk.history.window.revisions : 0;
  return w > 0 ? Math.log(1 + w) / Math.log(1 + D.maxRev) : 0;
}
function packageLines(pk) {
  var w = pk.history && pk.history.window;
  return [pk.path, num(pk.loc) + ' LOC · ' + plural(pk.files || 0, 'file') + (pk.confidence ? ' · confidence ' + fmt(pk.confidence) : ''),
    w ? plural(w.revisions, 'commit') + ' in the window, ' + num(w.churn) + ' lines churned, ' + plural(w.authors, 'author') : 'no change in the window',
    pk.context ? 'in ' + ctxName(pk.context) : (pk.shared ? 'shared kernel: ' + pk.shared : 'unplaced')];
}

// panel fills the side panel with the context's summary, scores and top
// cut items, and the ways on.
views.map.panel = function (id) {
  var panel = views.map.panelEl, c = D.ctxById[id];
  if (!panel || !c) return;
  panel.textContent = '';
  panel.setAttribute('data-context', id);
  var conf = c.members.length ? sum(c.members, function (p) { return M.packages[p].confidence || 0; }) / c.members.length : 0;
  panel.append(el('h3', null, c.order + '. ' + c.name), el('div', { class: 'tag-row' }, el('span', { class: 'tag' }, c.id), bandOf(c) ? el('span', { class: 'tag' }, 'band ' + bandOf(c)) : null),
    el('dl', { class: 'facts' },
      el('dt', null, 'packages'), el('dd', null, num(c.packages.length)),
      el('dt', null, 'lines of code'), el('dd', null, num(c.loc)),
      el('dt', null, 'pressure'), el('dd', null, bar(c.pressure.score, scales.pressure.ramp(0.8)), fmt(c.pressure.score)),
      el('dt', null, 'risk'), el('dd', null, bar(c.risk.score, scales.risk.ramp(0.8)), fmt(c.risk.score)),
      el('dt', null, 'confidence'), el('dd', null, fmt(conf))),
    el('p', { class: 'reason' }, c.reason));
  var expanded = !!mapState.expanded[id];
  panel.append(el('div', { class: 'actions' },
    el('button', { 'data-action': expanded ? 'collapse' : 'expand', onclick: function () {
      if (expanded) delete mapState.expanded[id]; else mapState.expanded[id] = true;
      mapView.layout(); mapView.draw(); views.map.panel(id);
    } }, expanded ? 'collapse' : 'expand packages'),
    el('a', { class: 'button', href: '#context=' + encodeURIComponent(id) + '&view=drilldown' }, 'packages and neighbours'),
    el('a', { class: 'button', href: '#context=' + encodeURIComponent(id) + '&view=context' }, 'full detail'),
    el('a', { class: 'button', href: '#context=' + encodeURIComponent(id) + '&view=whatif' }, 'what-if')));
  function byContext(list, weight) {
    var w = {};
    list.forEach(function (e) { w[e.context] = (w[e.context] || 0) + weight(e); });
    return Object.keys(w).sort(function (a, b) { return w[b] - w[a]; }).slice(0, 4).map(function (k) { return el('li', null, ctxLink(k), ' · ' + num(w[k])); });
  }
  function section(title, items, help) {
    if (!items.length) return;
    panel.append(el('h4', null, title, help ? info(help, '', 'contexts') : null), el('ul', { class: 'cut' }, items));
  }
  section('imported from (files)', byContext(c.cut.inbound, function (e) { return e.files; }), 'Contexts whose packages import this one: the API it would have to expose, in files importing.');
  section('imports (files)', byContext(c.cut.outbound, function (e) { return e.files; }), 'Contexts this one imports: what it would have to call.');
  section('shared tables', c.cut.tables.slice(0, 5).map(function (t) {
    return el('li', null, el('code', null, t.name), t.writers.length > 1 ? el('span', { class: 'tag bad' }, 'written by ' + t.writers.length) : null, ' owner ', ctxLink(t.owner || '', t.owner ? ctxName(t.owner) : '—'));
  }), 'Tables it shares with other contexts; the owner writes it most.');
  section('co-change partners (commits)', byContext(c.cut.cochange, function (p) { return p.shared; }), 'Contexts whose packages change in the same commits.');
};

views.map.packagePanel = function (p) {
  var panel = views.map.panelEl, pk = M.packages[p];
  panel.textContent = '';
  panel.removeAttribute('data-context');
  panel.append(el('h3', null, el('code', null, pk.path)), el('ul', { class: 'cut' }, packageLines(pk).slice(1).map(function (l) { return el('li', null, l); })));
  if (pk.context) panel.append(el('div', { class: 'actions' }, el('button', { onclick: function () { views.map.panel(pk.context); } }, 'back to ' + ctxName(pk.context))));
};

// ---- the drill-down: one context's packages and its neighbours

views.drilldown = {
  title: 'Packages and neighbours',
  render: function (s) {
    sectionHead(s, 'Packages and neighbours', 'One context\'s packages, placed by the imports among them, with the contexts it relates to around it: edges to a neighbour sum the files importing across. Packages are coloured by commits in the pressure window and sized by code.',
      el('span', { class: 'tools' }, el('select', { 'aria-label': 'context', onchange: function (ev) { location.hash = '#context=' + encodeURIComponent(ev.target.value) + '&view=drilldown'; } },
        M.contexts.map(function (c) { return el('option', { value: c.id }, c.order + '. ' + c.name); })),
        el('button', { onclick: function () { if (drill.svg) download('packages.svg', 'image/svg+xml', serializeSVG(drill.svg)); } }, 'SVG')));
    drill.box = el('div', { class: 'map-box drill' });
    drill.legend = el('div', { class: 'legend' });
    s.append(drill.box, drill.legend);
  },
  show: function (s, p) {
    var id = (p.context && D.ctxById[p.context]) ? p.context : (state.context || (M.contexts[0] && M.contexts[0].id));
    if (!id) return;
    s.querySelector('select').value = id;
    if (drill.id !== id) drawDrill(id);
  }
};
var drill = { id: '' };

function drawDrill(id) {
  drill.id = id;
  var c = D.ctxById[id], ci = D.ctxIndex[id];
  drill.box.textContent = '';
  drill.box.setAttribute('data-context', id);
  drill.box.setAttribute('data-state', 'layout');
  var start = spiral(c.members.length, 26);
  var nodes = c.members.map(function (p, i) { var q = start[i]; return { p: p, x: q[0], y: q[1], r: 3 + 8 * Math.sqrt(M.packages[p].loc / Math.max(1, maxLocOf(c.members))) }; });
  var at = {};
  nodes.forEach(function (n, i) { at[n.p] = i; });
  var springs = [], out = {};
  engine().imports.forEach(function (e) {
    var a = D.ctxOfPkg[e.from], b = D.ctxOfPkg[e.to];
    if (a === ci && b === ci) springs.push({ a: at[e.from], b: at[e.to], w: 0.2 });
    else if (a === ci && b >= 0) add(e.from, b, e.files, 'out');
    else if (b === ci && a >= 0) add(e.to, a, e.files, 'in');
  });
  function add(p, ctx, files, dir) { var k = p + ' ' + ctx + ' ' + dir; out[k] = (out[k] || 0) + files; }
  forceLayout(nodes, springs, { k: 28, iterations: 240, gravity: 0.06, pad: 3, cutoff: 84 }, function () {
    if (drill.id !== id) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) { x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y); x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y); });
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, R = Math.max(x1 - x0, y1 - y0) / 2 + 90;
    var weight = {};
    Object.keys(out).forEach(function (k) { var b = +k.split(' ')[1]; weight[b] = (weight[b] || 0) + out[k]; });
    var neighbours = Object.keys(weight).map(Number).sort(function (a, b) { return M.contexts[a].order - M.contexts[b].order; });
    var npos = {};
    neighbours.forEach(function (b, i) { var a = 2 * Math.PI * i / neighbours.length - Math.PI / 2; npos[b] = { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a), r: 10 + 16 * Math.sqrt(weight[b] / Math.max.apply(null, Object.values(weight))) }; });
    var pad = 60, root = svg('svg', { class: 'map', viewBox: [cx - R - pad - 60, cy - R - pad, 2 * (R + pad + 60), 2 * (R + pad)].map(function (v) { return v.toFixed(1); }).join(' '), role: 'img', 'aria-label': 'packages of ' + c.name + ' and its neighbours' });
    var g = svg('g', {});
    root.append(g);
    drill.svg = root;
    var zoom = zoomable(root, g, function () { restyleDrill(); });
    var imp = D.layer[V.layers[0].name];
    springs.slice(0, 1500).forEach(function (e) { var a = nodes[e.a], b = nodes[e.b]; g.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'pkg-edge', 'data-px': '0.6' })); });
    var maxOut = Math.max.apply(null, Object.values(out).concat([1]));
    Object.keys(out).sort(function (a, b) { return out[b] - out[a]; }).slice(0, 600).forEach(function (k) {
      var f = k.split(' '), a = nodes[at[+f[0]]], b = npos[+f[1]];
      g.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge ' + f[2], stroke: imp.color, opacity: 0.35, 'data-px': (0.6 + 2.4 * Math.log(1 + out[k]) / Math.log(1 + maxOut)).toFixed(2) }));
    });
    neighbours.forEach(function (b) {
      var n = npos[b], nc = M.contexts[b];
      var node = svg('g', { class: 'node', 'data-node': '1', 'data-context': nc.id, tabindex: 0, role: 'link', 'aria-label': nc.order + '. ' + nc.name });
      node.append(svg('circle', { cx: n.x, cy: n.y, r: n.r, fill: scales.order.ramp((nc.order - 1) / Math.max(1, M.contexts.length - 1)), class: 'ctx-circle' }));
      node.append(svg('text', { x: n.x, y: n.y + n.r + 4, class: 'label halo', 'text-anchor': 'middle', 'dominant-baseline': 'hanging' }, nc.order + '. ' + ellipsize(nc.name, 24)));
      node.addEventListener('click', function () { location.hash = '#context=' + encodeURIComponent(nc.id) + '&view=drilldown'; });
      node.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') location.hash = '#context=' + encodeURIComponent(nc.id) + '&view=drilldown'; });
      node.addEventListener('mouseenter', function (ev) { showTip(ev.clientX, ev.clientY, [nc.order + '. ' + nc.name, num(weight[b]) + ' files importing across', 'click to drill into it']); });
      node.addEventListener('mouseleave', hideTip);
      g.append(node);
    });
    var big = nodes.slice().sort(function (a, b) { return M.packages[b.p].loc - M.packages[a.p].loc; });
    var labelled = {};
    big.slice(0, 30).forEach(function (n) { labelled[n.p] = true; });
    nodes.forEach(function (n) {
      var pk = M.packages[n.p];
      var dot = svg('circle', { cx: n.x, cy: n.y, r: n.r, class: 'pkg-dot', 'data-node': '1', 'data-package': pk.path, fill: scales.heat.ramp(heatOf(pk)), tabindex: labelled[n.p] ? 0 : null });
      dot.addEventListener('mouseenter', function (ev) { showTip(ev.clientX, ev.clientY, packageLines(pk)); });
      dot.addEventListener('mousemove', function (ev) { showTip(ev.clientX, ev.clientY, packageLines(pk)); });
      dot.addEventListener('mouseleave', hideTip);
      g.append(dot);
    });
    var labels = svg('g', {});
    big.slice(0, 30).forEach(function (n) { labels.append(svg('text', { x: n.x, y: n.y - n.r - 2, class: 'label halo pkg-label', 'text-anchor': 'middle' }, short(M.packages[n.p].path, 3))); });
    g.append(labels);
    drill.box.append(root);
    drill.legend.textContent = '';
    drill.legend.append(el('span', { class: 'legend-item' }, scales.heat.label + ': none', el('i', { class: 'ramp', style: 'background:linear-gradient(90deg,' + [0, 0.33, 0.66, 1].map(function (t) { return scales.heat.ramp(t) + ' ' + t * 100 + '%'; }).join(',') + ')' }), 'most'),
      el('span', { class: 'legend-item' }, plural(c.members.length, 'package') + ', ' + plural(neighbours.length, 'neighbouring context') + '; the 30 largest packages labelled where there is room, hover for the rest'));
    function restyleDrill() {
      var r = root.getBoundingClientRect(), vb = root.viewBox.baseVal;
      if (!r.width) return;
      var s = Math.min(r.width / vb.width, r.height / vb.height) * zoom.k();
      g.querySelectorAll('text.label').forEach(function (t) { t.style.fontSize = (11 / s) + 'px'; });
      g.querySelectorAll('[data-px]').forEach(function (p) { p.style.strokeWidth = (parseFloat(p.getAttribute('data-px')) / s) + 'px'; });
      var items = [];
      labels.querySelectorAll('text').forEach(function (t) {
        var x = parseFloat(t.getAttribute('x')), y = parseFloat(t.getAttribute('y')), w = t.textContent.length * 11 / s * 0.56;
        items.push({ x: x - w / 2, y: y - 11 / s, w: w, h: 12 / s, node: t });
      });
      placeLabels(items);
    }
    restyleDrill();
    drill.box.setAttribute('data-state', 'done');
  });
}
function maxLocOf(ms) { return Math.max.apply(null, ms.map(function (p) { return M.packages[p].loc; }).concat([1])); }
