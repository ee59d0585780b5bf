/**
 * The outlet of a frame: a fresh Suspense boundary per screen, so a screen
 * that suspends (for anything it waits on while drawing) blanks only itself,
 * and moving to it takes the old screen down at once. (Moves are not
 * transitions — App.tsx — which would keep the old screen up, taking clicks
 * and typing meant for the new one, until the new one could draw. Screens
 * loading their code do not suspend: App.tsx's screen() draws them empty
 * until it comes.)
 */
import { Suspense } from 'react';
import { Outlet, useMatches } from 'react-router';

export function ScreenOutlet({
  depth,
  context,
}: {
  /** The routes above the screen (the shell is 1). */ depth: number;
  context?: unknown;
}) {
  const screen = useMatches()[depth]?.id;
  return (
    <Suspense key={screen} fallback={null}>
      <Outlet context={context} />
    </Suspense>
  );
}
