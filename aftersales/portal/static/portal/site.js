// The few behaviours of the portal that need a script; no inline scripts (Content-Security-Policy).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelector("[data-scroll-into-view]")?.scrollIntoView();
});
