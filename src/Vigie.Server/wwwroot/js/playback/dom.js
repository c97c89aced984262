// Small DOM builders for the playback view.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// A button whose accessible name and tooltip are `label` (its text is often a symbol).
export function button(text, label, onClick) {
  const b = el('button', null, text);
  b.type = 'button';
  b.title = label;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

export function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

// A label with {0}, {1}… filled in.
export function format(template, ...values) {
  return String(template).replace(/\{(\d+)\}/g, (_, i) => String(values[Number(i)] ?? ''));
}
