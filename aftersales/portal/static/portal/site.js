// The few behaviours of the portal that need a script; no inline scripts (Content-Security-Policy).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("[data-scroll-into-view]")?.scrollIntoView();
});

// A button with data-reveal="<id>" shows that hidden section at once instead of asking the
// server for it (the consent step of the order base); without a script the button submits.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-reveal]");
  const section = button && document.getElementById(button.dataset.reveal);
  if (!section) return;
  event.preventDefault();
  section.hidden = false;
  section.scrollIntoView();
  section.querySelector("input, button")?.focus();
});
