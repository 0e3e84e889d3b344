import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// `findBy…` and `waitFor` wait up to 5 s rather than 1 s: the whole app rendering in jsdom can take more
// than a second on a machine shared with other work; a wait that ends sooner still ends at once.
configure({ asyncUtilTimeout: 5000 });

// React Flow in jsdom needs three stand-ins for layout (see TOOLCHAIN.md), or
// nodes stay hidden and edges never render.

/** A ResizeObserver that reports once, asynchronously, like the browser's. */
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const contentRect = { x: 0, y: 0, top: 0, left: 0, width: 200, height: 80, right: 200, bottom: 80 } as DOMRectReadOnly;
    const size = [{ inlineSize: 200, blockSize: 80 }];
    const entry = { target, contentRect, borderBoxSize: size, contentBoxSize: size, devicePixelContentBoxSize: size };
    setTimeout(() => this.callback([entry as unknown as ResizeObserverEntry], this as unknown as ResizeObserver), 0);
  }
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;

Object.defineProperties(HTMLElement.prototype, {
  offsetWidth: { configurable: true, get: () => 200 },
  offsetHeight: { configurable: true, get: () => 80 },
});

/** Enough of DOMMatrixReadOnly for React Flow to read the zoom out of `scale(…)`. */
class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}
globalThis.DOMMatrixReadOnly = DOMMatrixReadOnlyStub as unknown as typeof DOMMatrixReadOnly;

// jsdom has no layout: elementFromPoint does not exist there.
if (!document.elementFromPoint) document.elementFromPoint = () => null;
