/* Calais Atlas: the live map's layers, kept in the map frame for the whole visit and updated in place.
 *
 * The protocol is static/atlas/PROTOCOL.md (Python: components/map/protocol.py). The base map calls atlas.init once
 * per map with the base config; every step then calls atlas.apply with the step's state (components/map/step.py).
 * Each item comes with its key: an item whose key and content are unchanged since the last step keeps its Leaflet
 * layer, only what changed is removed and drawn, so a long session holds no more layers than its date shows. The
 * What is the same at every date (context places, uncertainty rings) comes once, as a base part kept here by its key;
 * a step names the base part it is built on and carries only the rest. A step built on a base part this map does
 * not hold is drawn with what it carries, and the map asks Python for the base part, which the next step brings. The
 * one layer control is made here once; streamlit-folium's own would be replaced, and leak its click listener, on
 * every step. The state's `visible` is the one truth for the layers shown: a layer the viewer ticks or unticks in
 * the control is sent to Python, which makes it the view's (the sidebar and the link follow) and sends it back.
 *
 * The map sends messages through Streamlit's component value (window.Streamlit is streamlit-folium's component
 * library; it sends nothing itself when asked for no returned objects): ids, never text.
 *
 * Every text in a state is HTML that Python escaped (components/model/escaping.py); nothing here builds markup
 * from data except by joining those strings.
 */
(function () {
  "use strict";
  var VERSION = 6;  // components/map/protocol.py's VERSION
  var NOTICE = {
    en: "This map cannot draw what the atlas sent (protocol version {got}; it draws version {v}). Reload the page.",
    fr: "Cette carte ne peut pas dessiner ce que l'atlas a envoyé (protocole version {got} ; elle dessine la version {v}). Rechargez la page."
  };
  var atlas = (window.atlas = window.atlas || {});
  atlas.VERSION = VERSION;
  atlas.seq = 0;

  // A message to Python: numbered, so that the same click twice is two messages (a component value that does not
  // change is not sent). Time-based, so that a new map frame does not start again where an old one was.
  function send(message) {
    var streamlit = window.Streamlit;
    if (!streamlit || typeof streamlit.setComponentValue !== "function") { return; }  // the exported file
    atlas.seq = Math.max(atlas.seq + 1, Date.now());
    streamlit.setComponentValue(Object.assign({v: VERSION, seq: atlas.seq}, message));
  }

  // A config or state of another version is not drawn, half-drawn or guessed at: the map says so, and tells Python.
  function mismatch(container, got) {
    atlas.broken = true;
    send({kind: "mismatch", got: got === undefined ? null : got});
    if (!container || container.querySelector(".atlas-protocol-notice")) { return; }
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    var note = document.createElement("div");
    note.className = "atlas-protocol-notice";
    note.setAttribute("role", "alert");
    note.style.cssText = "position:absolute;z-index:1000;top:10px;left:50px;right:50px;padding:8px 12px;" +
      "background:var(--atlas-paper);border:2px solid var(--atlas-highlight);color:var(--atlas-ink);font:14px/1.4 sans-serif";
    note.textContent = (NOTICE[lang] || NOTICE.en).replace("{got}", String(got)).replace("{v}", String(VERSION));
    container.appendChild(note);
  }

  function styleOf(styles, it) {
    return Object.assign({}, styles[it.style] || {}, it.options || {});
  }

  function iconOf(it) {
    var icon = Object.assign({}, it.icon);
    icon.html = (it.sym ? atlas.cfg.symbols[it.sym] : "") + (icon.html || "");
    return L.divIcon(icon);
  }

  function makeLayer(styles, it) {
    var layer;
    if (it.type === "circle") {
      layer = L.circleMarker([it.lat, it.lon], styleOf(styles, it));
    } else if (it.type === "ring") {
      layer = L.circle([it.lat, it.lon], styleOf(styles, it));
    } else {
      var interactive = it.interactive !== false;
      layer = L.marker([it.lat, it.lon], {icon: iconOf(it), interactive: interactive, keyboard: interactive});
    }
    if (it.tooltip) { layer.bindTooltip(it.tooltip, {sticky: !!it.sticky}); }
    if (it.popup) { layer.bindPopup(new ClearPopup().setContent(it.popup)); }
    if (it.tooltip && it.popup) { quietTooltip(layer); }
    if (it.place) {
      layer.on("click", function () {
        if (!atlas.report) { return; }  // a preview or the exported file: the popup opens, nothing is selected
        atlas.clicked = it.k;
        atlas.pickedPlace = it.place;
        send({kind: "click", place: it.place});
      });
    }
    // What a click reaches (a place to select, or a popup of its own: an IOM incident) is reached by keyboard too.
    if (it.tooltip && (it.place || it.popup)) { layer.on("add", function () { reachable(layer, it.tooltip); }); }
    return layer;
  }

  // Leaflet paints its controls above its panes, and a popup is in a pane: whatever its z-index, a popup that reaches
  // the zoom buttons, the legend or the layer control is cut by them. So a popup opens clear of them: panned below the
  // top corners' controls and above the bottom corners' (autoPan's paddings, measured as it opens, since the legend's
  // width follows the language), no taller or wider than the room between (it scrolls), and an open legend folds
  // first: the popup is what the viewer asked for last.
  var POPUP_GAP = 8, POPUP_WIDTH = 380;
  var POPUP_FRAME = {x: 20 + 24 + 2, y: 13 + 13 + 2 + 20 + 7};  // leaflet.css: content margins, border, tip; the offset

  function controlsClearance(map) {
    var container = map.getContainer(), frame = container.getBoundingClientRect(), top = 0, bottom = 0;
    Array.prototype.forEach.call(container.querySelectorAll(".leaflet-control"), function (el) {
      var box = el.getBoundingClientRect();
      if (!box.height) { return; }
      if (el.closest(".leaflet-top")) { top = Math.max(top, box.bottom - frame.top); }
      else { bottom = Math.max(bottom, frame.bottom - box.top); }
    });
    return {top: top + POPUP_GAP, bottom: bottom + POPUP_GAP};
  }

  var ClearPopup = L.Popup.extend({
    onAdd: function (map) {
      var legend = map.getContainer().querySelector("details.atlas-legend[open]");
      if (legend) { legend.open = false; }
      L.Popup.prototype.onAdd.call(this, map);
    },
    _updateLayout: function () {
      var map = this._map, clear = controlsClearance(map), size = map.getSize();
      this.options.autoPanPaddingTopLeft = [POPUP_GAP, clear.top];
      this.options.autoPanPaddingBottomRight = [POPUP_GAP, clear.bottom];
      this.options.maxWidth = Math.max(120, Math.min(POPUP_WIDTH, size.x - 2 * POPUP_GAP - POPUP_FRAME.x));
      this.options.maxHeight = Math.max(80, size.y - clear.top - clear.bottom - POPUP_FRAME.y);
      L.Popup.prototype._updateLayout.call(this);
    }
  });

  // A marker's tooltip says in short what its popup says in full, and would lie over it: hidden while the popup is
  // open, also when the pointer comes back over the marker (the tooltip then opens hidden).
  function quietTooltip(layer) {
    function quiet(on) {
      var tooltip = layer.getTooltip(), el = tooltip && tooltip.getElement();
      if (el) { el.classList.toggle("atlas-tooltip-quiet", on); }
    }
    layer.on("popupopen", function () { layer.closeTooltip(); });
    layer.on("tooltipopen", function () { quiet(layer.isPopupOpen()); });
    layer.on("popupclose", function () { quiet(false); });
  }

  // The tooltip's words, as plain text: parsed in an inert document, so nothing in it loads or runs.
  function plain(html) {
    var lines = html.replace(/<br\s*\/?>/gi, " · ");  // the line breaks of our own markup, as a reader would say them
    return (new DOMParser().parseFromString(lines, "text/html").body.textContent || "").replace(/\s+/g, " ").trim();
  }

  // A marker a click selects is a named button a keyboard reaches, and Enter or Space on it does what a click does.
  // Leaflet makes icon markers focusable, but its Enter on them only opens a popup (Leaflet 1.9: _onKeyPress), and a
  // circle (an SVG path) is not focusable at all: both get focus, and Enter or Space as a click, here.
  function reachable(layer, tooltip) {
    var el = layer.getElement && layer.getElement();
    if (!el) { return; }
    el.setAttribute("aria-label", plain(tooltip).slice(0, 300));
    el.setAttribute("role", "button");
    if (el.atlasKeyboard) { return; }
    el.atlasKeyboard = true;
    var isPath = el.tagName.toLowerCase() === "path";
    if (isPath) { el.setAttribute("tabindex", "0"); }
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {  // default prevented: Leaflet's keypress does not follow
        e.preventDefault();
        layer.fire("click", {latlng: layer.getLatLng(), originalEvent: e});
      }
    });
  }

  // Leaflet focuses the map's container on every press in it (so that the arrow keys pan), and the browser scrolls
  // the page holding the map frame to show the focused container: by ~140 px at 1280x720, between the press and the
  // release, which then lands off the marker pressed (the first click selected nothing). Focus it without scrolling.
  function focusWithoutScrolling(container) {
    container.focus = function (options) {
      HTMLElement.prototype.focus.call(container, Object.assign({preventScroll: true}, options));
    };
  }

  atlas.init = function (map, cfg) {
    atlas.map = map;
    atlas.report = false;
    if (cfg && typeof cfg.lang === "string") { document.documentElement.lang = cfg.lang; }  // the notice's too
    if (!cfg || cfg.v !== VERSION) { mismatch(map.getContainer(), cfg && cfg.v); return; }
    atlas.broken = false;
    atlas.cfg = cfg;
    atlas.base = null;
    atlas.groups = {};
    atlas.labels = {};
    atlas.shown = {};
    atlas.clicked = null;
    atlas.frame = null;
    atlas.frameKey = null;
    atlas.focusKey = null;
    atlas.syncing = false;
    atlas.control = L.control.layers(null, null, {collapsed: true});
    cfg.layers.forEach(function (entry) {
      var name = entry[0], label = entry[1], credit = entry[2];
      // A layer's credit is in the map's credit line while the layer is shown (Leaflet's attribution control).
      atlas.groups[name] = L.layerGroup([], credit ? {attribution: credit} : {});
      if (label) {
        atlas.labels[name] = true;
        atlas.control.addOverlay(atlas.groups[name], label);
      }
    });
    atlas.control.addTo(map);
    focusWithoutScrolling(map.getContainer());
    map.on("overlayadd overlayremove", chosenInControl);
    map.on("zoomend moveend resize overlayadd overlayremove", schedule);
  };

  // The viewer ticked or unticked a layer in the control: Python makes it the view's. The control also fires these
  // events for the layers apply adds and removes: those are the state's already, not the viewer's.
  function chosenInControl() {
    if (atlas.syncing || !atlas.report) { return; }
    send({kind: "layers", layers: Object.keys(atlas.labels).filter(function (name) {
      return atlas.map.hasLayer(atlas.groups[name]);
    })});
  }

  // An item is compared with the last step's by its content and its style's (style indices are per step, or per
  // base part). A base part's item drawn from the same base part is the same object: no need to compare.
  function draw(styles, name, it, seen) {
    var old = atlas.shown[it.k];
    seen[it.k] = true;
    if (old && old.item === it) { return; }
    var json = JSON.stringify([it, it.style === undefined ? null : styles[it.style]]);
    if (old && old.json === json) { old.item = it; return; }
    if (old) { old.group.removeLayer(old.layer); }
    var group = atlas.groups[name], layer = makeLayer(styles, it);
    group.addLayer(layer);
    atlas.shown[it.k] = {json: json, item: it, layer: layer, group: group};
  }

  // The base part a step is built on: the one it brings (kept, in place of any other), or the one held if it has the
  // same key. null when the step needs none; false when the map lacks it: it then asks Python for it (even when
  // report is false: a preview needs its context places too), at every step built on it until one brings it.
  function baseOf(step) {
    var part = step.basePart;
    if (part && typeof part.key === "string" && part.items && Array.isArray(part.styles)) { atlas.base = part; }
    if (typeof step.base !== "string") { return null; }
    if (atlas.base && atlas.base.key === step.base) { return atlas.base; }
    send({kind: "base", key: step.base});
    return false;
  }

  function showLayers(visible) {
    atlas.syncing = true;
    try {
      Object.keys(atlas.groups).forEach(function (name) {
        var group = atlas.groups[name], on = visible.indexOf(name) >= 0;
        if (on && !atlas.map.hasLayer(group)) { atlas.map.addLayer(group); }
        if (!on && atlas.map.hasLayer(group)) { atlas.map.removeLayer(group); }
      });
    } finally {
      atlas.syncing = false;
    }
  }

  // streamlit-folium's component library appends a theme <style> to this frame at every render, and only the last
  // one counts: without this a long session grows by one element a step.
  function dropStaleThemes() {
    var themes = Array.prototype.filter.call(document.head.querySelectorAll("style"), function (style) {
      return style.textContent.indexOf("--primary-color") >= 0;
    });
    themes.slice(0, -1).forEach(function (style) { style.remove(); });
  }

  // No label over a marker or another label, and none cut by the map's edge. Markers are placed first (they are
  // what a click reaches); then each site's label, moved down below the markers around its place if it must be, up
  // to SHIFT_MAX px; then the context names, beside their mark on the right or else on the left. A label that still
  // covers something is hidden: its place keeps its marker and tooltip. Run after every step and every zoom or pan,
  // on what is drawn.
  var MARKERS = ".leaflet-marker-icon.atlas-event, .leaflet-marker-icon.atlas-caption, path.atlas-site, path.atlas-death";
  var SITE_LABELS = ".atlas-site-label .atlas-label", CONTEXT_LABELS = ".atlas-context-name";
  // The label naming the place the view is about (components/map/layers.py, highlight_items): placed first, never hidden.
  var FOCUS_LABELS = ".atlas-focus .atlas-label, .atlas-focus .atlas-context-name", FOCUS_SHIFT_MAX = 96;
  var SHIFT_STEP = 6, SHIFT_MAX = 36, MARK_GAP = 12 + 12;  // legend.css: the name starts 12 px right of an 8 px mark

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function inside(box, frame) {
    return box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;
  }

  function boxes(container, selector) {
    return Array.prototype.filter.call(container.querySelectorAll(selector), function (el) {
      var box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;  // not drawn at this zoom (legend.py's zoom rules)
    });
  }

  var SITE_OFFSETS = [], FOCUS_OFFSETS = [];
  for (var shift = 0; shift <= FOCUS_SHIFT_MAX; shift += SHIFT_STEP) {
    if (shift <= SHIFT_MAX) { SITE_OFFSETS.push([0, shift]); }
    FOCUS_OFFSETS.push([0, shift]);
  }

  function contextOffsets(label) {
    return [[0, 0], [-(label.getBoundingClientRect().width + MARK_GAP), 0]];
  }

  // The first offset where the label is clear of what is placed and whole inside the map; else the first where it is
  // clear (the edge cuts it, as when the viewer pans); else hidden, unless it is the focus's, which then keeps the
  // offset whole inside the map that covers the fewest marks (leastCovering). One far outside the view is left as it is.
  function placeLabel(label, offsets, placed, frame, focus) {
    label.style.transform = "";
    if (!overlaps(label.getBoundingClientRect(), frame)) { return; }
    var clear = null;
    for (var i = 0; i < offsets.length; i++) {
      var dx = offsets[i][0], dy = offsets[i][1];
      label.style.transform = (dx || dy) ? "translate(" + dx + "px," + dy + "px)" : "";
      var box = label.getBoundingClientRect();
      if (placed.some(function (other) { return overlaps(box, other); })) { continue; }
      if (inside(box, frame)) { placed.push(box); return; }
      if (!clear) { clear = {transform: label.style.transform, box: box}; }
    }
    if (!clear && focus) { clear = leastCovering(label, offsets, placed, frame); }
    label.style.transform = clear ? clear.transform : "";
    if (clear) { placed.push(clear.box); } else { label.classList.add("atlas-label-hidden"); }
  }

  // Of the offsets that keep the label whole inside the map, the one covering the fewest marks (the first of equals):
  // in a crowded view the focus's name may have to cover something, but not its own place when it need not.
  function leastCovering(label, offsets, placed, frame) {
    var best = null;
    for (var i = 0; i < offsets.length; i++) {
      label.style.transform = "translate(" + offsets[i][0] + "px," + offsets[i][1] + "px)";
      var box = label.getBoundingClientRect();
      if (!inside(box, frame)) { continue; }
      var covered = placed.filter(function (other) { return overlaps(box, other); }).length;
      if (!best || covered < best.covered) { best = {transform: label.style.transform, box: box, covered: covered}; }
    }
    label.style.transform = "";
    return best || {transform: "", box: label.getBoundingClientRect()};
  }

  function notFocus(el) { return !el.closest(".atlas-focus"); }

  // Below its place, moved further down if it must be; else the same, mirrored above the place (near the bottom edge);
  // moved sideways as far as the map's edges need.
  function focusOffsets(label, seen) {
    label.style.transform = "";
    var box = label.getBoundingClientRect(), frame = atlas.frame;
    var dx = Math.max(seen.left - box.left, Math.min(0, seen.right - box.right));
    var offsets = FOCUS_OFFSETS.map(function (offset) { return [dx, offset[1]]; });
    if (!frame || !frame.focus) { return offsets; }
    var top = atlas.map.getContainer().getBoundingClientRect().top;
    var placeY = top + atlas.map.latLngToContainerPoint(frame.focus).y, above = 2 * placeY - box.top - box.bottom;
    return offsets.concat(FOCUS_OFFSETS.map(function (offset) { return [dx, above - offset[1]]; }));
  }

  // The part of the map the viewer sees: the page's fold can cut the map's bottom off (visiblePadding).
  function seenPart(frame) {
    var seen = {left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom};
    try {
      seen.bottom = Math.min(frame.bottom, window.parent.innerHeight - window.frameElement.getBoundingClientRect().top);
    } catch { /* no parent page: the whole map */ }
    return seen;
  }

  // streamlit-folium adds the stylesheets' <link>s without waiting for them, and the first step is often drawn
  // before leaflet.css arrives: until then the markers are not positioned, and a label placed then is placed
  // wrong (it often comes after the last placing: BENCHMARKS.md). So place again when a stylesheet
  // loads, and when a label's size changes (a font loads). Once per task at most; a timer, not an animation frame:
  // Chromium holds frames back from a map scrolled out of view, and the labels would stay as they were.
  var pending = false, watcher = window.ResizeObserver ? new ResizeObserver(function () { schedule(); }) : null;
  document.addEventListener("load", function (e) {  // load does not bubble: caught on the way down
    if (atlas.map && e.target.tagName === "LINK") { schedule(); }
  }, true);

  function schedule() {
    if (pending) { return; }
    pending = true;
    setTimeout(function () { pending = false; frameView(); atlas.declutter(); }, 0);
  }

  // The view's frame (components/map/framing.py), applied once per new key, so a viewer's own pan and zoom survive
  // the steps between; then the place in focus is brought inside the part of the map the viewer sees, with a margin.
  // Run after streamlit-folium's own render pass, which would otherwise set its view over this one.
  var MARGIN = 40;

  function visiblePadding() {
    var pad = {top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN};
    try {  // a 1280x720 projector shows about 460 of the map's 600 px: the part below the page's fold counts as cut off
      var hidden = window.frameElement.getBoundingClientRect().bottom - window.parent.innerHeight;
      if (hidden > 0) { pad.bottom += Math.min(hidden, atlas.map.getSize().y / 2); }
    } catch { /* no parent page to measure (the exported file): the whole map counts */ }
    return {paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom], animate: false};
  }

  function frameView() {
    var frame = atlas.frame, map = atlas.map;
    if (!frame) { return; }
    var options = visiblePadding();
    if (frame.key !== atlas.frameKey) {
      atlas.frameKey = frame.key;
      atlas.focusKey = null;
      if (frame.bounds) { map.fitBounds(frame.bounds, Object.assign({maxZoom: frame.maxZoom}, options)); }
      else {  // centred in the part the viewer sees: the fold's share moves it up
        map.setView(frame.center, frame.zoom, {animate: false});
        var below = options.paddingBottomRight[1] - MARGIN;
        if (below > 0) { map.panBy([0, below / 2], {animate: false}); }
      }
    }
    // A place picked on the map is selected where it is: the map does not move under the pointer.
    var focus = frame.focus ? frame.focus.join(",") : null;
    if (focus && focus !== atlas.focusKey) {
      if (frame.place !== atlas.pickedPlace) { map.panInside(frame.focus, options); }
      atlas.pickedPlace = null;
    }
    atlas.focusKey = focus;
  }

  atlas.declutter = function () {
    var container = atlas.map.getContainer();
    // Until leaflet.css applies, the markers are not positioned: a label placed then is placed wrong. The stylesheet's
    // load event places them again.
    var pane = container.querySelector(".leaflet-marker-pane");
    if (pane && getComputedStyle(pane).position !== "absolute") { return; }
    if (watcher) { container.querySelectorAll(SITE_LABELS + ", " + CONTEXT_LABELS).forEach(function (el) { watcher.observe(el); }); }
    container.querySelectorAll(".atlas-label-hidden").forEach(function (el) { el.classList.remove("atlas-label-hidden"); });
    var frame = container.getBoundingClientRect();
    var placed = boxes(container, MARKERS).map(function (el) { return el.getBoundingClientRect(); });
    boxes(container, FOCUS_LABELS).forEach(function (label) {
      var seen = seenPart(frame);
      var offsets = label.classList.contains("atlas-context-name") ? contextOffsets(label) : focusOffsets(label, seen);
      placeLabel(label, offsets, placed, seen, true);
    });
    boxes(container, SITE_LABELS).filter(notFocus).forEach(function (label) { placeLabel(label, SITE_OFFSETS, placed, frame); });
    boxes(container, CONTEXT_LABELS).filter(notFocus).forEach(function (label) {
      placeLabel(label, contextOffsets(label), placed, frame);
    });
  };

  // streamlit-folium takes each step's group off the map but keeps it in window.feature_group for ever: let go of
  // the old ones (the group it adds after this script is the only one it needs to take off next time).
  function dropOldStepGroups() {
    (window.feature_group || []).forEach(function (group) { atlas.map.removeLayer(group); });
    window.feature_group = [];
  }

  atlas.apply = function (step) {
    if (!atlas.map) { return; }
    dropStaleThemes();
    dropOldStepGroups();
    if (!step || step.v !== VERSION) { mismatch(atlas.map.getContainer(), step && step.v); return; }
    if (atlas.broken) { return; }  // the base config was of another version: there are no groups to draw in
    atlas.report = step.report === true;
    var seen = {}, base = baseOf(step), omit = {};
    (step.omit || []).forEach(function (k) { omit[k] = true; });
    Object.keys(step.items).forEach(function (name) {
      // The base part's items of the layers the step sends, under the step's own: rings under the circles.
      ((base && base.items[name]) || []).forEach(function (it) { if (!omit[it.k]) { draw(base.styles, name, it, seen); } });
      step.items[name].forEach(function (it) { draw(step.styles, name, it, seen); });
    });
    Object.keys(atlas.shown).forEach(function (k) {
      if (!seen[k]) {
        atlas.shown[k].group.removeLayer(atlas.shown[k].layer);
        delete atlas.shown[k];
      }
    });
    showLayers(step.visible);
    atlas.frame = step.frame || null;
    schedule();  // once the markers are laid out
    // A click selects the place; the step that follows carries that place's popups, so open the one clicked.
    var clicked = atlas.clicked && atlas.shown[atlas.clicked];
    atlas.clicked = null;
    if (clicked && clicked.layer.getPopup() && !clicked.layer.isPopupOpen()) { clicked.layer.openPopup(); }
    // The first step of this frame is drawn: once it is painted, Python sends what the page held back for it (the
    // strip and the chart, ui/atlas_page.py), so that their drawing does not hold up the first map.
    if (atlas.report && !atlas.drawnSent) {
      atlas.drawnSent = true;
      requestAnimationFrame(function () { setTimeout(function () { send({kind: "drawn"}); }, 0); });
    }
  };
})();
