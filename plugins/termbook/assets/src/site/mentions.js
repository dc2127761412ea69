  /* ------------------------------------------------------------------ 7. all mentions */

  /**
   * A term page lists the dozen pages most worth reading about it; its link "All N pages that
   * mention X" opens the full list (api/mentioned-in/<slug>.json), which is shown in place:
   * the pages not yet listed are added after the others and focus moves to the first of them.
   */
  function initMentions(link) {
    const section = link.closest(".tb-mentioned-in");
    const ul = section && section.querySelector("ul");
    if (!ul) return;
    link.addEventListener("click", (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") return;
      link.setAttribute("aria-busy", "true");
      const source = new URL(link.href);
      fetch(source, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} for ${source.href}`);
          return response.json();
        })
        .then((data) => {
          const listed = new Set(Array.from(ul.querySelectorAll("a[href]"), (a) => a.href));
          const added = [];
          for (const page of data.pages) {
            const url = new URL(page.url, source);
            if (!httpURL(url.href) || listed.has(url.href)) continue;
            const li = document.createElement("li");
            const a = document.createElement("a");
            a.href = url.href;
            a.textContent = page.title;
            li.append(a);
            added.push(li);
          }
          ul.append(...added);
          link.parentElement.remove();
          if (added.length) added[0].querySelector("a").focus();
        })
        .catch((err) => {
          link.removeAttribute("aria-busy");
          console.error("termbook: the list of mentions did not load:", err);
          location.href = link.href; // the list itself, readable as it is
        });
    });
  }
