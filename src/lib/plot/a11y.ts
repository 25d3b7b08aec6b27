/**
 * Observable Plot labels its inner groups ("area", "x-axis tick") with aria-label. Inside a
 * chart exposed as one image (role="img" with its own name) those labels are not allowed on
 * unnamed groups (axe: aria-prohibited-attr) and would only be noise, so they are removed.
 */
export function asSingleImage<T extends Element>(chart: T, label: string): T {
  chart.querySelectorAll('[aria-label], [aria-description]').forEach((el) => {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', label);
  return chart;
}
