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

  function initShare(box) {
    const url = box.dataset.url || window.location.href.split("#")[0];
    const title = box.dataset.title || document.title;
    statusOf(box); // the live region must exist before it changes

    const copy = box.querySelector(".tb-share__copy");
    if (copy) {
      copy.addEventListener("click", () => {
        copyText(url, box).then((copied) =>
          announce(box, copied ? "Link copied" : "Could not copy — copy the address bar instead"),
        );
      });
    }

    const native = box.querySelector(".tb-share__native");
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", () => {
        navigator.share({ title, url }).catch(() => {
          /* dismissed by the reader */
        });
      });
    }
  }

