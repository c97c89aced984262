// DOM helpers of the analytics rules editor.

const SVG = 'http://www.w3.org/2000/svg';

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  return node;
}

// The camera's picture with a drawing layer laid over it: the editors of analytics rules, privacy masks and
// redaction boxes. A viewBox given makes the layer's units fractions of the picture.
export function pictureStage(alt, drawingLabel, viewBox) {
  const stage = el('div', 'analytics-stage');
  const picture = el('img', 'analytics-picture');
  picture.alt = alt;
  const canvas = svg('svg', { class: 'analytics-overlay', role: 'img', 'aria-label': drawingLabel, ...(viewBox ? { viewBox, preserveAspectRatio: 'none' } : {}) });
  stage.append(picture, canvas);
  return { stage, picture, canvas };
}
