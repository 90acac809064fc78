/* Calais Atlas, Back and Forward: which writes of the link make a browser history entry.
 *
 * Streamlit's frontend writes the link the server sets (st.query_params) with history.pushState, one entry per
 * change, and on Back or Forward reruns the script with the entry's link, which the atlas then applies
 * (components/ui/state.py). Two writes are not steps a person took, and replace the current entry instead:
 * - the first link of a session, when the atlas completes the address it was opened with ("/" becomes
 *   "/?date=..."): otherwise Back from the first view would land on "/", the same view, and seem to do nothing;
 * - Play's ticks after the first: playing adds one entry, so Back after Play returns to where Play started, and
 *   ten minutes of playback do not bury the views before it.
 * When this script arrives after Streamlit has already pushed the first link (the two race on a page load), that
 * entry is marked, and Back from it skips the load entry behind it: the atlas is left at once.
 * An ES module that Streamlit runs in the page (st.components.v2, components/ui/page_scripts.py), called again
 * whenever its data changes: {first: the link the session's first run writes, or null; play: Play is running}.
 */
var FOREIGN = ["embed", "embed_options"];  // Streamlit's own parameters, kept as they are by the atlas

function sameLink(search, wanted) {
  var params = new URLSearchParams(search), names = [];
  params.forEach(function (value, name) { if (FOREIGN.indexOf(name) < 0) { names.push(name); } });
  var keys = Object.keys(wanted);
  return names.length === keys.length && keys.every(function (name) { return params.get(name) === wanted[name]; });
}

function install() {
  var atlas = {first: null, play: false, playPushed: false, here: history.state};
  var push = history.pushState, replace = history.replaceState;
  function replaces(target) {
    if (target.pathname !== location.pathname) { return false; }  // a page change is always an entry
    // The page's load entry is the only one whose state is null: Streamlit gives every entry it pushes {}.
    if (atlas.first && history.state === null && sameLink(target.search, atlas.first)) {
      atlas.first = null;
      return true;
    }
    if (!atlas.play) { return false; }
    if (atlas.playPushed) { return true; }
    atlas.playPushed = true;
    return false;
  }
  history.pushState = function (state, title, url) {
    var replacing = url !== undefined && url !== null && replaces(new URL(url, location.href));
    (replacing ? replace : push).apply(history, arguments);
    atlas.here = history.state;
  };
  history.replaceState = function () {
    replace.apply(history, arguments);
    atlas.here = history.state;
  };
  // After Streamlit's own listener (added first), which reruns the script with the entry's link.
  window.addEventListener("popstate", function (event) {
    var from = atlas.here;
    atlas.here = history.state;
    if (event.state === null && from && from.atlasFirstLink) { history.back(); }
  });
  atlas.markFirst = function () {
    var state = Object.assign({}, history.state, {atlasFirstLink: true});
    replace.call(history, state, "", location.href);
    atlas.here = state;
  };
  return atlas;
}

export default function (component) {
  var atlas = window.atlasHistory || (window.atlasHistory = install());
  var data = component.data || {};
  if (data.first && !atlas.firstSeen) {
    atlas.firstSeen = true;  // once a page load: a later call may come with the same data, after steps
    if (history.state !== null && sameLink(location.search, data.first)) {
      atlas.markFirst();  // Streamlit pushed the first link before this script was in the page
    } else {
      atlas.first = data.first;
    }
  }
  if (!data.play) { atlas.playPushed = false; }
  atlas.play = Boolean(data.play);
  // Unmounted (the check page): no Play. Called again with new data, the play it reports carries on as one entry.
  return function () { atlas.play = false; };
}
