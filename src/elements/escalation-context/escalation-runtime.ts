// What <escalation-context> loads after its first render: the statechart (XState and the
// escalation machine), the service client, and the controller that runs them. A desk's
// <escalate-button> is drawn and takes a press before this arrives (the press waits for it), so
// the agent's page is usable at about half the weight (`npm run bench` prints both figures).
export { EscalationController } from '../../controllers/escalation-controller.js';
export { escalationMachine } from '../../core/machine/escalation-machine.js';
export { serviceActors } from '../../core/service/service-actors.js';
export { serviceFor } from '../../core/service/service-for.js';
