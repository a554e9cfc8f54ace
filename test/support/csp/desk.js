// The agent's desk under a strict CSP, as an integrator builds it: the CDN bundle, the elements,
// the escalation service (`?service=`), and the agent's token from the host's backend.
import '/dist/cdn/escalate-video.js';

const params = new URLSearchParams(location.search);
const context = document.createElement('escalation-context');
context.mode = 'chat';
context.serviceUrl = params.get('service');
context.interaction = { id: `csp-${Date.now()}`, channel: 'chat', customerName: 'Ada Customer' };
context.getToken = async () => (await (await fetch('/__test/agent-token?agent=agent-csp')).json()).token;
context.append(document.createElement('escalate-button'), document.createElement('video-room'));
document.body.append(context);
