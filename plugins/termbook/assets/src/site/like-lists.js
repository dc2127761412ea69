  /* ------------------------------------------------------------------ like counts in lists */

  /** "♥ 12" shown, "12 likes" spoken. */
  function likeBadge(n, className) {
    const badge = document.createElement("span");
    badge.className = className;
    badge.setAttribute("role", "img");
    badge.setAttribute("aria-label", `${formatNumber(n)} ${n === 1 ? "like" : "likes"}`);
    badge.textContent = `♥ ${formatNumber(n)}`;
    return badge;
  }

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
        item.append(link, " ", likeBadge(n, "tb-most-liked__count"));
        items.push(item);
      }
      if (!items.length) return;
      list.replaceChildren(...items);
      section.hidden = false;
    });
  }

  /**
   * A letter page of the A–Z index (where terms are listed): each liked term gets its count,
   * from one read of every count (`GET` without a query: only terms liked at least once, so the
   * answer stays small at thousands of terms; not `?terms=`, which the service refuses whole
   * when the site lists a term newer than the glossary it was started with).
   */
  function initIndexLikes(list) {
    const endpoint = httpURL(list.dataset.endpoint);
    if (!endpoint) return;
    fetchCounts(endpoint).then((data) => {
      const counts = data && data.counts;
      if (!counts || typeof counts !== "object") return;
      for (const item of list.querySelectorAll(".tb-az-item[data-term]")) {
        const slug = item.dataset.term;
        const n = Object.prototype.hasOwnProperty.call(counts, slug) ? countOf({ count: counts[slug] }) : null;
        const link = item.querySelector("a");
        if (!n || !link) continue;
        link.after(" ", likeBadge(n, "tb-az-likes"));
      }
    });
  }

