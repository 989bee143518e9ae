/**
 * An axe-like check of a rendered view, from Chromium's own accessibility tree (CDP
 * Accessibility.getFullAXTree, which sees into the toolkit's shadow DOM): every control a user can
 * operate has an accessible name that says what it is for, and every chart canvas is an image with a label whose data table
 * alternative exists (aria-details → the card's table box).
 */
import type { ViewHarness } from './harness';

/** Roles a keyboard or screen-reader user operates. */
const CONTROL_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
]);

/**
 * Names that say nothing: the toolkit labels an unnamed text field "Text field" itself (what a
 * screen reader then announces for every numeric field), so such a name counts as none.
 */
const PLACEHOLDER_NAMES = new Set(['', 'text field', 'dropdown', 'checkbox', 'button']);

interface AXValue {
  value?: unknown;
}
interface AXNode {
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  backendDOMNodeId?: number;
}

/** Problems found on the page, one line each ("textbox #poe-pClaim has no accessible name"); [] when clean. */
export async function accessibilityProblems(h: ViewHarness): Promise<string[]> {
  const cdp = await h.page.context().newCDPSession(h.page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const problems: string[] = [];
    for (const n of nodes) {
      const role = String(n.role?.value ?? '');
      const name = String(n.name?.value ?? '')
        .trim()
        .toLowerCase();
      if (n.ignored || !CONTROL_ROLES.has(role) || !PLACEHOLDER_NAMES.has(name)) continue;
      const where =
        n.backendDOMNodeId === undefined
          ? ''
          : await cdp
              .send('DOM.describeNode', { backendNodeId: n.backendDOMNodeId })
              .then(({ node }) => {
                const attrs = node.attributes ?? [];
                const id = attrs[attrs.indexOf('id') + 1];
                return ` <${node.localName}${attrs.includes('id') ? ` id="${id}"` : ''}>`;
              })
              .catch(() => '');
      problems.push(`${role}${where} has no accessible name${name ? ` (only "${name}")` : ''}`);
    }
    const canvases = await h.page.$$eval('canvas', (cs) =>
      cs.map((c) => {
        const details = c.getAttribute('aria-details');
        const box = details ? document.getElementById(details) : null;
        return {
          chart: c.closest('[data-chart]')?.getAttribute('data-chart') ?? '(no card)',
          role: c.getAttribute('role'),
          label: (c.getAttribute('aria-label') ?? '').trim(),
          table: box?.hasAttribute('data-chart-table') === true,
          toggle: box ? document.querySelector(`[aria-controls="${details}"]`) !== null : false,
        };
      }),
    );
    for (const c of canvases) {
      if (c.role !== 'img') problems.push(`canvas of ${c.chart} is not role="img"`);
      if (c.label === '') problems.push(`canvas of ${c.chart} has no aria-label`);
      if (!c.table || !c.toggle) problems.push(`canvas of ${c.chart} has no data table alternative`);
    }
    return problems;
  } finally {
    await cdp.detach();
  }
}
