// Which strict-CSP page this is (`?part=desk|guest|device-check`): its own module, from this
// origin, as the policy allows.
const PARTS = ['desk', 'guest', 'device-check'];
const part = new URLSearchParams(location.search).get('part');
if (!PARTS.includes(part)) throw new Error(`csp page: unknown part "${part}"; one of ${PARTS.join(', ')}`);
void import(`./${part}.js`);
