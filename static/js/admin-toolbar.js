/* The Body editor's toolbar, keyboard and image uploads, around django-markdownx's widget.

   - A toolbar above the text box (heading, bold, italic, link, list, code, indent,
     "Insert image", "Link a term"): one Tab stop, arrow keys move between its buttons
     (the ARIA toolbar pattern); each button names its shortcut.
   - Tab and Shift+Tab move focus, as everywhere else. markdownx's own keydown handler
     (bound on the text box) inserts "\t" on Tab, which traps keyboard users (WCAG
     2.1.2); a capturing listener on the widget's wrapper runs first and keeps Tab
     from reaching it. Indenting is Ctrl+] / Ctrl+[ or the toolbar's buttons.
   - Images: "Insert image" opens a file picker (a phone's photo picker too); dropped
     and pasted files are caught before markdownx's own upload, which writes
     "Invalid response" into the text when the server refuses a file. Here a refusal
     shows the server's message beside the editor and leaves the text as it was.
   - Edits go through execCommand("insertText") where the browser has it, so Ctrl+Z
     undoes them; setRangeText where it has not.

   No inline script or style (strict CSP): elements, classes and `hidden` only. */
(() => {
  "use strict";

  const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgentData?.platform || navigator.platform || "");
  const MOD_NAME = IS_MAC ? "Meta" : "Control";
  const MOD_LABEL = IS_MAC ? "⌘" : "Ctrl+";
  const INDENT = "    ";  // four spaces: what Markdown needs to nest a list or a code block
  const ALT_PLACEHOLDER = "Describe this image";  // glossary_site/markup/alt_text.py PLACEHOLDER

  // --- editing the text -----------------------------------------------------

  /** Replace [start, end) with text, keeping the browser's undo history where it can,
      then select [selectStart, selectEnd) (offsets in the new text). */
  function replaceRange(box, start, end, text, selectStart, selectEnd) {
    box.focus();
    box.setSelectionRange(start, end);
    const expected = box.value.slice(0, start) + text + box.value.slice(end);
    let done = false;
    try {
      done = document.execCommand("insertText", false, text) && box.value === expected;
    } catch {
      done = false;
    }
    if (!done) {
      box.value = expected;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
    box.setSelectionRange(selectStart ?? start + text.length, selectEnd ?? start + text.length);
  }

  /** The whole lines the selection touches: [start, end) of the text. */
  function selectedLines(box) {
    const { value, selectionStart, selectionEnd } = box;
    const start = selectionStart === 0 ? 0 : value.lastIndexOf("\n", selectionStart - 1) + 1;
    // A selection that ends just after a line break does not take the next line.
    const last = selectionEnd > selectionStart && value[selectionEnd - 1] === "\n" ? selectionEnd - 1 : selectionEnd;
    const newline = value.indexOf("\n", last);
    return { start, end: newline === -1 ? value.length : newline };
  }

  /** Apply change(line) to each selected line; keep the whole block selected, or the
      caret where it was in its line when nothing was selected. */
  function changeLines(box, change) {
    const { start, end } = selectedLines(box);
    const hadSelection = box.selectionStart !== box.selectionEnd;
    const caretFromEnd = end - box.selectionEnd;
    const block = box.value.slice(start, end).split("\n").map(change).join("\n");
    if (hadSelection) {
      replaceRange(box, start, end, block, start, start + block.length);
    } else {
      const caret = Math.max(start, start + block.length - caretFromEnd);
      replaceRange(box, start, end, block, caret, caret);
    }
  }

  /** Wrap the selection in marks (or take them off when already there); with nothing
      selected, insert the marks around a selected placeholder to type over. */
  function wrap(box, before, after, placeholder) {
    const { value, selectionStart: start, selectionEnd: end } = box;
    const marked = start >= before.length && value.slice(start - before.length, start) === before
      && value.slice(end, end + after.length) === after;
    if (marked && end > start) {
      const inner = value.slice(start, end);
      replaceRange(box, start - before.length, end + after.length, inner,
        start - before.length, start - before.length + inner.length);
      return;
    }
    const inner = value.slice(start, end) || placeholder;
    replaceRange(box, start, end, before + inner + after, start + before.length, start + before.length + inner.length);
  }

  function heading(box) {
    const { start, end } = selectedLines(box);
    if (start === end) {  // an empty line: a heading to type over
      replaceRange(box, start, end, "## Heading", start + 3, start + 10);
      return;
    }
    const lines = box.value.slice(start, end).split("\n");
    const allHeadings = lines.every((line) => !line.trim() || /^## /.test(line));
    changeLines(box, (line) => {
      if (!line.trim()) return line;
      return allHeadings ? line.replace(/^## /, "") : "## " + line.replace(/^\s{0,3}#{1,6}\s+/, "");
    });
  }

  function list(box) {
    const { start, end } = selectedLines(box);
    if (start === end) {
      replaceRange(box, start, end, "- ", start + 2, start + 2);
      return;
    }
    const lines = box.value.slice(start, end).split("\n");
    const allItems = lines.every((line) => !line.trim() || /^\s*[-*+] /.test(line));
    changeLines(box, (line) => {
      if (!line.trim()) return line;
      return allItems ? line.replace(/^(\s*)[-*+] /, "$1") : "- " + line;
    });
  }

  function code(box) {
    const selected = box.value.slice(box.selectionStart, box.selectionEnd);
    if (selected.includes("\n")) {
      const { selectionStart: start, selectionEnd: end } = box;
      const lead = start === 0 || box.value[start - 1] === "\n" ? "" : "\n";
      const fenced = `${lead}\`\`\`\n${selected.replace(/\n$/, "")}\n\`\`\`\n`;
      replaceRange(box, start, end, fenced, start + lead.length + 4, start + lead.length + 4 + selected.replace(/\n$/, "").length);
    } else {
      wrap(box, "`", "`", "code");
    }
  }

  function link(box) {
    const { value, selectionStart: start, selectionEnd: end } = box;
    const selected = value.slice(start, end);
    if (/^(https?:\/\/|\/)\S*$/.test(selected)) {  // an address selected: it becomes the target
      const text = `[link text](${selected})`;
      replaceRange(box, start, end, text, start + 1, start + 10);
      return;
    }
    const label = selected || "link text";
    const text = `[${label}](https://)`;
    const target = start + label.length + 3;
    replaceRange(box, start, end, text, target, target + 8);
  }

  function indent(box) {
    changeLines(box, (line) => (line ? INDENT + line : line));
  }

  function outdent(box) {
    changeLines(box, (line) => line.replace(/^(\t| {1,4})/, ""));
  }

  /** Insert an image's Markdown as a paragraph of its own, its alt placeholder selected
      so that the editor types the description straight away. */
  function insertImage(box, imageCode) {
    const { value, selectionStart: start, selectionEnd: end } = box;
    const before = value.slice(0, start);
    const after = value.slice(end);
    const lead = !before || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const trail = !after || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    const text = lead + imageCode + trail;
    const alt = imageCode.indexOf(ALT_PLACEHOLDER);
    if (alt === -1) {
      replaceRange(box, start, end, text);
    } else {
      const altStart = start + lead.length + alt;
      replaceRange(box, start, end, text, altStart, altStart + ALT_PLACEHOLDER.length);
    }
  }

  // --- messages beside the editor -------------------------------------------

  function makeStatus() {
    const region = document.createElement("div");
    region.className = "editor-status";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    const progress = document.createElement("progress");
    progress.className = "editor-upload-progress";
    progress.max = 1;
    progress.hidden = true;
    progress.setAttribute("aria-label", "Upload progress");
    return {
      region,
      progress,
      clear() {
        region.replaceChildren();
      },
      /** Add a message; returns a function that rewrites it (an upload's outcome). */
      add(text, kind = "info") {
        const message = document.createElement("p");
        const write = (newText, newKind) => {
          message.className = `editor-message editor-message-${newKind}`;
          message.textContent = newText;
        };
        write(text, kind);
        region.append(message);
        return write;
      },
    };
  }

  // --- image uploads ---------------------------------------------------------

  function csrfToken(form) {
    return form?.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
  }

  /** POST one file to the staff-only upload view (editorial/editor.py); resolves to
      its Markdown, rejects with the server's own words. */
  function upload(url, token, file, onProgress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", url);
      request.responseType = "json";
      request.setRequestHeader("Accept", "application/json");
      request.setRequestHeader("X-CSRFToken", token);
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      });
      request.addEventListener("load", () => {
        const answer = request.response;
        if (request.status === 200 && answer?.image_code) {
          resolve(answer.image_code);
        } else if (answer?.error) {
          reject(new Error(answer.error));
        } else if (request.status === 413) {
          reject(new Error("The file is too large to upload."));
        } else {
          reject(new Error(`The server could not take the file (error ${request.status}).`));
        }
      });
      request.addEventListener("error", () => reject(new Error("The server could not be reached.")));
      const data = new FormData();
      data.append("image", file);
      data.append("csrfmiddlewaretoken", token);
      request.send(data);
    });
  }

  function makeUploader(box, status) {
    const url = box.getAttribute("data-markdownx-upload-urls-path");
    let queue = Promise.resolve();

    async function send(file) {
      const name = file.name || "the image";
      const report = status.add(`Uploading ${name}…`);
      status.progress.value = 0;
      status.progress.removeAttribute("value");  // indeterminate until the first progress event
      status.progress.hidden = false;
      box.setAttribute("aria-busy", "true");
      try {
        const imageCode = await upload(url, csrfToken(box.form), file, (done) => { status.progress.value = done; });
        insertImage(box, imageCode);
        report(`${name} was added. Its description is selected: type what the image shows.`, "success");
      } catch (error) {
        report(`${name} was not added: ${error.message} The text was not changed.`, "error");
      } finally {
        status.progress.hidden = true;
        box.removeAttribute("aria-busy");
      }
    }

    // Each batch (one pick, drop or paste) reports each of its files.
    let waiting = 0;
    return (files) => {
      if (!waiting) status.clear();
      waiting += files.length;
      for (const file of files) queue = queue.then(() => send(file)).finally(() => { waiting -= 1; });
      return queue;
    };
  }

  function filesOf(transfer) {
    return transfer ? Array.from(transfer.files || []) : [];
  }

  // --- "Link a term" ----------------------------------------------------------

  function slugify(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  async function termExists(checkUrl, slug) {
    if (!checkUrl) return true;
    try {
      const response = await fetch(`${checkUrl}?${new URLSearchParams({ glossary: slug })}`, {
        credentials: "same-origin", headers: { Accept: "application/json" },
      });
      if (!response.ok) return true;  // a failed check only means no warning
      const data = await response.json();
      return !(data.missing?.glossary || []).includes(slug);
    } catch {
      return true;
    }
  }

  function field(labelText, id, hint) {
    const wrapper = document.createElement("p");
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = labelText;
    const input = document.createElement("input");
    input.type = "text";
    input.id = id;
    input.autocomplete = "off";
    wrapper.append(label, input);
    if (hint) {
      const help = document.createElement("span");
      help.className = "editor-dialog-hint";
      help.id = `${id}-hint`;
      help.textContent = hint;
      input.setAttribute("aria-describedby", help.id);
      wrapper.append(help);
    }
    return { wrapper, input };
  }

  function makeTermDialog(box, prefix) {
    const dialog = document.createElement("dialog");
    dialog.className = "editor-dialog";
    dialog.setAttribute("aria-labelledby", "editor-term-title");
    const form = document.createElement("form");
    form.method = "dialog";
    const title = document.createElement("h2");
    title.id = "editor-term-title";
    title.textContent = "Link a term";
    const term = field("Term", "editor-term-name", `Its name as the glossary shows it, or its address (${prefix}…/).`);
    const text = field("Link text", "editor-term-text", "The words the link shows; the term's name if left empty.");
    const problem = document.createElement("p");
    problem.className = "editor-message editor-message-error";
    problem.id = "editor-term-problem";
    problem.setAttribute("role", "alert");
    problem.hidden = true;
    const actions = document.createElement("p");
    actions.className = "editor-dialog-actions";
    const insert = document.createElement("button");
    insert.type = "submit";
    insert.className = "editor-tool";
    insert.textContent = "Insert link";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "editor-tool";
    cancel.textContent = "Cancel";
    cancel.addEventListener("click", () => dialog.close());
    actions.append(insert, cancel);
    form.append(title, term.wrapper, text.wrapper, problem, actions);
    dialog.append(form);
    document.body.append(dialog);

    let selection = [0, 0];
    const addressRe = new RegExp(`^(?:https?://[^/]+)?${prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}([a-z0-9-]+)/?$`);

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const wanted = term.input.value.trim();
      const address = wanted.match(addressRe);
      const slug = address ? address[1] : slugify(wanted);
      if (!slug) {
        problem.textContent = "Write the term's name or address.";
        problem.hidden = false;
        term.input.focus();
        return;
      }
      insert.disabled = true;
      const exists = await termExists(box.dataset.linkCheckUrl, slug);
      insert.disabled = false;
      if (!exists) {
        problem.textContent = `No term has the address ${prefix}${slug}/. Check the name, or give the term's address.`;
        problem.hidden = false;
        term.input.focus();
        return;
      }
      dialog.close();
      const label = text.input.value.trim() || (address ? slug : wanted);
      const markdown = `[${label}](${prefix}${slug}/)`;
      replaceRange(box, selection[0], selection[1], markdown);
    });
    dialog.addEventListener("close", () => box.focus());

    return () => {
      selection = [box.selectionStart, box.selectionEnd];
      const selected = box.value.slice(selection[0], selection[1]);
      term.input.value = selected.includes("\n") ? "" : selected;
      text.input.value = selected.includes("\n") ? "" : selected;
      problem.hidden = true;
      dialog.showModal();
      term.input.focus();
    };
  }

  // --- the toolbar -------------------------------------------------------------

  function shortcutText(shortcut) {
    return MOD_LABEL + (shortcut.shift ? "Shift+" : "") + shortcut.label;
  }

  function ariaShortcut(shortcut) {
    return [MOD_NAME, shortcut.shift ? "Shift" : null, shortcut.label].filter(Boolean).join("+");
  }

  function matches(event, shortcut) {
    if (!(IS_MAC ? event.metaKey : event.ctrlKey) || event.altKey || event.shiftKey !== !!shortcut.shift) return false;
    return shortcut.code ? event.code === shortcut.code : event.key.toLowerCase() === shortcut.key;
  }

  function makeToolbar(actions) {
    const toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Format the body");
    toolbar.setAttribute("aria-controls", actions[0].box.id);
    const buttons = actions.map((action, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `editor-tool editor-tool-${action.name}`;
      button.textContent = action.label;
      button.tabIndex = index === 0 ? 0 : -1;
      if (action.shortcut) {
        button.title = `${action.label} (${shortcutText(action.shortcut)})`;
        button.setAttribute("aria-keyshortcuts", ariaShortcut(action.shortcut));
      } else {
        button.title = action.label;
      }
      if (action.popup) button.setAttribute("aria-haspopup", "dialog");
      button.addEventListener("click", () => action.run());
      toolbar.append(button);
      return button;
    });

    // One Tab stop; arrow keys, Home and End move along it (the ARIA toolbar pattern).
    toolbar.addEventListener("keydown", (event) => {
      const current = buttons.indexOf(document.activeElement);
      if (current === -1) return;
      const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = buttons[(next + buttons.length) % buttons.length];
      buttons.forEach((button) => { button.tabIndex = button === target ? 0 : -1; });
      target.focus();
    });
    toolbar.addEventListener("focusin", (event) => {
      if (buttons.includes(event.target)) buttons.forEach((button) => { button.tabIndex = button === event.target ? 0 : -1; });
    });
    return toolbar;
  }

  function makeFilePicker(send) {
    const picker = document.createElement("input");
    picker.type = "file";
    picker.accept = "image/*";  // a phone offers its photos and camera
    picker.multiple = true;
    picker.hidden = true;
    picker.setAttribute("aria-label", "Image to insert");
    picker.addEventListener("change", (event) => {
      event.stopPropagation();  // picking is no edit: the unsaved-changes guard waits for the text
      const files = Array.from(picker.files || []);
      picker.value = "";  // the same file can be picked again
      if (files.length) send(files);
    });
    return picker;
  }

  function setUp(box) {
    const wrapper = box.closest(".markdownx");
    if (!wrapper || !box.id) return;
    const status = makeStatus();
    const send = makeUploader(box, status);
    const picker = makeFilePicker(send);
    const prefix = box.dataset.glossaryPrefix;
    const openTermDialog = prefix ? makeTermDialog(box, prefix) : null;

    const actions = [
      { name: "heading", label: "Heading", shortcut: { key: "h", shift: true, label: "H" }, run: () => heading(box) },
      { name: "bold", label: "Bold", shortcut: { key: "b", label: "B" }, run: () => wrap(box, "**", "**", "bold text") },
      { name: "italic", label: "Italic", shortcut: { key: "i", label: "I" }, run: () => wrap(box, "_", "_", "italic text") },
      { name: "link", label: "Link", shortcut: { key: "k", label: "K" }, run: () => link(box) },
      { name: "list", label: "List", shortcut: { code: "Digit8", shift: true, label: "8" }, run: () => list(box) },
      { name: "code", label: "Code", shortcut: { key: "e", label: "E" }, run: () => code(box) },
      { name: "indent", label: "Indent", shortcut: { key: "]", label: "]" }, run: () => indent(box) },
      { name: "outdent", label: "Outdent", shortcut: { key: "[", label: "[" }, run: () => outdent(box) },
      { name: "image", label: "Insert image", shortcut: { key: "g", shift: true, label: "G" }, popup: true,
        run: () => picker.click() },
    ];
    if (openTermDialog) {
      actions.push({ name: "term", label: "Link a term", shortcut: { key: "l", shift: true, label: "L" }, popup: true,
        run: openTermDialog });
    }
    actions.forEach((action) => { action.box = box; });

    const bar = document.createElement("div");
    bar.className = "editor-bar";
    bar.append(makeToolbar(actions), picker, status.progress, status.region);
    wrapper.prepend(bar);
    box.setAttribute("aria-describedby", [box.getAttribute("aria-describedby"), "editor-shortcuts"].filter(Boolean).join(" "));
    const hint = document.createElement("p");
    hint.id = "editor-shortcuts";
    hint.className = "editor-shortcuts";
    hint.textContent = `Tab leaves the text box. ${MOD_LABEL}] and ${MOD_LABEL}[ indent and outdent lines; `
      + "drop, paste or insert images with the toolbar.";
    bar.append(hint);

    // Runs before markdownx's own listeners on the text box (capture on an ancestor).
    wrapper.addEventListener("keydown", (event) => {
      if (event.target !== box) return;
      if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.stopPropagation();  // markdownx never sees it; the browser moves focus
        return;
      }
      const action = actions.find((candidate) => candidate.shortcut && matches(event, candidate.shortcut));
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      action.run();
    }, true);

    // Files dropped or pasted on the text box: uploaded here, never by markdownx.
    wrapper.addEventListener("drop", (event) => {
      if (event.target !== box) return;
      const files = filesOf(event.dataTransfer);
      if (!files.length) return;
      event.preventDefault();
      event.stopPropagation();
      send(files);
    }, true);
    wrapper.addEventListener("paste", (event) => {
      if (event.target !== box) return;
      const files = filesOf(event.clipboardData);
      if (!files.length) return;
      event.preventDefault();
      event.stopPropagation();
      send(files);
    }, true);
  }

  function start() {
    document.querySelectorAll("textarea.markdownx-editor").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
