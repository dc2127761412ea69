  /* ------------------------------------------------------------------ 1. like */

  /** button → {slug, liked, count, render}; lets the storage event update open pages. */
  const likes = new WeakMap();

  function initLike(button) {
    const slug = button.dataset.term;
    if (!slug) return;
    const key = LIKE_PREFIX + slug;
    const label = button.querySelector(".tb-like__label");
    const countEl = button.querySelector(".tb-like__count");
    const state = { slug, liked: storage.get(key) === "1", count: null };

    state.render = () => {
      button.setAttribute("aria-pressed", String(state.liked));
      button.classList.toggle("tb-like--liked", state.liked);
      if (label) label.textContent = state.liked ? "Liked" : "Like";
      if (countEl) {
        countEl.hidden = state.count === null;
        countEl.textContent = state.count === null ? "" : formatNumber(state.count);
      }
    };
    likes.set(button, state);
    state.render();

    const endpoint = httpURL(button.dataset.endpoint);
    if (endpoint) {
      const url = new URL(endpoint.href);
      url.searchParams.set("term", slug);
      fetch(url.href, { credentials: "omit", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
          const n = data && data.count;
          if (Number.isSafeInteger(n) && n >= 0) {
            state.count = n;
            state.render();
          }
        })
        .catch(() => {
          /* no count then */
        });
    }

    button.addEventListener("click", () => {
      state.liked = !state.liked;
      storage.set(key, state.liked ? "1" : null);
      if (state.count !== null) state.count = Math.max(0, state.count + (state.liked ? 1 : -1));
      state.render();
      if (endpoint) {
        fetch(endpoint.href, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ term: slug, liked: state.liked }),
          credentials: "omit",
          keepalive: true,
        }).catch(() => {
          /* fire and forget */
        });
      }
    });
  }

  /** Another tab liked or unliked a term: reflect it here. */
  function onStorage(event) {
    if (event.key !== null && !event.key.startsWith(LIKE_PREFIX)) return;
    for (const button of document.querySelectorAll(".tb-like[data-term]")) {
      const state = likes.get(button);
      if (!state) continue;
      const liked = storage.get(LIKE_PREFIX + state.slug) === "1";
      if (liked !== state.liked) {
        state.liked = liked;
        state.render();
      }
    }
  }

