// Calais Atlas, presenting a chapter: an ES module that Streamlit runs in the page (st.components.v2, mounted by
// components/ui/page_scripts.py while ui/lesson.py draws the presentation); what it sets goes with it.
// - The map's labels are read from the back of a room: the map's iframe (streamlit-folium's, same origin) gets the
//   class atlas-present on its root, and static/atlas/legend.css enlarges what it names. The class is set again when
//   the iframe loads anew; Leaflet is told its container changed (legend.css fits the map to the iframe).
// - The text and the map fill the first screen down to its bottom edge: --atlas-present-top on the page's root says
//   where they start (ui/lesson.py's PRESENT_CSS), measured again when anything above them changes height.
const MAP = 'iframe[title="streamlit_folium.st_folium"]';
const COLUMNS = '.st-key-atlas-present-cols';
const CLASS = 'atlas-present';

function mark(frame, on) {
  let doc;
  try { doc = frame.contentDocument; } catch { return; }  // not ours: leave it
  if (!doc || !doc.documentElement || doc.documentElement.classList.contains(CLASS) === on) return;
  doc.documentElement.classList.toggle(CLASS, on);
  const map = frame.contentWindow && frame.contentWindow.map;
  if (map && map.invalidateSize) map.invalidateSize();
}

function markAll(on) {
  document.querySelectorAll(MAP).forEach(frame => mark(frame, on));
}

function onLoad(event) {  // load does not bubble: caught on the way down
  if (event.target && event.target.matches && event.target.matches(MAP)) mark(event.target, true);
}

function measure() {
  const columns = document.querySelector(COLUMNS);
  const main = document.querySelector('[data-testid="stMain"]');
  if (!columns) return;
  const top = Math.round(columns.getBoundingClientRect().top + (main ? main.scrollTop : 0)) + 'px';
  const root = document.documentElement.style;
  if (root.getPropertyValue('--atlas-present-top') !== top) root.setProperty('--atlas-present-top', top);
}

export default function () {
  markAll(true);
  measure();
  document.addEventListener('load', onLoad, true);
  window.addEventListener('resize', measure);
  // What sits above the columns (the presenter's bar, the time bar) may wrap or be drawn anew at any rerun.
  const resized = new ResizeObserver(measure);
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (main) resized.observe(main);
  const drawn = new MutationObserver(() => { markAll(true); measure(); });
  if (main) drawn.observe(main, {childList: true, subtree: true});
  return () => {
    document.removeEventListener('load', onLoad, true);
    window.removeEventListener('resize', measure);
    resized.disconnect();
    drawn.disconnect();
    document.documentElement.style.removeProperty('--atlas-present-top');
    markAll(false);
  };
}
