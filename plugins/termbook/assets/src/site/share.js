  /* ------------------------------------------------------------------ 2. share */

  const statusTimers = new WeakMap();

  function statusOf(box) {
    let status = box.querySelector(".tb-share__status");
    if (!status) {
      status = document.createElement("span");
      status.className = "tb-share__status";
      status.setAttribute("role", "status");
      box.append(status);
    }
    return status;
  }

  /** Puts `message` in the box's polite live region for a few seconds. */
  function announce(box, message) {
    const status = statusOf(box);
    clearTimeout(statusTimers.get(status));
    status.textContent = "";
    // Set the text in a later task, so that the same message is announced again.
    statusTimers.set(
      status,
      setTimeout(() => {
        status.textContent = message;
        statusTimers.set(
          status,
          setTimeout(() => {
            status.textContent = "";
          }, STATUS_MS),
        );
      }, 30),
    );
  }

  /** Copies through a selected off-screen input: for browsers without the async clipboard. */
  function copyBySelection(text, container) {
    const active = document.activeElement;
    const input = document.createElement("input");
    input.type = "text";
    input.readOnly = true;
    input.tabIndex = -1;
    input.value = text;
    input.setAttribute("aria-hidden", "true");
    // Fixed in a corner, so that selecting it scrolls nothing (CSSOM styles are CSP-safe).
    Object.assign(input.style, {
      position: "fixed",
      top: "0",
      left: "0",
      width: "1px",
      height: "1px",
      padding: "0",
      border: "0",
      opacity: "0",
      pointerEvents: "none",
    });
    container.append(input);
    let copied = false;
    try {
      input.select();
      input.setSelectionRange(0, text.length);
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    input.remove();
    if (active instanceof HTMLElement) active.focus({ preventScroll: true });
    return copied;
  }

  function copyText(text, container) {
    const clipboard = window.isSecureContext ? navigator.clipboard : undefined;
    const viaApi =
      clipboard && typeof clipboard.writeText === "function"
        ? clipboard.writeText(text).then(
            () => true,
            () => false,
          )
        : Promise.resolve(false);
    return viaApi.then((copied) => copied || copyBySelection(text, container));
  }

  /** Count shares of the box's term with the likes service, beside the "Tell friends" heading. */
  function shareCounter(box) {
    const endpoint = httpURL(box.dataset.endpoint);
    const slug = box.dataset.term;
    const countEl = box.dataset.count ? document.getElementById(box.dataset.count) : null;
    if (!endpoint || !slug) return () => {};

    const show = (data) => {
      const n = countOf(data);
      if (n === null || !countEl) return;
      const shown = document.createElement("span");
      shown.setAttribute("aria-hidden", "true");
      shown.textContent = "· " + formatNumber(n);
      const spoken = document.createElement("span");
      spoken.className = "tb-visually-hidden";
      spoken.textContent = `, shared ${formatNumber(n)} ${n === 1 ? "time" : "times"}`;
      countEl.replaceChildren(shown, spoken);
      countEl.hidden = false;
    };
    let counted = false; // once per page view; the service counts once per browser anyway
    const url = new URL(endpoint.href);
    url.searchParams.set("term", slug);
    fetchCounts(url).then((data) => counted || show(data)); // a share's answer is newer
    return () => {
      if (counted) return;
      counted = true;
      postCount(endpoint, { term: slug }).then(show);
    };
  }

  function initShare(box) {
    const url = box.dataset.url || window.location.href.split("#")[0];
    const title = box.dataset.title || document.title;
    statusOf(box); // the live region must exist before it changes
    const shared = shareCounter(box);

    for (const link of box.querySelectorAll(".tb-share__link")) {
      link.addEventListener("click", shared);
    }

    const copy = box.querySelector(".tb-share__copy");
    if (copy) {
      copy.addEventListener("click", () => {
        copyText(url, box).then((copied) => {
          if (copied) shared();
          announce(box, copied ? "Link copied" : "Could not copy — copy the address bar instead");
        });
      });
    }

    const native = box.querySelector(".tb-share__native");
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", () => {
        navigator.share({ title, url }).then(shared, () => {
          /* dismissed by the reader */
        });
      });
    }
  }

