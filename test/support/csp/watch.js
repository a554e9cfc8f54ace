// First on each strict-CSP test page (a classic script, so it runs before any module): keeps every
// Content-Security-Policy violation the page meets, for the test to read.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
  );
});
