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

// On a narrow screen the main menu folds away behind the Menu toggle of the header (site.css);
// the toggle opens and closes it in place. Without a script the toggle, a link to #site-menu,
// still opens it through :target.
function menuSet(toggle, open) {
  const menu = document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) return;
  menu.classList.toggle("open", open);
  toggle.setAttribute("aria-expanded", String(open));
  if (!open && location.hash === "#" + menu.id) {
    history.replaceState(null, "", location.pathname + location.search);
  }
}

document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".menu-toggle");
  if (!toggle) return;
  event.preventDefault();
  menuSet(toggle, toggle.getAttribute("aria-expanded") !== "true");
});

document.addEventListener("keydown", (event) => {
  const toggle = document.querySelector(".menu-toggle");
  if (!toggle) return;
  if (event.key === " " && event.target === toggle) {
    event.preventDefault(); // a link acting as a button answers the space bar too
    menuSet(toggle, toggle.getAttribute("aria-expanded") !== "true");
  } else if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
    menuSet(toggle, false);
    toggle.focus();
  }
});

document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  if (toggle && location.hash === "#site-menu") menuSet(toggle, true);
});
