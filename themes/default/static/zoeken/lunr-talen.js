/* zorgroute: lets lunr-languages (written for lunr.js) plug into elasticlunr,
   a fork of lunr.js 0.x. lunr-languages looks for a global `lunr` and calls
   lunr.generateStopWordFilter, which elasticlunr lacks; both are given here,
   before lunr.stemmer.support.min.js and lunr.nl.min.js load. */
(function () {
  'use strict';
  var lunr = window.elasticlunr;
  if (!lunr) return;
  window.lunr = lunr;
  lunr.generateStopWordFilter = function (stopWords) {
    var isStopWord = {};
    stopWords.forEach(function (word) { isStopWord[word] = true; });
    return function (token) {
      return token && isStopWord[token] !== true ? token : undefined;
    };
  };
})();
