"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * The page header, stuck to the top while the page scrolls. It publishes its own height as
 * --sticky-header-height on <html>, which globals.css turns into scroll-padding-top: without
 * it the skip link's jump to #main, and the browser scrolling a focused control into view,
 * put the control (and its focus ring) under this header, where a keyboard user cannot see
 * it. Its height is measured rather than written down because it changes with the width
 * (one row on a phone, two or three between 640 px and the desktop) and the text size.
 */
export function StickyHeader({ children }: { children: ReactNode }) {
  const header = useRef<HTMLElement>(null);

  useEffect(() => {
    const element = header.current;
    if (!element) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty("--sticky-header-height", `${element.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--sticky-header-height");
    };
  }, []);

  return (
    <header ref={header} className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      {children}
    </header>
  );
}
