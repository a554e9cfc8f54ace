// axe for an element on a page in an iframe (the e2e tests' agent desk and customer page): the
// test page's axe cannot take another document's nodes, so the frame gets an axe of its own.
import { expect } from '@open-wc/testing';

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
}
type FrameWindow = Window & { axe?: { run(context: Element, options: object): Promise<AxeResults> } };

/** Fails with each rule broken (and where) when axe finds anything wrong in `element`. */
export async function expectAccessibleInFrame(element: Element): Promise<void> {
  const window = element.ownerDocument.defaultView as FrameWindow;
  if (!window.axe) {
    const script = element.ownerDocument.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', reject, { once: true });
    });
    element.ownerDocument.head.append(script);
    await loaded;
  }
  const results = await window.axe!.run(element, { resultTypes: ['violations'] });
  const broken = results.violations.map(
    (rule) => `${rule.id}: ${rule.help} (${rule.nodes.map((node) => JSON.stringify(node.target)).join(', ')})`,
  );
  expect(broken, 'axe violations').to.deep.equal([]);
}
