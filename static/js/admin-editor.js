/* The admin's Markdown editor, made kinder: live counters and writing warnings under
   the body, and a warning before leaving a page with unsaved changes.

   No inline script or style (a strict Content-Security-Policy is coming): state is
   shown with elements, classes and the `hidden` attribute. markdownx fills the
   preview; this only dresses it in the page's class and listens to the same textarea.
   The toolbar, the keyboard and image uploads are static/js/admin-toolbar.js. */
(function () {
  "use strict";

  const SUMMARY_LIMIT = 160;
  // The server's rule (glossary_site/markdown.py): words of the text, rounded up, at least 1.
  const WORD_RE = /[\p{L}\p{N}_]+(?:[-'’][\p{L}\p{N}_]+)*/gu;

  function plainText(markdown) {
    return markdown
      .replace(/```[^\n]*\n/g, "\n")                 // fence lines, not their code
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")       // images: their alt text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")        // links: their text
      .replace(/<[^>]+>/g, " ")                       // HTML tags
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "") // heading, quote, list marks
      .replace(/[*_`~|]/g, " ");
  }

  function countWords(markdown) {
    const words = plainText(markdown).match(WORD_RE);
    return words ? words.length : 0;
  }

  function linkedSlugs(markdown, prefix) {
    const found = [];
    if (!prefix) return found;
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    const re = new RegExp("\\]\\(\\s*(?:https?://[^/)\\s]+)?" + escaped + "([a-z0-9-]+)/?(?:#[^)\\s]*)?\\s*\\)", "g");
    let match;
    while ((match = re.exec(markdown)) !== null) {
      if (found.indexOf(match[1]) === -1) found.push(match[1]);
    }
    return found;
  }

  function LinkChecker(url, onResult) {
    this.url = url;
    this.onResult = onResult;
    this.known = {};   // "glossary:slug" -> true (exists) / false (missing)
    this.pending = {};
  }

  LinkChecker.prototype.missing = function (kind, slugs) {
    const self = this;
    return slugs.filter(function (slug) { return self.known[kind + ":" + slug] === false; });
  };

  LinkChecker.prototype.ask = function (wanted) {
    const self = this;
    const params = new URLSearchParams();
    Object.keys(wanted).forEach(function (kind) {
      wanted[kind].forEach(function (slug) {
        const key = kind + ":" + slug;
        if (!(key in self.known) && !self.pending[key]) {
          self.pending[key] = true;
          params.append(kind, slug);
        }
      });
    });
    if (!params.toString() || !this.url) return;
    fetch(this.url + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        params.forEach(function (slug, kind) {
          const key = kind + ":" + slug;
          delete self.pending[key];
          if (data) self.known[key] = (data.missing[kind] || []).indexOf(slug) === -1;
        });
        self.onResult();
      })
      .catch(function () { /* a failed check only means no warning */ });
  };

  function setUpHelp(body) {
    const form = body.form;
    const summary = form.querySelector("[name=summary]");
    const wordsPerMinute = parseInt(body.dataset.wordsPerMinute, 10) || 230;
    const prefixes = { glossary: body.dataset.glossaryPrefix, blog: body.dataset.blogPrefix };

    const help = document.createElement("div");
    help.className = "editor-help";
    help.id = "editor-help";
    const counters = document.createElement("p");
    counters.className = "editor-counters";
    counters.setAttribute("aria-live", "polite");
    const warnings = document.createElement("ul");
    warnings.className = "editor-warnings";
    warnings.setAttribute("aria-label", "Writing warnings");
    const allGood = document.createElement("p");
    allGood.className = "editor-all-good";
    allGood.textContent = "No writing warnings.";
    help.append(counters, warnings, allGood);
    const anchor = body.closest(".markdownx") || body;
    anchor.insertAdjacentElement("afterend", help);
    body.setAttribute("aria-describedby", ((body.getAttribute("aria-describedby") || "") + " editor-help").trim());

    const checker = new LinkChecker(body.dataset.linkCheckUrl, update);

    function update() {
      const text = body.value;
      const words = countWords(text);
      const minutes = Math.max(1, Math.ceil(words / wordsPerMinute));
      counters.textContent = words + (words === 1 ? " word" : " words") + " · about " + minutes + " min read";

      const found = [];
      const summaryText = summary ? summary.value.trim() : "";
      if (summary && !summaryText) found.push("The summary is empty: lists and search engines show it.");
      if (summaryText.length > SUMMARY_LIMIT) {
        found.push("The summary is " + summaryText.length + " characters; search engines cut it after about " + SUMMARY_LIMIT + ".");
      }
      if (text.trim() && !/^\s{0,3}#{1,6}\s+\S/m.test(text)) found.push("The body has no heading: use ## for its sections.");
      // The upload's placeholder (editorial/editor.py) says nothing to a reader either.
      if (/!\[\s*(Describe this image\s*)?\]\(/i.test(text)) found.push("An image has no alt text: write what it shows between ![ and ]. A page cannot be published without it.");
      const wanted = {};
      Object.keys(prefixes).forEach(function (kind) { wanted[kind] = linkedSlugs(text, prefixes[kind]); });
      checker.ask(wanted);
      Object.keys(wanted).forEach(function (kind) {
        checker.missing(kind, wanted[kind]).forEach(function (slug) {
          found.push("The link to " + prefixes[kind] + slug + "/ leads nowhere: no such " + (kind === "glossary" ? "term" : "article") + ".");
        });
      });

      warnings.replaceChildren.apply(warnings, found.map(function (message) {
        const item = document.createElement("li");
        item.textContent = message;
        return item;
      }));
      allGood.hidden = found.length > 0;
    }

    let timer = null;
    function later() {
      clearTimeout(timer);
      timer = setTimeout(update, 250);
    }
    body.addEventListener("input", later);
    if (summary) summary.addEventListener("input", later);
    update();
  }

  function guardUnsavedChanges(form) {
    let dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = "";  // older browsers need a value to ask
    });
  }

  // The preview wears the public page's body class, so it looks as readers will see it.
  function dressPreview(body) {
    const preview = body.parentNode.querySelector(".markdownx-preview");
    if (!preview) return;
    preview.classList.add("prose");
    preview.setAttribute("role", "region");
    preview.setAttribute("aria-label", "Preview: the body as readers will see it");
  }

  function start() {
    const body = document.querySelector("textarea.markdownx-editor[name=body]");
    if (!body || !body.form) return;
    dressPreview(body);
    setUpHelp(body);
    guardUnsavedChanges(body.form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
