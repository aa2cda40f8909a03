/* zorgroute: the search page. Runs a query against the region's index
   (zoekindex.js, built with the site) and lists the results with a snippet.
   Without JavaScript the page shows links to the overviews instead. */
(function () {
  'use strict';
  var data = window.zorgrouteZoekindex;
  var box = document.getElementById('zoeken');
  if (!data || !box || !window.elasticlunr) return;

  var input = document.getElementById('zoekterm');
  var status = document.getElementById('zoekstatus');
  var list = document.getElementById('zoekresultaten');
  var root = box.getAttribute('data-root') || '';
  // The build leaves out the empty `docs` and `df` of word tree nodes that
  // end no word (search::compact); elasticlunr expects them.
  function restore(node) {
    if (!node.docs) node.docs = {};
    if (!node.df) node.df = 0;
    Object.keys(node).forEach(function (key) {
      if (key !== 'docs' && key !== 'df') restore(node[key]);
    });
  }
  Object.keys(data.index.index).forEach(function (field) { restore(data.index.index[field].root); });
  var index = window.elasticlunr.Index.load(data.index);

  // A title match counts most, then names and glossary words, then the text.
  var QUERY = { fields: { title: { boost: 5 }, keywords: { boost: 3 }, body: { boost: 1 } }, bool: 'OR', expand: true };
  var MAX_SHOWN = 50;
  var SNIPPET_BEFORE = 60;
  var SNIPPET_LENGTH = 220;

  // The same steps as `search::tokens` at build time: lower case, accents
  // folded, split at anything that is not a letter or digit.
  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Whether a word of a page matches a query stem: its stem, or the word
  // itself, begins with it (the search expands prefixes the same way).
  function matches(word, stems) {
    var folded = fold(word);
    var stemmed = index.pipeline.run([folded])[0] || folded;
    return stems.some(function (s) { return stemmed.indexOf(s) === 0 || folded.indexOf(s) === 0; });
  }

  // The part of the text around the first match, matched words in <mark>.
  function snippet(text, stems) {
    var wordPattern = /[\p{L}\p{N}]+/gu;
    var found = [];
    var m;
    while ((m = wordPattern.exec(text)) !== null) {
      if (found.length && m.index > found[0].start + SNIPPET_LENGTH) break;
      if (matches(m[0], stems)) found.push({ start: m.index, end: m.index + m[0].length });
    }
    var start = found.length ? Math.max(0, found[0].start - SNIPPET_BEFORE) : 0;
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;

    var p = document.createElement('p');
    p.className = 'search-result__snippet';
    var at = start;
    p.appendChild(document.createTextNode(start > 0 ? '… ' : ''));
    found.forEach(function (f) {
      if (f.start < at || f.end > end) return;
      p.appendChild(document.createTextNode(text.slice(at, f.start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(f.start, f.end);
      p.appendChild(mark);
      at = f.end;
    });
    p.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? ' …' : '')));
    return p;
  }

  function result(hit, stems) {
    var doc = data.docs[Number(hit.ref)];
    var item = document.createElement('li');
    item.className = 'search-result';
    var link = document.createElement('a');
    link.href = root + doc[0];
    link.textContent = doc[1];
    var kind = document.createElement('span');
    kind.className = 'search-result__kind';
    kind.textContent = data.kinds[doc[2]];
    item.appendChild(link);
    item.appendChild(document.createTextNode(' '));
    item.appendChild(kind);
    if (doc[3]) item.appendChild(snippet(doc[3], stems));
    return item;
  }

  function run() {
    var query = words(input.value);
    list.textContent = '';
    if (query.join('').length < 2) {
      status.textContent = '';
      return;
    }
    var stems = index.pipeline.run(query.slice());
    var hits = index.search(query.join(' '), QUERY);
    if (!hits.length) {
      status.textContent = box.getAttribute('data-none');
      return;
    }
    status.textContent = hits.length === 1
      ? box.getAttribute('data-one')
      : box.getAttribute('data-many').replace('%n', String(hits.length));
    hits.slice(0, MAX_SHOWN).forEach(function (hit) { list.appendChild(result(hit, stems)); });
  }

  // The query stays in the address, so Back returns to the same results.
  function remember() {
    try {
      var url = new URL(window.location.href);
      url.searchParams.set('q', input.value);
      window.history.replaceState(null, '', url.href);
    } catch (e) {
      // Some browsers refuse this on file://; the results work all the same.
    }
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('a'));
  }

  input.addEventListener('input', function () { run(); remember(); });
  input.form.addEventListener('submit', function (event) {
    event.preventDefault();
    run();
    remember();
    var first = links()[0];
    if (first) first.focus();
  });
  // Arrow keys move between the field and the results; Tab works as well.
  box.addEventListener('keydown', function (event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    var all = [input].concat(links());
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    var next = all[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run();
  }
})();
