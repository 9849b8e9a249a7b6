/** Races a promise against a timer; the timer never keeps the process alive. */
export function withDeadline<T>(promise: Promise<T>, ms: number, failure: () => string | Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { const f = failure(); reject(typeof f === 'string' ? new Error(f) : f); }, ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const delay = (ms: number, signal?: AbortSignal): Promise<void> => new Promise((resolve, reject) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); reject(new Error('cancelled')); }, { once: true });
});
