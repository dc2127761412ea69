  /* ------------------------------------------------------------------ 3. last updated */

  /**
   * [value, unit] for Intl.RelativeTimeFormat: the largest unit with at least one whole unit
   * elapsed — years and months counted on the calendar (1 Jan → 1 Feb is a month, 31 Jan →
   * 28 Feb is not), then weeks and days; [0, "day"] ("today") under a day, and for dates in the
   * future (a clock off by a little).
   */
  function relativeParts(then, now) {
    const elapsed = now.getTime() - then.getTime();
    if (elapsed < DAY_MS) return [0, "day"];
    let months =
      (now.getUTCFullYear() - then.getUTCFullYear()) * 12 + now.getUTCMonth() - then.getUTCMonth();
    const anniversary = (m) =>
      Date.UTC(
        then.getUTCFullYear(),
        then.getUTCMonth() + m,
        then.getUTCDate(),
        then.getUTCHours(),
        then.getUTCMinutes(),
        then.getUTCSeconds(),
        then.getUTCMilliseconds(),
      );
    if (months > 0 && anniversary(months) > now.getTime()) months -= 1;
    if (months >= 12) return [-Math.floor(months / 12), "year"];
    if (months >= 1) return [-months, "month"];
    const days = Math.floor(elapsed / DAY_MS);
    if (days >= 7) return [-Math.floor(days / 7), "week"];
    return [-days, "day"];
  }

  /**
   * The first Intl formatter of a page loads the browser's locale data: tens of milliseconds
   * on a phone. So the dates are rewritten in a task of their own once the page is idle, not
   * inside the start-up task that every reader waits on (Lighthouse's blocking time, issue 14).
   */
  function initUpdated(el) {
    const later = window.requestIdleCallback || ((run) => setTimeout(run, 1));
    later(() => showUpdated(el), { timeout: 1000 });
  }

  function showUpdated(el) {
    const then = new Date(el.getAttribute("datetime") || "");
    if (Number.isNaN(then.getTime())) return;
    const lang = locale();
    const [value, unit] = relativeParts(then, new Date());
    try {
      const exact = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
      const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
      el.title = exact.format(then);
      el.textContent = relative.format(value, unit);
    } catch {
      /* keep the date the page was built with */
    }
  }

