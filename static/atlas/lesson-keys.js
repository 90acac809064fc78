// Calais Atlas, lesson mode: presenter clickers send Page Up / Page Down; arrows too. Never while typing or on the slider.
// Loaded by components/ui/lesson.py into a zero-height components.html iframe; it listens on the page (window.parent).
const doc = window.parent.document;
if (!doc.__atlasLessonKeys) {
  doc.__atlasLessonKeys = true;
  doc.addEventListener('keydown', (event) => {
    const el = doc.activeElement;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable || el.getAttribute('role') === 'slider')) return;
    const step = {ArrowRight: 'next', PageDown: 'next', ArrowLeft: 'prev', PageUp: 'prev'}[event.key];
    const button = step && doc.querySelector('.st-key-atlas-lesson-' + step + ' button');
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
}
