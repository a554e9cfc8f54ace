// The agent's marks on a still before keeping it: arrows and circles drawn by dragging on the
// picture, or, from the keyboard, added in the middle and moved and resized with the arrow keys;
// undone one by one. The marks are in the still's own pixels, so they land where they were drawn
// on the full-resolution image the host receives.
import type { ReactiveControllerHost } from 'lit';
import { drawMarks } from '../../core/snapshots/marks.js';
import type { SnapshotMark } from '../../protocol/index.js';

export type MarkTool = 'arrow' | 'circle';

/** How far one arrow-key press moves or grows a mark: a share of the still's longer side. */
const KEY_STEP = 1 / 40;
/** A mark added from the keyboard: a share of the still's longer side. */
const KEY_MARK = 1 / 8;

type Point = [number, number];

export class StillEditor {
  marks: SnapshotMark[] = [];
  tool: MarkTool = 'arrow';
  note = '';
  private image: HTMLImageElement | undefined;
  private imageUrl = '';
  private canvas: HTMLCanvasElement | undefined;
  private dragFrom: Point | undefined;
  private preview: SnapshotMark | undefined;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Starts over for another still. */
  reset(url: string): void {
    if (url === this.imageUrl) return;
    this.imageUrl = url;
    this.marks = [];
    this.note = '';
    this.tool = 'arrow';
    this.image = new Image();
    this.image.addEventListener('load', () => this.draw(), { once: true });
    this.image.src = url;
  }

  /** The canvas the template rendered (called after each render). */
  attach(canvas: HTMLCanvasElement | null): void {
    if (!canvas || canvas === this.canvas) return;
    this.canvas = canvas;
    this.draw();
  }

  get size(): { width: number; height: number } {
    return { width: this.image?.naturalWidth || 1, height: this.image?.naturalHeight || 1 };
  }

  choose(tool: MarkTool, fromKeyboard: boolean): void {
    this.tool = tool;
    // A keyboard has nothing to drag with: the mark starts in the middle, to be moved with the arrows.
    if (fromKeyboard) {
      const { width, height } = this.size;
      const length = Math.max(width, height) * KEY_MARK;
      const center: Point = [width / 2, height / 2];
      this.add(
        tool === 'circle'
          ? { shape: 'circle', center, radius: length / 2 }
          : { shape: 'arrow', from: [center[0] - length, center[1] + length], to: center },
      );
      this.canvas?.focus();
    }
    this.host.requestUpdate();
  }

  undo(): void {
    this.marks = this.marks.slice(0, -1);
    this.changed();
  }

  readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    this.dragFrom = this.pointOf(event);
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
  };

  readonly onPointerMove = (event: PointerEvent): void => {
    if (!this.dragFrom) return;
    this.preview = this.markBetween(this.dragFrom, this.pointOf(event));
    this.draw();
  };

  readonly onPointerUp = (event: PointerEvent): void => {
    if (!this.dragFrom) return;
    const mark = this.markBetween(this.dragFrom, this.pointOf(event));
    this.dragFrom = undefined;
    this.preview = undefined;
    // A click without a drag draws nothing.
    if (mark.shape === 'circle' ? mark.radius > 4 : Math.hypot(mark.to[0] - mark.from[0], mark.to[1] - mark.from[1]) > 4)
      this.add(mark);
    else this.draw();
  };

  /** Arrow keys move the last mark; with Shift they resize it. */
  readonly onKeyDown = (event: KeyboardEvent): void => {
    const direction = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    const last = this.marks.at(-1);
    if (!direction || !last) return;
    event.preventDefault();
    const step = Math.max(this.size.width, this.size.height) * KEY_STEP;
    const [dx, dy] = [direction[0]! * step, direction[1]! * step];
    const moved: SnapshotMark =
      last.shape === 'circle'
        ? event.shiftKey
          ? { ...last, radius: Math.round(Math.max(step, last.radius + (dx || -dy))) }
          : { ...last, center: this.clamp([last.center[0] + dx, last.center[1] + dy]) }
        : event.shiftKey
          ? { ...last, from: this.clamp([last.from[0] - dx, last.from[1] - dy]) }
          : {
              ...last,
              from: this.clamp([last.from[0] + dx, last.from[1] + dy]),
              to: this.clamp([last.to[0] + dx, last.to[1] + dy]),
            };
    this.marks = [...this.marks.slice(0, -1), moved];
    this.changed();
  };

  private add(mark: SnapshotMark): void {
    this.marks = [...this.marks, mark];
    this.changed();
  }

  private changed(): void {
    this.draw();
    this.host.requestUpdate();
  }

  private markBetween(from: Point, to: Point): SnapshotMark {
    if (this.tool === 'circle') {
      const radius = Math.hypot(to[0] - from[0], to[1] - from[1]);
      return {
        shape: 'circle',
        center: from,
        radius: Math.round(Math.max(1, Math.min(radius, Math.max(this.size.width, this.size.height)))),
      };
    }
    return { shape: 'arrow', from, to };
  }

  /** A pointer position in the still's pixels. */
  private pointOf(event: PointerEvent): Point {
    const box = (event.currentTarget as Element).getBoundingClientRect();
    const { width, height } = this.size;
    return this.clamp([((event.clientX - box.left) / box.width) * width, ((event.clientY - box.top) / box.height) * height]);
  }

  private clamp([x, y]: Point): Point {
    const { width, height } = this.size;
    return [Math.round(Math.min(width, Math.max(0, x))), Math.round(Math.min(height, Math.max(0, y)))];
  }

  private draw(): void {
    const { canvas, image } = this;
    if (!canvas || !image?.complete || !image.naturalWidth) return;
    const { width, height } = this.size;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    drawMarks(context, this.preview ? [...this.marks, this.preview] : this.marks, width, height);
  }
}
