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
