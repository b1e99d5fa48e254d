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

// ---- the plan (contexts[].plan): what extracting each context takes,
// in the strangler-fig migration's order

views.plan = {
  title: 'Plan',
  render: function (s) {
    sectionHead(s, 'Extraction plan', 'For each candidate, in extraction order: the steps of a strangler-fig extraction, then the evidence behind them: the API its anti-corruption layer must offer (exported names other contexts use), what it calls back into, the tables it publishes as events and consumes as a read model, the tables to dual-write, its owners over the window, and the type names other contexts give another meaning.');
    var planned = M.contexts.filter(function (c) { return c.plan && typeof c.plan === 'object'; });
    if (!planned.length) { s.append(el('p', { class: 'help' }, 'This model has no extraction plan (contexts[].plan): seams writes one when it has the imports signal.')); return; }
    planned.forEach(function (c) {
      var box = el('article', { class: 'plan', 'data-context': c.id });
      var head = el('h3', null, ctxLink(c.id));
      if (c.band) head.append(el('span', { class: 'muted' }, ' · band ' + c.band));
      if (c.heat) head.append(el('span', { class: 'muted' }, ' · ' + c.heat));
      if (c.small) head.append(el('span', { class: 'muted' }, ' · small: ' + pct(c.small.share) + ' of the code' + (c.small.partner ? ', merge into ' + ctxName(c.small.partner) : '')));
      box.append(head);
      renderPlan(box, c.plan);
      // The first candidate's plan is open; the others wait for a
      // click (or the address), so forty plans are one screen.
      var details = el('details', c === planned[0] ? { open: '' } : null, el('summary', null, planSummary(c.plan)), Array.from(box.childNodes).slice(1));
      box.append(details);
      s.append(box);
    });
  },
  // show opens the plan of the context the address names.
  show: function (s, p) {
    if (!p.context) return;
    var box = s.querySelector('article.plan[data-context="' + CSS.escape(p.context) + '"]');
    if (!box) return;
    box.querySelector('details').open = true;
    box.scrollIntoView({ block: 'start' });
  }
};

function planSummary(p) {
  var parts = [];
  if (arr(p.api).length) parts.push(arr(p.api).length + ' API entries');
  if (arr(p.publishes).length) parts.push(arr(p.publishes).length + ' published');
  if (arr(p.consumes).length) parts.push(arr(p.consumes).length + ' consumed');
  if (arr(p.sharedWrites).length) parts.push(arr(p.sharedWrites).length + ' shared writes');
  if (arr(p.owners).length) parts.push(arr(p.owners).length + ' owners');
  return parts.length ? parts.join(' · ') : 'steps';
}

// renderPlan appends a plan's steps and the tables behind them.
function renderPlan(box, p) {
  var steps = arr(p.steps);
  if (steps.length) {
    box.append(el('ol', { class: 'plan-steps' }, steps.map(function (st) {
      return typeof st === 'string' ? el('li', null, st) : el('li', { 'data-kind': st.kind }, el('span', { class: 'tag' }, st.kind), ' ', st.text);
    })));
  }
  var symbols = function (title, list, help) {
    list = arr(list);
    if (!list.length) return;
    box.append(el('h4', null, title + ' (' + num(list.length) + ')'), el('p', { class: 'help' }, help));
    var t = table(['symbol', 'kind', 'used by', 'contexts', 'sites'], [], [false, false, false, false, true]);
    rowsUpTo(t.tBodies[0], list, 25, function (e) {
      return row([el('code', null, e.package + '.' + e.symbol), e.kind, arr(e.usedBy).join(', '), arr(e.contexts).map(ctxName).join(', '), e.sites], [false, false, false, false, true]);
    });
    box.append(t);
  };
  symbols('API to expose', p.api, 'Exported names of this context that code in other contexts uses, most used first: the surface of the new service\'s anti-corruption facade.');
  symbols('Calls back into the monolith', p.uses, 'What this context uses of the others: what the service must call back for, until those move too.');
  if (p.unresolvedCalls > 0) box.append(el('p', { class: 'help' }, pct(p.unresolvedCalls) + ' of the repository\'s method calls have a receiver whose type the syntax cannot tell; uses through them are not in these lists.'));
  var flows = function (title, list, side, help) {
    list = arr(list);
    if (!list.length) return;
    box.append(el('h4', null, title), el('p', { class: 'help' }, help));
    box.append(table(['table', 'events', side], list.map(function (f) { return row([el('code', null, f.table), arr(f.verbs).join(', ') || 'changes', arr(f.contexts).map(ctxName).join(', ')]); })));
  };
  flows('Publishes', p.publishes, 'read by', 'Tables it writes that other contexts read: candidate domain events.');
  flows('Consumes', p.consumes, 'written by', 'Tables it reads that others write: its read model, built from their events.');
  var sw = arr(p.sharedWrites);
  if (sw.length) {
    box.append(el('h4', null, 'Shared writes to resolve'), el('p', { class: 'help' }, 'Tables it writes together with other contexts: dual-write with reconciliation during the move, then one owner (who writes most).'));
    box.append(table(['table', 'verbs', 'other writers', 'owner', 'write sites'], sw.map(function (w) {
      return row([el('code', null, w.table), arr(w.verbs).join(', '), arr(w.contexts).map(ctxName).join(', '), ctxName(w.owner),
        el('span', null, arr(w.sites).map(function (x) { return el('div', null, ctxName(x.context) + ': ', el('code', null, arr(x.sites).slice(0, 5).join(' ')), arr(x.sites).length > 5 ? ' and ' + (arr(x.sites).length - 5) + ' more' : ''); }))]);
    })));
  }
  var owners = arr(p.owners);
  if (owners.length) {
    box.append(el('h4', null, 'Owners'), el('p', { class: 'help' }, num(p.commits) + ' commits in the window; concentration ' + fmt(p.concentration, 2) + ' (the sum of squared shares: 1 when one person makes every change).'));
    box.append(table(['author', 'commits', 'share'], owners.map(function (o) { return row([o.author, o.commits, el('span', null, bar(o.share, 'var(--accent)'), ' ' + pct(o.share))], [false, true, false]); })));
  }
  var hs = arr(p.homonyms);
  if (hs.length) {
    box.append(el('h4', null, 'Homonyms'), el('p', { class: 'help' }, 'Type names it declares that other contexts declare too: where its anti-corruption layer translates.'));
    box.append(table(['type', 'here', 'elsewhere', 'contexts'], hs.map(function (h) { return row([el('code', null, h.type), arr(h.packages).join(', '), arr(h.elsewhere).join(', '), arr(h.contexts).map(ctxName).join(', ')]); })));
  }
}

// ---- table access

views.tables = {
  title: 'Tables',
  render: function (s) {
    sectionHead(s, 'Table access', 'Which context reads (R), writes (W) or defines (DDL) each table; lower case (r, w) where it does so only by calling another package\'s function. Red rows are written directly by more than one context: they block a clean cut until one context owns the table. Click a table for every package and statement that touches it.');
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
      var tr = row(cells, null, { class: (sharedWrite[t.name] ? 'sharedwrite ' : '') + 'opens', 'data-table': t.name, tabindex: '0', title: 'show its sites' });
      tbody.append(tr);
      var open = null;
      function toggle() {
        if (open) { open.remove(); open = null; return; }
        // The matrix scrolls sideways under many contexts: the sites keep
        // to the visible part of it.
        var box = tableSites(t), scroller = tr.closest('.table-scroll');
        if (scroller) box.style.width = Math.max(320, scroller.clientWidth - 32) + 'px';
        open = el('tr', { class: 'sites', 'data-table': t.name }, el('td', { colspan: String(cols.length + 1) }, box));
        tr.after(open);
      }
      tr.addEventListener('click', toggle);
      tr.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
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

// tableSites lists who touches a table and through which statements:
// package, its context, the access, how the access was found, and every
// site with how it was read.
function tableSites(t) {
  var rows = [];
  [['read', t.readers], ['write', t.writers], ['DDL', t.ddl]].forEach(function (kind) {
    kind[1].forEach(function (u) {
      var i = D.pkgIndex[u.package], ci = i === undefined ? -1 : D.ctxOfPkg[i];
      var where = ci >= 0 ? M.contexts[ci].name : (i !== undefined && M.packages[i].shared ? 'kernel' : 'unplaced');
      var sites = arr(u.sites);
      // A site in the package's own directory shows as its file.
      var local = function (at) { return at.indexOf(u.package + '/') === 0 ? at.slice(u.package.length + 1) : at; };
      var shown = sites.slice(0, maxSites).map(function (x) { return el('div', { title: x.at }, el('code', null, local(x.at)), ' ', el('span', { class: 'help' }, x.how)); });
      if (sites.length > maxSites) shown.push(el('div', { class: 'help' }, 'and ' + (sites.length - maxSites) + ' more'));
      if (!sites.length) shown.push(el('span', { class: 'help' }, u.via === 'carried' ? 'through a call into another package' : ''));
      rows.push(row([kind[0], el('code', null, u.package), where, u.via, el('span', null, shown)]));
    });
  });
  var box = el('div', { class: 'table-sites' }, table(['access', 'package', 'context', 'via', 'sites'], rows));
  if (t.dropped) box.prepend(el('p', { class: 'help' }, 'Dropped' + (t.renamedTo ? ' (renamed to ' + t.renamedTo + ')' : '') + (t.droppedAt ? ' at ' + t.droppedAt : '') + ': it couples no packages.'));
  return box;
}

var maxSites = 20;

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

// ---- the trend (when trend.json lay beside the report)

views.trend = {
  title: 'Trend',
  render: function (s) {
    sectionHead(s, 'Trend', 'The coupling metrics over the sampled commits, from the trend.json that seams trend wrote beside this report. Shaded points are those whose packages the baseline mostly does not know; hover a chart for the commit.');
    var box = el('div', { class: 'trend' });
    s.append(box);
    drawTrend(box, JSON.parse(document.getElementById('seams-trend').textContent), JSON.parse(document.getElementById('seams-trend-metrics').textContent));
  }
};
