/* Calais Atlas: the live map's layers, kept in the map frame for the whole visit and updated in place.
 *
 * The base map (components/map/live.py) calls atlas.init once per map; every slider step then calls
 * atlas.apply with the step's state (components/map/step.py). A layer whose item is unchanged since the last step
 * keeps its Leaflet layer: only what changed is removed and drawn, so a long session holds no more layers than
 * its current date shows. The one layer control is made here once; streamlit-folium's own would be replaced, and
 * leak its click listener, on every step.
 *
 * Every text in a state is HTML that Python escaped (components/model/escaping.py); nothing here builds markup
 * from data except by joining those strings.
 */
(function () {
  "use strict";
  var atlas = (window.atlas = window.atlas || {});

  function styleOf(step, it) {
    return Object.assign({}, step.styles[it.style] || {}, it.options || {});
  }

  function iconOf(it) {
    var icon = Object.assign({}, it.icon);
    icon.html = (it.sym ? atlas.cfg.symbols[it.sym] : "") + (icon.html || "");
    return L.divIcon(icon);
  }

  function makeLayer(step, it) {
    var layer;
    if (it.type === "circle") {
      layer = L.circleMarker([it.lat, it.lon], styleOf(step, it));
    } else if (it.type === "ring") {
      layer = L.circle([it.lat, it.lon], styleOf(step, it));
    } else {
      var interactive = it.interactive !== false;
      layer = L.marker([it.lat, it.lon], {icon: iconOf(it), interactive: interactive, keyboard: interactive});
    }
    if (it.tooltip) { layer.bindTooltip(it.tooltip, {sticky: !!it.sticky}); }
    if (it.popup) { layer.bindPopup(it.popup, {maxWidth: 380}); }
    layer.on("click", function () { atlas.clicked = it.k; });
    return layer;
  }

  atlas.init = function (map, cfg) {
    atlas.map = map;
    atlas.cfg = cfg;
    atlas.groups = {};
    atlas.shown = {};
    atlas.visible = null;
    atlas.clicked = null;
    atlas.control = L.control.layers(null, null, {collapsed: true});
    cfg.layers.forEach(function (entry) {
      var name = entry[0], label = entry[1];
      atlas.groups[name] = L.layerGroup();
      if (label) { atlas.control.addOverlay(atlas.groups[name], label); }
    });
    atlas.control.addTo(map);
  };

  function place(step, name, it, seen) {
    var json = JSON.stringify(it), old = atlas.shown[it.k];
    seen[it.k] = true;
    if (old && old.json === json) { return; }
    if (old) { old.group.removeLayer(old.layer); }
    var group = atlas.groups[name], layer = makeLayer(step, it);
    group.addLayer(layer);
    atlas.shown[it.k] = {json: json, layer: layer, group: group};
  }

  function showLayers(visible) {
    var wanted = visible.join(",");
    if (wanted === atlas.visible) { return; }  // the viewer's own choices in the map's control stand until the sidebar's change
    atlas.visible = wanted;
    Object.keys(atlas.groups).forEach(function (name) {
      var group = atlas.groups[name], on = visible.indexOf(name) >= 0;
      if (on && !atlas.map.hasLayer(group)) { atlas.map.addLayer(group); }
      if (!on && atlas.map.hasLayer(group)) { atlas.map.removeLayer(group); }
    });
  }

  function classesOf(it) {
    return (it.icon || it.options || {}).className || "";
  }

  atlas.apply = function (step) {
    if (!atlas.map) { return; }
    var seen = {};
    Object.keys(step.items).forEach(function (name) {
      var count = {};  // the same keys as item_keys in components/map/step.py
      step.items[name].forEach(function (it) {
        var classes = classesOf(it);
        count[classes] = (count[classes] === undefined) ? 0 : count[classes] + 1;
        it.k = name + "|" + classes + "|" + count[classes];
        place(step, name, it, seen);
      });
    });
    Object.keys(atlas.shown).forEach(function (k) {
      if (!seen[k]) {
        atlas.shown[k].group.removeLayer(atlas.shown[k].layer);
        delete atlas.shown[k];
      }
    });
    showLayers(step.visible);
    // A click selects the place; the step that follows carries that place's popups, so open the one clicked.
    var clicked = atlas.clicked && atlas.shown[atlas.clicked];
    atlas.clicked = null;
    if (clicked && clicked.layer.getPopup() && !clicked.layer.isPopupOpen()) { clicked.layer.openPopup(); }
  };
})();
