  /* -------------------------------------------------------------------------------- save */

  // What the form holds for a field left alone: "", [], an image without a picture, a switch
  // at its default. None of it is written: the file holds what the contributor wrote.
  function isEmpty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string") return value.trim() === "";
    if (Array.isArray(value)) return value.every(isEmpty);
    if (typeof value === "object") return Object.values(value).every(isEmpty);
    return false;
  }

  function tidy(value) {
    if (typeof value === "string") return value.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "");
    if (Array.isArray(value)) return value.filter((item) => !isEmpty(item)).map(tidy);
    if (value && typeof value === "object") {
      const kept = {};
      for (const [key, item] of Object.entries(value)) if (!isEmpty(item)) kept[key] = tidy(item);
      return kept;
    }
    return value;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: ({ entry }) => {
      const data = entry.get("data").toJS();
      const kept = {};
      for (const key of ADMIN_RULES.fields) {
        if (!(key in data) || isEmpty(data[key])) continue;
        if (key in ADMIN_RULES.defaults && data[key] === ADMIN_RULES.defaults[key]) continue;
        kept[key] = tidy(data[key]);
      }
      for (const key of Object.keys(data)) {
        if (!(key in kept) && !ADMIN_RULES.fields.includes(key) && !isEmpty(data[key])) {
          kept[key] = data[key]; // a key the schema does not know: `termbook check` names it
        }
      }
      for (const [key, parts] of Object.entries(ADMIN_RULES.together)) {
        const missing = key in kept ? parts.filter((part) => isEmpty(kept[key][part])) : [];
        if (missing.length) {
          throw new Error(`'${key}' needs ${missing.join(" and ")} too (or leave it all empty)`);
        }
      }
      const derived = slugify(kept.term || "");
      if (entry.get("newRecord")) {
        if (!kept.slug) kept.slug = derived;
      } else if (!kept.slug && entry.get("slug") && derived !== entry.get("slug")) {
        kept.slug = entry.get("slug"); // a renamed term keeps its file and its address
      }
      const ordered = {};
      for (const key of [...ADMIN_RULES.fields, ...Object.keys(kept)]) {
        if (key in kept && !(key in ordered)) ordered[key] = kept[key];
      }
      return entry.get("data").clear().merge(ordered);
    },
  });
