  /* ------------------------------------------------------------------ 6. search ranking */

  /**
   * Material's search (lunr) ranks by how rare the matched words are, so for "shot" the rarer
   * "Shotgun" may outrank the headword "Shot". A reader who types a term's exact name or alias
   * expects that term first: whenever the result list is rendered, the results whose title or
   * alias (`.tb-aka em`, written by searchindex.py) has the query's search key move to the
   * top, in their order (a name several terms share, "CD", puts every meaning there), and the
   * first gets the best score, which is the one Enter opens.
   */
  function resultKeys(item) {
    const keys = [];
    for (const el of item.querySelectorAll(
      ":scope > a:first-child :is(h1, h2), :scope > a:first-child .tb-aka em",
    )) {
      keys.push(...nameKeys(el.textContent || ""));
    }
    return keys;
  }

  function promoteExact(list, input) {
    const query = searchKey(input.value);
    if (!query) return;
    const items = Array.from(list.children);
    const exact = items.filter((item) => resultKeys(item).includes(query));
    if (!exact.length || exact.every((item, i) => item === items[i])) return;
    const scores = items.map((item) => {
      const article = item.querySelector("[data-md-score]");
      return article ? Number(article.getAttribute("data-md-score")) || 0 : 0;
    });
    const article = exact[0].querySelector("[data-md-score]");
    if (article) article.setAttribute("data-md-score", (Math.max(...scores) + 1).toFixed(2));
    list.prepend(...exact);
  }

  function initSearchRanking(list) {
    const input = document.querySelector("input[data-md-component='search-query']");
    if (!input) return;
    new MutationObserver(() => promoteExact(list, input)).observe(list, { childList: true });
  }

