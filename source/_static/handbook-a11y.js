// Keyboard access to furo's drawers (site navigation, page contents) on narrow screens.
// Furo opens them with <label for="checkbox"> and hides the checkboxes, which only a
// mouse or a finger can use. Each visible toggle becomes a button that announces its
// state. An open drawer covers the page, so the page behind it is made inert and focus
// moves into the drawer; Escape closes it and gives focus back to its toggle.
"use strict";

const drawers = {
  __navigation: {drawer: ".sidebar-drawer", behind: [".mobile-header", ".main"]},
  __toc: {drawer: ".toc-drawer", behind: [".mobile-header", ".sidebar-drawer", ".content"]},
};
const drawerToggles = [...document.querySelectorAll(".nav-overlay-icon, .toc-overlay-icon")];

function shownToggle(box) {
  return drawerToggles.find((label) => label.htmlFor === box.id && label.offsetParent !== null);
}

for (const [id, parts] of Object.entries(drawers)) {
  const box = document.getElementById(id);
  if (box === null) continue;
  box.addEventListener("change", () => {
    for (const selector of parts.behind) {
      document.querySelector(selector)?.toggleAttribute("inert", box.checked);
    }
    if (!box.checked) return;
    const inside = document.querySelector(parts.drawer)?.querySelectorAll("a[href], input") ?? [];
    [...inside].find((control) => control.getClientRects().length)?.focus();
  });
}

for (const toggle of drawerToggles) {
  const box = document.getElementById(toggle.htmlFor);
  if (box === null) continue;
  const sync = () => toggle.setAttribute("aria-expanded", String(box.checked));
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-label", box.getAttribute("aria-label"));
  toggle.tabIndex = 0;
  sync();
  box.addEventListener("change", sync);
  toggle.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      box.click();
    }
  });
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const box of document.querySelectorAll(".sidebar-toggle:checked")) {
    box.click();
    shownToggle(box)?.focus();
  }
});
