// Privacy masks drawn over a camera's video on the wall and in playback (GET /api/cameras/{id}/masks), unless the
// person has lifted them for a while. The layer covers exactly the picture inside its element (object-fit: contain).
// The video stays hidden until the masks are known, so that an unmasked picture never flashes. Exports have the masks
// burned in by the server; this layer is the console's view of them.

const SVG = 'http://www.w3.org/2000/svg';

export function attachMasks(video, cameraId) {
  video.style.visibility = 'hidden';
  let disposed = false;
  let layer = null;
  let observer = null;
  const place = () => {
    if (!layer) return;
    const [w, h, box, height] = [video.videoWidth, video.videoHeight, video.clientWidth, video.clientHeight];
    if (!w || !h || !box || !height) {
      layer.style.display = 'none';
      return;
    }
    const scale = Math.min(box / w, height / h);
    const [shownWidth, shownHeight] = [w * scale, h * scale];
    Object.assign(layer.style, {
      display: '',
      left: `${video.offsetLeft + (box - shownWidth) / 2}px`,
      top: `${video.offsetTop + (height - shownHeight) / 2}px`,
      width: `${shownWidth}px`,
      height: `${shownHeight}px`,
    });
  };
  const ready = fetch(`/api/cameras/${cameraId}/masks`, { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null)
    .then((masks) => {
      if (disposed) return;
      if (masks?.polygons?.length && !masks.lift) {
        layer = document.createElementNS(SVG, 'svg');
        layer.setAttribute('class', 'privacy-masks');
        layer.setAttribute('viewBox', '0 0 1 1');
        layer.setAttribute('preserveAspectRatio', 'none');
        layer.setAttribute('aria-hidden', 'true');
        layer.dataset.masks = String(masks.polygons.length);
        for (const polygon of masks.polygons) {
          const shape = document.createElementNS(SVG, 'polygon');
          shape.setAttribute('points', polygon.map((p) => `${p.x},${p.y}`).join(' '));
          layer.append(shape);
        }
        video.insertAdjacentElement('afterend', layer);
        video.addEventListener('loadedmetadata', place);
        video.addEventListener('resize', place);
        observer = new ResizeObserver(place);
        observer.observe(video);
        place();
      }
      video.style.visibility = '';
    });
  return {
    ready,
    dispose() {
      disposed = true;
      observer?.disconnect();
      video.removeEventListener('loadedmetadata', place);
      video.removeEventListener('resize', place);
      layer?.remove();
    },
  };
}
