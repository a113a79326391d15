/* Glossary hovercards for any site: one tag, served at /embed/glossary.js.

     <script src="https://glossary.example/embed/glossary.js" defer></script>

   Links on the page to this glossary's term pages show the term's summary in a card
   on hover, keyboard focus and tap (a second tap follows the link); Escape closes it,
   and each link is described by its summary (aria-describedby). The card lives in a
   shadow root: the page's CSS cannot reach it and its CSS cannot reach the page.
   Under a strict Content Security Policy, allow this origin in script-src and
   connect-src; the script uses no inline styles, no eval and no cookies.

   On a glossary in several languages the card is in the page's language: the
   script tag's data-lang="de", else the page's <html lang> ("de-AT" counts as "de"),
   when the term has a published translation into it; otherwise in the source
   language. A link to a translation's own page (/de/glossary/...) shows that one. */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || window.glossaryHovercards) return;
  window.glossaryHovercards = true;

  const CONFIG = __GLOSSARY_CONFIG__;
  const home = new URL(script.src);
  const origins = new Set([home.origin, ...CONFIG.origins]);
  const PREFETCH = 50; // distinct terms described up front; others when first used

  // Where each language's term pages start, source first; one language: CONFIG.terms.
  const pages = Object.entries(CONFIG.languages || { "": CONFIG.terms });
  const source = pages[0][0];
  const pageLanguage = (() => {
    const asked = (script.dataset.lang || document.documentElement.lang || "").toLowerCase();
    const found = pages.find(([code]) => code && (asked === code || asked.startsWith(`${code}-`)));
    return found ? found[0] : source;
  })();
  // Longest prefix first: /de/glossary/ is matched before a source prefix it may contain.
  const prefixes = [...pages].sort((one, other) => other[1].length - one[1].length);

  // A link's term: "language slug" (its page's language), or null for any other link.
  const refs = new WeakMap();
  const refOf = (link) => {
    if (!refs.has(link)) {
      let ref = null;
      try {
        const url = new URL(link.href, document.baseURI);
        const [code, prefix] = prefixes.find(([, start]) => url.pathname.startsWith(start)) || [];
        const match = origins.has(url.origin) && prefix && /^([^/]+)\/?$/.exec(url.pathname.slice(prefix.length));
        const slug = match ? decodeURIComponent(match[1]) : "";
        ref = /^[\p{L}\p{N}_-]+$/u.test(slug) ? `${code} ${slug}` : null;
      } catch {
        ref = null;
      }
      refs.set(link, ref);
    }
    return refs.get(link);
  };
  const termLinkOf = (node) => {
    const link = node?.closest?.("a[href]");
    return link && refOf(link) ? link : null;
  };

  // Each term is fetched once for the page's life, and never with credentials. A link
  // to a source-language page asks for the page's language first: the API answers the
  // source slug with the translation's address, or 404 when there is none.
  const terms = new Map(); // ref -> promise of the term, or null
  const known = new Map(); // ref -> the term or null, once fetched
  const fetchTerm = (slug, code) => {
    const url = new URL(`${CONFIG.api}${encodeURIComponent(slug)}/`, home);
    if (code !== source) url.searchParams.set("lang", code);
    return fetch(url, { credentials: "omit", mode: "cors" })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
  };
  const load = (ref) => {
    if (!terms.has(ref)) {
      const [code, slug] = ref.split(" ");
      const translated = code === source && pageLanguage !== source;
      const first = fetchTerm(slug, translated ? pageLanguage : code);
      const request = (translated ? first.then((term) => term || fetchTerm(slug, source)) : first).then((term) => {
        known.set(ref, term);
        return term;
      });
      terms.set(ref, request);
    }
    return terms.get(ref);
  };
  // Descriptions live in the page (hidden), where aria-describedby can point at them.
  let descriptions;
  const describe = (link, term) => {
    const id = `glossary-term-${term.language ? `${term.language}-` : ""}${term.slug}`;
    if (!document.getElementById(id)) {
      descriptions ||= document.body.appendChild(document.createElement("div"));
      descriptions.hidden = true;
      const text = descriptions.appendChild(document.createElement("span"));
      text.id = id;
      if (term.language) text.lang = term.language;
      text.textContent = term.summary || term.extract || term.title;
    }
    const ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!ids.includes(id)) link.setAttribute("aria-describedby", [...ids, id].join(" "));
  };

  // Pixels, not rem: the page's root font size is not ours to depend on.
  const STYLE = `
    :host { all: initial !important; display: block !important; position: fixed !important;
      inset: 0 auto auto 0 !important; width: 0 !important; height: 0 !important;
      z-index: 2147483647 !important; }
    .card { position: absolute; box-sizing: border-box; width: max-content;
      max-width: min(320px, calc(100vw - 16px)); margin: 0; padding: 10px 12px;
      border: 1px solid #c9ced6; border-radius: 6px; background: #fff; color: #1b1f24;
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.22); text-align: start; overflow-wrap: break-word;
      font: 400 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    .card[hidden] { display: none; }
    .title { display: block; margin: 0 0 4px; font-weight: 700; }
    .summary { display: block; margin: 0; }
    @media (prefers-color-scheme: dark) {
      .card { border-color: #454c56; background: #1f2329; color: #eef0f3; }
    }`;
  let host, card, title, summary;
  const build = () => {
    host = document.createElement("glossary-hovercard");
    const root = host.attachShadow({ mode: "open" });
    // A constructed stylesheet: no <style> element or style attribute for a CSP to refuse.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
    card = root.appendChild(document.createElement("div"));
    card.className = "card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    title = card.appendChild(document.createElement("strong"));
    title.className = "title";
    summary = card.appendChild(document.createElement("span"));
    summary.className = "summary";
    document.body.append(host);
  };

  let current = null; // the link whose card shows
  let wanted = null; // the link whose card is on its way
  let timer, tap;
  const inCard = (event) => !!host && event.composedPath().includes(host);
  const hide = () => {
    clearTimeout(timer);
    wanted = current = null;
    if (card) card.hidden = true;
  };
  // Below the link (above when there is no room), inside the viewport.
  const place = () => {
    const rects = current.getClientRects();
    const first = rects[0], last = rects[rects.length - 1], margin = 8, gap = 6;
    if (!first) return hide();
    const width = card.offsetWidth, height = card.offsetHeight;
    let top = last.bottom + gap, left = last.left;
    if (top + height > innerHeight - margin && first.top - gap - height >= margin) {
      [top, left] = [first.top - gap - height, first.left];
    }
    left = Math.max(margin, Math.min(left, document.documentElement.clientWidth - width - margin));
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
  };
  const show = (link) => {
    clearTimeout(timer);
    if (link === current || link === wanted) return;
    wanted = link;
    load(refOf(link)).then((term) => {
      if (wanted !== link || !term) return;
      if (!host) build();
      describe(link, term);
      card.lang = term.language || "";
      title.textContent = term.title;
      summary.textContent = term.summary || term.extract;
      current = link;
      card.hidden = false;
      place();
    });
  };

  const on = (type, handler, options) => document.addEventListener(type, handler, options);
  on("mouseover", (event) => {
    const link = termLinkOf(event.target);
    if (link) show(link);
    else if (inCard(event)) clearTimeout(timer); // hovering the card keeps it
  });
  on("mouseout", (event) => {
    const leaving = termLinkOf(event.target) === current || inCard(event);
    const into = event.relatedTarget;
    const staying = into && (current?.contains(into) || into === host);
    if (current && leaving && !staying && document.activeElement !== current) {
      clearTimeout(timer);
      timer = setTimeout(hide, 300);
    }
  });
  on("focusin", (event) => {
    const link = termLinkOf(event.target);
    if (link) show(link);
  });
  on("focusout", (event) => {
    if (event.target === current || event.target === wanted) hide();
  });
  on("keydown", (event) => {
    if (event.key === "Escape" && (current || wanted)) hide();
  });
  // Touch: the first tap shows the card, a second one follows the link.
  on("pointerdown", (event) => {
    const link = termLinkOf(event.target);
    tap = link && event.pointerType === "touch" ? { link, open: link === current } : null;
    if (!link && !inCard(event)) hide();
  });
  on("click", (event) => {
    const link = termLinkOf(event.target);
    const touched = tap;
    tap = null;
    if (!link || touched?.link !== link || touched.open) return;
    if (known.get(refOf(link)) === null) return; // not a published term: just a link
    event.preventDefault();
    show(link);
  });
  addEventListener("resize", () => current && place());
  addEventListener("scroll", () => current && place(), { passive: true });

  // Describe the first terms on the page up front, so a screen reader hears each
  // summary the first time it reaches the link.
  const start = () => {
    const first = new Map();
    for (const link of document.querySelectorAll("a[href]")) {
      const ref = refOf(link);
      if (!ref) continue;
      if (!first.has(ref) && first.size >= PREFETCH) continue;
      if (!first.has(ref)) first.set(ref, []);
      first.get(ref).push(link);
    }
    for (const [ref, links] of first) {
      load(ref).then((term) => term && links.forEach((link) => describe(link, term)));
    }
  };
  if (document.readyState === "loading") on("DOMContentLoaded", start);
  else start();
})();
