// What carrying out the agent's asks needs on the customer's page (a still, the torch, the zoom,
// the image as base64): one chunk, loaded when the first ask arrives.
export { CameraRefusal, setTorch, setZoom, takeStill } from '../../core/devices/camera-control.js';
export { base64FromBlob } from '../../core/snapshots/base64.js';
