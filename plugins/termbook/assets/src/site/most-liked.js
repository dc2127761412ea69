  /* ------------------------------------------------------------------ most liked (home page) */

  const MOST_LIKED = 5;

  /**
   * Fills the home page's "Most liked" list from the likes service (`?top=`). The section stays
   * hidden until the service answers with at least one liked term: no service, no list.
   * `data-term-url` is a term page's address with `__slug__` for the slug (from the template,
   * so that the site's URL rule lives in one place).
   */
  function initMostLiked(section) {
    const endpoint = httpURL(section.dataset.endpoint);
    const pattern = section.dataset.termUrl;
    const list = section.querySelector("ol, ul");
    if (!endpoint || !pattern || !list) return;
    const url = new URL(endpoint.href);
    url.searchParams.set("top", String(MOST_LIKED));
    fetchCounts(url).then((data) => {
      const top = data && Array.isArray(data.top) ? data.top : [];
      const items = [];
      for (const entry of top) {
        const n = countOf(entry);
        if (!entry || typeof entry.term !== "string" || typeof entry.name !== "string" || !n) {
          continue;
        }
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = pattern.replace("__slug__", encodeURIComponent(entry.term));
        link.textContent = entry.name;
        const count = document.createElement("span");
        count.className = "tb-most-liked__count";
        const heart = document.createElement("span");
        heart.setAttribute("aria-hidden", "true");
        heart.textContent = "♥ ";
        count.append(heart, `${formatNumber(n)} ${n === 1 ? "like" : "likes"}`);
        item.append(link, " ", count);
        items.push(item);
      }
      if (!items.length) return;
      list.replaceChildren(...items);
      section.hidden = false;
    });
  }

