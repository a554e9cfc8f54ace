// The entry of the `escalateVideo` static resource: bundle it as one classic script (LWC's
// loadScript adds a plain <script>, and a static resource has no module graph), e.g.
//   npx esbuild src/connectors/salesforce/static-resource-entry.js --bundle --format=iife \
//     --minify --outfile=escalate-video-salesforce.js
// and upload that file, zipped, as the static resource `escalateVideo`.
/* global window -- a browser script; the lint gives browser globals to .ts files only */
import 'escalate-video/define/all.js';
import { interactionFromSalesforceRecord } from 'escalate-video/connectors/salesforce.js';

// Lightning Web Security gives the component a sandboxed window of its namespace: this lands there.
window.EscalateVideo = { interactionFromSalesforceRecord };
