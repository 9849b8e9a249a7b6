/** The vertical splitter between the message grid and the detail pane: drag or arrow keys resize the detail pane. */
import { h } from './dom';

const MIN_DETAIL = 220;
const MIN_LIST = 240;
const KEY_STEP = 24;

export function createSplitter(container: HTMLElement, detail: HTMLElement, onWidth: (px: number) => void): HTMLElement {
  const splitter = h('div', { className: 'splitter', attrs: { role: 'separator', 'aria-orientation': 'vertical', 'aria-label': 'Resize the detail pane', tabindex: 0 } });
  const setWidth = (w: number) => {
    const max = Math.max(MIN_DETAIL + 40, container.clientWidth - MIN_LIST);
    const width = Math.round(Math.max(MIN_DETAIL, Math.min(max, w)));
    detail.style.width = `${width}px`;
    onWidth(width);
  };
  splitter.addEventListener('pointerdown', e => {
    e.preventDefault();
    splitter.setPointerCapture(e.pointerId);
    const startX = e.clientX, startW = detail.offsetWidth;
    const move = (ev: PointerEvent) => setWidth(startW - (ev.clientX - startX));
    const up = () => { splitter.removeEventListener('pointermove', move); splitter.removeEventListener('pointerup', up); };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up);
  });
  splitter.addEventListener('keydown', e => {
    if (e.key === 'ArrowLeft') { e.preventDefault(); setWidth(detail.offsetWidth + KEY_STEP); }
    else if (e.key === 'ArrowRight') { e.preventDefault(); setWidth(detail.offsetWidth - KEY_STEP); }
  });
  return splitter;
}
