// The words the elements and the escalation service share. Imports nothing else of the project.
export * from './interaction.js';
export * from './reasons.js';
export * from './room.js';
export * from './escalation.js';
export * from './guest.js';
export * from './call-tools.js';
export * from './recording.js';
export * from './experts.js';
export * from './errors.js';
export * from './rules.js';
export * from './routes.js';
