/**
 * 発表 (presentation mode): one slide at a time on a 16:9 stage filling the
 * screen, read live from the database. Keys as in presentation software:
 * → Space PageDown next, ← PageUp Backspace back, Home End, B (or .) black,
 * a number then Enter to jump, Esc to leave. The slide number and a clock sit
 * in a corner; the slides either side are read ahead so moving is instant.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useApi } from '@renderer/api/hooks';
import { PathOnScreen, useMover } from '@renderer/components/Navigation';
import type { ShownDeckSlide } from '@shared/contract/deck';
import { ScaledStage, SlideContent } from './SlideStage';
import './deck.css';

function clockText(now: Date): string {
  return `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
}

function useClock(): string {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 10_000);
    return () => window.clearInterval(timer);
  }, []);
  return clockText(now);
}

export function PresentPage() {
  const { deckId } = useParams();
  const id = Number(deckId);
  const [search] = useSearchParams();
  const start = Number(search.get('slide') ?? '1') - 1;
  const { client } = useApi();
  const mover = useMover();
  const [index, setIndex] = useState(Math.max(start, 0));
  // The slide's part: a long table's slide goes on in 「（続き）」 slides (SlideContent); negative counts from the last.
  const [part, setPart] = useState(0);
  const [parts, setParts] = useState(1);
  const [slides, setSlides] = useState<Map<number, ShownDeckSlide>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [black, setBlack] = useState(false);
  const [typed, setTyped] = useState('');
  const asked = useRef(new Set<number>());
  const clock = useClock();
  const count = slides.get(index)?.count ?? [...slides.values()][0]?.count ?? 0;

  const fetchSlide = useCallback(
    (i: number) => {
      if (i < 0 || asked.current.has(i) || (count > 0 && i >= count)) return;
      asked.current.add(i);
      client.call('deck.slide', { id, index: i }).then(
        (shown) => setSlides((m) => new Map(m).set(i, shown)),
        (e: unknown) => {
          asked.current.delete(i);
          if (i === index) setError(e instanceof Error ? e.message : String(e));
        },
      );
    },
    [client, id, count, index],
  );

  // The slide shown first; its neighbours once the deck's length is known (a one-slide deck has none to ask for).
  useEffect(() => {
    fetchSlide(index);
    if (count === 0) return;
    fetchSlide(index + 1);
    fetchSlide(index - 1);
  }, [index, fetchSlide, count]);

  const leave = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    mover.go(`/report/decks/${id}`);
  }, [mover, id]);

  useEffect(() => {
    // Leaving full screen (the browser takes Esc itself there) leaves the presentation.
    const onChange = () => {
      if (!document.fullscreenElement) leave();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [leave]);

  useEffect(() => {
    const go = (i: number, at = 0) => {
      setBlack(false);
      const to = Math.min(Math.max(i, 0), Math.max(count - 1, 0));
      // Past the first or the last slide: stay where the presenter is, on the part shown.
      if (to !== i && to === index) return;
      if (to !== index) setParts(1);
      setIndex(to);
      setPart(to === i ? at : 0);
    };
    const shownPart = part < 0 ? parts + part : part;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key;
      if (/^[0-9]$/.test(key)) {
        setTyped((t) => (t + key).slice(-3));
      } else if (key === 'Enter' && typed) {
        go(Number(typed) - 1);
        setTyped('');
      } else if (key === 'ArrowRight' || key === ' ' || key === 'PageDown' || key === 'ArrowDown' || key === 'Enter') {
        if (shownPart + 1 < parts) setPart(shownPart + 1);
        else go(index + 1);
      } else if (key === 'ArrowLeft' || key === 'PageUp' || key === 'ArrowUp' || key === 'Backspace') {
        if (shownPart > 0) setPart(shownPart - 1);
        else go(index - 1, -1);
      } else if (key === 'Home') {
        go(0);
      } else if (key === 'End') {
        // The last slide's last 「（続き）」 part, also from one of its earlier parts.
        go(count - 1, -1);
      } else if (key === 'b' || key === 'B' || key === '.') {
        setBlack((b) => !b);
      } else if (key === 'Escape') {
        if (typed) setTyped('');
        else leave();
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, count, typed, leave, part, parts]);

  const current = slides.get(index);
  return (
    <div className="present" data-testid="present" aria-live="polite">
      <PathOnScreen />
      <ScaledStage className="present__stage">
        {current ? (
          <SlideContent slide={current.slide} part={part} onParts={setParts} />
        ) : (
          <div className="slide slide--waiting">{error ?? '読み込み中…'}</div>
        )}
      </ScaledStage>
      {black && <div className="present__black" data-testid="present-black" />}
      <div className="present__status" aria-hidden={black}>
        {typed && (
          <span className="present__typed" data-testid="present-typed">
            {typed} → Enter
          </span>
        )}
        <span data-testid="present-number">
          {index + 1} / {count || '…'}
        </span>
        <span data-testid="present-clock">{clock}</span>
      </div>
    </div>
  );
}
