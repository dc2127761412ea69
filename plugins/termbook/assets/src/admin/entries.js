  /* ----------------------------------------------------------------------------- entries */

  // Files of the terms folder whose names start with "_" or "." are not terms (the loader's
  // rule, generated): every backend's listing leaves them out, so the collection, its search
  // and the `related` choices show terms only.
  function isTermFile(file) {
    const name = String((file && file.path) || "").split("/").pop();
    return !ADMIN_RULES.notTerms.some((prefix) => name.startsWith(prefix));
  }

  function onlyTerms(listing) {
    return async function (...args) {
      const files = await listing.apply(this, args);
      return Array.isArray(files) ? files.filter(isTermFile) : files;
    };
  }

  for (const name of ADMIN_RULES.backends) {
    const backend = CMS.getBackend(name);
    if (!backend || backend.termbook) continue;
    const init = backend.init;
    backend.init = (...args) => {
      const made = init(...args);
      for (const method of ["entriesByFolder", "allEntriesByFolder"]) {
        if (typeof made[method] === "function") made[method] = onlyTerms(made[method]);
      }
      return made;
    };
    backend.termbook = true;
  }
