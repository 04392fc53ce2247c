// Sphinx splits the Chinese pages into words with jieba when it builds the search index, but splits a typed
// query only at spaces and punctuation: 梯度下降 stays one word and finds nothing. The browser's own word
// segmenter (Intl.Segmenter) splits it as jieba would. Sphinx's searchtools.js uses a global splitQuery when
// one is defined, so this script, loaded before it, defines one for the Chinese pages. Single Chinese
// characters are dropped: the index keeps only words of two characters or more.
(function () {
  const chinese = /^zh/i.test(document.documentElement.lang || "");
  if (!chinese || typeof Intl === "undefined" || !Intl.Segmenter) return;
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const han = /\p{Script=Han}/u;
  window.splitQuery = function (query) {
    const words = [];
    for (const part of query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}-]+/gu)) {
      if (!part) continue;
      if (!han.test(part)) { words.push(part); continue; }
      for (const segment of segmenter.segment(part)) {
        if (!segment.isWordLike) continue;
        const word = segment.segment;
        if (han.test(word) && word.length < 2) continue;
        words.push(word);
      }
    }
    return words;
  };
})();
