// Calais Atlas, lesson mode: presenter clickers send Page Up / Page Down; arrows too. Never while typing or on the slider.
// An ES module that Streamlit runs in the page (st.components.v2) while the lesson panel is drawn
// (components/ui/page_scripts.py); the listener goes with the panel.
// A switch (the notes, the presentation) is an <input> too, but takes no arrows: the keys still change chapter there.
const SWITCHES = ['checkbox', 'button', 'submit'];

function typing(el) {
  if (!el) return false;
  if (el.tagName === 'INPUT') return !SWITCHES.includes(el.type);
  return el.tagName === 'TEXTAREA' || el.isContentEditable || el.getAttribute('role') === 'slider';
}

function onKey(event) {
  if (typing(document.activeElement)) return;
  const step = {ArrowRight: 'next', PageDown: 'next', ArrowLeft: 'prev', PageUp: 'prev'}[event.key];
  const button = step && document.querySelector('.st-key-atlas-lesson-' + step + ' button');
  if (button && !button.disabled) { event.preventDefault(); button.click(); }
}

export default function () {
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
