// Side effect: defines <video-room>.
import { VideoRoomElement } from '../elements/video-room/video-room.js';

VideoRoomElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'video-room': VideoRoomElement;
  }
}
