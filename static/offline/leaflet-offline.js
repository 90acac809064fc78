/* Calais Atlas: fix-up for the vendored Leaflet 1.9.3 when it runs without a CDN.
 * Load it right after leaflet.js (add it to the map's default_js).
 *
 * Leaflet finds the default marker images by reading a background-image from
 * leaflet.css. streamlit-folium adds the stylesheets only after the scripts, so
 * that read fails and Leaflet 1.9.3 falls back to the leaflet.css URL minus one
 * character too many: ".../vendor/leafletmarker-icon.png" (404, broken marker).
 * Setting L.Icon.Default.imagePath stops the guess. The path is resolved against
 * this file's own URL, so it works in the st_folium iframe and in a saved page.
 */
(function () {
  var me = document.currentScript;
  if (!window.L || !L.Icon || !L.Icon.Default || !me || !me.src) { return; }
  L.Icon.Default.imagePath = new URL('../vendor/leaflet/images/', me.src).href;
})();
