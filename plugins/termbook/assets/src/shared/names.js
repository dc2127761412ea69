  /* ------------------------------------------------------------------ names (shared part) */

  // Applies NAME_RULES, which the build generates from termbook.names: this part holds no
  // folding rule of its own, so the scripts fold names exactly as the site's linker does.

  const FOLD = new Map(Object.entries(NAME_RULES.fold));
  const EXPAND = new Map(Object.entries(NAME_RULES.expand));
  const WORD = NAME_RULES.word;
  const SPACES = /\s+/g;
  const INNER_HYPHEN = new RegExp(NAME_RULES.innerHyphen, "gu");
  const NON_ASCII = /[^\0-\x7f]/g;

  /** Lowercase that never changes the length ("İ" lowercases to two characters: kept). */
  function lowerChar(ch) {
    const low = ch.toLowerCase();
    return low.length === ch.length ? low : ch;
  }

  /** The text a matcher runs on: folded, every character at its original position. */
  function foldSameLength(text) {
    let low = text.toLowerCase();
    if (low.length !== text.length) low = Array.from(text, lowerChar).join("");
    return low.replace(NON_ASCII, (ch) => FOLD.get(ch) ?? ch);
  }

  /** Lowercase, accents removed, expansions applied: how names and queries are compared. */
  function fold(text) {
    let out = "";
    for (const ch of String(text)) {
      const low = lowerChar(ch);
      const folded = EXPAND.has(low) ? EXPAND.get(low) : FOLD.get(low);
      out += folded === undefined ? low : folded;
    }
    return out;
  }

  /** Folded letters and digits only: "Mise-en-scène" and "mise en scene" are one key. */
  function searchKey(text) {
    return fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /** The search keys of a name as written: with "&" read as "and", and as it is. */
  function nameKeys(text) {
    const [symbol, word] = NAME_RULES.and;
    return [searchKey(String(text).split(symbol).join(word)), searchKey(text)];
  }

  /** A key as the build spells it: a hyphen between two words reads as a space. */
  function innerSpaces(key) {
    return key.includes("-") ? key.replace(INNER_HYPHEN, " ") : key;
  }

  /** How a name in capitals is compared: case kept, apostrophes, hyphens and spacing unified. */
  function exactForm(text) {
    let out = "";
    for (const ch of text) {
      if (NAME_RULES.apostrophes.includes(ch)) out += "'";
      else if (NAME_RULES.hyphens.includes(ch)) out += "-";
      else out += ch;
    }
    return innerSpaces(out.replace(SPACES, " "));
  }

  /** Scripts written without spaces (CJK, Thai...): no word boundary is required there. */
  function isUnspaced(ch) {
    const code = ch.codePointAt(0);
    return NAME_RULES.unspaced.some(([lo, hi]) => code >= lo && code <= hi);
  }

