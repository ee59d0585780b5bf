/** A yes/no question to the officer, one at a time: the screen shows the one waiting, and each ask is answered once. */

/** The question waiting for an answer, as the screen shows it. */
export interface Question<What> {
  what: What;
  answer(go: boolean): void;
}

/**
 * Asks through `show` (the screen's setter: a question to show, or undefined once it is answered). Asking again
 * while a question still waits answers that one as cancelled (false), so whoever asked it is never left waiting.
 * @example
 * const ask = oneQuestion<'move'>(setAsking);
 * const first = ask('move'); ask('move'); // first resolves to false; the second question is shown
 */
export function oneQuestion<What>(show: (question: Question<What> | undefined) => void): (what: What) => Promise<boolean> {
  let waiting: Question<What> | undefined;
  return (what) => {
    waiting?.answer(false);
    return new Promise((resolve) => {
      const question: Question<What> = {
        what,
        answer(go) {
          if (waiting !== question) return;
          waiting = undefined;
          show(undefined);
          resolve(go);
        },
      };
      waiting = question;
      show(question);
    });
  };
}
