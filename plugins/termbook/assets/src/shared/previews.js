  /* ------------------------------------------------------------------ term previews (shared part) */

  // The WAI-ARIA tooltip of the site (site.js) and of the portal widget (termbook.js). Each
  // script defines, before this part: TOOLTIP_ID, TERM_LINK (its marks), HOVER_DELAY_MS,
  // HIDE_GRACE_MS, MAX_SUMMARY and PREVIEW = { className, nameClass, summaryClass, more (null
  // or { className, text }), url(link) → URL | null, credentials, fallbackName(link), and
  // optionally inline(link) → {term, summary} | null: a preview the page carries }. Otherwise
  // a preview (api/terms/<slug>.json) is fetched only when a reader opens one.

  /** slug → Promise<{term, summary} | null>; fetched once per slug, failures included. */
  const previews = new Map();

  const tip = {
    el: null,
    name: null,
    summary: null,
    more: null,
    current: null, // link whose preview is shown
    pending: null, // link whose preview is about to be shown
    hovered: null, // link under the pointer
    overTip: false, // pointer on the tooltip itself
    suppressed: null, // link whose preview was dismissed with Escape
    showTimer: 0,
    hideTimer: 0,
    point: null, // last pointer position, to pick the line of a wrapped link
    frame: 0,
  };

  function tooltip() {
    if (tip.el && tip.el.isConnected) return tip.el;
    let el = document.getElementById(TOOLTIP_ID);
    if (!el) {
      el = document.createElement("div");
      el.id = TOOLTIP_ID;
      el.className = PREVIEW.className;
      el.setAttribute("role", "tooltip");
      el.hidden = true;
      const name = document.createElement("strong");
      const summary = document.createElement("span");
      if (PREVIEW.nameClass) name.className = PREVIEW.nameClass;
      if (PREVIEW.summaryClass) summary.className = PREVIEW.summaryClass;
      el.append(name, summary);
      if (PREVIEW.more) {
        const more = document.createElement("a");
        more.className = PREVIEW.more.className;
        more.tabIndex = -1; // the mark itself is the keyboard's way to the entry
        more.textContent = PREVIEW.more.text;
        el.append(more);
      }
      document.body.append(el);
    }
    tip.el = el;
    tip.name = el.querySelector("strong");
    tip.summary = el.querySelector("span");
    tip.more = PREVIEW.more ? el.querySelector("a") : null;
    return el;
  }

  async function fetchPreview(link) {
    let data = PREVIEW.inline ? PREVIEW.inline(link) : null; // carried by the page: no fetch
    if (!data) {
      const url = PREVIEW.url(link);
      if (!url) return null;
      const response = await fetch(url.href, {
        credentials: PREVIEW.credentials,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return null;
      data = await response.json();
    }
    if (!data || typeof data.term !== "string" || !data.term.trim()) return null;
    let summary = typeof data.summary === "string" ? data.summary.trim() : "";
    if (summary.length > MAX_SUMMARY) summary = `${summary.slice(0, MAX_SUMMARY - 1).trimEnd()}…`;
    return { term: data.term.trim(), summary };
  }

  function loadPreview(link) {
    const slug = link.dataset.term;
    let promise = previews.get(slug);
    if (!promise) {
      promise = fetchPreview(link).catch(() => null);
      previews.set(slug, promise);
    }
    return promise;
  }

  function addDescribedBy(link) {
    const ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!ids.includes(TOOLTIP_ID)) link.setAttribute("aria-describedby", [...ids, TOOLTIP_ID].join(" "));
  }

  function removeDescribedBy(link) {
    const ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const rest = ids.filter((id) => id !== TOOLTIP_ID);
    if (rest.length) link.setAttribute("aria-describedby", rest.join(" "));
    else link.removeAttribute("aria-describedby");
  }

  function anchorRect(link) {
    const rects = Array.from(link.getClientRects());
    if (!rects.length) return link.getBoundingClientRect();
    const p = tip.point;
    if (p && tip.hovered === link) {
      const under = rects.find((r) => p.y >= r.top && p.y <= r.bottom);
      if (under) return under;
    }
    return rects[0];
  }

  /** Below the link, flipped above when there is no room, always inside the viewport. */
  function place() {
    const el = tip.el;
    const link = tip.current;
    if (!el || !link || el.hidden) return;
    if (!link.isConnected) {
      hidePreview();
      return;
    }
    const margin = 8;
    const gap = 6;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    el.style.left = "0px";
    el.style.top = "0px";
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const r = anchorRect(link);
    let top = r.bottom + gap;
    let above = false;
    if (top + height > vh - margin && r.top - gap - height >= margin) {
      top = r.top - gap - height;
      above = true;
    }
    top = Math.max(margin, Math.min(top, vh - height - margin));
    const left = Math.max(margin, Math.min(r.left, vw - width - margin));
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(top)}px`;
    el.classList.toggle(`${PREVIEW.className.split(" ")[0]}--above`, above);
  }

  function placeSoon() {
    if (!tip.current || tip.frame) return;
    tip.frame = requestAnimationFrame(() => {
      tip.frame = 0;
      place();
    });
  }

  function render(link, data) {
    const el = tooltip();
    tip.name.textContent = data ? data.term : PREVIEW.fallbackName(link);
    tip.summary.textContent = data ? data.summary : "";
    tip.summary.hidden = !tip.summary.textContent;
    if (tip.more) {
      tip.more.href = link.href;
      tip.more.target = link.target || "_self";
      tip.more.rel = link.rel || "";
    }
    if (tip.current && tip.current !== link) removeDescribedBy(tip.current);
    tip.current = link;
    addDescribedBy(link);
    el.hidden = false;
    place();
  }

  /** The reader showed interest in `link` (hover, focus): show its preview after `delay` ms. */
  function intend(link, delay) {
    clearTimeout(tip.hideTimer);
    if (link === tip.suppressed) return;
    if (link === tip.current && tip.el && !tip.el.hidden) return;
    clearTimeout(tip.showTimer);
    tip.pending = link;
    const data = loadPreview(link); // start fetching now, during the delay
    tip.showTimer = setTimeout(() => {
      data.then((preview) => {
        if (tip.pending === link && link.isConnected) {
          tip.pending = null;
          render(link, preview);
        }
      });
    }, delay);
  }

  function hidePreview() {
    clearTimeout(tip.showTimer);
    clearTimeout(tip.hideTimer);
    tip.pending = null;
    if (tip.current) removeDescribedBy(tip.current);
    tip.current = null;
    if (tip.el) tip.el.hidden = true;
  }

  /** Hides after a grace period, unless the pointer reaches the tooltip or the link again. */
  function hideSoon() {
    clearTimeout(tip.showTimer);
    tip.pending = null;
    clearTimeout(tip.hideTimer);
    tip.hideTimer = setTimeout(() => {
      const keep =
        tip.overTip ||
        (tip.current && (tip.current === tip.hovered || tip.current === document.activeElement));
      if (!keep) hidePreview();
    }, HIDE_GRACE_MS);
  }

  function termLink(node) {
    return node instanceof Element ? node.closest(TERM_LINK) : null;
  }

  function inTooltip(node) {
    return node instanceof Node && tip.el !== null && tip.el.contains(node);
  }

  function onPointerOver(event) {
    if (event.pointerType === "touch") return;
    tip.point = { x: event.clientX, y: event.clientY };
    if (inTooltip(event.target)) {
      tip.overTip = true;
      clearTimeout(tip.hideTimer);
      return;
    }
    const link = termLink(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    tip.hovered = link;
    intend(link, HOVER_DELAY_MS);
  }

  function onPointerOut(event) {
    if (event.pointerType === "touch") return;
    const to = event.relatedTarget;
    if (inTooltip(event.target)) {
      if (inTooltip(to)) return;
      tip.overTip = false;
    } else {
      const link = termLink(event.target);
      if (!link || link.contains(to)) return;
      if (tip.hovered === link) tip.hovered = null;
      if (tip.suppressed === link) tip.suppressed = null;
    }
    if (inTooltip(to) || (tip.current && tip.current.contains(to))) return;
    if (tip.current && tip.current === document.activeElement) return; // focus keeps it open
    hideSoon();
  }

  function onFocusIn(event) {
    const link = termLink(event.target);
    if (link) intend(link, 0);
  }

  function onFocusOut(event) {
    const link = termLink(event.target);
    if (!link) return;
    if (tip.suppressed === link) tip.suppressed = null;
    if (link === tip.current || link === tip.pending) hideSoon();
  }

  function onKeyDown(event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    const link = tip.current || tip.pending;
    if (!link) return;
    tip.suppressed = link; // until the pointer or focus leaves it
    hidePreview();
  }

  /** The document-level listeners of the previews; registered once per window. */
  function listenPreviews() {
    document.addEventListener("pointerover", onPointerOver);
    document.addEventListener("pointerout", onPointerOut);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("keydown", onKeyDown);
    window.addEventListener("scroll", placeSoon, { passive: true, capture: true });
    window.addEventListener("resize", placeSoon, { passive: true });
  }

