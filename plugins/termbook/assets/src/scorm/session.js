  /* ----------------------------------------------------------------- SCORM session */
  /*
   * One SCORM session, 1.2 or 2004 4th Edition, with the calls each version names: find the
   * LMS's API object, initialise once, set completion, success, score and location, commit,
   * and finish exactly once. The version comes from the launch page
   * (<html data-scorm-version="1.2|2004">, written by scorm_package.launch_page), so a
   * package never talks to the other version's API even where an LMS offers both.
   */
  const SCORM = {
    "1.2": {
      api: "API",
      initialize: "LMSInitialize",
      terminate: "LMSFinish",
      getValue: "LMSGetValue",
      setValue: "LMSSetValue",
      commit: "LMSCommit",
      lastError: "LMSGetLastError",
      location: "cmi.core.lesson_location",
      locationLimit: 255,
      suspendData: "cmi.suspend_data",
      suspendLimit: 4096,
      sessionTime: "cmi.core.session_time",
      score: "cmi.core.score",
      duration: (ms) => {
        const s = ms / 1000;
        const pad = (n, width) => String(Math.floor(n)).padStart(width, "0");
        const seconds = (s % 60).toFixed(2).padStart(5, "0");
        return `${pad(s / 3600, 4)}:${pad((s % 3600) / 60, 2)}:${seconds}`;
      },
    },
    2004: {
      api: "API_1484_11",
      initialize: "Initialize",
      terminate: "Terminate",
      getValue: "GetValue",
      setValue: "SetValue",
      commit: "Commit",
      lastError: "GetLastError",
      location: "cmi.location",
      locationLimit: 1000,
      suspendData: "cmi.suspend_data",
      suspendLimit: 64000,
      sessionTime: "cmi.session_time",
      score: "cmi.score",
      duration: (ms) => `PT${(ms / 1000).toFixed(2)}S`,
    },
  };

  /** The API object named `name` on this window's parents, else on the opener's (ADL's search). */
  function findScormApi(name) {
    const search = (start) => {
      let win = start;
      for (let depth = 0; win && depth < 16; depth += 1) {
        try {
          if (win[name]) return win[name];
        } catch {
          return null; // a frame of another origin: no API can be reached above it
        }
        if (win.parent === win) break;
        win = win.parent;
      }
      return null;
    };
    try {
      return search(window) || (window.opener ? search(window.opener) : null);
    } catch {
      return null;
    }
  }

  class ScormSession {
    constructor(versionKey) {
      this.calls = SCORM[versionKey] || null;
      this.version = versionKey;
      this.api = null;
      this.started = false;
      this.finished = false;
      this.startedAt = 0;
      this.errors = [];
    }

    /** LMSInitialize / Initialize, once. False outside an LMS or when the LMS refuses. */
    start() {
      if (this.started || this.finished || !this.calls) return this.started;
      const api = findScormApi(this.calls.api);
      if (!api || typeof api[this.calls.initialize] !== "function") return false;
      this.api = api;
      this.started = this.call("initialize", "") === "true";
      this.startedAt = Date.now();
      return this.started;
    }

    /** One API call; a non-zero error code is kept (errors) and logged, never thrown. */
    call(name, ...args) {
      if (!this.api) return "";
      const result = String(this.api[this.calls[name]](...args));
      const code = String(this.api[this.calls.lastError]());
      if (code !== "0" && code !== "") {
        this.errors.push({ call: this.calls[name], args, code });
        console.warn(`SCORM ${this.calls[name]}(${args.join(", ")}) failed with error ${code}`);
      }
      return result;
    }

    active() {
      return this.started && !this.finished;
    }

    get(element) {
      return this.active() ? this.call("getValue", element) : "";
    }

    set(element, value) {
      return this.active() && this.call("setValue", element, String(value)) === "true";
    }

    /** The learner has begun and not yet finished: "incomplete", so that leaving early never
     *  counts as done (a SCORM 1.2 LMS may take a SCO that set no status for "completed").
     *  A status the LMS already holds for this attempt is kept. */
    begin() {
      const element = this.version === "1.2" ? "cmi.core.lesson_status" : "cmi.completion_status";
      const now = this.get(element);
      if (now && now !== "not attempted" && now !== "unknown") return true;
      return this.set(element, "incomplete");
    }

    /** The learner has done what the activity asks (1.2 lesson_status, 2004 completion). */
    complete() {
      if (this.version === "1.2") return this.set("cmi.core.lesson_status", "completed");
      return this.set("cmi.completion_status", "completed");
    }

    /** Passed or failed (2004 also sets completion: a graded attempt is a finished one). */
    succeed(passed) {
      const status = passed ? "passed" : "failed";
      if (this.version === "1.2") return this.set("cmi.core.lesson_status", status);
      return this.set("cmi.completion_status", "completed") && this.set("cmi.success_status", status);
    }

    /** A score out of [min, max]; 2004 also gets the scaled score the LMS compares to mastery. */
    score(raw, min = 0, max = 100) {
      const base = this.calls.score;
      let ok = this.set(`${base}.min`, min) && this.set(`${base}.max`, max);
      ok = ok && this.set(`${base}.raw`, raw);
      if (this.version === "2004" && max > min) {
        const scaled = Math.round(((raw - min) / (max - min)) * 10000) / 10000;
        ok = ok && this.set("cmi.score.scaled", scaled);
      }
      return ok;
    }

    /** Where the learner is: the LMS keeps it as the bookmark of the attempt. */
    locate(location) {
      return this.set(this.calls.location, String(location).slice(0, this.calls.locationLimit));
    }

    /** How many characters of progress data the version lets an LMS store. */
    memoryLimit() {
      return this.calls ? this.calls.suspendLimit : 0;
    }

    /** Free-form progress data, cut to what the version lets an LMS store. */
    remember(text) {
      return this.set(this.calls.suspendData, String(text).slice(0, this.calls.suspendLimit));
    }

    commit() {
      return this.active() && this.call("commit", "") === "true";
    }

    /** Session time, then LMSFinish / Terminate: once, however often it is asked for. */
    finish() {
      if (!this.active()) return false;
      this.set(this.calls.sessionTime, this.calls.duration(Date.now() - this.startedAt));
      this.finished = true;
      return this.call("terminate", "") === "true";
    }

    /** Finish when the learner leaves the launch page (the LMS closes or replaces it). */
    finishOnLeave() {
      const leave = () => this.finish();
      window.addEventListener("pagehide", leave);
      window.addEventListener("beforeunload", leave);
    }
  }
