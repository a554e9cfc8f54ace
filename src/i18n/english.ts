// The whole English table: the desk's sections, the guest's and the camera tools'.
import { cameraToolsEn, expertPoolEn } from './camera-tools-strings.js';
import { expertDeskEn } from './expert-desk-strings.js';
import { enGuest } from './guest-strings.js';
import { enDesk, type StringTable } from './strings.js';

export const en: StringTable = {
  ...enDesk,
  ...enGuest,
  cameraTools: cameraToolsEn,
  expertPool: expertPoolEn,
  expertDesk: expertDeskEn,
};
