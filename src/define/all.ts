// Side effect: defines every element of the package (the CDN bundle's entry).
import './escalation-context.js';
import './escalate-button.js';
import './video-room.js';
import './escalation-join-card.js';
import './device-check.js';
import './expert-desk.js';
