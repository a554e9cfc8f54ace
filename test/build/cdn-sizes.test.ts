// The CDN build's weight, gzipped, against fixed budgets (scripts/bundle-sizes.mjs): what a desk
// loads before <escalate-button> works, the statechart it fetches right after, and everything a
// guest's joined room loads, Janus included.
import { expect } from '@open-wc/testing';

interface Sizes {
  deskKb: number;
  deskStatechartKb: number;
  guestRoomKb: number;
}

async function cdnSizes(): Promise<{ sizes: Sizes | null; budgets: Sizes; targets: Omit<Sizes, 'deskStatechartKb'> }> {
  return (await (await fetch('/__cdn-sizes.json')).json()) as {
    sizes: Sizes | null;
    budgets: Sizes;
    targets: Omit<Sizes, 'deskStatechartKb'>;
  };
}

describe('CDN build sizes', () => {
  it('loads at most its budget on a desk before the button works, and for a guest in a joined room', async () => {
    const { sizes, budgets, targets } = await cdnSizes();
    expect(sizes, 'dist/cdn missing: run npm run build').to.not.equal(null);
    console.log(
      `CDN gzip: desk ${sizes!.deskKb.toFixed(1)} KB (budget ${budgets.deskKb}, target ${targets.deskKb}), ` +
        `then its statechart ${sizes!.deskStatechartKb.toFixed(1)} KB (budget ${budgets.deskStatechartKb}); ` +
        `guest's joined room ${sizes!.guestRoomKb.toFixed(1)} KB (budget ${budgets.guestRoomKb}, target ${targets.guestRoomKb})`,
    );
    expect(sizes!.deskKb, 'desk: escalation-context.js + escalate-button.js and their imports').to.be.at.most(budgets.deskKb);
    // Fetched after the button is drawn, not before: a weight moved there still counts.
    expect(sizes!.deskStatechartKb, 'desk: the statechart escalation-context.js fetches after its first render').to.be.at.most(
      budgets.deskStatechartKb,
    );
    expect(sizes!.guestRoomKb, "guest's joined room: escalation-join-card.js, its imports, Janus").to.be.at.most(
      budgets.guestRoomKb,
    );
  });
});
