// ranking.js: the key figures, each explained, and the ranked candidates
// as a sortable table beside a pressure/risk scatter.

var FIGURES = {
  packages: ['Go packages analyzed (test files only with --tests).', ''],
  loc: ['Lines of code: non-blank lines that are not only comments, over all packages.', ''],
  tables: ['Database tables the SQL touches (bookkeeping tables left out).', ''],
  contexts: ['Candidate bounded contexts: groups of packages that belong together by imports, shared tables, co-change and vocabulary.', ''],
  shared: ['Packages taken as the shared kernel (platform): imported by most contexts, they belong to none.', ''],
  unplaced: ['Packages with no coupling at all to place them by.', 'lower'],
  crossContextImports: ['Import edges between packages of two different contexts: each is a call that becomes remote when a context is cut out.', 'lower'],
  sharedWriteTables: ['Tables written by more than one context with its own SQL: each blocks a clean cut until one context owns it.', 'lower']
};

function bandOf(c) {
  var b = c.band;
  if (b === undefined || b === null) return '';
  if (typeof b === 'object') return String(b.label || b.name || b.band || '');
  return String(b);
}

views.ranking = {
  title: 'Ranking',
  render: function (s) {
    sectionHead(s, 'Ranked candidates', 'Extraction order: high change pressure (hot code) and low extraction risk (little to cut) first. Every figure explains itself on hover or focus.',
      el('span', { class: 'tools' },
        el('button', { onclick: function () { download('ranking.csv', 'text/csv', rankingCSV()); } }, 'ranking.csv'),
        el('button', { onclick: function () { download('cuts.csv', 'text/csv', cutsCSV(M.contexts)); } }, 'cut lists.csv')));
    s.append(tiles());
    var grid = el('div', { class: 'rank-grid' });
    s.append(grid);
    grid.append(rankTable(), scatter());
  },
  selected: function (id) {
    var s = views.ranking.section;
    s.querySelectorAll('tr[data-context]').forEach(function (tr) { tr.classList.toggle('sel', tr.getAttribute('data-context') === id); });
    s.querySelectorAll('circle[data-context]').forEach(function (c) { c.classList.toggle('sel', c.getAttribute('data-context') === id); });
  }
};

function tiles() {
  var mt = M.metrics;
  var box = el('div', { class: 'metrics' });
  function tile(value, label, what, better, anchor) {
    var t = el('div', { class: 'metric' }, el('div', { class: 'v' }, value), el('div', { class: 'k' }, label, better ? el('span', { class: 'dir' }, better === 'higher' ? ' ↑' : ' ↓') : null));
    box.append(explain(t, what, better, anchor));
  }
  tile(num(M.packages.length), 'packages', FIGURES.packages[0], '', 'packages');
  tile(num(sum(M.packages, function (p) { return p.loc; })), 'lines of code', FIGURES.loc[0], '', 'packages');
  tile(num(M.tables.filter(function (t) { return !t.dropped; }).length), 'tables', FIGURES.tables[0], '', 'tables');
  if (mt) {
    tile(num(mt.contexts), 'candidate contexts', FIGURES.contexts[0], '', 'contexts');
    tile(num(mt.shared), 'shared-kernel packages', FIGURES.shared[0], '', 'metrics');
    tile(num(mt.unplaced), 'unplaced packages', FIGURES.unplaced[0], 'lower', 'metrics');
    var metric = function (name, value) {
      var m = D.metric[name] || { label: name, help: '' };
      tile(fmt(value, name === 'sm' ? 3 : 2), m.label, m.help, m.better, 'metrics');
    };
    metric('modularity', mt.modularity && mt.modularity.fused);
    metric('sm', mt.sm);
    metric('icp', mt.icp);
    metric('mq', mt.mq);
    metric('ifn', mt.ifn);
    metric('ned', mt.ned);
    tile(num(mt.crossContextImports), 'cross-context imports', FIGURES.crossContextImports[0], 'lower', 'metrics');
    tile(num(mt.sharedWriteTables), 'shared-write tables', FIGURES.sharedWriteTables[0], 'lower', 'metrics');
  }
  return box;
}

var RANK_COLUMNS = [
  { key: 'order', label: '#', num: true, get: function (c) { return c.order; } },
  { key: 'name', label: 'context', get: function (c) { return c.name; } },
  { key: 'band', label: 'band', get: bandOf, optional: true },
  { key: 'packages', label: 'packages', num: true, get: function (c) { return c.packages.length; } },
  { key: 'loc', label: 'LOC', num: true, get: function (c) { return c.loc; } },
  { key: 'pressure', label: 'pressure', num: true, get: function (c) { return c.pressure.score; }, help: 'Change pressure, 0..1: the context\'s share of the window\'s commits, churn and authors, how recent its last change is and whether it is heating up. Hot code is worth cutting out first.', better: 'higher' },
  { key: 'risk', label: 'risk', num: true, get: function (c) { return c.risk.score; }, help: 'Extraction risk, 0..1: how many packages elsewhere import it, what it imports, the tables it shares, its co-change across the boundary, import cycles and its size. What cutting it out would break.', better: 'lower' },
  { key: 'reason', label: 'why', get: function (c) { return c.reason; }, nosort: true }
];

function rankTable() {
  var cols = RANK_COLUMNS.filter(function (k) { return !k.optional || M.contexts.some(function (c) { return bandOf(c) !== ''; }); });
  var sort = { key: 'order', dir: 1 };
  var tbody = el('tbody');
  var heads = cols.map(function (k) {
    var th = el('th', { scope: 'col', class: (k.num ? 'num ' : '') + 'col-' + k.key });
    if (k.nosort) th.append(k.label);
    else th.append(el('button', { class: 'sort', onclick: function () { sort = { key: k.key, dir: sort.key === k.key ? -sort.dir : (k.num && k.key !== 'order' ? -1 : 1) }; draw(); } }, k.label));
    if (k.help) th.append(' ', info(k.help, k.better, 'contexts'));
    return th;
  });
  function draw() {
    var col = cols.filter(function (k) { return k.key === sort.key; })[0];
    var list = M.contexts.slice().sort(function (a, b) {
      var x = col.get(a), y = col.get(b);
      return (typeof x === 'number' ? x - y : byteLess(String(x), String(y))) * sort.dir || a.order - b.order;
    });
    heads.forEach(function (th, i) {
      th.setAttribute('aria-sort', cols[i].key === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    tbody.textContent = '';
    list.forEach(function (c) {
      var tr = el('tr', { 'data-context': c.id, class: c.id === state.context ? 'sel' : '' });
      cols.forEach(function (k) {
        var td = el('td', { class: (k.num ? 'num ' : '') + 'col-' + k.key });
        if (k.key === 'name') {
          td.append(el('a', { class: 'name', href: '#context=' + encodeURIComponent(c.id) + '&view=context', title: c.name }, c.name));
          if (c.delivery) td.append(el('span', { class: 'tag', title: 'the delivery layer: commands and what wires the domains; the facade stays, it is not a service to cut' }, 'delivery'));
          if (c.dataLayer) td.append(el('span', { class: 'tag', title: 'the data layer: it writes ' + c.dataLayer.tables + ' of the ' + c.dataLayer.of + ' tables written with own SQL; split it table by table as the domains leave' }, 'data layer'));
          if (c.apart) td.append(el('span', { class: 'tag', title: 'already apart: nothing but the shared kernel ties it to another context (no import either way, no shared table, no co-change); there is no cut to make' }, 'apart'));
          if (c.small) td.append(el('span', { class: 'tag', title: 'under 2% of the code: too small to be a service' + (c.small.partner ? '; merge into ' + ctxName(c.small.partner) : '') }, 'small'));
        } else if (k.key === 'pressure') {
          td.append(bar(c.pressure.score, scales.pressure.ramp(0.8)), fmt(c.pressure.score));
          if (c.pressure.low < c.pressure.high) td.append(el('span', { class: 'interval', title: '90% bootstrap interval over the window\'s commits' }, ' ' + fmt(c.pressure.low) + '–' + fmt(c.pressure.high)));
        }
        else if (k.key === 'risk') td.append(bar(c.risk.score, scales.risk.ramp(0.8)), fmt(c.risk.score));
        else if (k.key === 'loc' || k.key === 'packages') td.append(num(k.get(c)));
        else td.append(String(k.get(c)));
        tr.append(td);
      });
      tr.addEventListener('mouseenter', function () { views.ranking.hover(c.id, true); });
      tr.addEventListener('mouseleave', function () { views.ranking.hover(c.id, false); });
      tbody.append(tr);
    });
  }
  draw();
  return el('div', { class: 'rank-table' }, el('table', { class: 'ranking' + (cols.length < RANK_COLUMNS.length ? '' : ' banded') }, el('thead', null, el('tr', null, heads)), tbody));
}

views.ranking.hover = function (id, on) {
  var c = views.ranking.section.querySelector('circle[data-context="' + CSS.escape(id) + '"]');
  if (c) c.classList.toggle('hot', on);
};

// scatter plots pressure against risk with the quadrants drawn at the
// medians: labels that would collide are left to the hover read-out.
function scatter() {
  var W = 560, H = 430, L = 46, R = 14, T = 14, B = 40, pw = W - L - R, ph = H - T - B;
  var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'scatter', role: 'img', 'aria-label': 'change pressure against extraction risk, one bubble a context' });
  var cs = M.contexts;
  // The axes span the scores found, to the tenth: scores cluster, and
  // the ranking is what the chart shows.
  function span(f) {
    var v = cs.map(f), lo = Math.floor(10 * Math.min.apply(null, v.concat([1])) - 0.3) / 10, hi = Math.ceil(10 * Math.max.apply(null, v.concat([0])) + 0.3) / 10;
    lo = clamp(lo, 0, 1); hi = clamp(hi, lo + 0.1, 1);
    return [lo, hi];
  }
  var xs = span(function (c) { return c.risk.score; }), ys = span(function (c) { return c.pressure.score; });
  var X = function (v) { return L + (v - xs[0]) / (xs[1] - xs[0]) * pw; }, Y = function (v) { return T + (1 - (v - ys[0]) / (ys[1] - ys[0])) * ph; };
  var tx = function (t) { return xs[0] + t / 4 * (xs[1] - xs[0]); }, ty = function (t) { return ys[0] + t / 4 * (ys[1] - ys[0]); };
  root.append(svg('rect', { x: L, y: T, width: pw, height: ph, class: 'plot' }));
  for (var t = 0; t <= 4; t++) {
    root.append(svg('line', { x1: X(tx(t)), y1: T, x2: X(tx(t)), y2: T + ph, class: 'gridline' }));
    root.append(svg('line', { x1: L, y1: Y(ty(t)), x2: L + pw, y2: Y(ty(t)), class: 'gridline' }));
    root.append(svg('text', { x: X(tx(t)), y: T + ph + 13, 'text-anchor': 'middle', class: 'tick' }, fmt(tx(t))));
    root.append(svg('text', { x: L - 5, y: Y(ty(t)) + 3, 'text-anchor': 'end', class: 'tick' }, fmt(ty(t))));
  }
  root.append(svg('text', { x: L + pw / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, 'extraction risk → (lower is easier)'));
  root.append(svg('text', { x: 12, y: T + ph / 2, 'text-anchor': 'middle', class: 'axis', transform: 'rotate(-90 12 ' + (T + ph / 2) + ')' }, 'change pressure → (higher is hotter)'));
  function median(f) { var v = cs.map(f).sort(function (a, b) { return a - b; }); return v.length ? (v[(v.length - 1) >> 1] + v[v.length >> 1]) / 2 : 0; }
  var mx = median(function (c) { return c.risk.score; }), my = median(function (c) { return c.pressure.score; });
  if (cs.length) {
    root.append(svg('line', { x1: X(mx), y1: T, x2: X(mx), y2: T + ph, class: 'quadrant' }));
    root.append(svg('line', { x1: L, y1: Y(my), x2: L + pw, y2: Y(my), class: 'quadrant' }));
  }
  var maxLoc = D.maxLoc, dots = [];
  cs.slice().reverse().forEach(function (c) {
    var x = X(c.risk.score), y = Y(c.pressure.score), r = 4 + 14 * Math.sqrt(c.loc / maxLoc);
    var dot = svg('circle', { cx: x, cy: y, r: r, 'data-context': c.id, 'data-node': '1', class: 'bubble' + (c.order <= 3 ? ' first' : ''), fill: scales.order.ramp((c.order - 1) / Math.max(1, cs.length - 1)), tabindex: 0 });
    dot.append(svg('title', {}, c.order + '. ' + c.name + ': pressure ' + fmt(c.pressure.score) + ', risk ' + fmt(c.risk.score) + ', ' + num(c.loc) + ' LOC'));
    dot.addEventListener('click', function () { select(c.id); });
    dot.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') select(c.id); });
    root.append(dot);
    dots.push({ c: c, x: x, y: y, r: r });
  });
  // The quadrants' captions go over the bubbles, haloed, and let clicks
  // through: a context in a corner (the most entangled one often is) must
  // not hide what the corner means.
  if (cs.length) {
    [['cut first: hot and easy', L + 4, T + 12, 'start', 'q-good'], ['hot but entangled: untangle', L + pw - 4, T + 12, 'end', 'q'],
      ['quiet and easy: no hurry', L + 4, T + ph - 5, 'start', 'q'], ['quiet and entangled: leave', L + pw - 4, T + ph - 5, 'end', 'q']].forEach(function (q) {
      root.append(svg('text', { x: q[1], y: q[2], 'text-anchor': q[3], class: 'quadrant-label halo ' + q[4], 'pointer-events': 'none' }, q[0]));
    });
  }
  // Labels, first in extraction order first: beside the bubble, or its
  // number only, where that does not cover another label or the plot's
  // edge.
  var measure = document.createElement('canvas').getContext('2d');
  measure.font = '11px sans-serif';
  var placed = [];
  dots.forEach(function (d) { placed.push({ x: d.x - d.r * 0.6, y: d.y - d.r * 0.6, w: 1.2 * d.r, h: 1.2 * d.r }); });
  // The quadrants' captions keep their place.
  placed.push({ x: L, y: T, w: 140, h: 16 }, { x: L + pw - 150, y: T, w: 150, h: 16 }, { x: L, y: T + ph - 16, w: 140, h: 16 }, { x: L + pw - 150, y: T + ph - 16, w: 150, h: 16 });
  function free(b) {
    if (b.x < L + 1 || b.y < T + 1 || b.x + b.w > L + pw - 1 || b.y + b.h > T + ph - 1) return false;
    return placed.every(function (p) { return b.x + b.w < p.x || p.x + p.w < b.x || b.y + b.h < p.y || p.y + p.h < b.y; });
  }
  dots.slice().sort(function (a, b) { return a.c.order - b.c.order; }).forEach(function (d) {
    var texts = [d.c.order + '. ' + ellipsize(d.c.name, 22), String(d.c.order)];
    for (var t = 0; t < texts.length; t++) {
      var w = measure.measureText(texts[t]).width, h = 12;
      var spots = [[d.x + d.r + 3, d.y - h / 2], [d.x - d.r - 3 - w, d.y - h / 2], [d.x - w / 2, d.y - d.r - 2 - h], [d.x - w / 2, d.y + d.r + 2]];
      for (var i = 0; i < spots.length; i++) {
        var b = { x: spots[i][0], y: spots[i][1], w: w, h: h };
        if (free(b)) {
          placed.push(b);
          root.append(svg('text', { x: b.x, y: b.y + 10, class: 'label halo', 'data-label': d.c.id }, texts[t]));
          return;
        }
      }
    }
  });
  var legend = el('p', { class: 'help' }, 'Each bubble is a context, sized by its code and coloured by extraction order (green first). The dashed lines are the medians. ', info('Pressure (up) is how hot the code is; risk (right) is what cutting it out would break. The top-left quadrant holds the contexts to cut first; labels that would overlap are left to the hover read-out.', '', 'contexts'));
  return el('figure', { class: 'scatter-box' }, root, legend);
}

function ellipsize(s, n) { return s.length <= n ? s : s.slice(0, n - 1) + '…'; }

function rankingCSV() {
  return csv([['order', 'id', 'name', 'band', 'packages', 'loc', 'pressure', 'risk', 'reason']].concat(M.contexts.map(function (c) {
    return [c.order, c.id, c.name, bandOf(c), c.packages.length, c.loc, c.pressure.score, c.risk.score, c.reason];
  })));
}

function cutsCSV(cs) {
  var rows = [['order', 'context', 'kind', 'from', 'to', 'weight', 'other context']];
  var name = {};
  cs.forEach(function (c) { name[c.id] = c.name; });
  cs.forEach(function (c) {
    c.cut.inbound.forEach(function (e) { rows.push([c.order, c.name, 'inbound import', e.from, e.to, e.files, name[e.context] || e.context]); });
    c.cut.outbound.forEach(function (e) { rows.push([c.order, c.name, 'outbound import', e.from, e.to, e.files, name[e.context] || e.context]); });
    c.cut.tables.forEach(function (t) { rows.push([c.order, c.name, 'shared table', t.name, 'owner ' + (name[t.owner] || t.owner), t.writers.length, t.writers.concat(t.readers).filter(function (x) { return x !== c.id; }).map(function (x) { return name[x] || x; }).join(' ')]); });
    c.cut.cochange.forEach(function (p) { rows.push([c.order, c.name, 'co-change', p.inside, p.outside, p.shared, name[p.context] || p.context]); });
  });
  return csv(rows);
}
hooks.rankingCSV = rankingCSV;
