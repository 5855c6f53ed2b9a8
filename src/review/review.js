// sixalign review page: edits an alignment (schema sixalign-review/1, embedded
// as JSON in #review-data) and exports it. Plain ES5-level script, no library,
// nothing fetched. The list is virtualized: only the beads on screen are in
// the DOM, so a 10,000-bead document opens and edits as fast as a small one.
(function () {
  'use strict';
  var CONFIRMED = 1, CHANGED = 2;
  var dataEl = document.getElementById('review-data');
  var D = JSON.parse(dataEl.textContent);
  var HUB = D.hub, REG = D.regions, NP = D.pairs.length;
  var $ = function (id) { return document.getElementById(id); };

  // --- the model ------------------------------------------------------------
  function bead(a) {
    return { s0: a[0], s1: a[1], t0: a[2], t1: a[3], sc: a[4], r4: a[5], rg: a[6], fl: a[7] };
  }
  function arr(b) { return [b.s0, b.s1, b.t0, b.t1, b.sc, b.r4, b.rg, b.fl]; }
  function key(b) { return b.s0 + ',' + b.s1 + ',' + b.t0 + ',' + b.t1; }

  var pairs = D.pairs.map(function (p) {
    var orig = new Map();
    p.beads.forEach(function (a) { orig.set(a[0] + ',' + a[1] + ',' + a[2] + ',' + a[3], [a[4], a[5]]); });
    return {
      lang: p.other.lang, name: p.other.name, sents: p.other.sentences,
      beads: p.beads.map(bead), initial: p.beads.map(bead), orig: orig,
      findings: p.findings, srcF: null, tgtF: null
    };
  });

  // Findings by sentence: srcF[i] / tgtF[i] = indices into pair.findings.
  var SEVRANK = { error: 3, warning: 2, info: 1 };
  pairs.forEach(function (p) {
    var nsrc = HUB.sentences.length, ntgt = p.sents.length;
    p.srcF = new Array(nsrc); p.tgtF = new Array(ntgt);
    function put(list, i, f) { if (i >= 0 && i < list.length) { (list[i] || (list[i] = [])).push(f); } }
    p.findings.forEach(function (f, k) {
      var i;
      // About a whole region (the preamble's paragraph count): shown at its
      // start, not on every bead of it (as the QA report does).
      if (f.kind === 'preamble_count') {
        if (f.src[1] > f.src[0]) put(p.srcF, f.src[0], k); else put(p.tgtF, f.tgt[0], k);
        return;
      }
      if (f.src[1] > f.src[0] && f.side !== 'tgt') { for (i = f.src[0]; i < f.src[1]; i++) put(p.srcF, i, k); }
      if (f.tgt[1] > f.tgt[0] && f.side !== 'src') { for (i = f.tgt[0]; i < f.tgt[1]; i++) put(p.tgtF, i, k); }
      if (!(f.src[1] > f.src[0] && f.side !== 'tgt') && !(f.tgt[1] > f.tgt[0] && f.side !== 'src')) {
        if (f.src[1] > f.src[0]) put(p.srcF, f.src[0], k);
        else if (f.tgt[1] > f.tgt[0]) put(p.tgtF, f.tgt[0], k);
        else if (nsrc) put(p.srcF, Math.min(f.src[0], nsrc - 1), k);
        else put(p.tgtF, Math.min(f.tgt[0], ntgt - 1), k);
      }
    });
  });

  function beadFindings(p, b) {
    var seen = {}, out = [], i;
    function add(list) { if (list) list.forEach(function (k) { if (!seen[k]) { seen[k] = 1; out.push(k); } }); }
    for (i = b.s0; i < b.s1; i++) add(p.srcF[i]);
    for (i = b.t0; i < b.t1; i++) add(p.tgtF[i]);
    return out;
  }

  // Every sentence of both sides in exactly one bead, in order.
  function check(pi) {
    var p = pairs[pi], s = 0, t = 0;
    for (var k = 0; k < p.beads.length; k++) {
      var b = p.beads[k];
      if (b.s0 !== s || b.t0 !== t) return 'bead ' + k + ' does not start where bead ' + (k - 1) + ' ends';
      if (b.s1 < b.s0 || b.t1 < b.t0) return 'bead ' + k + ' ends before it starts';
      if (b.s1 === b.s0 && b.t1 === b.t0) return 'bead ' + k + ' is empty';
      s = b.s1; t = b.t1;
    }
    if (s !== HUB.sentences.length || t !== p.sents.length) return 'the beads do not cover every sentence';
    return '';
  }

  // A bead made by an edit: the aligner's score when it is back to one of
  // the aligner's beads, else 1 (linked) or 0 (one side empty).
  function made(p, s0, s1, t0, t1, rg, fl) {
    var b = { s0: s0, s1: s1, t0: t0, t1: t1, rg: rg, fl: fl & ~CHANGED };
    var o = p.orig.get(key(b));
    if (o) { b.sc = o[0]; b.r4 = o[1]; } else {
      b.sc = b.r4 = (s1 > s0 && t1 > t0) ? 1 : 0;
      b.fl |= CHANGED;
    }
    return b;
  }
  function nonEmpty(b) { return b.s1 > b.s0 || b.t1 > b.t0; }

  // --- edits: each gives a patch {pi, at, old, neu, sel} or a message -------
  var EDITS = {
    mergeNext: function (pi, i) {
      var p = pairs[pi], a = p.beads[i], b = p.beads[i + 1];
      if (!a || !b) return 'no next bead to merge with';
      return { at: i, old: [a, b], neu: [made(p, a.s0, b.s1, a.t0, b.t1, a.rg, 0)], sel: i };
    },
    mergePrev: function (pi, i) {
      if (i < 1) return 'no previous bead to merge with';
      return EDITS.mergeNext(pi, i - 1);
    },
    // The first sentence of one side goes to the end of the previous bead.
    firstToPrev: function (pi, i, side) {
      var p = pairs[pi], a = p.beads[i - 1], b = p.beads[i];
      if (!a || !b) return 'no previous bead';
      var x = side === 'tgt' ? 't' : 's';
      if (b[x + '1'] === b[x + '0']) return 'this side of the bead is empty';
      var na = made(p, a.s0, a.s1 + (x === 's'), a.t0, a.t1 + (x === 't'), a.rg, 0);
      var nb = made(p, b.s0 + (x === 's'), b.s1, b.t0 + (x === 't'), b.t1, b.rg, 0);
      var neu = nonEmpty(nb) ? [na, nb] : [na];
      return { at: i - 1, old: [a, b], neu: neu, sel: nonEmpty(nb) ? i : i - 1 };
    },
    // The last sentence of one side goes to the start of the next bead.
    lastToNext: function (pi, i, side) {
      var p = pairs[pi], b = p.beads[i], c = p.beads[i + 1];
      if (!b || !c) return 'no next bead';
      var x = side === 'tgt' ? 't' : 's';
      if (b[x + '1'] === b[x + '0']) return 'this side of the bead is empty';
      var nb = made(p, b.s0, b.s1 - (x === 's'), b.t0, b.t1 - (x === 't'), b.rg, 0);
      var nc = made(p, c.s0 - (x === 's'), c.s1, c.t0 - (x === 't'), c.t1, c.rg, 0);
      var neu = nonEmpty(nb) ? [nb, nc] : [nc];
      return { at: i, old: [b, c], neu: neu, sel: i };
    },
    // Two beads: the sentences of `side` before k, and from k on; the other
    // side is cut where its length is closest to the same proportion.
    split: function (pi, i, side, k) {
      var p = pairs[pi], b = p.beads[i];
      if (!b) return 'no bead';
      if (side == null) {
        if (b.s1 - b.s0 >= 2) { side = 'src'; k = b.s1 - 1; } else if (b.t1 - b.t0 >= 2) { side = 'tgt'; k = b.t1 - 1; } else return 'a bead with one sentence on each side cannot be split: mark a sentence 1-0 / 0-1 instead';
      }
      var x = side === 'tgt' ? 't' : 's', y = x === 's' ? 't' : 's';
      var lo = b[x + '0'], hi = b[x + '1'];
      if (!(k > lo && k < hi)) return 'pick a sentence after the first one of its side to split before it';
      var texts = x === 's' ? HUB.sentences : p.sents, other = x === 's' ? p.sents : HUB.sentences;
      var total = 0, before = 0, j;
      for (j = lo; j < hi; j++) { total += texts[j].length; if (j < k) before += texts[j].length; }
      var f = total ? before / total : 0.5, o0 = b[y + '0'], o1 = b[y + '1'], ototal = 0;
      for (j = o0; j < o1; j++) ototal += other[j].length;
      var best = o0, bestd = Infinity, acc = 0;
      for (j = o0; j <= o1; j++) {
        var d = Math.abs((ototal ? acc / ototal : 0) - f);
        if (d < bestd) { bestd = d; best = j; }
        if (j < o1) acc += other[j].length;
      }
      var m = best, first, second;
      if (x === 's') { first = made(p, lo, k, o0, m, b.rg, 0); second = made(p, k, hi, m, o1, b.rg, 0); } else { first = made(p, o0, m, lo, k, b.rg, 0); second = made(p, m, o1, k, hi, b.rg, 0); }
      return { at: i, old: [b], neu: [first, second], sel: i + 1 };
    },
    // The first or last sentence of a side becomes a bead of its own with
    // nothing on the other side (1-0 or 0-1).
    detach: function (pi, i, side, k) {
      var p = pairs[pi], b = p.beads[i];
      if (!b) return 'no bead';
      if (side == null) {
        if (b.s1 > b.s0) { side = 'src'; k = b.s1 - 1; } else { side = 'tgt'; k = b.t1 - 1; }
      }
      var x = side === 'tgt' ? 't' : 's', y = x === 's' ? 't' : 's';
      var lo = b[x + '0'], hi = b[x + '1'], o0 = b[y + '0'], o1 = b[y + '1'];
      if (o1 === o0) return 'this sentence already has no counterpart';
      if (k !== lo && k !== hi - 1) return 'only the first or the last sentence of a side can be marked as having no counterpart; split the bead first';
      function mk(a0, a1, b0, b1) { return x === 's' ? made(p, a0, a1, b0, b1, b.rg, 0) : made(p, b0, b1, a0, a1, b.rg, 0); }
      var neu, sel;
      if (k === lo) {
        neu = [mk(k, k + 1, o0, o0)];
        var rest = mk(k + 1, hi, o0, o1);
        neu.push(rest); sel = i;
      } else {
        neu = [mk(lo, k, o0, o1), mk(k, k + 1, o1, o1)]; sel = i + 1;
      }
      return { at: i, old: [b], neu: neu.filter(nonEmpty), sel: sel };
    },
    confirm: function (pi, i) {
      var b = pairs[pi].beads[i];
      if (!b) return 'no bead';
      var n = { s0: b.s0, s1: b.s1, t0: b.t0, t1: b.t1, sc: b.sc, r4: b.r4, rg: b.rg, fl: b.fl ^ CONFIRMED };
      return { at: i, old: [b], neu: [n], sel: i };
    },
    revertAll: function (pi) {
      var p = pairs[pi];
      return { at: 0, old: p.beads.slice(), neu: p.initial.slice(), sel: 0 };
    }
  };

  var undoStack = [], redoStack = [];
  function splice(pi, at, remove, insert) {
    var b = pairs[pi].beads;
    if (insert.length < 5000) { Array.prototype.splice.apply(b, [at, remove].concat(insert)); } else {
      pairs[pi].beads = b.slice(0, at).concat(insert, b.slice(at + remove));
    }
  }
  function edit(name, a, b, c) {
    var pi = cur.pi, t0 = performance.now();
    var patch = EDITS[name](pi, a, b, c);
    if (typeof patch === 'string') { say(patch, true); return false; }
    patch.pi = pi;
    splice(pi, patch.at, patch.old.length, patch.neu);
    var bad = check(pi);
    if (bad) { splice(pi, patch.at, patch.neu.length, patch.old); say('edit refused: ' + bad, true); return false; }
    undoStack.push(patch); redoStack.length = 0;
    cur.i = Math.min(patch.sel, pairs[pi].beads.length - 1); cur.side = null; cur.k = -1;
    afterEdit(name, t0);
    return true;
  }
  function undo() {
    var p = undoStack.pop();
    if (!p) { say('nothing to undo', true); return false; }
    var t0 = performance.now();
    splice(p.pi, p.at, p.neu.length, p.old); redoStack.push(p);
    cur.pi = p.pi; cur.i = Math.min(p.at + (p.sel - p.at), pairs[p.pi].beads.length - 1); cur.k = -1;
    syncPairSelect(); afterEdit('undo', t0); return true;
  }
  function redo() {
    var p = redoStack.pop();
    if (!p) { say('nothing to redo', true); return false; }
    var t0 = performance.now();
    splice(p.pi, p.at, p.old.length, p.neu); undoStack.push(p);
    cur.pi = p.pi; cur.i = Math.min(p.sel, pairs[p.pi].beads.length - 1); cur.k = -1;
    syncPairSelect(); afterEdit('redo', t0); return true;
  }

  // --- persistence: the browser's storage, and files ---------------------------
  function hash(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16);
  }
  var STORE = 'sixalign-review:' + D.doc + ':' + hash(dataEl.textContent);
  var saveTimer = 0;
  function snapshot() { return { v: 1, saved: new Date().toISOString(), beads: pairs.map(function (p) { return p.beads.map(arr); }) }; }
  function flush() {
    clearTimeout(saveTimer); saveTimer = 0;
    try { localStorage.setItem(STORE, JSON.stringify(snapshot())); return true; } catch (e) { say('cannot keep the work in this browser (' + e.message + '): save it as a file', true); return false; }
  }
  function scheduleSave() { clearTimeout(saveTimer); saveTimer = setTimeout(flush, 250); }
  window.addEventListener('pagehide', function () { if (saveTimer) flush(); });

  // Beads from a saved state (the browser's storage or a review file), if they fit these versions.
  function adopt(list) {
    if (!Array.isArray(list) || list.length !== NP) return 'it holds ' + (list && list.length) + ' language pairs, this page ' + NP;
    var keep = pairs.map(function (p) { return p.beads; });
    for (var pi = 0; pi < NP; pi++) {
      pairs[pi].beads = list[pi].map(function (a) {
        var b = bead(a);
        if (b.rg >= REG.length || b.rg < 0) b.rg = 0;
        return b;
      });
      var bad = check(pi);
      if (bad) { pairs.forEach(function (p, k) { p.beads = keep[k]; }); return bad; }
    }
    return '';
  }

  // --- export ------------------------------------------------------------------
  function joinSeg(lang, texts, a, b) { return texts.slice(a, b).join(lang === 'zh' ? '' : ' '); }
  function srcText(b) { return joinSeg(HUB.lang, HUB.sentences, b.s0, b.s1); }
  function tgtText(p, b) { return joinSeg(p.lang, p.sents, b.t0, b.t1); }
  // serde_json's f64: shortest form, with ".0" for whole numbers; null when not finite.
  function jnum(x) { return isFinite(x) ? (Number.isInteger(x) ? x.toFixed(1) : String(x)) : 'null'; }
  // Rust's {:.4} (the value is already rounded to 4 decimals).
  function fix4(x) { return isFinite(x) ? x.toFixed(4) : (isNaN(x) ? 'NaN' : (x > 0 ? 'inf' : '-inf')); }
  // Rust's Display for f32: shortest form, never an exponent.
  function f32(x) {
    var s = String(x), m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (!m) return s;
    var digits = m[2] + (m[3] || ''), e = +m[4];
    if (e < 0) return m[1] + '0.' + new Array(-e).join('0') + digits;
    return m[1] + digits + new Array(e - digits.length + 2).join('0');
  }
  var XMLESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\x0B': ' ', '\x0C': ' ' };
  function xml(s) {
    return s.replace(/[&<>"'\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, function (c) { return XMLESC[c] || '\uFFFD'; });
  }
  function flat(s) { return s.replace(/[\t\n\r\x0B\x0C\x1C-\x1E\x85\u2028\u2029]/g, ' '); }

  function exportText(fmt) {
    var out = [], doc = D.doc;
    if (fmt === 'tmx') {
      out.push('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="sixalign" creationtoolversion="' + D.version +
        '" datatype="plaintext" segtype="sentence" adminlang="en" srclang="' + HUB.lang + '" o-tmf="sixalign"/>\n  <body>\n');
    }
    var header = false;
    pairs.forEach(function (p) {
      p.beads.forEach(function (b) {
        var region = REG[b.rg], src = srcText(b), tgt = tgtText(p, b);
        if (fmt === 'jsonl') {
          out.push('{"doc":' + JSON.stringify(doc) + ',"region":' + JSON.stringify(region) + ',"src_lang":"' + HUB.lang + '","tgt_lang":"' + p.lang +
            '","src":' + JSON.stringify(src) + ',"tgt":' + JSON.stringify(tgt) + ',"src_sents":[' + b.s0 + ',' + b.s1 + '],"tgt_sents":[' + b.t0 + ',' + b.t1 +
            '],"score":' + jnum(b.r4) + '}\n');
        } else if (fmt === 'tsv') {
          if (!header) { out.push('doc\tregion\t' + HUB.lang + '\t' + p.lang + '\tscore\n'); header = true; }
          out.push(flat(doc) + '\t' + flat(region) + '\t' + flat(src) + '\t' + flat(tgt) + '\t' + fix4(b.r4) + '\n');
        } else if (fmt === 'tmx') {
          out.push('    <tu>\n      <prop type="x-doc">' + xml(doc) + '</prop>\n      <prop type="x-region">' + xml(region) +
            '</prop>\n      <prop type="x-score">' + fix4(b.r4) + '</prop>\n      <tuv xml:lang="' + HUB.lang + '"><seg>' + xml(src) +
            '</seg></tuv>\n      <tuv xml:lang="' + p.lang + '"><seg>' + xml(tgt) + '</seg></tuv>\n    </tu>\n');
        }
      });
    });
    if (fmt === 'tmx') out.push('  </body>\n</tmx>\n');
    if (fmt === 'beads') {
      var list = function (a, b) { var v = []; for (var i = a; i < b; i++) v.push(i); return '[' + v.join(', ') + ']'; };
      pairs[cur.pi].beads.forEach(function (b) { out.push(list(b.s0, b.s1) + ':' + list(b.t0, b.t1) + ':' + f32(b.sc) + '\n'); });
    }
    if (fmt === 'review') {
      var r = { format: D.format, version: D.version, doc: D.doc, hub: D.hub, regions: D.regions, pairs: D.pairs.map(function (p, pi) {
        return { other: p.other, beads: pairs[pi].beads.map(arr), findings: p.findings };
      }) };
      out.push(JSON.stringify(r));
    }
    return out.join('');
  }
  function fileName(fmt) {
    var base = D.doc.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'alignment';
    var ext = { jsonl: '.jsonl', tsv: '.tsv', tmx: '.tmx', beads: '.' + HUB.lang + '-' + pairs[cur.pi].lang + '.beads', review: '.review.json' }[fmt];
    return base + ext;
  }
  function download(fmt) {
    var text = exportText(fmt);
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: fmt === 'tmx' ? 'application/xml' : 'text/plain' }));
    a.download = fileName(fmt);
    document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    say('exported ' + a.download + ' (' + text.length + ' characters)');
  }

  // --- the view: filters, selection, the virtualized list ------------------------
  var cur = { pi: 0, i: 0, side: null, k: -1 };
  var view = [], H = new Float64Array(0), OFF = new Float64Array(1);
  var list = $('list'), spacer = $('spacer');

  function filters() {
    return {
      low: $('f-low').checked, thr: parseFloat($('f-thr').value) || 0,
      finding: $('f-find').checked, unconf: $('f-unconf').checked,
      region: $('f-region').value
    };
  }
  function isLow(b, thr) { return b.r4 < thr || b.s1 === b.s0 || b.t1 === b.t0; }
  function hasFinding(p, b) {
    var i;
    for (i = b.s0; i < b.s1; i++) if (p.srcF[i]) return true;
    for (i = b.t0; i < b.t1; i++) if (p.tgtF[i]) return true;
    return false;
  }
  function passes(p, b, f) {
    if (f.low && !isLow(b, f.thr)) return false;
    if (f.unconf && (b.fl & CONFIRMED)) return false;
    if (f.region !== '' && String(b.rg) !== f.region) return false;
    if (f.finding && !hasFinding(p, b)) return false;
    return true;
  }
  var colW = 400;
  function estimate(p, b) {
    var a = 0, c = 0, i;
    for (i = b.s0; i < b.s1; i++) a += HUB.sentences[i].length;
    for (i = b.t0; i < b.t1; i++) c += p.sents[i].length;
    var perLine = Math.max(20, colW / 7.5);
    var lines = Math.max(1, Math.ceil(Math.max(a * (HUB.lang === 'zh' ? 2 : 1), c * (p.lang === 'zh' ? 2 : 1)) / perLine));
    return 12 + lines * 20.3 + (hasFinding(p, b) ? 22 : 0);
  }
  // A bead's measured height is kept on the bead (edits make new beads);
  // `epoch` changes when the width does, which invalidates them all.
  var epoch = 1;
  function rebuild() {
    var p = pairs[cur.pi], f = filters(), bs = p.beads;
    view = [];
    for (var i = 0; i < bs.length; i++) if (passes(p, bs[i], f)) view.push(i);
    H = new Float64Array(view.length);
    OFF = new Float64Array(view.length + 1);
    for (var k = 0; k < view.length; k++) {
      var b = bs[view[k]];
      H[k] = b.he === epoch ? b.h : estimate(p, b);
      OFF[k + 1] = OFF[k] + H[k];
    }
    spacer.style.height = OFF[view.length] + 'px';
    $('empty').hidden = view.length > 0;
  }
  function reoffset() {
    for (var k = 0; k < view.length; k++) OFF[k + 1] = OFF[k] + H[k];
    spacer.style.height = OFF[view.length] + 'px';
  }
  function posOf(i) { // the view position of bead i, or of the nearest bead after it
    var lo = 0, hi = view.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (view[mid] < i) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function firstVisible(top) {
    var lo = 0, hi = view.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (OFF[mid + 1] <= top) lo = mid + 1; else hi = mid; }
    return lo;
  }
  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
  function scoreColor(b) {
    if (!(b.s1 > b.s0 && b.t1 > b.t0)) return 'hsl(0,0%,88%)';
    var s = Math.max(0, Math.min(1, b.r4));
    return 'hsl(' + Math.round(s * 120) + ',70%,80%)';
  }
  function worst(p, list) {
    var r = 0;
    if (list) list.forEach(function (k) { r = Math.max(r, SEVRANK[p.findings[k].severity] || 0); });
    return ['', 'info', 'warning', 'error'][r];
  }
  function sideHtml(p, b, side, here) {
    var isSrc = side === 'src', lang = isSrc ? HUB.lang : p.lang, texts = isSrc ? HUB.sentences : p.sents;
    var a = isSrc ? b.s0 : b.t0, z = isSrc ? b.s1 : b.t1, F = isSrc ? p.srcF : p.tgtF, h = '';
    for (var i = a; i < z; i++) {
      var w = worst(p, F[i]), pick = here && cur.side === side && cur.k === i;
      h += '<span class="sent' + (w ? ' f-' + w : '') + (pick ? ' pick' : '') + '" data-side="' + side + '" data-k="' + i + '"><span class="n">' + i + '</span>' + esc(texts[i]) + '</span>';
    }
    return '<div class="side' + (a === z ? ' empty' : '') + '" lang="' + lang + '"' + (lang === 'ar' ? ' dir="rtl"' : '') + '>' + h + '</div>';
  }
  function rowHtml(k) {
    var p = pairs[cur.pi], i = view[k], b = p.beads[i];
    var cls = 'bead' + (i === cur.i ? ' sel' : '') + (b.fl & CONFIRMED ? ' confirmed' : '') + (b.fl & CHANGED ? ' changed' : '');
    var shape = (b.s1 - b.s0) + '-' + (b.t1 - b.t0);
    var h = '<div class="' + cls + '" data-i="' + i + '" data-pos="' + k + '" style="top:' + OFF[k] + 'px">' +
      '<div class="meta"><span>#' + i + ' · ' + shape + '</span><span title="region">' + esc(REG[b.rg]) + '</span>' +
      '<span><span class="score" style="background:' + scoreColor(b) + '">' + b.r4.toFixed(2) + '</span></span><span>' +
      (b.fl & CONFIRMED ? '<span class="tag ok">confirmed</span> ' : '') + (b.fl & CHANGED ? '<span class="tag ch">edited</span>' : '') + '</span></div>' +
      sideHtml(p, b, 'src', i === cur.i) + sideHtml(p, b, 'tgt', i === cur.i);
    var fs = beadFindings(p, b);
    if (fs.length) {
      h += '<div class="finds">' + fs.map(function (fk) {
        var f = p.findings[fk];
        return '<div><span class="sev sev-' + esc(f.severity) + '">' + esc(f.severity) + '</span><b>' + esc(f.kind) + '</b> [' + esc(f.label) + '] ' + esc(f.message) + '</div>';
      }).join('') + '</div>';
    }
    return h + '</div>';
  }
  var renderQueued = false;
  function render() {
    renderQueued = false;
    var top = list.scrollTop, height = list.clientHeight || 600, p = pairs[cur.pi];
    var a = Math.max(0, firstVisible(top) - 3), z = a, html = '';
    while (z < view.length && OFF[z] < top + height + 200) z++;
    z = Math.min(view.length, z + 2);
    for (var k = a; k < z; k++) html += rowHtml(k);
    spacer.innerHTML = html;
    // Measure what is on screen; rows whose estimate was off move, and the
    // rows below get their true place (the list's total height follows).
    var rows = spacer.children, changed = false;
    for (var r = 0; r < rows.length; r++) {
      var pos = +rows[r].getAttribute('data-pos'), hh = rows[r].offsetHeight, b = p.beads[view[pos]];
      if (hh && Math.abs(hh - H[pos]) > 0.5) { H[pos] = hh; changed = true; }
      if (hh) { b.h = hh; b.he = epoch; }
    }
    if (changed) {
      reoffset();
      for (r = 0; r < rows.length; r++) rows[r].style.top = OFF[+rows[r].getAttribute('data-pos')] + 'px';
      // Rows may now end above the bottom of the screen: fill in on the next frame.
      if (OFF[z] < top + height && z < view.length) queueRender();
    }
    updateStats();
  }
  function queueRender() { if (!renderQueued) { renderQueued = true; requestAnimationFrame(render); } }
  list.addEventListener('scroll', queueRender);
  window.addEventListener('resize', function () { colW = (list.clientWidth - 110) / 2; epoch++; rebuild(); render(); });

  function reveal() {
    cur.pos = posOf(cur.i);
    if (cur.pos >= view.length) cur.pos = view.length - 1;
    if (cur.pos < 0) return;
    cur.i = view[cur.pos];
    var top = OFF[cur.pos], bottom = OFF[cur.pos + 1], st = list.scrollTop, h = list.clientHeight || 600;
    if (top < st) list.scrollTop = Math.max(0, top - 24);
    else if (bottom > st + h) list.scrollTop = Math.max(0, Math.min(top - 24, bottom - h + 24));
    return list.scrollTop !== st;
  }
  // Rows measured on the way may move the bead: once more with true heights.
  function show() { reveal(); render(); if (reveal()) render(); }
  function refresh() { rebuild(); show(); }

  var lastEditMs = 0;
  var prof = {};
  function afterEdit(name, t0) {
    var t1 = performance.now(); rebuild(); var t2 = performance.now(); show(); var t3 = performance.now();
    prof = { patch: t1 - t0, rebuild: t2 - t1, render: t3 - t2 };
    lastEditMs = performance.now() - t0;
    scheduleSave();
    say(name + ' done (' + lastEditMs.toFixed(1) + ' ms)');
  }

  function select(i, side, k) {
    cur.i = Math.max(0, Math.min(i, pairs[cur.pi].beads.length - 1));
    cur.side = side || null; cur.k = k == null ? -1 : k;
    show();
  }
  function step(dir, test) {
    var p = pairs[cur.pi], pos = posOf(cur.i), inView = view[pos] === cur.i;
    pos = dir > 0 ? (inView ? pos + 1 : pos) : pos - 1;
    for (; pos >= 0 && pos < view.length; pos += dir) {
      var b = p.beads[view[pos]];
      if (!test || test(p, b)) { select(view[pos]); return true; }
    }
    say('no more beads that way', true);
    return false;
  }

  // --- the page around the list ---------------------------------------------------
  function say(msg, warn) { var s = $('status'); s.textContent = msg; s.className = warn ? 'warn' : ''; }
  function updateStats() {
    var p = pairs[cur.pi], conf = 0, ch = 0, low = 0, thr = parseFloat($('f-thr').value) || 0;
    p.beads.forEach(function (b) { if (b.fl & CONFIRMED) conf++; if (b.fl & CHANGED) ch++; if (isLow(b, thr)) low++; });
    $('stats').innerHTML = '<span>' + p.beads.length + ' beads</span><span>' + view.length + ' shown</span><span>' + conf + ' confirmed</span><span>' + ch +
      ' edited</span><span>' + low + ' low score</span><span>' + p.findings.length + ' findings</span>';
    $('undo').disabled = !undoStack.length; $('redo').disabled = !redoStack.length;
  }
  function syncPairSelect() {
    $('pair').value = String(cur.pi);
    var p = pairs[cur.pi];
    $('h-src').textContent = HUB.lang + ' · ' + HUB.name;
    $('h-tgt').textContent = p.lang + ' · ' + p.name;
    $('h-tgt').dir = p.lang === 'ar' ? 'rtl' : 'ltr';
    document.querySelectorAll('[data-other]').forEach(function (el) { el.textContent = p.lang; });
  }

  var sel = $('pair');
  pairs.forEach(function (p, pi) { var o = document.createElement('option'); o.value = String(pi); o.textContent = HUB.lang + ' – ' + p.lang; sel.appendChild(o); });
  sel.addEventListener('change', function () { cur.pi = +sel.value; cur.i = 0; cur.k = -1; syncPairSelect(); list.scrollTop = 0; refresh(); list.focus(); });
  var rsel = $('f-region');
  REG.forEach(function (r, k) { var o = document.createElement('option'); o.value = String(k); o.textContent = r; rsel.appendChild(o); });
  ['f-low', 'f-thr', 'f-find', 'f-unconf', 'f-region'].forEach(function (id) {
    $(id).addEventListener('change', function () { refresh(); if (this.type === 'checkbox' || this.tagName === 'SELECT') list.focus(); });
  });
  document.querySelectorAll('[data-hubcode]').forEach(function (el) { el.textContent = HUB.lang; });

  function picked(side) { // the picked sentence if it is on `side` (or any side) of the current bead
    var b = pairs[cur.pi].beads[cur.i];
    if (!b || cur.k < 0 || (side && cur.side !== side)) return null;
    var inside = cur.side === 'src' ? (cur.k >= b.s0 && cur.k < b.s1) : (cur.k >= b.t0 && cur.k < b.t1);
    return inside ? { side: cur.side, k: cur.k } : null;
  }
  var ACTIONS = {
    'merge-prev': function () { edit('mergePrev', cur.i); },
    'merge-next': function () { edit('mergeNext', cur.i); },
    'split': function () { var s = picked(); edit('split', cur.i, s && s.side, s ? s.k : -1); },
    'detach': function () { var s = picked(); edit('detach', cur.i, s && s.side, s ? s.k : -1); },
    'src-up': function () { edit('firstToPrev', cur.i, 'src'); },
    'src-down': function () { edit('lastToNext', cur.i, 'src'); },
    'tgt-up': function () { edit('firstToPrev', cur.i, 'tgt'); },
    'tgt-down': function () { edit('lastToNext', cur.i, 'tgt'); },
    'confirm': function () { edit('confirm', cur.i); },
    'confirm-next': function () {
      var b = pairs[cur.pi].beads[cur.i];
      if (b && !(b.fl & CONFIRMED)) edit('confirm', cur.i);
      step(1, function (p, x) { return !(x.fl & CONFIRMED); });
    },
    'undo': undo, 'redo': redo,
    'revert': function () { if (confirm('Put back the aligner\u2019s beads for this pair? (Undo brings your edits back.)')) edit('revertAll', 0); },
    'next': function () { step(1); }, 'prev': function () { step(-1); },
    'next-low': function () { var t = parseFloat($('f-thr').value) || 0; step(1, function (p, b) { return isLow(b, t); }); },
    'prev-low': function () { var t = parseFloat($('f-thr').value) || 0; step(-1, function (p, b) { return isLow(b, t); }); },
    'next-find': function () { step(1, hasFinding); }, 'prev-find': function () { step(-1, hasFinding); },
    'next-unconf': function () { step(1, function (p, b) { return !(b.fl & CONFIRMED); }); },
    'export-jsonl': function () { download('jsonl'); }, 'export-tsv': function () { download('tsv'); },
    'export-tmx': function () { download('tmx'); }, 'export-beads': function () { download('beads'); },
    'save': function () { download('review'); },
    'open': function () { $('open-file').click(); },
    'help': function () { $('help').hidden = !$('help').hidden; }
  };
  document.querySelectorAll('[data-act]').forEach(function (el) {
    el.addEventListener('click', function (e) { e.preventDefault(); ACTIONS[el.getAttribute('data-act')](); list.focus(); });
  });
  $('open-file').addEventListener('change', function () {
    var f = this.files[0];
    if (!f) return;
    f.text().then(function (text) {
      var r = JSON.parse(text);
      if (r.format !== D.format) throw new Error('not a review file (' + D.format + ')');
      var same = r.hub && r.hub.sentences.length === HUB.sentences.length && r.pairs.every(function (p, pi) {
        return pairs[pi] && p.other.lang === pairs[pi].lang && p.other.sentences.length === pairs[pi].sents.length;
      });
      if (!same || r.regions.join('\n') !== REG.join('\n')) throw new Error('it was saved from a review of other versions');
      var bad = adopt(r.pairs.map(function (p) { return p.beads; }));
      if (bad) throw new Error(bad);
      undoStack.length = 0; redoStack.length = 0; cur.i = 0; refresh(); scheduleSave();
      say('opened ' + f.name);
    }).catch(function (e) { say('cannot open ' + f.name + ': ' + e.message, true); });
    this.value = '';
  });

  spacer.addEventListener('click', function (e) {
    var row = e.target.closest('.bead');
    if (!row) return;
    var s = e.target.closest('.sent');
    select(+row.getAttribute('data-i'), s && s.getAttribute('data-side'), s ? +s.getAttribute('data-k') : -1);
    list.focus();
  });

  var KEYS = {
    'ArrowDown': 'next', 'j': 'next', 'ArrowUp': 'prev', 'k': 'prev',
    'n': 'next-low', 'N': 'prev-low', 'f': 'next-find', 'F': 'prev-find', 'u': 'next-unconf',
    'm': 'merge-next', 'M': 'merge-prev', 's': 'split', 'x': 'detach',
    '[': 'src-up', ']': 'src-down', '{': 'tgt-up', '}': 'tgt-down',
    'c': 'confirm', 'Enter': 'confirm-next', '?': 'help'
  };
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && ((t.tagName === 'INPUT' && t.type !== 'checkbox') || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
    var act = null;
    if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z')) act = e.shiftKey ? 'redo' : 'undo';
    else if ((e.ctrlKey || e.metaKey) && (e.key === 'y' || e.key === 'Y')) act = 'redo';
    else if ((e.ctrlKey || e.metaKey) && e.key === 's') act = 'save';
    else if (!e.ctrlKey && !e.metaKey && !e.altKey) {
      act = KEYS[e.key] || null;
      if (e.key === 'Tab' && cur.i >= 0) { // move the picked sentence along the bead's sentences
        var b = pairs[cur.pi].beads[cur.i], all = [];
        for (var i = b.s0; i < b.s1; i++) all.push(['src', i]);
        for (i = b.t0; i < b.t1; i++) all.push(['tgt', i]);
        if (all.length) {
          var at = -1;
          all.forEach(function (x, n) { if (x[0] === cur.side && x[1] === cur.k) at = n; });
          at = (at + (e.shiftKey ? all.length - 1 : 1)) % all.length;
          if (at < 0) at = all.length - 1;
          select(cur.i, all[at][0], all[at][1]);
          e.preventDefault();
          return;
        }
      }
      if (e.key === 'Escape') { cur.k = -1; cur.side = null; $('help').hidden = true; render(); return; }
    }
    if (act) { e.preventDefault(); ACTIONS[act](); }
  });

  // --- start ------------------------------------------------------------------------
  var restored = '';
  try {
    var saved = JSON.parse(localStorage.getItem(STORE) || 'null');
    if (saved && saved.v === 1) {
      var bad = adopt(saved.beads);
      restored = bad ? '' : saved.saved;
    }
  } catch (e) { /* no storage (a private window): work is kept only until the page closes */ }
  colW = Math.max(200, ((list.clientWidth || 1000) - 110) / 2);
  syncPairSelect();
  refresh();
  if (restored) say('restored the work kept in this browser (' + restored + '); \u201cRevert\u201d puts back the aligner\u2019s beads'); else say('? shows the keys');
  list.focus();

  window.sixalignReview = {
    readyMs: performance.now(),
    exportText: exportText, edit: edit, undo: undo, redo: redo, select: select, check: check, flush: flush,
    beads: function (pi) { return pairs[pi == null ? cur.pi : pi].beads.map(arr); },
    setPair: function (pi) { sel.value = String(pi); sel.dispatchEvent(new Event('change')); },
    state: function () {
      return { pair: cur.pi, bead: cur.i, side: cur.side, sentence: cur.k, shown: view.length, rendered: spacer.children.length, lastEditMs: lastEditMs, prof: prof, undo: undoStack.length, redo: redoStack.length, restored: restored };
    }
  };
  document.body.setAttribute('data-ready', '1');
})();
