// The customer's camera as the agent's asks see it, on a stand-in track that reports what phone
// cameras report (Chromium's fake camera here has no torch, no zoom and no facing): what the agent
// is offered, and the torch and zoom asks carried out through the track's own constraint calls.
import { expect } from '@open-wc/testing';
import { cameraAbilities, type CameraTrack } from '../../src/core/devices/camera-abilities.js';
import { CameraRefusal, setTorch, setZoom } from '../../src/core/devices/camera-control.js';

interface StandIn extends CameraTrack {
  applied: MediaTrackConstraints[];
}

/** A phone's rear camera: a torch, a zoom from 1 to 8 in steps of 0.1, facing the environment. */
function phoneCamera(options: { torch?: boolean; zoom?: boolean; refuse?: string } = {}): StandIn {
  const settings: Record<string, unknown> = { facingMode: 'environment', torch: false, zoom: 1, width: 4032, height: 3024 };
  const capabilities: Record<string, unknown> = { facingMode: ['environment'] };
  if (options.torch !== false) capabilities['torch'] = true;
  if (options.zoom !== false) capabilities['zoom'] = { min: 1, max: 8, step: 0.1 };
  const track: StandIn = {
    applied: [],
    readyState: 'live',
    getCapabilities: () => capabilities as MediaTrackCapabilities,
    getSettings: () => settings as MediaTrackSettings,
    applyConstraints: async (constraints?: MediaTrackConstraints) => {
      track.applied.push(constraints!);
      if (options.refuse) throw Object.assign(new Error(options.refuse), { name: options.refuse });
      for (const set of constraints?.advanced ?? []) Object.assign(settings, set);
    },
  };
  return track;
}

const frontCamera = { kind: 'videoinput', getCapabilities: () => ({ facingMode: ['user'] }) } as unknown as MediaDeviceInfo;
const rearCamera = { kind: 'videoinput', getCapabilities: () => ({ facingMode: ['environment'] }) } as unknown as MediaDeviceInfo;

describe('the customer’s camera, for the agent’s asks', () => {
  it('says which ways the cameras face, and that this one has a torch and a zoom', async () => {
    expect(await cameraAbilities(phoneCamera(), [frontCamera, rearCamera])).to.deep.equal({
      facings: ['user', 'environment'],
      facing: 'environment',
      torch: { on: false },
      zoom: { min: 1, max: 8, step: 0.1, level: 1 },
    });
  });

  it('offers nothing the camera does not report: one camera, no torch, no zoom', async () => {
    expect(await cameraAbilities(phoneCamera({ torch: false, zoom: false }), [rearCamera])).to.deep.equal({
      facings: ['environment'],
      facing: 'environment',
      torch: null,
      zoom: null,
    });
  });

  it('turns the torch on through the track’s own constraints, and says it is on', async () => {
    const track = phoneCamera();
    await setTorch(track, true);
    expect(track.applied).to.deep.equal([{ advanced: [{ torch: true }] }]);
    expect((await cameraAbilities(track, [rearCamera])).torch).to.deep.equal({ on: true });
  });

  it('zooms within the camera’s range only', async () => {
    const track = phoneCamera();
    expect(await setZoom(track, 20)).to.equal(8);
    expect(track.applied).to.deep.equal([{ advanced: [{ zoom: 8 }] }]);
  });

  it('reports a camera that refuses the constraint as unable, and other failures as failed', async () => {
    const refused = await setTorch(phoneCamera({ refuse: 'OverconstrainedError' }), true).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(CameraRefusal);
    expect((refused as CameraRefusal).outcome).to.equal('unsupported');
    const failed = await setZoom(phoneCamera({ refuse: 'NotReadableError' }), 2).catch((error: unknown) => error);
    expect((failed as CameraRefusal).outcome).to.equal('failed');
    // A torch that stays off after a constraint the camera took is a failure, not a success.
    const stuck = phoneCamera();
    stuck.applyConstraints = async () => undefined;
    expect(((await setTorch(stuck, true).catch((error: unknown) => error)) as CameraRefusal).outcome).to.equal('failed');
  });
});
