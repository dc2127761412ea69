  /* ------------------------------------------------------------------ 1. like */

  const CLIENT_KEY = "termbook:client";
  let pageClient = null;

  /**
   * This browser's anonymous id for the likes service: random, kept in localStorage (no
   * cookie), so that a like counts once per browser and can be taken back. Where storage is
   * unavailable it lasts for this page view.
   */
  function clientId() {
    const stored = storage.get(CLIENT_KEY);
    if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
    if (!pageClient) {
      const bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      pageClient = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    }
    storage.set(CLIENT_KEY, pageClient);
    return pageClient;
  }

  /** A count from the service's JSON answer, or null when the answer is not one. */
  function countOf(data) {
    const n = data && data.count;
    return Number.isSafeInteger(n) && n >= 0 ? n : null;
  }

  /** GET a JSON answer from the likes service; null on any failure (the service is optional). */
  function fetchCounts(url) {
    return fetch(url.href, { credentials: "omit", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
  }

  /** POST a like, unlike or share; resolves to the service's answer or null. */
  function postCount(url, body) {
    return fetch(url.href, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...body, client: clientId() }),
      credentials: "omit",
      keepalive: true,
    })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
  }

  /** button → {slug, liked, count, render}; lets the storage event update open pages. */
  const likes = new WeakMap();

  function initLike(button) {
    const slug = button.dataset.term;
    if (!slug) return;
    const key = LIKE_PREFIX + slug;
    const label = button.querySelector(".tb-like__label");
    const countEl = button.querySelector(".tb-like__count");
    const state = { slug, liked: storage.get(key) === "1", count: null };
    let sent = 0; // only the answer to the latest click may set the count

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
      fetchCounts(url).then((data) => {
        const n = countOf(data);
        if (n !== null && sent === 0) {
          state.count = n;
          state.render();
        }
      });
    }

    button.addEventListener("click", () => {
      state.liked = !state.liked;
      storage.set(key, state.liked ? "1" : null);
      if (state.count !== null) state.count = Math.max(0, state.count + (state.liked ? 1 : -1));
      state.render();
      if (!endpoint) return;
      const mine = ++sent;
      postCount(endpoint, { term: slug, liked: state.liked }).then((data) => {
        const n = countOf(data);
        if (n !== null && mine === sent) {
          state.count = n;
          state.render();
        }
      });
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

