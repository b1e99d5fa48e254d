// treemap.js: the hotspot treemap, context -> package -> file, sized by
// lines of code and coloured by change in the pressure window: large and
// hot is where change costs most. All contexts show their packages; one
// context, zoomed into, shows its packages' files.

// squarify lays values out in the rectangle x, y, w, h as squarified
// treemap tiles (Bruls, Huizing, van Wijk), largest first.
function squarify(values, x, y, w, h) {
  var out = new Array(values.length), total = sum(values);
  var idx = values.map(function (v, i) { return i; }).sort(function (a, b) { return values[b] - values[a] || a - b; });
  if (total <= 0) { idx.forEach(function (k) { out[k] = { x: x, y: y, w: 0, h: 0 }; }); return out; }
  var scale = w * h / total, i = 0;
  while (i < idx.length) {
    var side = Math.min(w, h), row = [], rowSum = 0, best = Infinity, lo = Infinity, hi = 0;
    while (i < idx.length) {
      var a = values[idx[i]] * scale, s = rowSum + a, l = Math.min(lo, a), m = Math.max(hi, a);
      var worst = Math.max(side * side * m / (s * s), s * s / (side * side * l));
      if (row.length && worst > best) break;
      row.push(idx[i]); rowSum = s; best = worst; lo = l; hi = m; i++;
    }
    var thick = side > 0 ? rowSum / side : 0, at = 0;
    row.forEach(function (k) {
      var len = thick > 0 ? values[k] * scale / thick : 0;
      out[k] = w >= h ? { x: x, y: y + at, w: thick, h: len } : { x: x + at, y: y, w: len, h: thick };
      at += len;
    });
    if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
  }
  return out;
}

var tmap = { color: 'revisions', zoom: '' };
var HEAT = {
  revisions: { label: 'commits in the window', of: function (p) { return p.history ? p.history.window.revisions : 0; }, file: function (f) { return f.revisions; } },
  churn: { label: 'lines churned in the window', of: function (p) { return p.history ? p.history.window.churn : 0; }, file: function (f) { return f.churn; } },
  density: { label: 'churn per line of code', of: function (p) { return p.history && p.loc ? p.history.window.churn / p.loc : 0; }, file: function (f) { return f.loc ? f.churn / f.loc : 0; } }
};

views.treemap = {
  title: 'Hotspots',
  render: function (s) {
    sectionHead(s, 'Hotspots', 'Contexts and their packages, sized by lines of code and coloured by change in the pressure window: large and hot is where change costs most, and where a cut pays first. Click a context\'s name to zoom into it and see its packages\' files.',
      el('span', { class: 'tools' }, el('button', { onclick: function () { download('hotspots.svg', 'image/svg+xml', serializeSVG(tmap.svg)); } }, 'SVG')));
    s.append(el('div', { class: 'map-tools' },
      el('span', { class: 'switch', role: 'group', 'aria-label': 'colour by' }, 'colour by ', Object.keys(HEAT).map(function (k) {
        return el('button', { 'data-heat': k, onclick: function () { tmap.color = k; drawTreemap(); } }, HEAT[k].label);
      })),
      tmap.crumbs = el('span', { class: 'crumbs' })));
    tmap.host = el('div', { class: 'treemap-host' });
    tmap.legend = el('div', { class: 'legend' });
    s.append(tmap.host, tmap.legend);
    new ResizeObserver(function () { if (tmap.width !== tmap.host.clientWidth) drawTreemap(); }).observe(tmap.host);
    drawTreemap();
  }
};

function drawTreemap() {
  var host = tmap.host, W = Math.max(320, host.clientWidth), H = Math.max(360, Math.min(720, Math.round(W * 0.55), window.innerHeight - 250));
  tmap.width = host.clientWidth;
  views.treemap.section.querySelectorAll('[data-heat]').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-heat') === tmap.color); });
  var U = units(), heat = HEAT[tmap.color];
  var groups = U.list.filter(function (u) { return !tmap.zoom || u.id === tmap.zoom; });
  var max = 0, fmax = 0;
  M.packages.forEach(function (p) { max = Math.max(max, heat.of(p)); });
  var t = function (p) { var v = heat.of(p); return v > 0 ? Math.log(1 + v) / Math.log(1 + max) : 0; };
  // Zoomed into one context, files get a scale of their own: a file's
  // churn is a share of its package's.
  if (tmap.zoom) groups.forEach(function (u) { u.members.forEach(function (p) { M.packages[p].sources.forEach(function (f) { fmax = Math.max(fmax, heat.file(f)); }); }); });
  var tf = function (f) { var v = heat.file(f); return v > 0 ? Math.log(1 + v) / Math.log(1 + fmax) : 0; };
  var files = 0;
  var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'treemap', role: 'img', 'aria-label': 'hotspot treemap' });
  tmap.svg = root;
  var locOf = function (p) { return Math.max(1, M.packages[p].loc); };
  var rects = squarify(groups.map(function (u) { return sum(u.members, locOf); }), 0, 0, W, H);
  groups.forEach(function (u, gi) {
    var r = rects[gi];
    if (r.w < 1 || r.h < 1) return;
    var g = svg('g', { 'data-context': u.id });
    g.append(svg('rect', { x: r.x, y: r.y, width: r.w, height: r.h, class: 'tm-group' }));
    var head = r.h > 34 && r.w > 40 ? 16 : 0;
    var inner = squarify(u.members.map(locOf), r.x + 2, r.y + head + 2, Math.max(0, r.w - 4), Math.max(0, r.h - head - 4));
    u.members.forEach(function (p, k) {
      var q = inner[k], pk = M.packages[p];
      if (q.w < 0.5 || q.h < 0.5) return;
      if (tmap.zoom && pk.sources.length && q.w > 24 && q.h > 24) {
        files += drawFiles(g, pk, p, q, tf);
        return;
      }
      g.append(svg('rect', { x: q.x.toFixed(1), y: q.y.toFixed(1), width: Math.max(0, q.w - 0.5).toFixed(1), height: Math.max(0, q.h - 0.5).toFixed(1), fill: scales.heat.ramp(t(pk)), class: 'tm-cell', 'data-p': p }));
      if (q.w > 56 && q.h > 15) {
        g.append(svg('text', { x: q.x + 3, y: q.y + 11, class: 'tm-label', 'pointer-events': 'none' }, fitText(pk.path.split('/').pop(), q.w - 6, 6.2)));
      }
    });
    if (head) {
      var label = svg('text', { x: r.x + 4, y: r.y + 12, class: 'tm-head', tabindex: 0, role: 'button' }, fitText(u.name + ' · ' + num(sum(u.members, function (p) { return M.packages[p].loc; })) + ' LOC', r.w - 8, 6.6));
      var zoom = function () { tmap.zoom = tmap.zoom ? '' : u.id; drawTreemap(); };
      label.addEventListener('click', zoom);
      label.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') zoom(); });
      g.append(label);
    }
    root.append(g);
  });
  // One listener for all the cells.
  root.addEventListener('mousemove', function (ev) {
    var cell = ev.target.closest('[data-p]');
    if (!cell) { hideTip(); return; }
    var pk = M.packages[+cell.getAttribute('data-p')], f = cell.getAttribute('data-f');
    showTip(ev.clientX, ev.clientY, f === null ? packageLines(pk) : fileLines(pk, pk.sources[+f]));
  });
  tmap.files = files;
  root.addEventListener('mouseleave', hideTip);
  host.textContent = '';
  host.append(root);
  tmap.crumbs.textContent = '';
  tmap.crumbs.append(el('a', { href: '#view=treemap', onclick: function (ev) { ev.preventDefault(); tmap.zoom = ''; drawTreemap(); } }, 'all contexts'));
  if (tmap.zoom) tmap.crumbs.append(' › ', U.list.filter(function (u) { return u.id === tmap.zoom; })[0].name);
  tmap.legend.textContent = '';
  tmap.legend.append(el('span', { class: 'legend-item' }, heat.label + ': none', el('i', { class: 'ramp', style: 'background:linear-gradient(90deg,' + [0, 0.33, 0.66, 1].map(function (x) { return scales.heat.ramp(x) + ' ' + x * 100 + '%'; }).join(',') + ')' }), 'most (' + (tmap.color === 'density' ? max.toFixed(2) : num(max)) + ', log scale)'),
    el('span', { class: 'legend-item' }, tmap.zoom ? 'area: lines of code; a framed group is a package, its tiles its files (colour on a scale of their own, most ' + (tmap.color === 'density' ? fmax.toFixed(2) : num(fmax)) + ')' : 'area: lines of code; click a context\'s name for its files'),
    el('span', { class: 'legend-item' }, info('Each rectangle is a package, inside its context, with an area proportional to its lines of code; the colour is its change in the pressure window, on a log scale: commits touching it, lines added and deleted, or that churn per line of code. A big, dark rectangle is costly code that changes a lot.', '', 'packages')));
}

// fitText shortens text to about width px at charW px a character.
function fitText(s, width, charW) {
  var n = Math.floor(width / charW);
  return s.length <= n ? s : n <= 1 ? '' : s.slice(0, n - 1) + '…';
}

// drawFiles lays a package's files out in its tile q, framed and named,
// and returns how many it drew.
function drawFiles(g, pk, p, q, tf) {
  var head = q.h > 40 && q.w > 48 ? 13 : 0, drawn = 0;
  g.append(svg('rect', { x: q.x.toFixed(1), y: q.y.toFixed(1), width: Math.max(0, q.w - 0.5).toFixed(1), height: Math.max(0, q.h - 0.5).toFixed(1), class: 'tm-pkg', 'data-p': p }));
  if (head) g.append(svg('text', { x: q.x + 3, y: q.y + 10, class: 'tm-label', 'pointer-events': 'none' }, fitText(pk.path.split('/').pop(), q.w - 6, 6.2)));
  var tiles = squarify(pk.sources.map(function (f) { return Math.max(1, f.loc); }), q.x + 1, q.y + head + 1, Math.max(0, q.w - 2.5), Math.max(0, q.h - head - 2.5));
  pk.sources.forEach(function (f, i) {
    var r = tiles[i];
    if (r.w < 0.5 || r.h < 0.5) return;
    g.append(svg('rect', { x: r.x.toFixed(1), y: r.y.toFixed(1), width: Math.max(0, r.w - 0.5).toFixed(1), height: Math.max(0, r.h - 0.5).toFixed(1), fill: scales.heat.ramp(tf(f)), class: 'tm-cell tm-file', 'data-p': p, 'data-f': i }));
    if (r.w > 56 && r.h > 15) g.append(svg('text', { x: r.x + 3, y: r.y + 11, class: 'tm-label tm-flabel', 'pointer-events': 'none' }, fitText(f.name, r.w - 6, 6.2)));
    drawn++;
  });
  return drawn;
}

// fileLines is a file's tooltip.
function fileLines(pk, f) {
  var lines = [pk.path + '/' + f.name, num(f.loc) + ' LOC',
    f.revisions ? plural(f.revisions, 'commit') + ' in the window, ' + num(f.churn) + ' lines churned' : 'no change in the window'];
  // A package too large to place whole: which of its cuts the file goes with.
  if (f.group) lines.push('goes with the ' + f.group + ' files when the package is split (Warnings)');
  return lines;
}
