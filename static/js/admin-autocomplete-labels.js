/* Django's autocomplete boxes (select2) leave their search box without a name and
   put a non-item in their list of choices; screen readers and axe need both
   fixed. Runs on each box select2 builds, now or later (inlines add more). */
const nameOfSelect = (select) => {
  const label = select.id ? document.querySelector(`label[for="${select.id}"]`) : null;
  return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
};

const labelAutocomplete = (container) => {
  const select = container.previousElementSibling;
  if (!select || select.tagName !== "SELECT") {
    return;
  }
  const name = nameOfSelect(select);
  for (const search of container.querySelectorAll(".select2-search__field:not([aria-label])")) {
    search.setAttribute("aria-label", `Search for ${name.toLowerCase()}`);
  }
  for (const choices of container.querySelectorAll("ul.select2-selection__rendered:not([role])")) {
    choices.setAttribute("role", "list");
    choices.setAttribute("aria-label", name);
  }
  for (const rendered of container.querySelectorAll("span.select2-selection__rendered[role=textbox]")) {
    rendered.setAttribute("aria-label", name);
  }
};

const labelAll = () => {
  for (const container of document.querySelectorAll(".select2-container")) {
    labelAutocomplete(container);
  }
};

const watchForAutocompletes = () => {
  labelAll();
  new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
};

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", watchForAutocompletes);
} else {
  watchForAutocompletes();
}
