  /* ------------------------------------------------------------------------------ format */

  // Term files written in `termbook fmt`'s layout, so a pull request from the editor passes
  // `termbook fmt --check` and its diff shows content only. The layout's numbers and which
  // fields are Markdown, name lists or mappings are generated from termbook.glossary.fmt
  // (ADMIN_RULES.layout); tests/browser/test_web_editor.py holds this writer to `termbook fmt`
  // on every term file of the project. Reading is js-yaml's (YAML 1.2 core schema: no dates,
  // no tags), loaded before this script.
  const LAYOUT = ADMIN_RULES.layout;
  const YAML11_WORDS = /^(?:y|n|yes|no|true|false|on|off|null|~|)$/i;
  const NUMBERISH = /^[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+|0[xob][0-9a-f_]+|\.(?:inf|nan))(?:e[-+]?[0-9]+)?$/i;
  const DATEISH = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
  const BAD_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
  const CONTROL = /[\0-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

  function readsBack(text, expected) {
    try {
      return JSON.stringify(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA })) ===
        JSON.stringify(expected);
    } catch (error) {
      return false;
    }
  }

  /** A scalar as plain YAML where both YAML 1.1 (the site's reader) and 1.2 read it back as
   * the same text, else double-quoted (which `termbook fmt` keeps as it is). */
  function scalar(value, flow) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return String(value);
    const text = String(value);
    const plain =
      text === text.trim() && !CONTROL.test(text) && !BAD_START.test(text) &&
      !/: |:$| #/.test(text) && !(flow && /[,[\]{}]/.test(text)) &&
      !YAML11_WORDS.test(text) && !NUMBERISH.test(text) && !DATEISH.test(text) &&
      readsBack(flow ? `k: [${text}]` : `k: ${text}`, { k: flow ? [text] : text });
    return plain ? text : JSON.stringify(text);
  }

  function isLiteral(key, text) {
    if (LAYOUT.markdown.includes(key)) return text.includes("\n") || text.length > LAYOUT.longText;
    return text.replace(/^\n+|\n+$/g, "").includes("\n");
  }

  function literal(text, indent) {
    const lines = text.replace(/^\n+|\n+$/g, "").split("\n").map((line) => line.replace(/\s+$/, ""));
    return "|\n" + lines.map((line) => (line ? indent + line : "")).join("\n") + "\n";
  }

  function value(key, item, indent) {
    if (typeof item === "string" && isLiteral(key, item)) return literal(item, indent);
    return scalar(item, false) + "\n";
  }

  // A list inside a mapping (a sense's examples) is laid out one item a line, a level deeper.
  function mappingValue(key, item, indent) {
    if (!Array.isArray(item)) return " " + value(key, item, indent);
    return "\n" + item.map((element) => `${indent}- ` + value(key, element, indent + "  ")).join("");
  }

  function mappingLines(mapping, order, indent, first) {
    const keys = [...order.filter((k) => k in mapping), ...Object.keys(mapping).filter((k) => !order.includes(k))];
    return keys
      .map((k, index) => (index === 0 ? first : indent) + `${k}:` + mappingValue(k, mapping[k], indent + "  "))
      .join("");
  }

  function entryLines(key, item) {
    if (Array.isArray(item)) {
      if (LAYOUT.names.includes(key)) {
        const short = item.every((name) => typeof name === "string" && !name.includes("\n") && name.length <= LAYOUT.shortName);
        const line = `${key}: [${item.map((name) => scalar(name, true)).join(", ")}]`;
        if (short && line.length <= LAYOUT.width) return line + "\n";
      }
      const order = LAYOUT.mappingLists[key] || [];
      return `${key}:\n` + item
        .map((element) =>
          element && typeof element === "object" && !Array.isArray(element)
            ? mappingLines(element, order, "    ", "  - ")
            : "  - " + value(key, element, "    "))
        .join("");
    }
    if (item && typeof item === "object") {
      return `${key}:\n` + mappingLines(item, LAYOUT.mappings[key] || [], "  ", "  ");
    }
    return `${key}: ` + value(key, item, "  ");
  }

  function toFile(data) {
    const keys = [...ADMIN_RULES.fields.filter((k) => k in data), ...Object.keys(data).filter((k) => !ADMIN_RULES.fields.includes(k))];
    return keys.filter((k) => !isEmpty(data[k])).map((k) => entryLines(k, data[k])).join("");
  }

  // A field that is one text or a list of them (trivia) is one Markdown editor in the form: a
  // list reads as its texts a paragraph apart, which the page shows alike.
  function fromFile(text) {
    const data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
    if (!data || typeof data !== "object" || Array.isArray(data)) return {};
    for (const key of LAYOUT.oneOrMany) {
      if (Array.isArray(data[key])) data[key] = data[key].map(String).join("\n\n");
    }
    return data;
  }

  CMS.registerCustomFormat(ADMIN_RULES.format, "yaml", { fromFile, toFile });
