  /* ------------------------------------------------------------------------ matching */

  const IS_WORD = new RegExp(`^${WORD}$`, "u");
  const IS_SPACE = /\s/;
  const ASCII = /^[\0-\x7f]*$/;

  function isWordCode(code) {
    if (code < 128) {
      return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    }
    return IS_WORD.test(String.fromCodePoint(code));
  }

  const WORD_BIT = 1;
  const UNSPACED_BIT = 2;

  /**
   * Per position of a folded text: WORD_BIT for a word character, UNSPACED_BIT for a character
   * of an unspaced script (both halves of a surrogate pair alike); one more 0 for the end.
   */
  function classes(folded) {
    const kinds = new Uint8Array(folded.length + 1);
    for (let i = 0; i < folded.length; ) {
      const code = folded.codePointAt(i);
      const width = code > 0xffff ? 2 : 1;
      const ch = String.fromCodePoint(code);
      const kind =
        (isWordCode(code) ? WORD_BIT : 0) | (code >= 128 && isUnspaced(ch) ? UNSPACED_BIT : 0);
      kinds.fill(kind, i, i + width);
      i += width;
    }
    return kinds;
  }

  /** Whether a name may end at `end` of folded text: not before a word character, nor before
   * a hyphen and a word (a part of a hyphenated compound), unless after an unspaced script. */
  function endsWord(folded, kinds, end) {
    if (kinds[end - 1] & UNSPACED_BIT) return true;
    if (kinds[end] & WORD_BIT) return false;
    return !(folded[end] === "-" && kinds[end + 1] & WORD_BIT);
  }

  /** Whether a name may start at `start`: not after a word character, nor after a word and a
   * hyphen, unless it starts with a character of an unspaced script. */
  function startsWord(folded, kinds, start) {
    if (kinds[start] & UNSPACED_BIT || start === 0) return true;
    if (kinds[start - 1] & WORD_BIT) return false;
    return !(folded[start - 1] === "-" && start > 1 && kinds[start - 2] & WORD_BIT);
  }

  /**
   * The longest key that is a whole word starting at `start` of folded text, as
   * {end, slug, exact, linked}, or null: what the site's linker finds there with its
   * trie-shaped regular expression (`Matcher.finditer`). A key may end only where a word
   * ends (`endsWord`); a space in a key stands for any run of whitespace or a hyphen between
   * two words (`innerSpaces`).
   */
  function longestAt(matcher, folded, kinds, start) {
    let found = null;
    let length = 0;
    for (let end = start + 1; end <= folded.length && length < matcher.longest; end++) {
      const last = folded[end - 1];
      const space = IS_SPACE.test(last);
      if (!space || !IS_SPACE.test(folded[end - 2])) length++;
      if (space || !endsWord(folded, kinds, end)) continue;
      let key = folded.slice(start, end);
      if (length !== end - start) key = key.replace(SPACES, " ");
      const read = readKey(matcher, innerSpaces(key));
      if (read.entry) found = { end, ...read.entry };
      if (!read.goesOn) break; // no longer key goes on from here
    }
    return found;
  }

  function text(value) {
    return typeof value === "string" ? value.trim() : "";
  }

  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const PLACEHOLDER = encodeURIComponent("{slug}");

  /** A URL template of the index ("…/terms/{slug}/"), resolved and checked once. */
  function template(value) {
    const url = safeURL(typeof value === "string" ? value : "");
    return url && url.includes(PLACEHOLDER) ? url : null;
  }

  /**
   * The matcher of a names index (api/names.json). Each form is a stem key and the endings it
   * owns (keys are already folded and each belongs to the term it is listed under, so nothing
   * is derived here); the matcher keeps the stems as they come, in one map, and reads a key as
   * stem + ending only when it meets one, so building it costs one entry per form, not one
   * string per key (at 5,000 terms most of the widget's time went into spelling out keys
   * the page never holds). It also keeps the longest key, the characters keys begin with, and
   * the beginnings of stems that end where a key could (`innerPrefixes`).
   */
  function buildMatcher(index) {
    const list = index && Array.isArray(index.terms) ? index.terms : [];
    const sets = index && Array.isArray(index.endings) ? index.endings.map(endingSet) : [];
    const urls = (index && index.urls) || {};
    const pageURL = template(urls.term);
    const previewURL = template(urls.preview);
    if (!pageURL || !previewURL) return null;
    const stems = new Map();
    const firsts = new Set();
    const prefixes = new Set();
    let longest = 0;
    let order = 0;
    for (const item of list) {
      if (!item || typeof item !== "object" || !Array.isArray(item.forms)) continue;
      const slug = item.slug;
      const name = text(item.name);
      if (typeof slug !== "string" || !SLUG.test(slug) || !name || terms.has(slug)) continue;
      terms.set(slug, {
        slug,
        name,
        page: pageURL,
        preview: previewURL,
        autolink: item.autolink !== false,
      });
      for (const form of item.forms) {
        if (!Array.isArray(form) || typeof form[0] !== "string" || !form[0]) continue;
        const stem = form[0];
        const set = sets[form[1]] || NO_ENDINGS;
        if (set.endings.size) {
          const exact = typeof form[2] === "string" ? form[2] : null;
          const linked = form[3] !== 0; // 0: takes its words, marks nothing
          const entry = { slug, exact, linked, set, order: order++, next: stems.get(stem) || null };
          stems.set(stem, entry);
          longest = Math.max(longest, stem.length + set.longest);
        }
        firsts.add(stem[0]);
        innerPrefixes(prefixes, stem);
      }
    }
    const suffixes = new Set();
    for (const set of sets) {
      for (const ending of set.endings) suffixes.add(ending);
      for (const partial of set.partials) suffixes.add(partial);
    }
    if (!stems.size) return null;
    return { stems, suffixes: [...suffixes], longest, firsts, prefixes };
  }

  const NO_ENDINGS = { endings: new Set(), partials: new Set(), longest: 0 };

  /**
   * One list of the index's endings: the endings, the longest, and the beginnings of endings
   * that stop before a character that is not part of a word ("" and "s" of "'s" and "s'"):
   * a key that is a stem plus one of those may go on.
   */
  function endingSet(list) {
    if (!Array.isArray(list)) return NO_ENDINGS;
    const endings = new Set(list.filter((ending) => typeof ending === "string"));
    const partials = new Set();
    let longest = 0;
    for (const ending of endings) {
      longest = Math.max(longest, ending.length);
      for (let end = 0; end < ending.length; end++) {
        if (!isWordCode(ending.charCodeAt(end))) partials.add(ending.slice(0, end));
      }
    }
    return { endings, partials, longest };
  }

  /**
   * The beginnings of a stem that end where a key could end (before a character that is not
   * part of a word, or after one of an unspaced script): a scan goes on past such a place only
   * while what it read is one of them, or a stem plus the beginning of an ending (`readKey`).
   */
  function innerPrefixes(prefixes, stem) {
    const kinds = ASCII.test(stem) ? null : classes(stem);
    for (let end = 1; end < stem.length; end++) {
      const ends = kinds
        ? !(kinds[end] & WORD_BIT) || kinds[end - 1] & UNSPACED_BIT
        : !isWordCode(stem.charCodeAt(end));
      if (ends) prefixes.add(stem.slice(0, end));
    }
  }

  /**
   * What a key of folded text is: `entry`, the {slug, exact} it stands for or null (the first
   * form, in the index's order, whose stem and one of whose endings spell it, as if every key
   * had been listed and the first listed kept; a name kept in capitals compared with its
   * ending added), and `goesOn`, whether a longer key may begin with it (`innerPrefixes`,
   * `endingSet`). Each stem the key may hold is looked up once.
   */
  function readKey(matcher, key) {
    let best = null;
    let bestEnding = "";
    let goesOn = matcher.prefixes.has(key);
    for (const suffix of matcher.suffixes) {
      if (key.length <= suffix.length || !key.endsWith(suffix)) continue;
      const first = matcher.stems.get(key.slice(0, key.length - suffix.length));
      for (let entry = first; entry; entry = entry.next) {
        if (entry.set.endings.has(suffix) && (best === null || entry.order < best.order)) {
          best = entry;
          bestEnding = suffix;
        }
        if (!goesOn && entry.set.partials.has(suffix)) goesOn = true;
      }
    }
    const entry = best && {
      slug: best.slug,
      exact: best.exact === null ? null : best.exact + bestEnding,
      linked: best.linked,
    };
    return { entry, goesOn };
  }

  /**
   * Each mention in `value` as [start, end, slug, linked], leftmost first, as `Matcher.finditer` finds
   * them: a name in capitals seen in another case is no mention, and the search goes on from
   * the next character. `before` and `after` are the characters a reader sees next to the
   * value (see `neighbour`): whole-word boundaries look at them, and a mention that would run
   * on into them ends the search, as in the site's linker (`_Pass._auto`).
   */
  function* mentions(matcher, value, before = "", after = "") {
    const text = before + value + after;
    const folded = foldSameLength(text);
    const kinds = classes(folded);
    const limit = before.length + value.length;
    let start = before.length;
    while (start < limit) {
      const bounded = matcher.firsts.has(folded[start]) && startsWord(folded, kinds, start);
      const found = bounded ? longestAt(matcher, folded, kinds, start) : null;
      if (found === null) {
        start++;
        continue;
      }
      if (found.end > limit) return;
      if (found.exact !== null && exactForm(text.slice(start, found.end)) !== found.exact) {
        start++;
        continue;
      }
      yield [start - before.length, found.end - before.length, found.slug, found.linked];
      start = found.end;
    }
  }

  const INLINE = new Set(NAME_RULES.inline);

  function isInline(node) {
    return node.nodeType === Node.ELEMENT_NODE && INLINE.has(node.localName);
  }

  const CONTEXT = 2; // characters read on each side at most: a hyphen and the word beyond it

  /**
   * The characters (two) a reader sees right after (`forward`) or before a text node, looking
   * through the edges of inline elements ("<b>grip</b>ping" is one word) and past comments, up
   * to any other element's edge: the neighbours the site's linker gives each run of text.
   */
  function neighbour(node, forward) {
    let seen = [];
    let current = node;
    let entered = false;
    for (;;) {
      if (entered) {
        if (current.nodeType === Node.TEXT_NODE || current.nodeType === Node.CDATA_SECTION_NODE) {
          const value = current.nodeValue;
          if (value) {
            const chars = Array.from(forward ? value.slice(0, 2 * CONTEXT) : value.slice(-2 * CONTEXT));
            seen = forward ? seen.concat(chars) : chars.concat(seen);
            seen = context(seen, forward);
            if (seen.length === CONTEXT || (seen.length && !isHyphen(seen))) break;
          }
        } else if (current.nodeType === Node.ELEMENT_NODE) {
          if (!isInline(current)) break;
          const child = forward ? current.firstChild : current.lastChild;
          if (child) {
            current = child;
            continue;
          }
        }
      }
      const sibling = forward ? current.nextSibling : current.previousSibling;
      if (sibling) {
        current = sibling;
        entered = true;
        continue;
      }
      current = current.parentNode;
      if (!current || !isInline(current)) break;
      entered = false;
    }
    return context(seen, forward).join("");
  }

  function isHyphen(chars) {
    return chars.length === 1 && NAME_RULES.hyphens.includes(chars[0]);
  }

  /**
   * What of the characters next to a text word boundaries read (as `_html.context` does): the
   * nearest, and the one beyond it when the nearest is a hyphen.
   */
  function context(chars, forward) {
    const near = forward ? chars.slice(0, 1) : chars.slice(-1);
    if (near.length && NAME_RULES.hyphens.includes(near[0])) {
      return forward ? chars.slice(0, CONTEXT) : chars.slice(-CONTEXT);
    }
    return near;
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
    link.href = term.page.replace(PLACEHOLDER, term.slug);
    link.target = options.target;
    if (options.target === "_blank") link.rel = "noopener";
    link.textContent = mention;
    return link;
  }

  /** Marks the mentions in one text node, as the site's linker links them. */
  function markTextNode(node, matcher, state) {
    const value = node.nodeValue;
    const found = mentions(matcher, value, neighbour(node, false), neighbour(node, true));
    let fragment = null;
    let done = 0;
    for (const [start, end, slug, linked] of found) {
      if (state.count >= options.max) break;
      const term = terms.get(slug);
      if (!term.autolink || !linked) continue; // still takes its words: no shorter name inside
      if (options.mode === "first" && state.seen.has(slug)) continue;
      fragment = fragment || document.createDocumentFragment();
      if (start > done) fragment.append(document.createTextNode(value.slice(done, start)));
      fragment.append(makeMark(value.slice(start, end), term));
      done = end;
      state.seen.add(slug);
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

