// The whole device check under a strict CSP, network test against Janus included (`?server=`, `?token=`).
import '/dist/cdn/device-check.js';

const params = new URLSearchParams(location.search);
const check = document.createElement('device-check');
check.server = params.get('server');
check.token = params.get('token');
document.body.append(check);
