// whatif.js: move packages between contexts, merge and split contexts,
// pin packages to the shared kernel, and see the cut lists, imports,
// shared-write tables, pressure, risk and metrics that follow, computed
// in the page by engine.js with Go's formulas. The result is offered as
// the contexts: section of .seams.yaml.

var wi = { slots: null, kernel: null, ops: [], base: null, result: null, focus: -1 };

views.whatif = {
  title: 'What-if',
  render: function (s) {
    sectionHead(s, 'What-if', 'Change the partition and see what follows: cut lists, cross-context imports, shared-write tables, pressure, risk and order, recomputed here with the formulas seams uses. Keep a partition you like by declaring it in .seams.yaml.');
    s.setAttribute('data-state', 'busy');
    s.append(wi.check = el('div', { class: 'note' }, 'Scoring the partition…'), wi.form = el('div', { class: 'whatif-form' }), wi.out = el('div', { class: 'whatif-out' }));
    // The engine's tables, the model's partition scored, then the page:
    // three tasks rather than one long one.
    later(function () {
      timed('engine', engine);
      later(function () {
        wi.base = timed('score', function () { return engine().score(modelPartition()); });
        reproduces();
        later(function () {
          timed('draw what-if', function () { reset(wi.base); });
          if (wi.wantFocus) { wi.focus = slotOf(D.ctxById[wi.wantFocus].members[0]); drawWhatIf(); }
          s.setAttribute('data-state', 'done');
        });
      });
    });
  },
  show: function (s, p) {
    if (p.context && D.ctxById[p.context]) {
      wi.wantFocus = p.context;
      if (!wi.slots) return;
      wi.focus = slotOf(D.ctxById[p.context].members[0]);
      drawWhatIf();
    }
  }
};

// reproduces says whether the page's formulas give the model's own
// ranking back: if not (a model from another seams), the what-if is
// only indicative.
function reproduces() {
  var diffs = [];
  var got = {};
  wi.base.contexts.forEach(function (c) { got[c.id] = c; });
  M.contexts.forEach(function (c) {
    var g = got[c.id];
    if (!g) { diffs.push(c.name + ' has another id'); return; }
    if (Math.abs(g.pressure.score - c.pressure.score) > 1e-4 || Math.abs(g.risk.score - c.risk.score) > 1e-4 || g.order !== c.order) diffs.push(c.name + ': pressure ' + fmt(g.pressure.score, 4) + ' risk ' + fmt(g.risk.score, 4) + ' order ' + g.order);
  });
  wi.check.textContent = '';
  wi.check.setAttribute('data-reproduces', String(!diffs.length));
  if (!diffs.length) wi.check.append('The page reproduces the model\'s ranking exactly from its data, so the figures below are what seams would compute for the changed partition (modularity to about 0.0001: the model rounds its weights).');
  else wi.check.append(el('strong', { class: 'bad' }, 'The page does not reproduce this model\'s ranking (was it written by another version of seams?): '), diffs.slice(0, 5).join('; '), diffs.length > 5 ? '…' : '', '. The what-if is indicative only.');
}

// reset starts from the model's partition (scored is its score, when
// known).
function reset(scored) {
  var p = modelPartition();
  wi.slots = p.members.map(function (ms, i) { return { members: ms.slice(), declared: p.declared[i] }; });
  wi.kernel = p.kernel.slice();
  wi.unplaced = p.unplaced.slice();
  wi.ops = [];
  recompute(scored);
}

function slotOf(pkg) {
  for (var i = 0; i < wi.slots.length; i++) if (wi.slots[i].members.indexOf(pkg) >= 0) return i;
  return -1;
}

// apply runs one operation on the slots: {kind: 'move', pkgs, to (slot,
// 'new' or 'kernel')}, {kind: 'merge', from, into}, {kind: 'split', slot,
// pkgs}. Emptied contexts disappear.
function apply(op) {
  wi.replay = (wi.replay || []).concat([op]);
  function take(pkgs) {
    wi.slots.forEach(function (s) { s.members = s.members.filter(function (p) { return pkgs.indexOf(p) < 0; }); });
    wi.kernel = wi.kernel.filter(function (p) { return pkgs.indexOf(p) < 0; });
    wi.unplaced = wi.unplaced.filter(function (p) { return pkgs.indexOf(p) < 0; });
  }
  if (op.kind === 'move') {
    take(op.pkgs);
    if (op.to === 'kernel') wi.kernel = wi.kernel.concat(op.pkgs);
    else if (op.to === 'new') wi.slots.push({ members: op.pkgs.slice(), declared: '' });
    else wi.slots[op.to].members = wi.slots[op.to].members.concat(op.pkgs);
  } else if (op.kind === 'merge') {
    wi.slots[op.into].members = wi.slots[op.into].members.concat(wi.slots[op.from].members);
    wi.slots[op.from].members = [];
  } else if (op.kind === 'split') {
    take(op.pkgs);
    wi.slots.push({ members: op.pkgs.slice(), declared: '' });
  }
  var keep = wi.slots.filter(function (s) { return s.members.length; });
  if (wi.focus >= 0) { var f = wi.slots[wi.focus]; wi.focus = keep.indexOf(f); }
  wi.slots = keep;
  wi.ops.push(op.text);
  recompute();
}

function recompute(scored) {
  var part = { members: wi.slots.map(function (s) { return s.members; }), declared: wi.slots.map(function (s) { return s.declared; }), kernel: wi.kernel, unplaced: wi.unplaced };
  wi.result = scored || engine().score(part);
  // Each scored context back to its slot, by its first package.
  wi.result.contexts.forEach(function (c) { c.slot = slotOf(c.members[0]); });
  drawWhatIf();
}

function slotName(i) {
  var c = wi.result.contexts.filter(function (x) { return x.slot === i; })[0];
  return c ? c.order + '. ' + c.name : '#' + i;
}

function drawWhatIf() {
  if (!wi.result) return;
  drawForm();
  var out = wi.out, r = wi.result;
  out.textContent = '';
  out.setAttribute('data-ops', String(wi.ops.length));
  if (wi.ops.length) out.append(el('h3', null, 'Changes'), el('ol', { class: 'ops' }, wi.ops.map(function (t) { return el('li', null, t); })));
  // Metrics, model against what-if.
  var bm = wi.base.metrics, m = r.metrics;
  var rows = [['contexts', 'contexts', ''], ['crossContextImports', 'cross-context imports', 'lower'], ['sharedWriteTables', 'shared-write tables', 'lower'],
    ['icp', D.metric.icp ? D.metric.icp.label : 'ICP', 'lower'], ['modularity', '≈ ' + (D.metric.modularity ? D.metric.modularity.label : 'modularity'), 'higher'], ['sm', D.metric.sm ? D.metric.sm.label : 'SM', 'higher'],
    ['mq', 'MQ', 'higher'], ['ifn', 'IFN', 'lower'], ['ned', 'NED', 'lower']];
  var get = function (f, k) { return k === 'modularity' ? f.modularity.fused : f[k]; };
  out.append(el('h3', null, 'Metrics'), table(['figure', 'model', 'what-if', 'change'], rows.map(function (x) {
    var a = get(bm, x[0]), b = get(m, x[0]), d = b - a;
    var cls = !d || !x[2] ? '' : (d > 0) === (x[2] === 'higher') ? 'good' : 'bad';
    var digits = Number.isInteger(a) && Number.isInteger(b) ? 0 : 4;
    return row([x[1], fmt(a, digits), fmt(b, digits), el('span', { class: cls, 'data-metric': x[0] }, d ? (d > 0 ? '+' : '') + fmt(d, digits) : '·')], [false, true, true, true]);
  }), [false, true, true, true]));
  // Contexts after.
  var before = {};
  wi.base.contexts.forEach(function (c) { before[c.members.join(',')] = c; });
  var tbody = el('tbody');
  r.contexts.forEach(function (c) {
    var was = before[c.members.join(',')];
    var inPk = {}, outPk = {};
    c.cut.inbound.forEach(function (e) { inPk[e.from] = 1; });
    c.cut.outbound.forEach(function (e) { outPk[e.to] = 1; });
    var tr = row([c.order + (was && was.order !== c.order ? ' (was ' + was.order + ')' : ''), c.name, num(c.packages.length), num(c.loc), fmt(c.pressure.score), fmt(c.risk.score),
      num(Object.keys(inPk).length), num(Object.keys(outPk).length), num(c.tables.filter(function (t) { return t.sharedWrite; }).length)],
      [true, false, true, true, true, true, true, true, true], { 'data-slot': c.slot, class: (was ? '' : 'changed ') + (c.slot === wi.focus ? 'sel' : '') });
    tr.addEventListener('click', function () { wi.focus = c.slot; drawWhatIf(); });
    tbody.append(tr);
  });
  out.append(el('h3', null, 'Contexts'), el('p', { class: 'help' }, 'Highlighted rows are contexts the changes made or changed. Click a row for its cut list.'),
    el('table', { class: 'whatif-contexts' }, el('thead', null, el('tr', null, ['#', 'context', 'packages', 'LOC', 'pressure', 'risk', 'inbound pkgs', 'outbound pkgs', 'shared-write'].map(function (h, i) { return el('th', i === 1 ? null : { class: 'num' }, h); }))), tbody));
  var fc = r.contexts.filter(function (c) { return c.slot === wi.focus; })[0];
  if (fc) {
    out.append(el('h3', null, 'Cut list of ' + fc.order + '. ' + fc.name));
    var names = {};
    r.contexts.forEach(function (c) { names[c.id] = c.order + '. ' + c.name; });
    [['Imported from other contexts', fc.cut.inbound], ['Imports of other contexts', fc.cut.outbound]].forEach(function (x) {
      if (!x[1].length) return;
      var tb = el('tbody');
      out.append(el('p', null, x[0] + ' (' + plural(x[1].length, 'import') + ')'), el('table', null, el('thead', null, el('tr', null, el('th', null, 'from'), el('th', null, 'to'), el('th', { class: 'num' }, 'files'), el('th', null, 'context'))), tb));
      rowsUpTo(tb, x[1], 50, function (e) { return row([el('code', null, e.from), el('code', null, e.to), e.files, names[e.context] || e.context], [false, false, true, false]); });
    });
    if (fc.cut.tables.length) out.append(el('p', null, 'Tables shared with other contexts'), table(['table', 'writers', 'owner'], fc.cut.tables.map(function (t) {
      return row([el('code', null, t.name), t.writers.map(function (w) { return names[w] || w; }).join(', '), names[t.owner] || t.owner || '—'], null, t.writers.length > 1 ? { class: 'sharedwrite' } : null);
    })));
    if (!fc.cut.inbound.length && !fc.cut.outbound.length && !fc.cut.tables.length) out.append(el('p', null, 'Nothing crosses its boundary.'));
  }
  // The partition as configuration.
  var all = wi.yamlAll;
  var yaml = seamsYAML(all);
  var pre = el('pre', { class: 'yaml', 'data-yaml': '1' }, yaml);
  out.append(el('h3', null, '.seams.yaml'), el('p', { class: 'help' }, 'Declared contexts keep their packages together under their name; the clustering places every other package. ',
    el('label', { class: 'check' }, el('input', { type: 'checkbox', checked: all ? true : null, onchange: function (ev) { wi.yamlAll = ev.target.checked; drawWhatIf(); } }), 'declare every context, not only the changed ones')),
  pre, el('div', { class: 'actions' },
    el('button', { onclick: function () { copyText(yaml, this); } }, 'copy'),
    el('button', { onclick: function () { download('seams-contexts.yaml', 'application/yaml', yaml); } }, 'download'),
    el('button', { onclick: function () { download('whatif-cuts.csv', 'text/csv', cutsCSV(r.contexts)); } }, 'cut lists.csv')));
}

function drawForm() {
  var f = wi.form;
  f.textContent = '';
  var options = function (extra) {
    return wi.result.contexts.slice().sort(function (a, b) { return a.order - b.order; }).map(function (c) { return el('option', { value: c.slot }, c.order + '. ' + c.name); }).concat(extra || []);
  };
  // Move a package, or everything under a path.
  var pkgIn = el('input', { type: 'search', placeholder: 'package path, e.g. ' + (M.packages[0] ? M.packages[0].path : ''), 'aria-label': 'package to move', list: 'whatif-packages', 'data-input': 'package' });
  var list = el('datalist', { id: 'whatif-packages' });
  pkgIn.addEventListener('input', function () {
    var q = pkgIn.value.trim();
    list.textContent = '';
    if (q.length < 2) return;
    M.packages.filter(function (p) { return p.path.indexOf(q) >= 0; }).slice(0, 30).forEach(function (p) { list.append(el('option', { value: p.path })); });
  });
  var subtree = el('input', { type: 'checkbox', 'data-input': 'subtree' });
  var to = el('select', { 'aria-label': 'move to', 'data-input': 'to' }, options([el('option', { value: 'new' }, 'a new context'), el('option', { value: 'kernel' }, 'the shared kernel')]));
  var msg = el('span', { class: 'msg', role: 'status' });
  var move = el('button', { 'data-action': 'move', onclick: function () {
    var q = pkgIn.value.trim().replace(/\/+$/, '');
    var pkgs = M.packages.map(function (p, i) { return (p.path === q || subtree.checked && (q === '.' || p.path.indexOf(q + '/') === 0)) ? i : -1; }).filter(function (i) { return i >= 0; });
    if (!pkgs.length) { msg.textContent = 'no package ' + q; return; }
    var target = to.value === 'new' || to.value === 'kernel' ? to.value : +to.value;
    var where = target === 'new' ? 'a new context' : target === 'kernel' ? 'the shared kernel' : slotName(target);
    apply({ kind: 'move', pkgs: pkgs, to: target, text: 'moved ' + (pkgs.length > 1 ? plural(pkgs.length, 'package') + ' under ' + q : q) + ' to ' + where });
    if (target !== 'kernel') wi.focus = target === 'new' ? wi.slots.length - 1 : slotOf(pkgs[0]);
    drawWhatIf();
  } }, 'move');
  f.append(el('div', { class: 'op' }, el('strong', null, 'Move '), pkgIn, list, el('label', { class: 'check' }, subtree, 'and everything under it'), ' to ', to, ' ', move, msg));
  // Merge two contexts.
  var a = el('select', { 'aria-label': 'merge', 'data-input': 'merge-from' }, options()), b = el('select', { 'aria-label': 'into', 'data-input': 'merge-into' }, options());
  if (b.options.length > 1) b.selectedIndex = 1;
  f.append(el('div', { class: 'op' }, el('strong', null, 'Merge '), a, ' into ', b, ' ', el('button', { 'data-action': 'merge', onclick: function () {
    var x = +a.value, y = +b.value;
    if (x === y) return;
    var text = 'merged ' + slotName(x) + ' into ' + slotName(y);
    var keep = wi.slots[y];
    apply({ kind: 'merge', from: x, into: y, text: text });
    wi.focus = wi.slots.indexOf(keep);
    drawWhatIf();
  } }, 'merge')));
  // Split a context by a directory.
  var sc = el('select', { 'aria-label': 'split', 'data-input': 'split-from' }, options());
  if (wi.focus >= 0) sc.value = String(wi.focus);
  var dir = el('select', { 'aria-label': 'directory', 'data-input': 'split-dir' });
  function dirs() {
    dir.textContent = '';
    var s = wi.slots[+sc.value];
    if (!s) return;
    var count = {};
    s.members.forEach(function (p) {
      var segs = M.packages[p].path.split('/');
      for (var d = 1; d < segs.length; d++) { var k = segs.slice(0, d).join('/'); count[k] = (count[k] || 0) + 1; }
    });
    Object.keys(count).filter(function (k) { return count[k] < s.members.length; }).sort(function (x, y) { return count[y] - count[x] || byteLess(x, y); }).slice(0, 60).forEach(function (k) {
      dir.append(el('option', { value: k }, k + '/ (' + plural(count[k], 'package') + ')'));
    });
  }
  sc.addEventListener('change', dirs);
  dirs();
  f.append(el('div', { class: 'op' }, el('strong', null, 'Split '), sc, ' by moving ', dir, ' to a new context ', el('button', { 'data-action': 'split', onclick: function () {
    var s = wi.slots[+sc.value], d = dir.value;
    if (!s || !d) return;
    var pkgs = s.members.filter(function (p) { return M.packages[p].path.indexOf(d + '/') === 0; });
    apply({ kind: 'split', pkgs: pkgs, text: 'split ' + d + '/ off ' + slotName(+sc.value) });
    wi.focus = wi.slots.length - 1;
    drawWhatIf();
  } }, 'split')));
  f.append(el('div', { class: 'op' },
    el('button', { 'data-action': 'undo', disabled: wi.ops.length ? null : true, onclick: function () { var ops = wi.replay.slice(0, -1); replay(ops); } }, 'undo'),
    el('button', { 'data-action': 'reset', disabled: wi.ops.length ? null : true, onclick: function () { replay([]); } }, 'reset')));
}

// replay applies ops to the model's partition: undo replays all but the
// last.
function replay(ops) {
  var focus = wi.focus;
  wi.replay = [];
  reset();
  ops.forEach(function (op) { apply(op); });
  wi.focus = Math.min(focus, wi.slots.length - 1);
  drawWhatIf();
}

// seamsYAML writes the what-if partition as .seams.yaml's contexts (and
// shared) sections: the changed contexts, or all of them. A whole
// directory becomes one dir/** pattern.
function seamsYAML(all) {
  var r = wi.result, base = {};
  wi.base.contexts.forEach(function (c) { base[c.members.join(',')] = true; });
  var kernelBase = D.kernel.slice().sort(function (a, b) { return a - b; }).join(',');
  var kernelNow = wi.kernel.slice().sort(function (a, b) { return a - b; });
  var lines = ['# seams what-if for ' + (document.getElementById('app').getAttribute('data-title') || 'this repository') + (wi.ops.length ? ': ' + wi.ops.join('; ') : ': the partition as found'), '# Paste into .seams.yaml at the repository root.'];
  if (kernelNow.join(',') !== kernelBase) {
    lines.push('shared:');
    patterns(kernelNow).forEach(function (p) { lines.push('  - ' + JSON.stringify(p)); });
  }
  var cs = r.contexts.filter(function (c) { return all || !base[c.members.join(',')]; });
  if (!cs.length) { lines.push('# no context changed: tick "declare every context" to pin them all'); return lines.join('\n') + '\n'; }
  lines.push('contexts:');
  cs.forEach(function (c) {
    lines.push('  ' + JSON.stringify(c.name) + ':');
    patterns(c.members).forEach(function (p) { lines.push('    - ' + JSON.stringify(p)); });
  });
  return lines.join('\n') + '\n';
}

// patterns covers a set of packages with as few package patterns as
// possible: dir/** where the set holds all of dir, else exact paths.
function patterns(members) {
  if (!D.subtree) {
    D.subtree = {};
    M.packages.forEach(function (p) { ancestors(p.path).forEach(function (d) { D.subtree[d] = (D.subtree[d] || 0) + 1; }); });
  }
  var inSet = {};
  members.forEach(function (p) { ancestors(M.packages[p].path).forEach(function (d) { inSet[d] = (inSet[d] || 0) + 1; }); });
  var out = {}, list = [];
  members.forEach(function (p) {
    var path = M.packages[p].path, chain = ancestors(path), best = '';
    // The highest directory whose whole subtree is in the set.
    for (var i = chain.length - 1; i >= 0; i--) if (inSet[chain[i]] === D.subtree[chain[i]]) { best = chain[i]; break; }
    var pat = best && (D.subtree[best] > 1 || best !== path) ? escapeGlob(best) + '/**' : escapeGlob(path);
    if (!out[pat]) { out[pat] = true; list.push(pat); }
  });
  return list.sort(byteLess);
}
// ancestors lists a path and its parent directories, nearest first.
function ancestors(p) {
  if (p === '.') return ['.'];
  var segs = p.split('/'), out = [];
  for (var i = segs.length; i >= 1; i--) out.push(segs.slice(0, i).join('/'));
  return out;
}
function escapeGlob(p) { return p.replace(/[*?[\\]/g, '\\$&'); }

function copyText(text, button) {
  var done = function () { var t = button.textContent; button.textContent = 'copied'; setTimeout(function () { button.textContent = t; }, 1200); };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback); else fallback();
  function fallback() {
    var ta = el('textarea', { class: 'offscreen' }, text);
    document.body.append(ta); ta.select();
    try { document.execCommand('copy'); done(); } catch (e) { /* nothing more to try */ }
    ta.remove();
  }
}

hooks.whatIf = function (all) {
  if (!wi.result) return null;
  return {
    ops: wi.ops.slice(), metrics: wi.result.metrics, yaml: seamsYAML(all),
    contexts: wi.result.contexts.map(function (c) { return { name: c.name, packages: c.packages }; }),
    kernel: wi.kernel.map(function (p) { return M.packages[p].path; })
  };
};
