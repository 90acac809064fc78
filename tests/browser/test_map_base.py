"""The map's base part in the app (components/ui/map_panel.py, protocol 5): the context places and rings come once,
and a map that lost them asks for them and is drawn whole again, without a reload."""

from __future__ import annotations

from playwright.sync_api import expect

from browser_support import map_frame, open_map

CONTEXT_NAMES = ".atlas-context-name"
# Records what the map sends back (window.Streamlit is streamlit-folium's component library in the map frame).
RECORD = """() => {
  window.__sentKinds = [];
  const send = window.Streamlit.setComponentValue.bind(window.Streamlit);
  window.Streamlit.setComponentValue = value => { window.__sentKinds.push(value.kind); return send(value); };
}"""


def test_a_map_that_lost_its_base_part_asks_for_it_and_is_drawn_whole_again(page) -> None:
    """With the base part dropped from the map, a slider step is drawn with what it carries, the map asks for the base
    part, and the next state brings it: every context place is drawn again, with its name."""
    frame = open_map(page)
    expect(frame.locator(CONTEXT_NAMES).first).to_be_attached()
    live = map_frame(page)
    live.wait_for_function("() => window.atlas && window.atlas.base && window.atlas.base.items.context.length > 0")
    names = live.evaluate("() => window.atlas.base.items.context.filter(it => it.type === 'icon').length")
    assert frame.locator(CONTEXT_NAMES).count() == names
    live.evaluate(RECORD)
    live.evaluate("() => { window.atlas.base = null; }")  # as a map frame made anew has none
    page.get_by_role("slider", name="Date").focus()
    page.keyboard.press("End")
    live.wait_for_function("() => window.__sentKinds.includes('base')")
    live.wait_for_function("() => window.atlas.base !== null")
    expect(frame.locator(CONTEXT_NAMES)).to_have_count(names)
    assert live.evaluate("() => window.__sentKinds") == ["base"]
