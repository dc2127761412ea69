  /* ----------------------------------------------------------------------------- preview */

  // The entry as its page shows it: the term page's sections and classes (templates/termbook/
  // fragments/entry.html), styled by the site's own style sheet. Decap renders the Markdown,
  // sanitised (sanitize_preview); [[links]] show as written until the build links them.
  CMS.registerPreviewStyle(ADMIN_RULES.style);

  function list(value) {
    if (value === null || value === undefined) return [];
    const items = value.toJS ? value.toJS() : value;
    return (Array.isArray(items) ? items : [items]).filter((item) => !isEmpty(item));
  }

  const TermPreview = createClass({
    render() {
      const entry = this.props.entry;
      const get = (key) => entry.getIn(["data", key]);
      const sections = [h("h1", { key: "name" }, String(get("term") || ""))];
      sections.push(
        h("section", { key: "definition", id: "definition", className: "tb-definition" },
          this.props.widgetFor("definition")),
      );
      const image = get("image") && get("image").toJS ? get("image").toJS() : null;
      if (image && image.src) {
        const asset = this.props.getAsset(image.src);
        sections.push(
          h("figure", { key: "image", className: "tb-figure" },
            h("img", { src: asset ? asset.toString() : "", alt: image.alt || "" })),
        );
      }
      const examples = list(get("examples"));
      if (examples.length) {
        sections.push(
          h("section", { key: "examples", id: "examples", className: "tb-examples" },
            h("h2", null, "Examples"),
            examples.map((text, index) =>
              h("blockquote", { key: index, className: "tb-example" }, String(text)))),
        );
      }
      if (!isEmpty(get("trivia"))) {
        sections.push(
          h("section", { key: "trivia", id: "did-you-know", className: "tb-did-you-know" },
            h("h2", null, "Did you know?"), this.props.widgetFor("trivia")),
        );
      }
      const names = (title, id, items) =>
        items.length
          ? h("section", { key: id, id, className: `tb-${id} tb-nolink` },
              h("h2", null, title),
              h("ul", null, items.map((item, index) => h("li", { key: index }, String(item)))))
          : null;
      sections.push(names("Categories", "categories", list(get("categories"))));
      sections.push(names("Related terms", "related", list(get("related"))));
      const sources = list(get("sources")).map((s) => (s.url ? `${s.title} (${s.url})` : s.title));
      sections.push(names("Sources", "sources", sources));
      return h("article", { className: "md-typeset tb-term-preview" }, sections);
    },
  });

  CMS.registerPreviewTemplate(ADMIN_RULES.collection, TermPreview);
