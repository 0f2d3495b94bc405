import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface PopoverProps {
  /** The button that opened it: the popover sits under it, and focus goes back to it on close. */
  anchor: HTMLElement;
  labelledBy: string;
  onClose: () => void;
  testId?: string;
  children: ReactNode;
}

const WIDTH = 560;
const MARGIN = 8;

/**
 * A non-modal dialog under its anchor. Focus moves into it on open; Escape and the close button
 * return focus to the anchor; a click elsewhere closes it without moving focus.
 */
export function Popover({ anchor, labelledBy, onClose, testId, children }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const place = () => {
      const rect = anchor.getBoundingClientRect();
      const width = Math.min(WIDTH, window.innerWidth - 2 * MARGIN);
      const left = Math.max(MARGIN, Math.min(rect.left, window.innerWidth - width - MARGIN));
      setPosition({ top: rect.bottom + 6, left });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor]);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Handled here, so the flow drawer (which also closes on Escape) stays open.
      event.preventDefault();
      onClose();
      anchor.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!target || ref.current?.contains(target) || anchor.contains(target)) return;
      onClose();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [anchor, onClose]);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-labelledby={labelledBy}
      tabIndex={-1}
      className="dp-popover"
      data-testid={testId}
      style={position ? { top: position.top, left: position.left, maxHeight: `calc(100vh - ${position.top + 12}px)` } : { visibility: 'hidden' }}
    >
      <button
        type="button"
        className="icon-button dp-popover-close"
        aria-label="Close explanation"
        title="Close (Esc)"
        onClick={() => {
          onClose();
          anchor.focus();
        }}
      >
        ×
      </button>
      {children}
    </div>
  );
}
