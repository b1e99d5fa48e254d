// engine.js scores a partition the way graph/rank.Contexts,
// graph/rank.Links and graph/metrics.Measure do in Go, from the data the
// model carries (imports, table uses, co-change pairs, lines of code and
// view.history's grouped commits): the what-if view moves packages and
// shows the cut lists, pressure, risk and metrics that follow. The
// browser test runs it on moved partitions and compares with Go.
//
// Packages are numbers here, their index in M.packages, which is sorted
// by path as Go sorts strings: comparing indexes is comparing paths.

var GENERIC = {};
['internal', 'pkg', 'cmd', 'app', 'apps', 'src', 'lib', 'libs', 'modules', 'services', 'service', 'server', 'core', 'domain', '.'].forEach(function (s) { GENERIC[s] = true; });

// NOISE and VERSION are graph/rank's noise segments: they say what code
// is for (tests, fixtures, mocks) or an API's generation, never what it
// is about.
var NOISE = {};
['test', 'tests', 'testing', 'testdata', 'testutil', 'testutils', 'testhelper', 'testhelpers', 'fixture', 'fixtures', 'mock', 'mocks', 'fake', 'fakes', 'stub', 'stubs', 'e2e'].forEach(function (s) { NOISE[s] = true; });
var VERSION = /^v[0-9]+([.][0-9]+)*([a-z]+[0-9]*)?$/;
// NOT_TEST_HELPERS and testHelper are graph/cluster's TestHelper: a
// segment named as Go names test helpers (httptest, fstest).
var NOT_TEST_HELPERS = {};
['latest', 'contest', 'protest', 'attest', 'greatest', 'fastest', 'shortest', 'smartest', 'hottest', 'softest'].forEach(function (w) { NOT_TEST_HELPERS[w] = true; });
function testHelper(seg) { return utf8Length(seg) >= 7 && seg.slice(-4) === 'test' && !NOT_TEST_HELPERS[seg]; }
function noise(seg) { return NOISE[seg] === true || VERSION.test(seg) || testHelper(seg); }
function noisy(p) { return p.split('/').some(noise); }
// NAME_TERMS is graph/rank's nameTerms.
var NAME_TERMS = 8;

function engine() {
  if (D.engine) return D.engine;
  var P = M.packages, N = P.length;
  var loc = P.map(function (p) { return p.loc || 0; });
  var path = P.map(function (p) { return p.path; });
  // segments counts each nameable path segment's packages, as
  // graph/rank's segmentCounts.
  var segments = {};
  path.forEach(function (p) { nameSegments(p).forEach(function (s) { segments[s] = (segments[s] || 0) + 1; }); });
  var dropped = {};
  M.tables.forEach(function (t) { if (t.dropped) dropped[t.name] = true; });
  // The graph's table uses, as analyze builds them: a dropped table
  // couples nobody; an ORM access is the package's own.
  var uses = [];
  P.forEach(function (p, i) {
    p.tables.forEach(function (t) {
      if (!dropped[t.name]) uses.push({ pkg: i, table: t.name, write: t.access === 'write', ddl: t.access === 'ddl', carried: t.via === 'carried' });
    });
  });
  var imports = [];
  M.imports.forEach(function (e) {
    var a = D.pkgIndex[e.from], b = D.pkgIndex[e.to];
    if (a !== undefined && b !== undefined) imports.push({ from: a, to: b, files: e.weight });
  });
  var pairs = [];
  M.cochange.forEach(function (c) {
    var a = D.pkgIndex[c.a], b = D.pkgIndex[c.b];
    if (a !== undefined && b !== undefined) pairs.push({ a: a, b: b, shared: c.shared, degree: c.degree, p: c.p });
  });
  var H = M.view && M.view.history;
  // Each package's domain terms with their weights, as graph/rank reads them.
  var TW = (M.view && M.view.termWeights) || [];
  var terms = P.map(function (p, i) { return (p.terms || []).map(function (w, j) { return { word: w, weight: (TW[i] || [])[j] || 0 }; }); });
  var common = (M.view && M.view.commonTerms) || [];
  // A context's newest commit is its newest package's.
  var last = P.map(function (p) { return p.history && p.history.lastCommit ? Date.parse(p.history.lastCommit) / 1000 : 0; });
  var layers = {};
  M.coupling.forEach(function (c) {
    var a = D.pkgIndex[c.a], b = D.pkgIndex[c.b];
    if (a === undefined || b === undefined) return;
    ['fused'].concat(V.layers.map(function (l) { return l.name; })).forEach(function (l) {
      if (c[l] > 0) (layers[l] = layers[l] || []).push([a, b, c[l]]);
    });
  });
  D.engine = { score: score, links: links, normalize: normalizePartition, loc: loc, imports: imports, pairs: pairs, uses: uses };
  return D.engine;

  // normalizePartition sorts members and contexts as cluster.FromMembers
  // does, dropping empty contexts.
  function normalizePartition(part) {
    var cs = [];
    part.members.forEach(function (ms, i) {
      if (ms.length) cs.push({ members: ms.slice().sort(function (a, b) { return a - b; }), declared: (part.declared && part.declared[i]) || '' });
    });
    cs.sort(function (a, b) { return a.members[0] - b.members[0]; });
    return { members: cs.map(function (c) { return c.members; }), declared: cs.map(function (c) { return c.declared; }), kernel: part.kernel || [], unplaced: part.unplaced || [] };
  }

  // score describes every context of the partition, in the model's
  // shape, ranked; and measures the partition.
  function score(input) {
    var part = normalizePartition(input);
    var k = part.members.length;
    var of = new Int32Array(N).fill(-1);
    part.members.forEach(function (ms, i) { ms.forEach(function (p) { of[p] = i; }); });
    var ids = part.members.map(contextID);
    var tf = contextTables(part, of);
    var cterms = part.members.map(contextTerms);
    var deliv = part.members.map(function (ms) {
      var inside = 0, all = 0;
      ms.forEach(function (p) { var w = loc[p] + 1; all += w; if (P[p].delivery) inside += w; });
      return 2 * inside > all;
    });
    var names = part.members.map(function (ms, i) {
      if (part.declared[i]) return part.declared[i];
      // As in Go: the delivery layer is named by its paths, not its words.
      if (deliv[i]) return contextName(ms, [], []);
      var writes = tf.of[i].filter(function (t) { return t.write; }).map(function (t) { return t.name; });
      return contextName(ms, writes, cterms[i]);
    });
    // As in Go: duplicates are told apart by their terms, then by deeper paths.
    for (var depth = 2; depth <= 4; depth++) {
      var seen = {};
      names.forEach(function (n) { seen[n] = (seen[n] || 0) + 1; });
      names.forEach(function (n, i) {
        // As in Go: the context holding most of the segment's packages keeps its name.
        if (seen[n] <= 1 || part.declared[i] || sliceName(part.members[i]) === n) return;
        var t = termName(cterms[i]);
        names[i] = depth === 2 && t !== '' && !deliv[i] ? t : contextNameAt(part.members[i], null, depth);
      });
    }
    uniqueNames(names);
    var cuts = cutLists(part, of, ids, tf);
    var small = smallContexts(part, of, ids);
    var data = dataLayers(tf, part.members.length);
    var press = pressure(part, of);
    var risk = risks(part, of, cuts, tf);
    // As in Go: apart only where the imports and the history took part.
    var W = (M.settings && M.settings.weights) || {};
    var seen = !!(W.imports > 0 && W.cochange > 0 && imports.length && H && H.used > 0);
    var apart = cuts.map(function (cut, i) {
      return seen && k >= 2 && !deliv[i] && !data[i] && !cut.inbound.length && !cut.outbound.length && !cut.tables.length && !cut.cochange.length;
    });
    var cs = part.members.map(function (ms, i) {
      var cut = cuts[i];
      return {
        id: ids[i], name: names[i], packages: ms.map(function (p) { return path[p]; }), loc: sum(ms, function (p) { return loc[p]; }),
        tables: tf.of[i].map(function (t) { return { name: t.name, access: joinAccess(t.read, t.write, t.ddl), shared: t.shared, sharedWrite: t.sharedWrite }; }),
        pressure: press[i], risk: risk[i], order: 0, reason: (apart[i] ? APART_REASON : deliv[i] ? DELIVERY_REASON : data[i] ? dataReason(data[i]) : '') + reason(press[i], risk[i], cut, tf.sharedWrites[i]),
        small: small[i], dataLayer: data[i], delivery: deliv[i], apart: apart[i],
        cut: {
          inbound: cut.inbound.map(function (e) { return { from: path[e.from], to: path[e.to], files: e.files, context: ids[e.context] }; }),
          outbound: cut.outbound.map(function (e) { return { from: path[e.from], to: path[e.to], files: e.files, context: ids[e.context] }; }),
          tables: cut.tables,
          cochange: cut.cochange.map(function (c) { return { inside: path[c.inside], outside: path[c.outside], context: ids[c.context], shared: c.shared, degree: c.degree }; })
        },
        members: ms
      };
    });
    // As graph/rank orders them: services first, the small ones next,
    // then those apart, the data layer, the delivery layer last.
    var group = function (c) { return c.delivery ? 4 : c.dataLayer ? 3 : c.apart ? 2 : c.small ? 1 : 0; };
    cs.sort(function (a, b) {
      if (group(a) !== group(b)) return group(a) - group(b);
      var da = a.pressure.score - a.risk.score, db = b.pressure.score - b.risk.score;
      if (da !== db) return db - da;
      return byteLess(a.id, b.id);
    });
    var band = 0, leaderLow = Infinity;
    cs.forEach(function (c, i) {
      c.order = i + 1;
      if (i === 0 || group(c) !== group(cs[i - 1]) || c.pressure.high - c.risk.score < leaderLow) { band++; leaderLow = c.pressure.low - c.risk.score; }
      if (!c.small) delete c.small;
      if (!c.dataLayer) delete c.dataLayer;
      if (!c.delivery) delete c.delivery;
      if (!c.apart) delete c.apart;
      c.band = band;
      c.heat = c.pressure.heat.word;
      delete c.pressure.heat;
    });
    return { contexts: cs, metrics: measure(part, of), links: links(cs) };
  }

  // dataLayers flags the contexts that write, with their own SQL, at
  // least DATA_SHARE of the tables contexts write so, and MIN_DATA_TABLES
  // of them, as graph/rank does.
  function dataLayers(tf, k) {
    var own = new Array(k).fill(0), total = 0;
    tf.names.forEach(function (n) {
      var direct = Object.keys(tf.users[n].direct);
      if (!direct.length) return;
      total++;
      direct.forEach(function (i) { own[+i]++; });
    });
    return own.map(function (n) { return n >= MIN_DATA_TABLES && n >= DATA_SHARE * total ? { tables: n, of: total } : null; });
  }

  // smallContexts flags the contexts under SMALL_SHARE of the code, each
  // with the context the fused graph couples it to most, as graph/rank.
  function smallContexts(part, of, ids) {
    var k = part.members.length, out = new Array(k).fill(null);
    var locs = part.members.map(function (ms) { return sum(ms, function (p) { return loc[p]; }); });
    var total = locs.reduce(function (a, b) { return a + b; }, 0);
    if (total === 0 || k < 2) return out;
    var link = null;
    locs.forEach(function (l, i) {
      var share = l / total;
      if (share >= SMALL_SHARE) return;
      if (!link) {
        link = {};
        (layers.fused || []).forEach(function (e) {
          var a = of[e[0]], b = of[e[1]];
          if (a < 0 || b < 0 || a === b) return;
          var key = Math.min(a, b) * k + Math.max(a, b);
          link[key] = (link[key] || 0) + e[2];
        });
      }
      var best = -1, bestW = 0;
      for (var j = 0; j < k; j++) {
        var w = link[Math.min(i, j) * k + Math.max(i, j)] || 0;
        if (j === i || w <= 0) continue;
        if (w > bestW || w === bestW && byteLess(ids[j], ids[best]) < 0) { best = j; bestW = w; }
      }
      out[i] = { share: round4(share) };
      if (best >= 0) out[i].partner = ids[best];
    });
    return out;
  }

  function contextID(ms) {
    var anchor = ms[0];
    ms.forEach(function (m) {
      var better = noisy(path[m]) !== noisy(path[anchor]) ? !noisy(path[m]) : loc[m] > loc[anchor] || loc[m] === loc[anchor] && m < anchor;
      if (better) anchor = m;
    });
    return 'c' + sha256hex(path[anchor]).slice(0, 6);
  }

  // contextTerms sums the terms of a context's packages, each weighed by
  // its code, heaviest first (ties in byte order), as graph/rank does.
  function contextTerms(ms) {
    var sum = {};
    ms.forEach(function (m) {
      if (noisy(path[m])) return;
      var w = 1 + loc[m];
      terms[m].forEach(function (t) { sum[t.word] = (sum[t.word] || 0) + t.weight * w; });
    });
    var words = Object.keys(sum).sort(byteLess);
    // A stable sort by weight: Array.prototype.sort is stable.
    return words.map(function (w) { return { word: w, weight: sum[w] }; }).sort(function (a, b) { return b.weight - a.weight; });
  }

  // sliceName is graph/rank's: the segment in most of the context's code
  // whose packages are mostly the context's.
  function sliceName(ms) {
    if (ms.length < 2) return '';
    var weight = {}, count = {}, total = 0;
    ms.forEach(function (m) {
      var w = loc[m] + 1;
      total += w;
      nameSegments(path[m]).forEach(function (s) { weight[s] = (weight[s] || 0) + w; count[s] = (count[s] || 0) + 1; });
    });
    var best = '', bestScore = 0;
    Object.keys(weight).sort(byteLess).forEach(function (s) {
      var cover = weight[s] / total, held = count[s] / Math.max(segments[s] || 0, count[s]);
      if (cover < SLICE_SHARE || held < SLICE_SHARE || count[s] < 2) return;
      var score = cover * held;
      if (score > bestScore || score === bestScore && utf8Length(s) < utf8Length(best)) { best = s; bestScore = score; }
    });
    return best;
  }

  function contextName(ms, tables, ts) {
    var slice = sliceName(ms);
    if (slice) return slice;
    var name = contextNameAt(ms, tables, 1);
    if (!ts.length) return name;
    if (!ms.some(function (m) { return nameSegments(path[m]).length > 0; })) return layoutName(ms);
    var words = common.concat(ts.slice(0, NAME_TERMS).map(function (t) { return t.word; }));
    var parts = name.split(/[+\/]/).filter(Boolean);
    if (parts.some(function (part) { return words.some(function (w) { return sameWord(part, w); }); })) return name;
    return termName(ts);
  }

  // layoutName is graph/rank's: the first segment of the heaviest member.
  function layoutName(ms) {
    var h = ms[0];
    ms.slice(1).forEach(function (m) { if (loc[m] > loc[h] || loc[m] === loc[h] && m < h) h = m; });
    var first = path[h].split('/')[0];
    return first === '.' ? 'root' : first;
  }

  function contextNameAt(ms, tables, depth) {
    var weight = {}, total = 0;
    ms.forEach(function (m) {
      var seg = nameArea(path[m], depth);
      if (seg === '') return;
      var w = loc[m] + 1;
      weight[seg] = (weight[seg] || 0) + w;
      total += w;
    });
    var segs = Object.keys(weight).sort(function (a, b) { return weight[b] - weight[a] || byteLess(a, b); });
    if (!segs.length) return tables && tables.length ? tables[0] : 'root';
    if (segs.length > 1 && 3 * weight[segs[1]] >= total) return segs[0] + '+' + segs[1];
    return segs[0];
  }

  function contextTables(part, of) {
    var k = part.members.length;
    var tf = { of: [], sharedWrites: new Array(k).fill(0), sharedOther: new Array(k).fill(0), users: {} };
    for (var i = 0; i < k; i++) tf.of.push([]);
    uses.forEach(function (u) {
      var i = of[u.pkg];
      if (i < 0) return;
      var t = tf.users[u.table];
      if (!t) t = tf.users[u.table] = { readers: {}, writers: {}, direct: {}, ddl: {} };
      if (u.ddl) t.ddl[i] = true;
      else if (u.write) { t.writers[i] = (t.writers[i] || 0) + 1; if (!u.carried) t.direct[i] = (t.direct[i] || 0) + 1; }
      else t.readers[i] = (t.readers[i] || 0) + 1;
    });
    tf.names = Object.keys(tf.users).sort(byteLess);
    tf.names.forEach(function (n) {
      var t = tf.users[n];
      var ctxs = union(t.readers, t.writers);
      var nDirect = Object.keys(t.direct).length;
      ctxs.forEach(function (i) {
        var ct = { name: n, read: (t.readers[i] || 0) > 0, write: (t.writers[i] || 0) > 0, ddl: !!t.ddl[i], shared: ctxs.length > 1 };
        ct.sharedWrite = (t.direct[i] || 0) > 0 && nDirect > 1;
        tf.of[i].push(ct);
        if (ct.sharedWrite) tf.sharedWrites[i]++;
        else if (ct.shared) tf.sharedOther[i]++;
      });
    });
    return tf;
  }

  function cutLists(part, of, ids, tf) {
    var k = part.members.length, cuts = [];
    for (var i = 0; i < k; i++) cuts.push({ inbound: [], outbound: [], tables: [], cochange: [] });
    imports.forEach(function (e) {
      var a = of[e.from], b = of[e.to];
      if (a < 0 || b < 0 || a === b) return;
      cuts[a].outbound.push({ from: e.from, to: e.to, files: e.files, context: b });
      cuts[b].inbound.push({ from: e.from, to: e.to, files: e.files, context: a });
    });
    tf.names.forEach(function (n) {
      var t = tf.users[n];
      var ctxs = union(t.writers, t.readers);
      if (ctxs.length < 2) return;
      var writers = Object.keys(t.direct).map(function (i) { return ids[+i]; }).sort(byteLess);
      var readers = ctxs.filter(function (i) { return !t.direct[i]; }).map(function (i) { return ids[i]; }).sort(byteLess);
      // The owner writes it most with its own SQL; ties go to the smaller id.
      var best = -1, most = 0;
      Object.keys(t.direct).forEach(function (s) {
        var i = +s, c = t.direct[s];
        if (best < 0 || c > most || c === most && ids[i] < ids[best]) { best = i; most = c; }
      });
      var ct = { name: n, writers: writers, readers: readers, owner: best < 0 ? '' : ids[best] };
      ctxs.forEach(function (i) { cuts[i].tables.push(ct); });
    });
    pairs.forEach(function (p) {
      var a = of[p.a], b = of[p.b];
      if (a < 0 || b < 0 || a === b || p.p > 0.05) return;
      cuts[a].cochange.push({ inside: p.a, outside: p.b, context: b, shared: p.shared, degree: p.degree });
      cuts[b].cochange.push({ inside: p.b, outside: p.a, context: a, shared: p.shared, degree: p.degree });
    });
    cuts.forEach(function (c) {
      c.cochange.sort(function (x, y) { return (y.degree - x.degree) || (x.inside - y.inside) || (x.outside - y.outside); });
    });
    return cuts;
  }

  // commits calls f(touched contexts, group) for every group of commits.
  function eachGroup(list, of, f) {
    list.forEach(function (g, n) {
      var touched = [];
      g.packages.forEach(function (p) { var i = of[p]; if (i >= 0 && touched.indexOf(i) < 0) touched.push(i); });
      f(touched, g, n);
    });
  }

  // groups reduces the grouped commits to the contexts of a partition:
  // per window group its contexts and their churn, per earlier group its
  // contexts, so that each bootstrap resample is a pass over small arrays.
  function groups(of) {
    var out = { win: [], earlier: [], authors: 0 };
    eachGroup(arr(H.window), of, function (touched, g) {
      var churn = new Float64Array(touched.length);
      g.packages.forEach(function (p, j) { var i = of[p]; if (i >= 0) churn[touched.indexOf(i)] += g.churn[j]; });
      out.win.push({ ctx: touched, churn: churn, author: g.author, commits: g.commits });
      out.authors = Math.max(out.authors, g.author + 1);
    });
    eachGroup(arr(H.earlier), of, function (touched) { out.earlier.push(touched); });
    return out;
  }

  // tally counts each context's evidence with window group g counted
  // win[g] times and earlier group g prev[g] times (a group's churn
  // spread evenly over its commits). seen is scratch space for author
  // stamps, stamp a number no earlier call used.
  function tally(k, gs, win, prev, seen, stamp) {
    var A = gs.authors;
    var t = { win: new Float64Array(k), prev: new Float64Array(k), churn: new Float64Array(k), nAuthors: new Float64Array(k), winCommits: 0, winChurn: 0, nAll: 0 };
    for (var n = 0; n < gs.win.length; n++) {
      var w = win[n];
      if (!w) continue;
      var g = gs.win[n];
      t.winCommits += w;
      if (seen[k * A + g.author] !== stamp) { seen[k * A + g.author] = stamp; t.nAll++; }
      for (var j = 0; j < g.ctx.length; j++) {
        var i = g.ctx[j], c = g.churn[j] * w / g.commits;
        t.churn[i] += c;
        t.winChurn += c;
        t.win[i] += w;
        if (seen[i * A + g.author] !== stamp) { seen[i * A + g.author] = stamp; t.nAuthors[i]++; }
      }
    }
    for (var e = 0; e < gs.earlier.length; e++) {
      var p = prev[e];
      if (p) gs.earlier[e].forEach(function (i) { t.prev[i] += p; });
    }
    return t;
  }

  function pressureInputs(t, i, k, last, notes) {
    var cshare = ratio(t.win[i], t.winCommits), chshare = ratio(t.churn[i], t.winChurn), ashare = ratio(t.nAuthors[i], t.nAll);
    var days = last === 0 ? Infinity : (H.windowEnd - last) / 86400;
    var trend = (t.win[i] + 1) / (t.prev[i] + 1);
    var churn = Math.round(t.churn[i]), winChurn = Math.round(t.winChurn);
    return [
      { name: 'commits', raw: cshare, value: share(cshare, k), weight: 0.35, note: notes ? t.win[i] + ' of ' + t.winCommits + ' commits in the window (' + pct(cshare) + '; fair share ' + pct(1 / k) + ')' : '' },
      { name: 'churn', raw: chshare, value: share(chshare, k), weight: 0.2, note: notes ? churn + ' of ' + winChurn + ' lines added+deleted in the window' : '' },
      { name: 'authors', raw: ashare, value: share(ashare, k), weight: 0.2, note: notes ? t.nAuthors[i] + ' of ' + t.nAll + ' authors active in the window' : '' },
      { name: 'recency', raw: days, value: Math.exp(-days / 90), weight: 0.1, note: notes ? 'last change ' + goF0(days) + ' days before the newest commit; exp(-days/90)' : '' },
      { name: 'trend', raw: trend, value: trend / (trend + 1), weight: 0.15, note: notes ? t.win[i] + ' commits in the window vs ' + t.prev[i] + ' in the one before; 0.5 is flat' : '' }
    ];
  }

  // pressureValue is scoreOf(pressureInputs(...)).score without the
  // objects, for the resamples.
  function pressureValue(t, i, k, last) {
    var cshare = ratio(t.win[i], t.winCommits), chshare = ratio(t.churn[i], t.winChurn), ashare = ratio(t.nAuthors[i], t.nAll);
    var days = last === 0 ? Infinity : (H.windowEnd - last) / 86400;
    var trend = (t.win[i] + 1) / (t.prev[i] + 1);
    return round4(0.35 * round4(share(cshare, k)) + 0.2 * round4(share(chshare, k)) + 0.2 * round4(share(ashare, k)) +
      0.1 * round4(Math.exp(-days / 90)) + 0.15 * round4(trend / (trend + 1)));
  }

  // pressure scores every context, with a 90% bootstrap interval over
  // the window's commits and the word its commit share earns, by the
  // rules of graph/rank. The page resamples the grouped commits the
  // model carries, under its own seed, so a what-if's intervals come
  // close to what seams would compute but need not equal them.
  function pressure(part, of) {
    var k = part.members.length, out = [];
    if (!H || !H.used) {
      for (var n = 0; n < k; n++) {
        var p = { score: 0, low: 0, high: 0, inputs: [{ name: 'history', raw: 0, value: 0, weight: 0, note: 'no history: pressure is unknown' }] };
        p.heat = { word: 'no history' };
        out.push(p);
      }
      return out;
    }
    var lasts = part.members.map(function (ms) {
      var l = 0;
      ms.forEach(function (p) { if (last[p] > l) l = last[p]; });
      return l;
    });
    var win = arr(H.window).map(function (g) { return g.commits; }), prev = arr(H.earlier).map(function (g) { return g.prev; });
    var gs = groups(of), seen = new Int32Array((k + 1) * Math.max(gs.authors, 1));
    var t = tally(k, gs, win, prev, seen, 1);
    out = lasts.map(function (l, i) { return scoreOf(pressureInputs(t, i, k, l, true)); });
    var units = function (counts) { var u = []; counts.forEach(function (c, g) { for (var j = 0; j < c; j++) u.push(g); }); return u; };
    var wu = units(win), pu = units(prev), rnd = mulberry32(1);
    var values = out.map(function () { return new Float64Array(RESAMPLES); }), shares = out.map(function () { return new Float64Array(RESAMPLES); });
    var rw = new Float64Array(win.length), rp = new Float64Array(prev.length);
    for (var b = 0; b < RESAMPLES; b++) {
      rw.fill(0);
      rp.fill(0);
      for (var x = 0; x < wu.length; x++) rw[wu[Math.floor(rnd() * wu.length)]]++;
      for (var y = 0; y < pu.length; y++) rp[pu[Math.floor(rnd() * pu.length)]]++;
      var rt = tally(k, gs, rw, rp, seen, b + 2);
      for (var i = 0; i < k; i++) {
        values[i][b] = pressureValue(rt, i, k, lasts[i]);
        shares[i][b] = ratio(rt.win[i], rt.winCommits);
      }
    }
    out.forEach(function (p, i) {
      var v = interval(values[i]), s = interval(shares[i]);
      p.low = Math.min(v[0], p.score);
      p.high = Math.max(v[1], p.score);
      p.heat = { commits: t.win[i], low: s[0], high: s[1], fair: 1 / k };
      p.heat.word = heatWord(p.heat);
    });
    return out;
  }

  function risks(part, of, cuts, tf) {
    var k = part.members.length;
    var cycles = contextCycles(k, of);
    var total = new Array(k).fill(0), cross = new Array(k).fill(0);
    if (H) {
      var count = function (touched, n) { touched.forEach(function (i) { total[i] += n; if (touched.length > 1) cross[i] += n; }); };
      eachGroup(arr(H.window), of, function (touched, g) { count(touched, g.commits); });
      eachGroup(arr(H.earlier), of, function (touched, g) { count(touched, g.prev + g.older); });
    }
    var totalLOC = 0;
    part.members.forEach(function (ms) { ms.forEach(function (p) { totalLOC += loc[p]; }); });
    return part.members.map(function (ms, i) {
      var inPk = {}, nIn = 0, inFiles = 0, outPk = {}, nOut = 0;
      cuts[i].inbound.forEach(function (e) { if (!inPk[e.from]) { inPk[e.from] = true; nIn++; } inFiles += e.files; });
      cuts[i].outbound.forEach(function (e) { if (!outPk[e.to]) { outPk[e.to] = true; nOut++; } });
      var sw = tf.sharedWrites[i], sr = tf.sharedOther[i];
      var size = sum(ms, function (p) { return loc[p]; }), sizeShare = ratio(size, totalLOC);
      var cc = ratio(cross[i], total[i]);
      return scoreOf([
        { name: 'inbound', raw: nIn, value: saturate(nIn, 3), weight: 0.25, note: nIn + ' packages in other contexts import it (' + inFiles + ' files): the API it would have to expose' },
        { name: 'outbound', raw: nOut, value: saturate(nOut, 3), weight: 0.1, note: 'it imports ' + nOut + ' packages of other contexts: what it would have to call' },
        { name: 'sharedWriteTables', raw: sw, value: saturate(sw, 1), weight: 0.2, note: sw + ' tables it writes that another context writes too' },
        { name: 'sharedTables', raw: sr, value: saturate(sr, 2), weight: 0.1, note: sr + ' other tables it shares with other contexts (reads on one side)' },
        { name: 'crossCoChange', raw: cc, value: cc, weight: 0.15, note: pct(cc) + ' of its commits also touch another context' },
        { name: 'cycles', raw: cycles[i], value: saturate(cycles[i], 1), weight: 0.1, note: 'in an import cycle with ' + cycles[i] + ' other contexts' },
        { name: 'size', raw: sizeShare, value: share(sizeShare, k), weight: 0.1, note: size + " lines of code, " + pct(sizeShare) + " of all contexts' code" }
      ]);
    });
  }

  function contextCycles(k, of) {
    var adj = [];
    for (var i = 0; i < k; i++) adj.push([]);
    imports.forEach(function (e) { var a = of[e.from], b = of[e.to]; if (a >= 0 && b >= 0 && a !== b && adj[a].indexOf(b) < 0) adj[a].push(b); });
    var out = new Array(k).fill(0);
    components(adj).forEach(function (c) { c.forEach(function (i) { out[i] = c.length - 1; }); });
    return out;
  }

  function reason(p, r, cut, sharedWrites) {
    var h = p.heat, hot = h.word;
    if (hot === 'little history') hot += ': ' + goPlural(h.commits, 'commit') + ' in the window';
    else if (hot !== 'no history') hot += ': ' + goF0(100 * h.low) + '–' + pct(h.high) + " of the window's commits";
    var inPk = {}, n = 0;
    cut.inbound.forEach(function (e) { if (!inPk[e.from]) { inPk[e.from] = true; n++; } });
    var parts = [goPlural(n, 'inbound package')];
    if (sharedWrites > 0) parts.push(goPlural(sharedWrites, 'shared-write table'));
    r.inputs.forEach(function (i) { if (i.name === 'cycles' && i.raw > 0) parts.push('in an import cycle'); });
    return hot + '; cut: ' + parts.join(', ');
  }

  function measure(part, of) {
    var k = part.members.length;
    var placed = {};
    part.members.concat([part.kernel, part.unplaced]).forEach(function (ms) { ms.forEach(function (p) { placed[p] = true; }); });
    var tooling = P.filter(function (p, i) { return p.tooling && !placed[i]; }).length;
    var m = { contexts: k, shared: part.kernel.length, tooling: tooling, unplaced: part.unplaced.length, modularity: {} };
    m.modularity.fused = round4(modularity(layers.fused || [], of));
    V.layers.forEach(function (l) { m.modularity[l.name] = round4(modularity(layers[l.name] || [], of)); });
    var size = part.members.map(function (ms) { return ms.length; });
    var mu = new Array(k).fill(0), eps = new Array(k).fill(0), sigma = {};
    var crossW = 0, allW = 0, cross = 0, usedFromOutside = {}, nUsed = 0;
    imports.forEach(function (e) {
      var a = of[e.from], b = of[e.to];
      if (a < 0 || b < 0) return;
      allW += e.files;
      if (a === b) { mu[a]++; return; }
      cross++; crossW += e.files; eps[a]++; eps[b]++;
      var key = Math.min(a, b) + ',' + Math.max(a, b);
      sigma[key] = (sigma[key] || 0) + 1;
      if (!usedFromOutside[e.to]) { usedFromOutside[e.to] = true; nUsed++; }
    });
    m.crossContextImports = cross;
    m.sm = 0; m.ifn = 0; m.mq = 0; m.icp = 0; m.ned = 0;
    if (k > 0) {
      var inner = 0;
      mu.forEach(function (x, i) { inner += x / (size[i] * size[i]); });
      var sm = inner / k;
      if (k > 1) {
        var between = 0;
        Object.keys(sigma).forEach(function (key) { var ab = key.split(','); between += sigma[key] / (2 * size[+ab[0]] * size[+ab[1]]); });
        sm -= between / (k * (k - 1) / 2);
      }
      m.sm = round4(sm);
      m.ifn = round4(nUsed / k);
      var mq = 0;
      mu.forEach(function (x, i) { if (x > 0) mq += 2 * x / (2 * x + eps[i]); });
      m.mq = round4(mq);
    }
    if (allW > 0) m.icp = round4(crossW / allW);
    var placed = 0, mid = 0;
    size.forEach(function (s) { placed += s; if (s >= 5 && s <= 20) mid += s; });
    if (placed > 0) m.ned = round4(1 - mid / placed);
    var writers = {};
    uses.forEach(function (u) {
      var i = of[u.pkg];
      if (i < 0 || !u.write || u.ddl || u.carried) return;
      (writers[u.table] = writers[u.table] || {})[i] = true;
    });
    m.sharedWriteTables = Object.keys(writers).filter(function (t) { return Object.keys(writers[t]).length > 1; }).length;
    return m;
  }

  // modularity is Newman's Q over the placed packages, from the model's
  // coupling weights: they keep 4 significant digits, so this is Go's Q
  // to about 1e-4.
  function modularity(edges, of) {
    var inC = {}, deg = {}, total = 0;
    edges.forEach(function (e) {
      var a = of[e[0]], b = of[e[1]];
      if (a < 0 || b < 0) return;
      total += e[2];
      deg[a] = (deg[a] || 0) + e[2];
      deg[b] = (deg[b] || 0) + e[2];
      if (a === b) inC[a] = (inC[a] || 0) + 2 * e[2];
    });
    if (total === 0) return 0;
    var m2 = 2 * total, q = 0;
    Object.keys(deg).forEach(function (c) { q += ((inC[c] || 0) - deg[c] * deg[c] / m2) / m2; });
    return q;
  }
}

// links are rank.Links: per ordered pair of contexts the imports from one
// into the other; on the pair from the smaller id to the larger, the
// tables both touch and the commits that change both.
function links(cs) {
  var byKey = {}, out = [];
  function get(from, to) {
    var key = from + '\u0000' + to;
    if (!byKey[key]) { byKey[key] = { from: from, to: to, imports: 0, files: 0, tables: {}, cochange: 0 }; out.push(byKey[key]); }
    return byKey[key];
  }
  cs.forEach(function (c) {
    c.cut.outbound.forEach(function (e) { var l = get(c.id, e.context); l.imports++; l.files += e.files; });
    c.cut.tables.forEach(function (t) { t.writers.concat(t.readers).forEach(function (o) { if (o > c.id) get(c.id, o).tables[t.name] = true; }); });
    c.cut.cochange.forEach(function (p) { if (p.context > c.id) get(c.id, p.context).cochange += p.shared; });
  });
  out.forEach(function (l) {
    l.tables = Object.keys(l.tables).sort(byteLess);
    l.strength = {};
    [l.files, l.tables.length, l.cochange].forEach(function (v, i) { if (v > 0 && V.layers[i]) l.strength[V.layers[i].name] = v; });
  });
  out.sort(function (a, b) { return byteLess(a.from, b.from) || byteLess(a.to, b.to); });
  return out;
}

// components are the strongly connected components of a directed graph
// given as adjacency lists (Tarjan, iterative).
function components(adj) {
  var n = adj.length, index = new Array(n).fill(-1), low = new Array(n).fill(0), on = new Array(n).fill(false);
  var stack = [], out = [], next = 0;
  for (var s = 0; s < n; s++) {
    if (index[s] >= 0) continue;
    var work = [[s, 0]];
    index[s] = low[s] = next++; stack.push(s); on[s] = true;
    while (work.length) {
      var top = work[work.length - 1], v = top[0];
      if (top[1] < adj[v].length) {
        var w = adj[v][top[1]++];
        if (index[w] < 0) { index[w] = low[w] = next++; stack.push(w); on[w] = true; work.push([w, 0]); }
        else if (on[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) { var u = work[work.length - 1][0]; low[u] = Math.min(low[u], low[v]); }
      if (low[v] === index[v]) {
        var c = [], x;
        do { x = stack.pop(); on[x] = false; c.push(x); } while (x !== v);
        out.push(c.sort(function (a, b) { return a - b; }));
      }
    }
  }
  return out;
}

function union(a, b) {
  var seen = {}, out = [];
  Object.keys(a).concat(Object.keys(b)).forEach(function (s) { if (!seen[s]) { seen[s] = true; out.push(+s); } });
  return out;
}
function ratio(a, b) { return b === 0 ? 0 : a / b; }
function share(x, k) { var fair = 1 / Math.max(k, 1); return x <= 0 ? 0 : x / (x + fair); }
function saturate(n, half) { return n <= 0 ? 0 : 1 - Math.exp(-n * Math.LN2 / half); }
function round4(x) { return Math.round(x * 10000) / 10000; }
function scoreOf(inputs) {
  var s = 0;
  inputs.forEach(function (i) { i.raw = round4(i.raw); i.value = round4(i.value); s += i.weight * i.value; });
  s = round4(s);
  return { score: s, low: s, high: s, inputs: inputs };
}
// SMALL_SHARE is graph/rank's SmallShare; DELIVERY_REASON opens the
// reason of the delivery layer, as in Go.
var SMALL_SHARE = 0.02;
// APART_REASON is graph/rank's ApartReason.
var APART_REASON = 'already apart: nothing but the shared kernel ties it to another context (no import either way, no shared table, no co-change): there is no cut to make; ';
var DELIVERY_REASON = 'delivery layer (commands and what wires the domains): the facade stays, not a service to cut; ';
// DATA_SHARE and MIN_DATA_TABLES are graph/rank's DataLayerShare and
// MinDataLayerTables; dataReason opens the data layer's reason as in Go.
var DATA_SHARE = 2 / 3, MIN_DATA_TABLES = 8;
function dataReason(d) { return 'data layer (writes ' + d.tables + ' of the ' + d.of + ' tables written with own SQL): split it table by table as the domains leave, not a service to cut first; '; }
// RESAMPLES and MIN_COMMITS are graph/rank's Resamples and MinCommits.
var RESAMPLES = 200, MIN_COMMITS = 5;
function heatWord(h) {
  if (h.commits < MIN_COMMITS) return 'little history';
  if (h.low > h.fair) return 'hot';
  if (h.high < h.fair) return 'quiet';
  return 'about its share';
}
// interval is the 5th and 95th percentiles, as graph/rank takes them.
function interval(xs) {
  if (!xs.length) return [0, 0];
  var s = Float64Array.from(xs).sort();
  var at = function (q) { return round4(s[Math.floor(q * (s.length - 1) + 0.5)]); };
  return [at(0.05), at(0.95)];
}
function mulberry32(a) {
  return function () {
    a |= 0; a = a + 0x6D2B79F5 | 0;
    var t = Math.imul(a ^ a >>> 15, 1 | a);
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function joinAccess(read, write, ddl) { return [read && 'read', write && 'write', ddl && 'ddl'].filter(Boolean).join('+'); }
// UNNAMING is graph/rank's unnaming: words that name no context.
var UNNAMING = {};
['already', 'exist', 'found', 'missing', 'empty', 'fail', 'failed', 'failure', 'success', 'errorf', 'warnf', 'infof',
  'debugf', 'printf', 'sprintf', 'enable', 'enabled', 'disable', 'disabled', 'toggle', 'mode'].forEach(function (w) { UNNAMING[w] = true; });
function termName(ts) {
  ts = ts.filter(function (t) { return !UNNAMING[t.word]; });
  if (!ts.length) return '';
  var first = ts[0].word;
  if (ts.length > 1 && 2 * ts[1].weight > ts[0].weight) {
    var second = ts[1].word;
    if (first.indexOf(second) < 0 && second.indexOf(first) < 0) return first + '+' + second;
  }
  return first;
}
function sameWord(seg, term) {
  var norm = function (s) { return s.toLowerCase().replace(/[_.-]/g, ''); };
  var a = norm(seg), b = norm(term);
  if (a.length > b.length) { var t = a; a = b; b = t; }
  return a !== '' && b.indexOf(a) === 0 && b.length - a.length <= 3;
}
// SLICE_SHARE is graph/rank's sliceShare.
var SLICE_SHARE = 0.6;
// nameSegments is graph/rank's: a path's distinct segments that may name
// a context, sorted.
function nameSegments(p) {
  var out = p.split('/').filter(function (s) { return !noise(s) && !GENERIC[s]; }).sort(byteLess);
  return out.filter(function (s, i) { return i === 0 || out[i - 1] !== s; });
}
function utf8Length(s) { return unescape(encodeURIComponent(s)).length; }
// nameArea is graph/rank's: domainPrefix without noise segments.
function nameArea(p, depth) { return domainPrefix(p.split('/').filter(function (s) { return !noise(s); }).join('/'), depth); }
function domainPrefix(p, depth) {
  var segs = p.split('/');
  for (var i = 0; i < segs.length; i++) if (!GENERIC[segs[i]]) return segs.slice(i, Math.min(segs.length, i + depth)).join('/');
  return '';
}
function uniqueNames(names) {
  var seen = {};
  names.forEach(function (n, i) { seen[n] = (seen[n] || 0) + 1; if (seen[n] > 1) names[i] = n + '-' + seen[n]; });
}
// goF0 formats as Go's %.0f: to nearest, exact halves to even.
function goF0(x) {
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x !== x) return 'NaN';
  var r = Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
  return r === 0 && (x < 0 || Object.is(x, -0)) ? '-0' : String(r);
}
function pct(x) { return goF0(100 * x) + '%'; }
function goPlural(n, what) { return n === 1 ? '1 ' + what : n + ' ' + what + 's'; }

// sha256hex is SHA-256 of a string's UTF-8 bytes, in hex: context ids
// are derived from their anchor package's path with it.
function sha256hex(s) {
  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];
  var bytes = new TextEncoder().encode(s), n = bytes.length;
  var len = ((n + 9 + 63) >> 6) << 6, msg = new Uint8Array(len);
  msg.set(bytes); msg[n] = 0x80;
  var bits = n * 8;
  for (var i = 0; i < 4; i++) msg[len - 1 - i] = (bits >>> (8 * i)) & 0xff;
  msg[len - 5] = Math.floor(n / 0x20000000) & 0xff;
  var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], w = new Int32Array(64);
  function rotr(x, r) { return (x >>> r) | (x << (32 - r)); }
  for (var o = 0; o < len; o += 64) {
    for (var t = 0; t < 16; t++) w[t] = (msg[o + 4 * t] << 24) | (msg[o + 4 * t + 1] << 16) | (msg[o + 4 * t + 2] << 8) | msg[o + 4 * t + 3];
    for (t = 16; t < 64; t++) {
      var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3), s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (t = 0; t < 64; t++) {
      var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0, (h[4] + e) | 0, (h[5] + f) | 0, (h[6] + g) | 0, (h[7] + hh) | 0];
  }
  return h.map(function (x) { return ('00000000' + (x >>> 0).toString(16)).slice(-8); }).join('');
}

// modelPartition is the model's own partition, for the what-if to start
// from and for the check that the engine reproduces the model.
function modelPartition() {
  var declared = M.settings.declared || {};
  return {
    members: M.contexts.map(function (c) { return c.members.slice(); }),
    declared: M.contexts.map(function (c) { return Object.prototype.hasOwnProperty.call(declared, c.name) ? c.name : ''; }),
    kernel: D.kernel.slice(), unplaced: D.unplaced.slice()
  };
}

hooks.score = function (part) { return engine().score(part); };
hooks.partition = function () { return modelPartition(); };
hooks.packageIndex = function (p) { return D.pkgIndex[p]; };
