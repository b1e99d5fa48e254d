// views.js: a context's full detail, the extraction plan, the table
// access matrix, and the signals and warnings.

var INPUT_HELP = {
  commits: 'Its share of the window\'s commits, against the fair share 1/k of k contexts.',
  churn: 'Its share of the lines added and deleted in the window.',
  authors: 'Its share of the people who committed in the window.',
  recency: 'How recently it last changed: exp(-days/90).',
  trend: 'Commits in the window against the window before: above 0.5 it is heating up.',
  inbound: 'Packages elsewhere that import it: the API it would have to keep.',
  outbound: 'Packages elsewhere it imports: what it would have to call.',
  sharedWriteTables: 'Tables another context writes too: the hardest cut.',
  sharedTables: 'Other tables it shares with another context.',
  crossCoChange: 'Share of its commits that change another context too.',
  cycles: 'Contexts in an import cycle with it.',
  size: 'Its share of all contexts\' code.',
  history: 'Without history there is no pressure.'
};

views.context = {
  title: 'Context detail',
  render: function (s) { views.context.box = el('div'); s.append(views.context.box); },
  show: function (s, p) {
    var id = p.context && D.ctxById[p.context] ? p.context : state.context || (M.contexts[0] && M.contexts[0].id);
    if (id && views.context.shown !== id) showDetail(id);
  },
  selected: function (id) { if (state.view === 'context') showDetail(id); }
};

function showDetail(id) {
  var c = D.ctxById[id], box = views.context.box;
  if (!c) return;
  state.context = id;
  views.context.shown = id;
  box.textContent = '';
  box.setAttribute('data-context', id);
  var q = '#context=' + encodeURIComponent(id) + '&view=';
  box.append(el('div', { class: 'view-head' }, el('h2', null, c.order + '. ' + c.name, ' ', el('span', { class: 'tag' }, c.id), bandOf(c) ? el('span', { class: 'tag' }, 'band ' + bandOf(c)) : null),
    el('span', { class: 'tools' }, el('a', { class: 'button', href: q + 'map' }, 'map'), el('a', { class: 'button', href: q + 'drilldown' }, 'packages and neighbours'),
      el('a', { class: 'button', href: q + 'whatif' }, 'what-if'), c.plan ? el('a', { class: 'button', href: q + 'plan' }, 'plan') : null,
      el('button', { onclick: function () { download(c.name.replace(/[^A-Za-z0-9._-]+/g, '_') + '-cuts.csv', 'text/csv', cutsCSV([c])); } }, 'cut list.csv'))),
  el('p', { class: 'reason' }, c.reason));
  var scores = el('div', { class: 'scores' });
  [['Change pressure', c.pressure, 'higher'], ['Extraction risk', c.risk, 'lower']].forEach(function (x) {
    scores.append(el('div', null, el('h3', null, x[0] + ' ' + fmt(x[1].score)), table(['input', 'raw', 'value', 'weight', 'how'],
      x[1].inputs.map(function (i) { return row([explain(el('span', null, i.name), INPUT_HELP[i.name] || '', '', 'contexts'), fmt(i.raw), fmt(i.value), fmt(i.weight), i.note], [false, true, true, true, false]); }), [false, true, true, true, false])));
  });
  box.append(scores);
  var tb = el('tbody');
  box.append(el('h3', null, 'Packages (' + num(c.packages.length) + ')'), el('table', null, el('thead', null, el('tr', null,
    ['package', 'LOC', 'confidence', 'commits (window)', 'churn (window)'].map(function (h, i) { return el('th', i ? { class: 'num' } : null, h); }))), tb));
  rowsUpTo(tb, c.packages, 100, function (path) {
    var pk = M.packages[D.pkgIndex[path]] || {}, w = pk.history && pk.history.window;
    return row([el('code', { class: 'pkg' }, path), num(pk.loc), fmt(pk.confidence), pk.history ? num(pk.history.revisions) + ' (' + num(w.revisions) + ')' : '', w ? num(w.churn) : ''], [false, true, true, true, true]);
  });
  var hot = c.members.map(function (p) { return M.packages[p]; }).filter(function (p) { return p.history && p.history.window.revisions > 0; })
    .sort(function (a, b) { return b.history.window.revisions - a.history.window.revisions || byteLess(a.path, b.path); }).slice(0, 8);
  if (hot.length) box.append(el('h3', null, 'Hotspots'), table(['package', 'commits in the window', 'churn', 'authors'],
    hot.map(function (p) { return row([el('code', null, p.path), p.history.window.revisions, num(p.history.window.churn), p.history.window.authors], [false, true, true, true]); }), [false, true, true, true]));
  if (c.tables.length) box.append(el('h3', null, 'Tables'), table(['table', 'access', ''], c.tables.map(function (t) {
    var owner = c.cut.tables.filter(function (x) { return x.name === t.name; }).map(function (x) { return x.owner; })[0];
    var who = owner ? (owner === c.id ? ' (this context should own it)' : ' (owner: ' + ctxName(owner) + ')') : '';
    return row([el('code', null, t.name), t.access, t.sharedWrite ? el('span', { class: 'tag bad' }, 'written by another context too' + who) : (t.shared ? el('span', { class: 'tag' }, 'shared' + who) : el('span', { class: 'tag' }, 'own'))]);
  })));
  box.append(el('h3', null, 'Cut list'));
  function cut(title, list, head, make, numeric) {
    if (!list.length) return;
    var body = el('tbody');
    box.append(el('p', null, title + ' (' + num(list.length) + ')'), el('table', null, el('thead', null, el('tr', null, head.map(function (h, i) { return el('th', numeric[i] ? { class: 'num' } : null, h); }))), body));
    rowsUpTo(body, list, 50, function (x) { return row(make(x), numeric); });
  }
  cut('Imported from other contexts: the API it would expose', c.cut.inbound, ['from', 'to', 'files', 'context'], function (e) { return [el('code', null, e.from), el('code', null, e.to), e.files, ctxLink(e.context)]; }, [false, false, true, false]);
  cut('Imports of other contexts: what it would call', c.cut.outbound, ['from', 'to', 'files', 'context'], function (e) { return [el('code', null, e.from), el('code', null, e.to), e.files, ctxLink(e.context)]; }, [false, false, true, false]);
  cut('Tables shared with other contexts: give each an owner', c.cut.tables, ['table', 'writers', 'readers', 'owner'], function (t) { return [el('code', null, t.name), t.writers.map(ctxName).join(', '), t.readers.map(ctxName).join(', '), t.owner ? ctxName(t.owner) : '']; }, []);
  cut('Strongest co-change across the boundary', c.cut.cochange, ['inside', 'outside', 'context', 'shared commits', 'degree'], function (p) { return [el('code', null, p.inside), el('code', null, p.outside), ctxLink(p.context), p.shared, fmt(p.degree, 1)]; }, [false, false, false, true, true]);
  if (!c.cut.inbound.length && !c.cut.outbound.length && !c.cut.tables.length && !c.cut.cochange.length) box.append(el('p', null, 'Nothing crosses its boundary.'));
}

// ---- the plan (contexts[].plan, when the model has one)

var PLAN_KEYS = [['api', 'API to expose'], ['uses', 'uses'], ['publishes', 'publishes'], ['consumes', 'consumes'], ['sharedWrites', 'shared writes to resolve'], ['owners', 'owners'], ['homonyms', 'homonyms'], ['steps', 'steps']];

views.plan = {
  title: 'Plan',
  render: function (s) {
    sectionHead(s, 'Extraction plan', 'For each context with a plan: the API it would expose, what it uses, publishes and consumes, the shared writes to resolve, the owners, the homonyms (one name, two meanings) and the steps, in extraction order.');
    var planned = M.contexts.filter(function (c) { return c.plan && typeof c.plan === 'object'; });
    if (!planned.length) { s.append(el('p', { class: 'help' }, 'This model has no extraction plan (contexts[].plan): a later seams writes one.')); return; }
    planned.forEach(function (c) {
      var box = el('article', { class: 'plan', 'data-context': c.id }, el('h3', null, ctxLink(c.id)));
      PLAN_KEYS.forEach(function (k) {
        var v = c.plan[k[0]];
        if (v === undefined || v === null || Array.isArray(v) && !v.length) return;
        box.append(el('h4', null, k[1]), planValue(v, k[0] === 'steps'));
      });
      Object.keys(c.plan).forEach(function (k) {
        if (PLAN_KEYS.some(function (x) { return x[0] === k; })) return;
        box.append(el('h4', null, k), planValue(c.plan[k]));
      });
      s.append(box);
    });
  }
};

// planValue shows any JSON value as text: lists as lists, objects as
// name: value pairs.
function planValue(v, ordered) {
  if (Array.isArray(v)) return el(ordered ? 'ol' : 'ul', { class: 'plan-list' }, v.slice(0, 500).map(function (x) { return el('li', null, planValue(x)); }));
  if (v && typeof v === 'object') {
    var keys = Object.keys(v);
    return el('span', { class: 'plan-obj' }, keys.map(function (k, i) {
      var x = v[k];
      return [i ? ' · ' : '', el('span', { class: 'k' }, k + ': '), x && typeof x === 'object' ? planValue(x) : String(x)];
    }));
  }
  return String(v);
}

// ---- table access

views.tables = {
  title: 'Tables',
  render: function (s) {
    sectionHead(s, 'Table access', 'Which context reads (R), writes (W) or defines (DDL) each table; lower case (r, w) where it does so only by calling another package\'s function. Red rows are written directly by more than one context: they block a clean cut until one context owns the table.');
    if (!M.tables.length) { s.append(el('p', { class: 'help' }, 'No tables found.')); return; }
    var filter = el('input', { type: 'search', placeholder: 'filter tables', 'aria-label': 'filter tables' });
    s.append(filter);
    var sharedWrite = {};
    M.contexts.forEach(function (c) { c.tables.forEach(function (t) { if (t.sharedWrite) sharedWrite[t.name] = true; }); });
    var cols = M.contexts.map(function (c) { return c.id; }).concat(['kernel']);
    var tbody = el('tbody');
    M.tables.forEach(function (t) {
      var by = {};
      function mark(list, letter) {
        list.forEach(function (u) {
          var i = D.pkgIndex[u.package], ci = i === undefined ? -1 : D.ctxOfPkg[i];
          var c = ci >= 0 ? M.contexts[ci].id : (i !== undefined && M.packages[i].shared ? 'kernel' : 'unplaced');
          by[c] = by[c] || {};
          // A direct access wins over a carried one of the same kind.
          if (u.via !== 'carried' || letter === 'DDL') by[c][letter] = letter;
          else if (!by[c][letter]) by[c][letter] = letter.toLowerCase();
        });
      }
      mark(t.readers, 'R'); mark(t.writers, 'W'); mark(t.ddl, 'DDL');
      var cells = [el('code', null, t.name + (t.dropped ? ' (dropped)' : ''))].concat(cols.map(function (id) {
        return by[id] ? ['R', 'W', 'DDL'].filter(function (k) { return by[id][k]; }).map(function (k) { return by[id][k]; }).join(' ') : '';
      }));
      tbody.append(row(cells, null, { class: sharedWrite[t.name] ? 'sharedwrite' : '', 'data-table': t.name }));
    });
    filter.addEventListener('input', function () {
      var q = filter.value.trim().toLowerCase();
      tbody.querySelectorAll('tr').forEach(function (tr) { tr.hidden = q && tr.getAttribute('data-table').toLowerCase().indexOf(q) < 0; });
    });
    s.append(el('div', { class: 'table-scroll' }, el('table', { class: 'access' },
      el('thead', null, el('tr', null, el('th', null, 'table'), M.contexts.map(function (c) { return el('th', { title: c.name }, el('a', { href: '#context=' + encodeURIComponent(c.id) + '&view=context' }, c.order + '. ' + ellipsize(c.name, 18))); }), el('th', null, 'kernel'))),
      tbody)));
  }
};

// ---- signals and warnings

views.warnings = {
  title: 'Warnings',
  render: function (s) {
    sectionHead(s, 'Signals and warnings', 'What each signal could read, and what limited the analysis.');
    var sig = M.signals, groups = warningGroups(M.warnings);
    // A partial import graph that only misses third-party modules is
    // complete between the repository's own packages: say so where the
    // status shows.
    var importsOnlyMissing = groups.some(function (g) { return g.missing; }) && groups.every(function (g) { return g.signal !== V.signals[0].name || g.missing; });
    s.append(table(['signal', 'status', 'detail'], V.signals.map(function (x, i) {
      var note = i === 0 && sig[x.name].status === 'partial' && importsOnlyMissing ? el('div', { class: 'note' }, 'Partial only because third-party modules are missing from the module cache (see below): the imports between the repository\'s own packages, which seams uses, are complete.') : null;
      return row([x.label, el('span', { class: 'status ' + sig[x.name].status }, sig[x.name].status), [sig[x.name].detail, note]]);
    })), el('p', { class: 'help' }, 'ok: complete; partial: some input could not be read (the groups below say what, and what it costs); unavailable: could not be computed; off: not asked for.'));
    s.append(el('h3', null, plural(M.warnings.length, 'warning') + (groups.length ? ' of ' + plural(groups.length, 'kind') : '')));
    groups.forEach(function (g, i) {
      var d = el('details', { class: 'warn-group', 'data-kind': g.kind }, el('summary', null, el('span', { class: 'tag' }, g.signal), ' ', g.headline));
      if (i === 0 && groups.length < 4) d.open = true;
      var list = el('div', { class: 'warn-list' });
      g.items.slice(0, 300).forEach(function (w) { list.append(el('div', { class: 'warn' }, w.where ? el('code', null, w.where) : null, w.where ? ' ' : '', g.sameMessage ? '' : w.message)); });
      if (g.items.length > 300) list.append(el('div', { class: 'warn' }, (g.items.length - 300) + ' more in seams.json'));
      d.append(list);
      s.append(d);
    });
    var notes = [], im = sig.imports, sq = sig.sql, hi = sig.history;
    if (im.loader) notes.push('Packages listed by ' + im.loader + (im.fallbackReason ? ' (fallback: ' + im.fallbackReason + ')' : '') + '; ' + num(im.files || 0) + ' Go files analyzed, ' + num(im.generatedFiles || 0) + ' generated and ' + num(im.excludedFiles || 0) + ' excluded files left out.');
    if (sq.statements) notes.push('SQL read as ' + (sq.dialect || 'unknown dialect') + (sq.dialectReason ? ' (' + sq.dialectReason + ')' : '') + ': ' + num(sq.statements) + ' statements, ' + num(sq.notUnderstood || 0) + ' not understood.');
    if (hi.commits) notes.push('History of ' + (hi.ref || 'HEAD') + ': ' + num(hi.commits) + ' commits, ' + num(hi.used) + ' used' + (hi.shallow ? ' (shallow clone: history incomplete)' : '') + '; pressure window ' + hi.windowMonths + ' months' + (hi.windowStart ? ' (' + hi.windowStart.slice(0, 10) + ' to ' + (hi.windowEnd || '').slice(0, 10) + ')' : '') + '.');
    if (notes.length) s.append(el('ul', { class: 'notes' }, notes.map(function (x) { return el('li', null, x); })));
    var f = hi.filtered || {};
    s.append(el('h3', null, 'What the filters removed'), table(['what', 'count'], [
      ['merge commits skipped', f.merges], ['bulk commits dropped (more than ' + hi.maxCommitFiles + ' files)', f.bulk], ['commits skipped for missing objects', f.missingObjects],
      ['file changes to generated, vendored or excluded files', f.skippedFiles], ['commits touching only files outside packages', f.outsideOnly],
      ['package pairs under ' + hi.minShared + ' shared commits', f.pairsBelowMin], ['Go files excluded by patterns', im.excludedFiles], ['generated Go files left out', im.generatedFiles],
      ['SQL statements not understood', sq.notUnderstood]
    ].map(function (r) { return row([r[0], num(r[1] || 0)], [false, true]); }), [false, true]));
  }
};

// warningGroups folds warnings of one kind into one line: the kind is the
// message up to its first colon, numbers aside; unresolved third-party
// imports say which modules and what to do.
function warningGroups(ws) {
  var groups = {}, list = [];
  ws.forEach(function (w) {
    var msg = w.message || '', missing = /GOPROXY=off|module lookup disabled|not in the module cache|cannot find module|no required module provides/i.test(msg);
    var kind = missing ? 'missing-module' : msg.split(/: /)[0].replace(/\d+/g, '#').slice(0, 100);
    var key = (w.signal || '') + '\u0000' + kind;
    var g = groups[key];
    if (!g) { g = groups[key] = { signal: w.signal || '', kind: kind, items: [], messages: {}, modules: {}, missing: missing }; list.push(g); }
    g.items.push(w);
    g.messages[msg] = (g.messages[msg] || 0) + 1;
    var mod = /[\/\\]pkg[\/\\]mod[\/\\](.+?@[^\/\\]+)/.exec(w.where || '');
    if (mod) g.modules[mod[1].replace(/!([a-z])/g, function (_, c) { return c.toUpperCase(); }).replace(/\\/g, '/')] = true;
  });
  list.forEach(function (g) {
    var msgs = Object.keys(g.messages), mods = Object.keys(g.modules).sort(byteLess), n = g.items.length;
    g.sameMessage = msgs.length === 1;
    var named = function (xs) { return xs.slice(0, 6).join(', ') + (xs.length > 6 ? ' and ' + (xs.length - 6) + ' more' : ''); };
    if (g.missing) {
      g.headline = (mods.length ? plural(n, 'import') + ' in ' + plural(mods.length, 'third-party module') + ' (' + named(mods) + ')' : plural(n, 'import'))
        + ' could not be resolved: ' + msgs[0] + (msgs.length > 1 ? ' and ' + (msgs.length - 1) + ' similar' : '') + '. Run `go mod download` (with network access) for type-accurate results; the import graph between the repository\'s own packages is complete.';
    } else {
      g.headline = (n > 1 ? n + ' × ' : '') + (g.sameMessage ? msgs[0] : g.kind + ' (' + plural(msgs.length, 'distinct message') + ')');
    }
  });
  return list.sort(function (a, b) { return b.items.length - a.items.length; });
}
hooks.warningGroups = function () { return warningGroups(M.warnings).map(function (g) { return { signal: g.signal, kind: g.kind, count: g.items.length, headline: g.headline }; }); };
