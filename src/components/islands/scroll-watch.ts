/**
 * Marks each box whose content is wider than the box (`data-scrolls="true"`: a hint and a shadow
 * in CSS, e.g. on a phone). Checked after layout, when the box or its content changes size
 * (ResizeObserver; content drawn later is watched too), never by forcing a layout while an island
 * renders: that cost the training island up to 11 ms per update on a busy machine.
 */
export function watchScrollers(boxes: readonly HTMLElement[]): void {
  if (!boxes.length || typeof ResizeObserver === 'undefined') return;
  const check = () => {
    const wide = boxes.map((box) => String(box.scrollWidth > box.clientWidth + 1)); // read all, then write
    boxes.forEach((box, i) => {
      if (box.dataset.scrolls !== wide[i]) box.dataset.scrolls = wide[i];
    });
  };
  const sizes = new ResizeObserver(check);
  // Content drawn later is watched; content taken out is let go (a finished run's confusion table).
  const children = new MutationObserver((records) =>
    records.forEach((r) => {
      r.removedNodes.forEach((n) => n instanceof Element && sizes.unobserve(n));
      r.addedNodes.forEach((n) => n instanceof Element && sizes.observe(n));
    }),
  );
  for (const box of boxes) {
    sizes.observe(box);
    for (const child of box.children) sizes.observe(child);
    children.observe(box, { childList: true });
  }
}
