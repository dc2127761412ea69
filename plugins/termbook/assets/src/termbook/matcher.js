  /* ------------------------------------------------------------------------ matching */

  /** One edge of the trie: a key character, or any run of whitespace for a space. */
  function atom(ch) {
    if (ch === " ") return "\\s+";
    return ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }

  /**
   * The keys as one trie-shaped pattern over folded text, as the site's linker builds it:
   * names share their prefixes, so each position costs one walk down the tree; continuations
   * come before "a key ends here", so the longest whole-word key wins and a shorter one is
   * tried where the longer is not a whole word. No word boundary around unspaced scripts.
   */
  function trieSource(keys) {
    const END = "";
    const top = new Map();
    for (const key of keys) {
      let node = top;
      for (const ch of key) {
        if (!node.has(ch)) node.set(ch, new Map());
        node = node.get(ch);
      }
      node.set(END, isUnspaced(key.slice(-1)) ? "" : `(?!${WORD})`);
    }
    function source(node) {
      const alternatives = [];
      for (const [ch, child] of node) if (ch !== END) alternatives.push(atom(ch) + source(child));
      if (node.has(END)) alternatives.push(node.get(END));
      return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join("|")})`;
    }
    const spaced = [];
    const unspaced = [];
    for (const [ch, child] of top) (isUnspaced(ch) ? unspaced : spaced).push(atom(ch) + source(child));
    const groups = spaced.length ? [`(?<!${WORD})(?:${spaced.join("|")})`] : [];
    return groups.concat(unspaced).join("|");
  }

  function text(value) {
    return typeof value === "string" ? value.trim() : "";
  }

  /**
   * The matcher of a names index (api/names.json): key → {slug, exact}, and one RegExp. Each
   * form is a stem key and the endings it owns; keys are already folded and each belongs to
   * the term it is listed under, so nothing is derived here.
   */
  function buildMatcher(index) {
    const lookup = new Map();
    const list = index && Array.isArray(index.terms) ? index.terms : [];
    const endings = index && Array.isArray(index.endings) ? index.endings : [];
    const urls = (index && index.urls) || {};
    for (const item of list) {
      if (!item || typeof item !== "object" || !Array.isArray(item.forms)) continue;
      const slug = text(item.slug);
      const name = text(item.name);
      const url = safeURL(String(urls.term || "").replace("{slug}", slug));
      const preview = safeURL(String(urls.preview || "").replace("{slug}", slug));
      if (!slug || !name || !url || !preview || terms.has(slug)) continue;
      terms.set(slug, { slug, name, url, preview, autolink: item.autolink !== false });
      for (const form of item.forms) {
        if (!Array.isArray(form) || typeof form[0] !== "string" || !form[0]) continue;
        const exact = typeof form[2] === "string" ? form[2] : null;
        for (const ending of endings[form[1]] || []) {
          const key = form[0] + ending;
          if (!lookup.has(key)) lookup.set(key, { slug, exact: exact === null ? null : exact + ending });
        }
      }
    }
    if (!lookup.size) return null;
    return { lookup, regex: new RegExp(trieSource(lookup.keys()), "gu") };
  }

  /* ------------------------------------------------------------------------ marking */

  function scopes() {
    let found;
    try {
      found = Array.from(document.querySelectorAll(options.scope));
    } catch {
      console.warn(`termbook.js: data-scope "${options.scope}" is not a valid CSS selector`);
      return [];
    }
    return found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
  }

  function textNodes(scope) {
    if (scope.closest(SKIP)) return [];
    const nodes = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          return node.matches(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        return node.nodeValue.trim().length > 1 ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function makeMark(mention, term) {
    const link = document.createElement("a");
    link.className = "tb-term tb-widget-term";
    link.dataset.term = term.slug;
    link.href = term.url;
    link.target = options.target;
    if (options.target === "_blank") link.rel = "noopener";
    link.textContent = mention;
    return link;
  }

  /** Mentions in one text node, as the site's linker finds them (Matcher.finditer). */
  function markTextNode(node, matcher, state) {
    const value = node.nodeValue;
    const folded = foldSameLength(value);
    const regex = matcher.regex;
    regex.lastIndex = 0;
    let fragment = null;
    let done = 0;
    let match;
    while (state.count < options.max && (match = regex.exec(folded))) {
      const key = match[0];
      const found = matcher.lookup.get(key) || matcher.lookup.get(key.replace(SPACES, " "));
      const mention = value.slice(match.index, match.index + key.length);
      if (!found || (found.exact !== null && exactForm(mention) !== found.exact)) {
        regex.lastIndex = match.index + 1; // not this name here; a shorter one may start here
        continue;
      }
      const term = terms.get(found.slug);
      if (!term.autolink) continue; // its name still takes the words: no shorter name inside
      if (options.mode === "first" && state.seen.has(found.slug)) continue;
      fragment = fragment || document.createDocumentFragment();
      if (match.index > done) fragment.append(document.createTextNode(value.slice(done, match.index)));
      fragment.append(makeMark(mention, term));
      done = match.index + key.length;
      state.seen.add(found.slug);
      state.count += 1;
    }
    if (!fragment) return;
    if (done < value.length) fragment.append(document.createTextNode(value.slice(done)));
    node.parentNode.replaceChild(fragment, node);
  }

  function annotate(matcher) {
    const state = { seen: new Set(), count: 0 };
    for (const scope of scopes()) {
      for (const node of textNodes(scope)) {
        if (state.count >= options.max) return;
        if (node.parentNode) markTextNode(node, matcher, state);
      }
    }
  }

