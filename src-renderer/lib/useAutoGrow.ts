import { useLayoutEffect, useRef } from 'react';

/** A text box that grows with what is typed: its height follows its content each time `text` changes. */
export function useAutoGrow(text: string) {
  const box = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);
  return box;
}
