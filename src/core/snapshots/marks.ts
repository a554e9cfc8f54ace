// The agent's marks on a still, drawn the same way in the editor and on the image the host gets:
// arrows and circles in the still's own pixels, thick enough to read on a phone-camera still.
import type { SnapshotMark } from '../../protocol/index.js';

/** The marks' color and line width (a share of the still's longer side, so a big still gets thick lines). */
export const MARK_COLOR = '#ff3b30';
const LINE_SHARE = 1 / 160;

type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws `marks` on a context whose units are the still's pixels. */
export function drawMarks(context: Canvas2D, marks: readonly SnapshotMark[], width: number, height: number): void {
  const line = Math.max(3, Math.round(Math.max(width, height) * LINE_SHARE));
  context.save();
  context.strokeStyle = MARK_COLOR;
  context.fillStyle = MARK_COLOR;
  context.lineWidth = line;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const mark of marks) {
    context.beginPath();
    if (mark.shape === 'circle') {
      context.arc(mark.center[0], mark.center[1], mark.radius, 0, Math.PI * 2);
      context.stroke();
      continue;
    }
    const [x1, y1] = mark.from;
    const [x2, y2] = mark.to;
    context.moveTo(x1, y1);
    context.lineTo(x2, y2);
    context.stroke();
    // The head: a filled triangle at `to`, pointing along the line.
    const angle = Math.atan2(y2 - y1, x2 - x1);
    const head = line * 4;
    context.beginPath();
    context.moveTo(x2, y2);
    context.lineTo(x2 - head * Math.cos(angle - Math.PI / 7), y2 - head * Math.sin(angle - Math.PI / 7));
    context.lineTo(x2 - head * Math.cos(angle + Math.PI / 7), y2 - head * Math.sin(angle + Math.PI / 7));
    context.closePath();
    context.fill();
  }
  context.restore();
}

/** The still with the marks drawn on it, as an image of the same type. */
export async function markedImage(image: Blob, marks: readonly SnapshotMark[]): Promise<Blob> {
  const bitmap = await createImageBitmap(image);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    drawMarks(context, marks, bitmap.width, bitmap.height);
    return await canvas.convertToBlob({ type: image.type === 'image/png' ? 'image/png' : 'image/jpeg', quality: 0.92 });
  } finally {
    bitmap.close();
  }
}
