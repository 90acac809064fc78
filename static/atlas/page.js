/* Calais Atlas, the page itself: an ES module that Streamlit runs in the page (st.components.v2, mounted by
 * components/ui/page_scripts.py on every page), called again whenever its data ({lang}) changes.
 * - The page's language: Streamlit always declares <html lang="en">; screen readers then read French as English.
 * - Focus after a rerun: a button pressed in a keyed container (a caption's "Show on map") may be drawn anew, and
 *   focus falls to <body>; it is given back to the same container's button once that is drawn, within a few seconds.
 */
function keepFocus() {
  var wanted = null, until = 0;
  function keyOf(element) {
    var box = element.closest && element.closest("[class*='st-key-']");
    if (!box) { return null; }
    return Array.prototype.find.call(box.classList, function (name) { return name.indexOf("st-key-") === 0; }) || null;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    wanted = button ? keyOf(button) : null;
    until = Date.now() + 5000;
  }, true);
  new MutationObserver(function () {
    if (!wanted || Date.now() > until || (document.activeElement && document.activeElement !== document.body)) { return; }
    var box = document.querySelector("." + CSS.escape(wanted)), button = box && box.querySelector("button");
    if (button) { button.focus(); wanted = null; }
  }).observe(document.body, {childList: true, subtree: true});
}

export default function (component) {
  document.documentElement.lang = component.data && component.data.lang === "fr" ? "fr" : "en";
  // Once per page load: the listeners outlive a rerun, and the page's scripts are mounted again on every page.
  if (!window.atlasFocusKept) {
    window.atlasFocusKept = true;
    keepFocus();
  }
}
