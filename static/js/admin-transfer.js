// The Import screen while an import is applied in the background: the page asks
// the server for itself again every few seconds and swaps in its status and
// report, announcing the new status, until the import is over. Without
// JavaScript the page offers a refresh link instead.
const POLL_EVERY_MS = 2000;

const swapIn = (fresh, id) => {
  const current = document.getElementById(id);
  const replacement = fresh.getElementById(id);
  if (current && replacement) {
    current.replaceWith(document.importNode(replacement, true));
  }
};

const pollImport = async () => {
  const status = document.getElementById("import-status");
  if (!status || !status.hasAttribute("data-poll")) {
    return;
  }
  let fresh;
  try {
    const response = await fetch(window.location.href, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
      cache: "no-store",
    });
    if (!response.ok) {
      throw new Error(`status ${response.status}`);
    }
    fresh = new DOMParser().parseFromString(await response.text(), "text/html");
  } catch {
    window.setTimeout(pollImport, POLL_EVERY_MS * 2); // a hiccup: try again, a little later
    return;
  }
  const freshStatus = fresh.getElementById("import-status");
  if (freshStatus && freshStatus.dataset.state !== status.dataset.state) {
    swapIn(fresh, "import-status");
    swapIn(fresh, "import-report");
    // The new state is announced; the count going up is only shown.
    const heading = document.querySelector("#import-status h2");
    document.getElementById("import-announce").textContent = heading ? heading.textContent : "";
  } else if (freshStatus && freshStatus.dataset.progress !== status.dataset.progress) {
    swapIn(fresh, "import-status");
  }
  window.setTimeout(pollImport, POLL_EVERY_MS);
};

document.addEventListener("DOMContentLoaded", () => {
  window.setTimeout(pollImport, POLL_EVERY_MS);
});
