// The English words of <expert-desk>: what an expert reads on their own desk.

export interface ExpertDeskStrings {
  label: string;
  skills: string;
  skillsHint: string;
  skillsInvalid: string;
  available: string;
  /** `{skills}`: the skills, as a list. */
  waiting: string;
  away: string;
  noToken: string;
  /** A ring: `{agent}` asks for help with `{skill}`. */
  offer: string;
  caseNumber: string;
  issue: string;
  /** On a ring for a consult: the customer is not on video. */
  consult: string;
  /** `{seconds}` left to answer. */
  ringsFor: string;
  accept: string;
  pass: string;
  offerGone: string;
  joining: string;
  backToDesk: string;
  /** `{why}`: the service's words. */
  failed: string;
}

export const expertDeskEn: ExpertDeskStrings = {
  label: 'Expert desk',
  skills: 'Your skills',
  skillsHint: 'Separated by commas, such as routers, fiber-install',
  skillsInvalid: 'Each skill is lower-case letters, digits and dashes, such as fiber-install.',
  available: 'Available for calls',
  waiting: 'You are available: agents who need {skills} can ring you.',
  away: 'You are away: no calls ring here.',
  noToken: 'Sign in first: this desk has no sign-in token.',
  offer: '{agent} asks for help with {skill}',
  caseNumber: 'Case',
  issue: 'Issue',
  consult: 'A consult with the agent only: the customer is on the phone, not on video.',
  ringsFor: 'Ringing: {seconds} left to answer',
  accept: 'Accept',
  pass: 'Pass',
  offerGone: 'The call was taken by another expert, or the agent no longer needs one.',
  joining: 'Joining the call…',
  backToDesk: 'Back to the desk',
  failed: 'That did not work: {why}',
};
