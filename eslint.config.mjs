// ESLint for the atlas's own browser code (make lint): static/atlas/ and static/offline/. static/vendor/ is other
// projects' code (Leaflet, jQuery), served as it is.
import js from "@eslint/js";
import globals from "globals";

const leafletScript = { sourceType: "script", ecmaVersion: 2022, globals: { ...globals.browser, L: "readonly" } };

export default [
  { ignores: ["static/vendor/**", "**/node_modules/**", ".venv/**", "build/**"] },
  js.configs.recommended,
  {
    // The page scripts: ES modules that Streamlit runs in the page itself (st.components.v2, components/ui/page_scripts.py).
    files: ["static/atlas/page.js", "static/atlas/history.js", "static/atlas/lesson-keys.js", "static/atlas/present.js"],
    languageOptions: { sourceType: "module", ecmaVersion: 2022, globals: globals.browser },
  },
  {
    // Classic scripts after Leaflet (the global L), in streamlit-folium's map frame and in the exported page.
    // window.Streamlit (streamlit-folium's component library) and window.map are read through window, not as globals.
    files: ["static/atlas/live-map.js", "static/offline/leaflet-offline.js"],
    languageOptions: leafletScript,
  },
];
