// The customer's page under a strict CSP: the join card from the CDN, with the link's code.
import '/dist/cdn/escalation-join-card.js';

const params = new URLSearchParams(location.search);
const card = document.createElement('escalation-join-card');
card.serviceUrl = params.get('service');
card.code = params.get('code');
document.body.append(card);
