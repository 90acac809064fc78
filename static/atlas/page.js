/* Calais Atlas, the page itself (loaded from a zero-height components.html frame by components/ui/pages.py).
 * - The page's language: Streamlit always declares <html lang="en">; screen readers then read French as English.
 * - Focus after a rerun: a button pressed in a keyed container (a caption's "Show on map") may be drawn anew, and
 *   focus falls to <body>; it is given back to the same container's button once that is drawn, within a few seconds.
 */
(function () {
  "use strict";
  var script = document.currentScript, host = window.parent, page = host.document;
  page.documentElement.lang = script.dataset.lang === "fr" ? "fr" : "en";
  if (host.atlasFocusKept) { return; }
  host.atlasFocusKept = true;
  var wanted = null, until = 0;
  function keyOf(element) {
    var box = element.closest && element.closest("[class*='st-key-']");
    if (!box) { return null; }
    return Array.prototype.find.call(box.classList, function (name) { return name.indexOf("st-key-") === 0; }) || null;
  }
  page.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    wanted = button ? keyOf(button) : null;
    until = Date.now() + 5000;
  }, true);
  new MutationObserver(function () {
    if (!wanted || Date.now() > until || (page.activeElement && page.activeElement !== page.body)) { return; }
    var box = page.querySelector("." + CSS.escape(wanted)), button = box && box.querySelector("button");
    if (button) { button.focus(); wanted = null; }
  }).observe(page.body, {childList: true, subtree: true});
})();
