// Progressive enhancement only: every page works without this file.

// The header menu is a <details>; wide screens show its content through ::details-content. Browsers without that
// pseudo-element keep it open on wide screens instead.
(() => {
  const menu = document.querySelector("header details.menu");
  if (!menu || (window.CSS && CSS.supports("selector(::details-content)"))) return;
  const wide = window.matchMedia("(min-width: 64rem)");
  const follow = () => { menu.open = wide.matches; };
  follow();
  wide.addEventListener("change", follow);
})();

// The error summary of a failed submit (_ErrorSummary.cshtml) takes the focus (autofocus does it too; this covers
// browsers that ignore autofocus on a non-form element). GOV.UK: a link of the summary puts the cursor in its field
// (a fragment alone only scrolls to it); a radio group's link leads to its fieldset, and so to its first radio.
(() => {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    const field = target.matches("input, textarea, select") ? target : target.querySelector("input, textarea, select, button");
    if (!field) return;
    event.preventDefault();
    target.scrollIntoView();
    field.focus();
  });
})();
