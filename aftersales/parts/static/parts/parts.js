// The parts catalogue's one behaviour (no inline scripts: Content-Security-Policy).
// Inside a [data-highlight-scope], every element with the same data-highlight value (a hotspot
// of the drawing and the rows of its position) lights up together when one of them is clicked,
// and the other side is scrolled into view. Without a script the links still jump (#pos-N).
document.addEventListener("click", (event) => {
  const source = event.target.closest("[data-highlight]");
  const scope = source && source.closest("[data-highlight-scope]");
  if (!scope) return;
  const key = source.getAttribute("data-highlight");
  const matches = [...scope.querySelectorAll("[data-highlight]")].filter(
    (element) => element.getAttribute("data-highlight") === key,
  );
  scope.querySelectorAll(".is-highlighted").forEach((element) => element.classList.remove("is-highlighted"));
  matches.forEach((element) => element.classList.add("is-highlighted"));
  if (event.target.closest("input, button, select, textarea, label")) return; // adding: stay
  const link = event.target.closest("a[href^='#']");
  if (link) event.preventDefault();
  const inRow = source.closest("tr");
  const other = matches.find((element) => element !== source && !element.contains(source) && !source.contains(element) && element.closest("tr") !== inRow);
  other?.scrollIntoView({ block: "nearest", behavior: "smooth" });
});
