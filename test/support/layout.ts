// What a person actually sees of a layout: how much of a video's picture is on screen (not cut by
// object-fit, its box, a scrolling ancestor or the viewport, and not under another element), and
// whether one box covers another.

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const area = (box: Box) => Math.max(0, box.right - box.left) * Math.max(0, box.bottom - box.top);

function intersect(a: Box, b: Box): Box {
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

/** Whether two elements' boxes overlap by more than a pixel's rounding. */
export function overlaps(a: Element, b: Element): boolean {
  return area(intersect(a.getBoundingClientRect(), b.getBoundingClientRect())) > 1;
}

/** The picture's own rectangle as object-fit places it in the element's box (centred, the default position). */
function pictureBox(video: HTMLVideoElement): Box | undefined {
  const box = video.getBoundingClientRect();
  const { videoWidth, videoHeight } = video;
  if (!videoWidth || !videoHeight || !box.width || !box.height) return undefined;
  const fit = getComputedStyle(video).objectFit;
  const contain = Math.min(box.width / videoWidth, box.height / videoHeight);
  const scales: Record<string, [number, number]> = {
    fill: [box.width / videoWidth, box.height / videoHeight],
    contain: [contain, contain],
    cover: Array(2).fill(Math.max(box.width / videoWidth, box.height / videoHeight)) as [number, number],
    none: [1, 1],
    'scale-down': [Math.min(1, contain), Math.min(1, contain)],
  };
  const [scaleX, scaleY] = scales[fit] ?? scales.fill!;
  const width = videoWidth * scaleX;
  const height = videoHeight * scaleY;
  const left = box.left + (box.width - width) / 2;
  const top = box.top + (box.height - height) / 2;
  return { left, top, right: left + width, bottom: top + height };
}

/** Every box that clips the element: its own, each ancestor whose overflow is not visible (across shadow roots), the viewport. */
function clipBoxes(element: Element): Box[] {
  const view = element.ownerDocument.defaultView!;
  const boxes: Box[] = [element.getBoundingClientRect(), { left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight }];
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof view.Element && getComputedStyle(node).overflow !== 'visible') boxes.push(node.getBoundingClientRect());
    node = node instanceof view.ShadowRoot ? node.host : node.parentNode;
  }
  return boxes;
}

/**
 * The share of the video's picture a person sees, 0 to 1: what object-fit leaves in the box, what
 * clipping ancestors and the viewport leave of that, less what `covers` (a self-view, say) hide.
 */
export function visiblePictureFraction(video: HTMLVideoElement, covers: readonly Element[] = []): number {
  const picture = pictureBox(video);
  if (!picture) return 0;
  const shown = clipBoxes(video).reduce(intersect, picture);
  const hidden = covers.reduce((sum, cover) => sum + area(intersect(shown, cover.getBoundingClientRect())), 0);
  return Math.max(0, area(shown) - hidden) / area(picture);
}

/**
 * Whether the element is wholly inside its window and no scrolling ancestor cuts any of it. Edges
 * within half a pixel count as inside: a fractional scroll position is not a cut anyone sees.
 */
export function whollyVisible(element: Element): boolean {
  const own = element.getBoundingClientRect();
  const grown = (clip: Box): Box => ({
    left: clip.left - 0.5,
    top: clip.top - 0.5,
    right: clip.right + 0.5,
    bottom: clip.bottom + 0.5,
  });
  return clipBoxes(element).every((clip) => area(intersect(own, grown(clip))) >= area(own) - 1);
}
