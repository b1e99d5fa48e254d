// The trend page: one small chart per metric over the sampled commits,
// sharing the time axis. Every element is built with DOM calls from the
// JSON in #seams-trend; nothing from the repository is parsed as markup.
//
// drawTrend draws it into app: trend.html calls it on its own page, and
// index.html in its trend view when seams analyze found a trend.json
// beside it.
function drawTrend(app, trend, metrics) {
  var SVG = 'http://www.w3.org/2000/svg';
  var points = trend.points || [];
  var skipped = trend.skipped || [];
  var low = trend.lowCoverage || 0.5;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function get(p, path) {
    var v = p;
    path.split('.').forEach(function (k) { v = v == null ? undefined : v[k]; });
    return v;
  }
  function fmt(v, digits) {
    if (typeof v !== 'number' || !isFinite(v)) return '–';
    var s = v.toFixed(digits);
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s; // never -0.000
  }
  function day(iso) { return (iso || '').slice(0, 10); }

  var head = el('div', {'class': 'trend-head'});
  // The repository's name, as the page's title has it, not a path on
  // the machine that ran seams.
  head.appendChild(el('h1', { title: trend.repo || '' }, 'seams trend' + (trend.repo ? ': ' + trend.repo.replace(/[\\/]+$/, '').split(/[\\/]/).pop() : '')));
  var what = trend.partition === 'recluster'
    ? 'each commit clustered afresh; contexts keep the baseline\u2019s ids where they match'
    : 'the baseline\u2019s partition measured at each commit';
  head.appendChild(el('p', {}, points.length + ' commits measured, ' + skipped.length + ' skipped; ' + what + '.'));
  var lows = points.filter(function (p) { return p.low; }).length;
  if (lows) {
    head.appendChild(el('p', {'class': 'warn', id: 'low-note'}, lows + ' of ' + points.length +
      ' points are shaded: the baseline knows less than ' + Math.round(low * 100) +
      '% of their packages, so their figures describe little of the code.'));
  }
  app.appendChild(head);

  var W = 760, H = 120, L = 64, R = 16, T = 10, B = 22;
  var times = points.map(function (p) { return Date.parse(p.date); });
  skipped.forEach(function (s) { if (s.date) times.push(Date.parse(s.date)); });
  var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
  if (!(t1 > t0)) { t0 -= 86400000; t1 += 86400000; }
  function x(iso) { return L + (Date.parse(iso) - t0) / (t1 - t0) * (W - L - R); }

  var charts = el('div', {id: 'charts'});
  app.appendChild(charts);
  var cursors = [];
  metrics.forEach(function (m) {
    var vals = points.map(function (p) { return get(p, m.field); });
    var nums = vals.filter(function (v) { return typeof v === 'number'; });
    var lo = Math.min.apply(null, nums.concat(m.min !== undefined ? [m.min] : [])),
        hi = Math.max.apply(null, nums.concat(m.max !== undefined ? [m.max] : []));
    if (!(hi > lo)) { hi = lo + 1; }
    function y(v) { return T + (hi - v) / (hi - lo) * (H - T - B); }
    var box = el('section', {'class': 'chart', 'data-metric': m.field});
    var title = el('h2', {}, m.label);
    title.appendChild(el('span', {'class': 'hint'}, m.better === 'higher' ? ' (higher is better)' : m.better === 'lower' ? ' (lower is better)' : ''));
    box.appendChild(title);
    var s = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img'});
    s.appendChild(svg('title')).textContent = m.label;
    // Low-coverage points are shaded from halfway to their neighbours.
    points.forEach(function (p, i) {
      if (!p.low) return;
      var a = i > 0 ? (x(points[i - 1].date) + x(p.date)) / 2 : x(p.date) - 6;
      var b = i < points.length - 1 ? (x(points[i + 1].date) + x(p.date)) / 2 : x(p.date) + 6;
      s.appendChild(svg('rect', {'class': 'low', x: a, y: T, width: Math.max(b - a, 2), height: H - T - B}));
    });
    skipped.forEach(function (k) {
      if (!k.date) return;
      s.appendChild(svg('line', {'class': 'skip', x1: x(k.date), x2: x(k.date), y1: H - B, y2: H - B + 6}));
    });
    [lo, hi].forEach(function (v) {
      var t = svg('text', {'class': 'axis', x: L - 6, y: y(v) + 4, 'text-anchor': 'end'});
      t.textContent = fmt(v, m.digits);
      s.appendChild(t);
      s.appendChild(svg('line', {'class': 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v)}));
    });
    var d = '';
    points.forEach(function (p, i) {
      if (typeof vals[i] !== 'number') return;
      d += (d ? ' L' : 'M') + x(p.date).toFixed(1) + ' ' + y(vals[i]).toFixed(1);
    });
    s.appendChild(svg('path', {'class': 'line', d: d, stroke: m.color}));
    points.forEach(function (p, i) {
      if (typeof vals[i] !== 'number') return;
      s.appendChild(svg('circle', {'class': p.low ? 'dot low-dot' : 'dot', cx: x(p.date), cy: y(vals[i]), r: 3, fill: m.color}));
    });
    if (m === metrics[metrics.length - 1]) {
      [t0, t1].forEach(function (t, i) {
        var lab = svg('text', {'class': 'axis', x: i ? W - R : L, y: H - 4, 'text-anchor': i ? 'end' : 'start'});
        lab.textContent = new Date(t).toISOString().slice(0, 10);
        s.appendChild(lab);
      });
    }
    var cur = svg('line', {'class': 'cursor', x1: 0, x2: 0, y1: T, y2: H - B, visibility: 'hidden'});
    s.appendChild(cur);
    cursors.push(cur);
    box.appendChild(s);
    charts.appendChild(box);
  });

  // Hover (or focus) shows the nearest commit in every chart.
  var tip = el('div', {id: 'tip', role: 'status'});
  tip.hidden = true;
  app.appendChild(tip);
  function show(i, px, py) {
    var p = points[i];
    cursors.forEach(function (c) {
      c.setAttribute('x1', x(p.date)); c.setAttribute('x2', x(p.date)); c.setAttribute('visibility', 'visible');
    });
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    tip.appendChild(el('div', {'class': 'commit'}, p.commit.slice(0, 12) + '  ' + day(p.date)));
    if (p.subject) tip.appendChild(el('div', {'class': 'subject'}, p.subject));
    if (p.tags && p.tags.length) tip.appendChild(el('div', {'class': 'tags'}, 'tags: ' + p.tags.join(', ')));
    tip.appendChild(el('div', {'class': p.low ? 'coverage warn' : 'coverage'},
      'coverage ' + Math.round(100 * p.coverage) + '%' + (p.low ? ' (low)' : '') +
      (p.mapped ? ', ' + p.mapped + ' packages carried through renames' : '')));
    if (p.inferredModule) tip.appendChild(el('div', {}, 'no go.mod: module ' + p.inferredModule + ' inferred'));
    var table = el('table');
    metrics.forEach(function (m) {
      var tr = el('tr');
      tr.appendChild(el('th', {}, m.short));
      tr.appendChild(el('td', {}, fmt(get(p, m.field), m.digits)));
      table.appendChild(tr);
    });
    tip.appendChild(table);
    tip.hidden = false;
    tip.setAttribute('data-commit', p.commit);
    tip.style.left = Math.min(px + 16, window.innerWidth - 300) + 'px';
    tip.style.top = (py + 12) + 'px';
  }
  function nearest(clientX, svgEl) {
    var r = svgEl.getBoundingClientRect();
    var vx = (clientX - r.left) / r.width * W, best = 0;
    points.forEach(function (p, i) {
      if (Math.abs(x(p.date) - vx) < Math.abs(x(points[best].date) - vx)) best = i;
    });
    return best;
  }
  charts.addEventListener('mousemove', function (e) {
    var s = e.target.closest && e.target.closest('svg');
    if (!s || !points.length) return;
    show(nearest(e.clientX, s), e.pageX, e.pageY);
  });
  charts.addEventListener('mouseleave', function () {
    tip.hidden = true;
    cursors.forEach(function (c) { c.setAttribute('visibility', 'hidden'); });
  });

  // The same data as a table, for reading and for screen readers.
  var tbl = el('table', {id: 'points'});
  var hr = el('tr');
  ['commit', 'date', 'subject', 'coverage'].concat(metrics.map(function (m) { return m.short; })).forEach(function (h) {
    hr.appendChild(el('th', {}, h));
  });
  tbl.appendChild(hr);
  var rows = points.map(function (p) { return {date: p.date, p: p}; })
    .concat(skipped.map(function (k) { return {date: k.date || '', k: k}; }))
    .sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
  rows.forEach(function (r) {
    var tr = el('tr');
    if (r.k) {
      tr.className = 'skipped';
      tr.appendChild(el('td', {}, r.k.commit.slice(0, 12)));
      tr.appendChild(el('td', {}, day(r.k.date)));
      tr.appendChild(el('td', {colspan: 2 + metrics.length}, 'skipped: ' + r.k.reason));
    } else {
      var p = r.p;
      if (p.low) tr.className = 'low';
      [p.commit.slice(0, 12), day(p.date), p.subject || '', Math.round(100 * p.coverage) + '%'].forEach(function (v) {
        tr.appendChild(el('td', {}, v));
      });
      metrics.forEach(function (m) { tr.appendChild(el('td', {'class': 'num'}, fmt(get(p, m.field), m.digits))); });
    }
    tbl.appendChild(tr);
  });
  var details = el('details');
  details.appendChild(el('summary', {}, 'All points'));
  details.appendChild(tbl);
  app.appendChild(details);
  window.seamsShow = show;
  window.seamsReady = true;
}
