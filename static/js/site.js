"use strict";
/* Enhancements only; pages work without this file. */

// Header search: suggestions as a WAI-ARIA 1.2 combobox with a listbox popup.
(() => {
  const input = document.getElementById("site-search-input");
  if (!input?.dataset.suggestUrl) return;
  const set = (el, attrs, text) => {
    for (const k in attrs) el.setAttribute(k, attrs[k]);
    if (text) el.textContent = text;
    return el;
  };
  const make = (tag, attrs, text) => set(document.createElement(tag), attrs, text);
  // Only http(s): never follow a javascript: URL from the JSON.
  const safeUrl = (u) => {
    try {
      const url = new URL(u, location.href);
      return /^https?:$/.test(url.protocol) && url.href;
    } catch { return false; }
  };
  const id = "site-search-listbox";
  const list = make("ul", { id, role: "listbox", class: "search-suggest", "aria-label": "Suggestions", hidden: "" });
  const status = make("div", { id: "site-search-status", role: "status", "aria-live": "polite", class: "visually-hidden" });
  const opts = list.children;
  let timer, ctrl, active = -1;
  input.after(list, status);
  set(input, { role: "combobox", "aria-autocomplete": "list", "aria-expanded": false, "aria-controls": id });

  const setActive = (i) => {
    opts[active]?.setAttribute("aria-selected", false);
    const li = opts[active = i];
    if (!li) return input.removeAttribute("aria-activedescendant");
    li.setAttribute("aria-selected", true);
    input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  };
  const open = (yes, text) => {
    if (!yes) setActive(-1);
    list.hidden = !yes;
    input.setAttribute("aria-expanded", yes);
    if (text !== undefined) set(status, { class: "visually-hidden" }).textContent = text;
  };
  // Search turned the box away (429, 503): the server's words, in the page's language,
  // shown under the box and announced by the same live region.
  const refused = (text) => {
    list.replaceChildren();
    open(false, text);
    status.className = "search-suggest__notice";
  };
  const go = (li) => window.location.assign(li.dataset.url);

  const render = (results) => {
    setActive(-1);
    list.replaceChildren(...results.map((r, i) => {
      const li = make("li", { id: `site-search-option-${i}`, role: "option", "aria-selected": false, class: "search-suggest__option" });
      li.dataset.url = r.url;
      if (typeof r.kind === "string") li.append(make("span", { class: "search-suggest__kind" }, r.kind));
      li.append(make("span", { class: "search-suggest__title" }, r.title));
      if (r.summary) li.append(make("span", { class: "search-suggest__summary" }, r.summary));
      return li;
    }));
    const n = results.length;
    open(n > 0, n ? `${n} suggestion${n > 1 ? "s" : ""}, use up and down arrows` : "No suggestions");
  };

  const load = async (q) => {
    const c = ctrl = new AbortController();
    try {
      const url = new URL(input.dataset.suggestUrl, location.href);
      url.searchParams.set("q", q);
      const res = await fetch(url, { signal: c.signal });
      const { results, message } = await res.json();
      if (c !== ctrl) return; // a newer request owns the list
      if ((res.status === 429 || res.status === 503) && typeof message === "string") return refused(message);
      if (!res.ok) throw new Error(res.status);
      render((results || []).filter((r) => typeof r?.title === "string" && (r.url = safeUrl(r.url))).slice(0, 8));
    } catch {
      if (c === ctrl) open(false, ""); // anything else fails silently
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    ctrl?.abort();
    ctrl = null;
    const q = input.value.trim();
    if (q.length > 1) return (timer = setTimeout(load, 150, q));
    list.replaceChildren();
    open(false, "");
  });
  input.addEventListener("keydown", (e) => {
    const n = opts.length, down = e.key === "ArrowDown";
    if (e.isComposing) return;
    if ((down || e.key === "ArrowUp") && n) {
      e.preventDefault();
      open(true);
      setActive(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : n - 1)) % n);
    } else if (e.key === "Enter" && !list.hidden && opts[active]) {
      e.preventDefault();
      go(opts[active]);
    } else if (e.key === "Escape" && !list.hidden) {
      e.preventDefault(); // else type=search also clears the text
      open(false);
    }
  });
  input.addEventListener("blur", () => open(false, status.className === "visually-hidden" ? undefined : ""));
  // Keep focus in the input: blur must not close the list before a click.
  list.addEventListener("mousedown", (e) => e.preventDefault());
  list.addEventListener("click", (e) => {
    const li = e.target.closest("[role=option]");
    if (li) go(li);
  });
  addEventListener("pageshow", () => open(false)); // back/forward cache
})();

// Term links: hoverable, dismissible, persistent tooltips (WCAG 1.4.13).
(() => {
  const tipOf = (a) => {
    const t = document.getElementById(a.getAttribute("aria-describedby") || "");
    return t?.classList.contains("term-tip") && t;
  };
  // The span replaces the native title tooltip.
  for (const a of document.querySelectorAll("a.term-link[title]")) if (tipOf(a)) a.removeAttribute("title");

  let cur, tip, timer, tap;
  const linkOf = (e) => e.target.closest?.("a.term-link");
  const inside = (n) => !!n && (cur?.contains(n) || tip?.contains(n));
  const hide = () => {
    clearTimeout(timer);
    if (tip) tip.hidden = true;
    cur = tip = null;
  };
  // Below the link (above if no room), inside the viewport; in document
  // coordinates, as the tip lives in <body>.
  const place = () => {
    const r = cur.getClientRects(), first = r[0], last = r[r.length - 1], m = 8, gap = 6;
    if (!first) return;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    let top = last.bottom + gap, left = last.left;
    if (top + h > innerHeight - m && first.top - gap - h >= m) [top, left] = [first.top - gap - h, first.left];
    left = Math.max(m, Math.min(left, document.documentElement.clientWidth - w - m));
    tip.style.left = `${left + scrollX}px`;
    tip.style.top = `${top + scrollY}px`;
  };
  const show = (a) => {
    clearTimeout(timer);
    const t = a !== cur && tipOf(a);
    if (!t) return;
    hide();
    // Out of the text: no positioned or clipping ancestor.
    if (t.parentNode !== document.body) document.body.append(t);
    t.hidden = false;
    [cur, tip] = [a, t];
    place();
  };
  const on = (type, fn) => document.addEventListener(type, fn);

  on("mouseover", (e) => {
    const a = linkOf(e);
    if (a) show(a);
    else if (inside(e.target)) clearTimeout(timer); // hovering the tip keeps it
  });
  on("mouseout", (e) => {
    if (inside(e.target) && !inside(e.relatedTarget) && document.activeElement !== cur) {
      clearTimeout(timer);
      timer = setTimeout(hide, 300);
    }
  });
  on("focusin", (e) => linkOf(e) && show(linkOf(e)));
  on("focusout", (e) => e.target === cur && hide());
  on("keydown", (e) => e.key === "Escape" && hide());
  // Touch: the first tap shows the tip, a second one follows the link.
  on("pointerdown", (e) => {
    const a = linkOf(e);
    tap = a && e.pointerType === "touch" ? { a, open: a === cur } : null;
    if (!a && !inside(e.target)) hide();
  });
  on("click", (e) => {
    const a = linkOf(e), t = tap;
    tap = null;
    if (a && t?.a === a && !t.open) {
      e.preventDefault();
      show(a);
    }
  });
  addEventListener("resize", () => cur && place());
})();
