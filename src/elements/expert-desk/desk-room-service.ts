// The call an expert took from their desk, as its <video-room> sees the service: "redeeming" the
// taken ring gives the join details accepting it gave (waiting in the lobby); everything after
// (rejoin, the call's news, leaving) is the guest's routes with the token those details carry.
import type { GuestCallToolsApi, GuestServiceApi } from '../../core/service/types.js';
import type { JoinDetails } from '../../protocol/index.js';

export function deskRoomService(
  service: GuestServiceApi & GuestCallToolsApi,
  accepted: JoinDetails,
): GuestServiceApi & GuestCallToolsApi {
  return {
    redeem: async () => accepted,
    rejoin: (token) => service.rejoin(token),
    report: (token, report) => service.report(token, report),
    rate: (token, rating) => service.rate(token, rating),
    status: (token) => service.status(token),
    requestCallback: (token, phone) => service.requestCallback(token, phone),
    askForNewLink: (token, reason) => service.askForNewLink(token, reason),
    guestEvents: (token, listener) => service.guestEvents(token, listener),
    answerAsk: (token, ask, outcome) => service.answerAsk(token, ask, outcome),
    uploadSnapshot: (token, upload) => service.uploadSnapshot(token, upload),
    reportCamera: (token, camera) => service.reportCamera(token, camera),
  };
}
