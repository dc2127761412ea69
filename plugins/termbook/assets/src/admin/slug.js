  /* ------------------------------------------------------------------------------- slugs */

  // The slug the site derives from a name (termbook.names.slugify): folded as the site folds
  // names, "&" and "+" read as words, anything else but ASCII letters and digits a hyphen.
  const NON_SLUG = new RegExp(ADMIN_RULES.slug.nonSlug, "g");

  function slugify(name) {
    let text = fold(String(name));
    for (const [symbol, word] of ADMIN_RULES.slug.words) text = text.split(symbol).join(word);
    text = text.replace(/[^\0-\x7f]/g, "");
    return text.replace(NON_SLUG, "-").replace(/^-+|-+$/g, "");
  }
