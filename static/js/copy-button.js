// "Copy" beside a read-only address (the review link page): copies it with the
// Clipboard API and says so in a status line screen readers announce. The button
// stays hidden where the API is missing; the address can still be selected and
// copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) {
    return;
  }
  for (const button of document.querySelectorAll("button[data-copy-from]")) {
    const source = document.getElementById(button.dataset.copyFrom);
    const status = document.getElementById(button.dataset.copyStatus);
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.value);
        status.textContent = "Copied to the clipboard.";
      } catch {
        source.focus();
        source.select();
        status.textContent = "Could not copy: the address is selected, copy it with Ctrl+C (⌘C on a Mac).";
      }
    });
  }
});
