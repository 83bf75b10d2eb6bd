/**
 * Drag and drop settings shared by the calendar and the grid: a mouse or touch drag starts after a few
 * pixels (so a click still opens the post), and from the keyboard the arrow keys jump from one drop target
 * to the next one in that direction (dnd-kit's default moves 25 px at a time, which lands between slots).
 */
import { closestCenter, KeyboardSensor, PointerSensor, pointerWithin, useSensor, useSensors } from '@dnd-kit/core';
import type { CollisionDetection, KeyboardCoordinateGetter } from '@dnd-kit/core';

const DIRECTIONS: Record<string, { x: number; y: number } | undefined> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

const centre = (rect: { left: number; top: number; width: number; height: number }) => ({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });

/**
 * The nearest enabled drop target whose centre lies in the arrow's direction from the one the item is over
 * (along it first, then across); the dragged item's centre moves onto it.
 */
export const jumpToNextTarget: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const direction = DIRECTIONS[event.code];
  const dragged = context.collisionRect;
  if (!direction || !dragged) return undefined;
  event.preventDefault();
  const overRect = context.over ? context.droppableRects.get(context.over.id) : undefined;
  const from = centre(overRect ?? dragged);
  let best: { rect: { left: number; top: number; width: number; height: number }; score: number } | null = null;
  for (const container of context.droppableContainers.getEnabled()) {
    const rect = context.droppableRects.get(container.id);
    if (!rect || container.id === context.over?.id) continue;
    const to = centre(rect);
    const along = (to.x - from.x) * direction.x + (to.y - from.y) * direction.y;
    if (along < 1) continue;
    const across = Math.abs((to.x - from.x) * direction.y + (to.y - from.y) * direction.x);
    // Staying in the same row or column matters more than being close.
    const score = along + across * 4;
    if (!best || score < best.score) best = { rect, score };
  }
  if (!best) return currentCoordinates;
  const to = centre(best.rect);
  const now = centre(dragged);
  return { x: currentCoordinates.x + to.x - now.x, y: currentCoordinates.y + to.y - now.y };
};

/** The target under the pointer; from the keyboard (no pointer), the one nearest the dragged item's centre. */
export const pointerOrCentre: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : closestCenter(args);
};

export function useDragSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpToNextTarget }),
  );
}

export const KEYBOARD_INSTRUCTIONS =
  'To move a post, press Space or Enter, use the arrow keys to choose where it goes, then press Space or Enter to drop it there. Escape cancels.';
